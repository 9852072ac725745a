import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { exportLinesXlsx, unitNameOf, type EditLine } from '@/components/document'
import { big, ex } from '@/components/document/lineMath'
import { formatDecimal } from '@/utils/money'
import { X, moneyOf } from '../logic'
import type { SalesKind } from '../types'

export interface SalesPrintOptions {
  kind: SalesKind
  header: { business_date: string; expected_date: string; paid_amount: string; remark: string }
  /** the filled lines */
  lines: Ref<EditLine[]>
  /** display names of the header's ids, as the editor shows them */
  names: Record<'customer' | 'warehouse' | 'account' | 'channel' | 'salesperson', Ref<string>>
  /** cost and profit only for users the server sent them to (cost.view) */
  showCost: Ref<boolean>
  sheetName: () => string
}

/** What a sales document prints (header fields, columns, rows) and exports to Excel. */
export function useSalesPrint(o: SalesPrintOptions) {
  const { t } = useI18n()
  const { header, names } = o
  const money = (s: string | null | undefined) => (s ? formatDecimal(s, 2) : '')

  const printFields = computed(() => {
    const f = [
      { label: t('sal.field.businessDate'), value: header.business_date },
      { label: t('sal.field.customer'), value: names.customer.value },
      { label: t('invDoc.field.warehouse'), value: names.warehouse.value },
    ]
    if (names.channel.value) f.push({ label: t('sal.field.channel'), value: names.channel.value })
    if (names.salesperson.value) f.push({ label: t('sal.field.salesperson'), value: names.salesperson.value })
    if (o.kind === 'order' && header.expected_date) f.push({ label: t('sal.field.expectedDate'), value: header.expected_date })
    if (big(header.paid_amount)?.gt(0)) f.push({ label: t(`sal.field.paid_${o.kind}`), value: `${money(header.paid_amount)} (${names.account.value})` })
    if (header.remark) f.push({ label: t('invDoc.field.remark'), value: header.remark })
    return f
  })
  const printColumns = computed(() => [
    { label: t('invDoc.line.code'), key: 'code' },
    { label: t('invDoc.line.name'), key: 'name' },
    { label: t('invDoc.line.spec'), key: 'spec' },
    { label: t('invDoc.line.unit'), key: 'unit', align: 'center' as const },
    { label: t('invDoc.line.qty'), key: 'qty', align: 'right' as const },
    { label: t('sal.line.price'), key: 'price', align: 'right' as const },
    { label: t('sal.line.discount'), key: 'discount', align: 'right' as const },
    { label: t('sal.line.total'), key: 'total', align: 'right' as const },
    { label: t('sal.line.promotion'), key: 'promo' },
    { label: t('invDoc.line.remark'), key: 'remark' },
  ])
  const printRows = computed(() =>
    o.lines.value.map((l) => ({
      code: l.sku_code,
      name: l.product_name + (l.attributes_text ? ` ${l.attributes_text}` : ''),
      spec: l.spec,
      unit: unitNameOf(l),
      qty: l.qty,
      price: ex(l, X.price),
      discount: ex(l, X.discount) && ex(l, X.discount) !== '0' ? `${ex(l, X.discount)}%` : '',
      total: money(moneyOf(l)?.total),
      promo: ex(l, X.promo),
      remark: [l.lot_no, l.remark].filter(Boolean).join(' '),
    })),
  )

  function doExport() {
    // numbers go to Excel as numbers, so the sheet can sum them
    const num = (s: string | undefined) => (s && big(s) ? { number: big(s)!.toString() } : (s ?? ''))
    const cols = [
      { label: t('invDoc.line.code'), value: (l: EditLine) => l.sku_code, width: 16 },
      { label: t('invDoc.line.name'), value: (l: EditLine) => l.product_name, width: 24 },
      { label: t('invDoc.line.spec'), value: (l: EditLine) => l.spec },
      { label: t('invDoc.line.unit'), value: (l: EditLine) => unitNameOf(l), width: 8 },
      { label: t('invDoc.line.qty'), value: (l: EditLine) => num(l.qty), width: 10 },
      { label: t('invDoc.line.lot'), value: (l: EditLine) => l.lot_no, width: 14 },
      { label: t('sal.line.price'), value: (l: EditLine) => num(ex(l, X.price)), width: 12 },
      { label: t('sal.line.discount'), value: (l: EditLine) => num(ex(l, X.discount)), width: 10 },
      { label: t('sal.line.taxRate'), value: (l: EditLine) => num(ex(l, X.taxRate)), width: 10 },
      { label: t('sal.line.amount'), value: (l: EditLine) => num(moneyOf(l)?.amount), width: 12 },
      { label: t('sal.line.tax'), value: (l: EditLine) => num(moneyOf(l)?.tax_amount), width: 12 },
      { label: t('sal.line.total'), value: (l: EditLine) => num(moneyOf(l)?.total), width: 12 },
      { label: t('sal.line.promotion'), value: (l: EditLine) => ex(l, X.promo), width: 16 },
    ]
    if (o.showCost.value)
      cols.push(
        { label: t('sal.line.cost'), value: (l: EditLine) => num(ex(l, X.cost)), width: 12 },
        { label: t('sal.line.profit'), value: (l: EditLine) => num(ex(l, X.profit)), width: 12 },
      )
    cols.push({ label: t('invDoc.line.remark'), value: (l: EditLine) => l.remark, width: 20 })
    exportLinesXlsx(o.sheetName(), t('sal.export.sheet'), cols, o.lines.value)
  }

  return { printFields, printColumns, printRows, doExport }
}
