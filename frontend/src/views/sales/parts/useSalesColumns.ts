import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import Big from 'big.js'
import type { EditLine, ExtraColumn, LineColumnKey } from '@/components/document'
import { decOk, ex } from '@/components/document/lineMath'
import { formatDecimal, formatUnitPrice, isNegative } from '@/utils/money'
import { X, anyTaxed, isBelowMin, moneyOf, priceIsAuto, signedDocAmount, specAddsInfo } from '../logic'
import type { SalesDocRead, SalesKind } from '../types'

export interface SalesColumnsInput {
  kind: SalesKind
  /** an outbound kind (order, delivery): 可用库存 is worth showing while editing */
  outbound: boolean
  lines: Ref<EditLine[]>
  readonly: Ref<boolean>
  doc: Ref<SalesDocRead | null>
  /** cost and profit arrived from the server (cost.view) */
  showCost: Ref<boolean>
}

/** where a default price came from (价目表, 等级价, 上次售价 with its document, 批发价, 零售价) */
const SOURCES = ['price_list', 'level', 'last', 'retail', 'wholesale']

/**
 * The line grid's columns of a sales editor. Columns that would mostly be empty (规格, 税额, 价格检查) come only
 * when a line needs them, so the grid fits 1440px; 已出库/未出库, 已退货 only once the document is past draft.
 */
export function useSalesColumns(o: SalesColumnsInput) {
  const { t } = useI18n()
  const { kind, lines, readonly, doc, showCost } = o

  const columns = computed<LineColumnKey[]>(() => {
    // 规格 only when it says more than the product names (the demo names carry it): keeps the grid within 1440px
    const c: LineColumnKey[] = ['code', 'product', ...(specAddsInfo(lines.value) ? (['spec'] as const) : []), 'unit']
    if (o.outbound && !readonly.value) c.push('available')
    c.push('qty')
    if (kind !== 'order') c.push('lot')
    c.push('remark')
    return c
  })
  const money = (s: string | null | undefined) => (s ? formatDecimal(s, 2) : '')
  /** a return's profit is a reduction of profit: shown negative (the server stores its magnitude) */
  const profitOf = (s: string | null | undefined) => (kind === 'return' ? signedDocAmount('return', s) : (s ?? ''))
  const invalidDec = (dp: number, max?: number) => (l: EditLine, k: string) => {
    const v = ex(l, k).trim()
    return v !== '' && (!decOk(v, dp) || (max !== undefined && new Big(v).gt(max)))
  }
  function sourceHint(l: EditLine): string {
    const src = ex(l, X.priceSource)
    if (!SOURCES.includes(src) || !priceIsAuto(l)) return ''
    const last = ex(l, X.lastNumber)
    return src === 'last' && last ? `${t('sal.source.last')} ${last}` : t(`sal.source.${src}`)
  }
  const extraColumns = computed<ExtraColumn[]>(() => {
    const out: ExtraColumn[] = []
    if (kind !== 'order')
      out.push({ key: X.sourceNumber, title: t(kind === 'delivery' ? 'sal.line.sourceOrder' : 'sal.line.sourceDelivery'), width: 150, align: 'left', text: (l) => ex(l, X.sourceNumber) })
    if (kind !== 'order' && !readonly.value)
      out.push({ key: X.remaining, title: t(kind === 'delivery' ? 'sal.line.notDelivered' : 'sal.line.returnable'), width: 80, text: (l) => ex(l, X.remaining) })
    if (kind === 'order' && doc.value && doc.value.status !== 'draft') {
      out.push({ key: X.done, title: t('sal.line.delivered'), width: 72, text: (l) => ex(l, X.done) })
      out.push({ key: X.remaining, title: t('sal.line.notDelivered'), width: 72, text: (l) => ex(l, X.remaining) })
    }
    if (kind === 'delivery' && doc.value && doc.value.status !== 'draft') out.push({ key: X.done, title: t('sal.line.returned'), width: 72, text: (l) => ex(l, X.done) })
    out.push(
      { key: X.price, title: t('sal.line.price'), width: 84, input: true, invalid: (l) => invalidDec(6)(l, X.price), text: (l) => formatUnitPrice(ex(l, X.price)) },
      { key: X.discount, title: t('sal.line.discount'), width: 54, input: true, invalid: (l) => invalidDec(2, 100)(l, X.discount) },
      { key: X.taxRate, title: t('sal.line.taxRate'), width: 54, input: true, invalid: (l) => invalidDec(2, 100)(l, X.taxRate) },
      { key: 'total', title: t('sal.line.total'), width: 92, text: (l) => money(moneyOf(l)?.total) },
    )
    // 税额 only when some line is taxed (the document's tax stays in the footer); 价格检查 only when a price is
    // below its minimum — the grid fits 1440px with its main columns and 备注
    if (anyTaxed(lines.value)) out.push({ key: 'tax', title: t('sal.line.tax'), width: 76, text: (l) => money(moneyOf(l)?.tax_amount) })
    out.push({ key: X.promo, title: t('sal.line.promotionSource'), width: 112, align: 'left', text: (l) => ex(l, X.promo) || sourceHint(l), cellClass: (l) => (ex(l, X.promo) ? 'sal-promo' : 'sal-source') })
    if (lines.value.some(isBelowMin))
      out.push({
        key: X.belowMin,
        title: t('sal.line.priceCheck'),
        width: 80,
        align: 'center',
        text: (l) => (isBelowMin(l) ? t('sal.line.belowMin') : ''),
        cellClass: (l) => (isBelowMin(l) ? 'sal-below-min' : ''),
      })
    if (showCost.value)
      out.push(
        { key: X.cost, title: t('sal.line.cost'), width: 90, text: (l) => money(ex(l, X.cost)) },
        { key: X.profit, title: t(kind === 'return' ? 'sal.line.profitReturn' : 'sal.line.profit'), width: 90, text: (l) => money(profitOf(ex(l, X.profit))), cellClass: (l) => (isNegative(profitOf(ex(l, X.profit))) ? 'sal-neg' : '') },
      )
    return out
  })

  return { columns, extraColumns, profitOf }
}
