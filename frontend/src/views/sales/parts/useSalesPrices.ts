import { watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { isBlank, trimDec, type EditLine } from '@/components/document'
import { big, ex } from '@/components/document/lineMath'
import { salesApi } from '../api'
import { X, priceIsAuto } from '../logic'

export interface SalesPriceOptions {
  header: { customer_id: number | null; business_date: string }
  lines: Ref<EditLine[]>
  readonly: Ref<boolean>
}

/**
 * Prices of a sales editor's lines. A line whose SKU or unit changes (picked, scanned, 选择商品, unit switched)
 * asks for the customer's price and the promotion that applies; a price the user typed is kept unless the SKU
 * itself changed. Lines taken from a source document keep its price. Answers the SKU:unit signature per line
 * key (`rememberSigs` after loading lines, so loaded lines are not re-priced) and `defaultPrice`.
 */
export function useSalesPrices(o: SalesPriceOptions) {
  const { header, lines, readonly } = o
  const { t } = useI18n()
  const hasSource = (l: EditLine) => ex(l, X.sourceLineId) !== ''
  const sigs = new Map<number, string>()
  function rememberSigs() {
    sigs.clear()
    for (const l of lines.value) sigs.set(l.key, `${l.sku_id ?? ''}:${l.unit_id ?? ''}`)
  }
  async function defaultPrice(l: EditLine) {
    if (!l.sku_id || !l.unit_id) return
    const sig = `${l.sku_id}:${l.unit_id}`
    const typed = ex(l, X.price)
    try {
      const d = await salesApi.priceDefault({ customer_id: header.customer_id, sku_id: l.sku_id, unit_id: l.unit_id, date: header.business_date })
      // the line changed again, or the user typed a price meanwhile: keep theirs
      if (`${l.sku_id}:${l.unit_id}` !== sig || ex(l, X.price) !== typed) return
      const promoPrice = d.promotion?.price ?? null
      const price = promoPrice ?? d.price
      const extra: Record<string, string> = {
        ...(l.extra ?? {}),
        [X.listPrice]: trimDec(d.price ?? ''),
        [X.minPrice]: trimDec(d.min_price ?? ''),
        [X.promo]: d.promotion?.text ?? '',
        [X.priceSource]: d.source ?? '',
        [X.lastNumber]: d.last_number ?? '',
        [X.belowMin]: '',
      }
      if (price !== null && price !== undefined) {
        extra[X.price] = trimDec(price)
        extra[X.autoPrice] = trimDec(price)
      }
      l.extra = extra
    } catch {
      /* no default: the user types a price */
    }
  }
  watch(
    () => lines.value.map((l) => `${l.key}=${l.sku_id ?? ''}:${l.unit_id ?? ''}`).join(','),
    () => {
      if (readonly.value) return
      for (const l of lines.value) {
        const sig = `${l.sku_id ?? ''}:${l.unit_id ?? ''}`
        const before = sigs.get(l.key)
        sigs.set(l.key, sig)
        if (before === sig || !l.sku_id) continue
        if (!l.extra) l.extra = {}
        const skuChanged = !before || before.split(':')[0] !== String(l.sku_id)
        if (skuChanged && !hasSource(l)) {
          // a new product: its own price, no stale source, promotion or quantities
          l.extra = { ...l.extra, [X.price]: '', [X.autoPrice]: '', [X.promo]: '', [X.minPrice]: '', [X.belowMin]: '', [X.sourceLineId]: '', [X.sourceNumber]: '', [X.remaining]: '' }
        }
        if (hasSource(l)) continue
        void defaultPrice(l)
      }
    },
  )
  // a price typed over the default drops the promotion shown (the server applies none to a typed price)
  watch(
    () => lines.value.map((l) => `${ex(l, X.price)}|${ex(l, X.autoPrice)}`).join(','),
    () => {
      if (readonly.value) return
      for (const l of lines.value) {
        if (!l.sku_id || hasSource(l) || !ex(l, X.autoPrice)) continue
        if (!priceIsAuto(l) && ex(l, X.promo)) l.extra = { ...(l.extra ?? {}), [X.promo]: '' }
      }
    },
  )
  // 买N送M and other quantity-dependent promotions: the quote for the lines on a default price, as quantities are
  // typed (debounced); the promotion text then says how many units come free.
  let quoteTimer: ReturnType<typeof setTimeout> | null = null
  let quoteSeq = 0
  async function runQuote() {
    const ls = lines.value.filter((l) => !isBlank(l) && !hasSource(l) && l.unit_id && big(l.qty)?.gt(0) && ex(l, X.autoPrice) !== '' && priceIsAuto(l))
    if (!ls.length) return
    const mine = ++quoteSeq
    try {
      const r = await salesApi.quote({
        customer_id: header.customer_id,
        channel: 'sales',
        date: header.business_date || undefined,
        lines: ls.map((l) => ({ sku_id: l.sku_id as number, unit_id: l.unit_id as number, qty: l.qty.trim() })),
      })
      if (mine !== quoteSeq) return
      for (const q of r.lines) {
        const l = ls[q.index]
        if (!l || !priceIsAuto(l)) continue
        const free = big(q.free_qty ?? '')
        const text = [q.promotion_text, free && free.gt(0) ? t('sal.line.freeQty', { n: free.toString() }) : ''].filter(Boolean).join(' ')
        const extra: Record<string, string> = { ...(l.extra ?? {}), [X.promo]: text, [X.minPrice]: trimDec(q.min_price ?? '') }
        if (q.price !== null && q.price !== undefined) {
          extra[X.price] = trimDec(q.price)
          extra[X.autoPrice] = trimDec(q.price)
        }
        l.extra = extra
      }
    } catch {
      /* informational only */
    }
  }
  watch(
    () => `${header.customer_id}|${header.business_date}|` + lines.value.map((l) => `${l.key}:${l.sku_id ?? ''}:${l.unit_id ?? ''}:${l.qty}`).join(','),
    () => {
      if (readonly.value) return
      if (quoteTimer) clearTimeout(quoteTimer)
      quoteTimer = setTimeout(() => void runQuote(), 400)
    },
  )

  return { sigs, rememberSigs, defaultPrice }
}
