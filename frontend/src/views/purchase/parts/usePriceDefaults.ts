import { watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { PartnerRead } from '@/api/types'
import { ensureTrailingBlank, isBlank, trimDec, type EditLine } from '@/components/document'
import { purchaseApi } from '../api'
import { X, ex, hasSource } from '../logic'

// A line whose SKU or unit changes (picked, scanned, 选择商品, unit switched) asks for the supplier's price;
// a price the user typed is kept unless the SKU itself changed. Lines from a source document keep its price.

export interface PriceDefaultsOptions {
  header: { supplier_id: number | null }
  lines: Ref<EditLine[]>
  supplierName: Ref<string>
  readonly: Ref<boolean>
  canPrice: Ref<boolean>
}

export function usePriceDefaults(o: PriceDefaultsOptions) {
  const { t } = useI18n()
  /** SKU:unit per line key, as last seen: a line not in it (or changed) is new to the price defaults */
  const sigs = new Map<number, string>()
  function rememberSigs() {
    sigs.clear()
    for (const l of o.lines.value) sigs.set(l.key, `${l.sku_id ?? ''}:${l.unit_id ?? ''}`)
  }

  async function defaultPrice(l: EditLine) {
    const supplier = o.header.supplier_id
    if (!supplier || !l.sku_id || !l.unit_id) return
    const sig = `${l.sku_id}:${l.unit_id}`
    const typed = ex(l, X.price)
    try {
      const d = await purchaseApi.priceDefault(supplier, l.sku_id, l.unit_id)
      // the line changed again, or the user typed a price meanwhile: keep theirs
      if (`${l.sku_id}:${l.unit_id}` !== sig || ex(l, X.price) !== typed) return
      if (d.price !== undefined && d.price !== null) l.extra = { ...(l.extra ?? {}), [X.price]: trimDec(d.price) }
    } catch {
      /* no default: the user types a price */
    }
  }

  watch(
    () => o.lines.value.map((l) => `${l.key}=${l.sku_id ?? ''}:${l.unit_id ?? ''}`).join(','),
    () => {
      if (o.readonly.value) return
      for (const l of o.lines.value) {
        const sig = `${l.sku_id ?? ''}:${l.unit_id ?? ''}`
        const before = sigs.get(l.key)
        sigs.set(l.key, sig)
        if (before === sig || !l.sku_id) continue
        if (!l.extra) l.extra = {}
        const skuChanged = !before || before.split(':')[0] !== String(l.sku_id)
        if (skuChanged && !hasSource(l)) {
          // a new product: its own price, no stale source or quantities
          l.extra = { ...l.extra, [X.price]: '', [X.sourceLineId]: '', [X.sourceNumber]: '', [X.remaining]: '' }
        }
        if (hasSource(l)) continue
        if (o.canPrice.value) void defaultPrice(l)
      }
    },
  )

  function onSupplier(p: PartnerRead | null) {
    o.supplierName.value = p?.name ?? ''
    // lines picked from another supplier's documents cannot stay
    const picked = o.lines.value.filter((l) => !isBlank(l) && hasSource(l))
    if (picked.length) {
      o.lines.value = o.lines.value.filter((l) => !hasSource(l))
      ensureTrailingBlank(o.lines.value)
      ElMessage.info(t('pur.msg.pickedCleared'))
    }
    if (o.canPrice.value) for (const l of o.lines.value) if (!isBlank(l)) void defaultPrice(l)
  }

  return { sigs, rememberSigs, onSupplier }
}
