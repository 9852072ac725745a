import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { big, exportLinesXlsx, isBlank, unitNameOf, type EditLine } from '@/components/document'
import { formatDecimal } from '@/utils/money'
import { PURCHASE_KINDS } from '../kinds'
import { X, ex, moneyOf } from '../logic'
import type { PurchaseKind } from '../types'

// The print layout and the Excel export of a purchasing editor. Prices and amounts only with `canPrice`:
// a user who may not see purchase prices must not get them on paper or in a file either.

export interface PurchasePrintOptions {
  kind: PurchaseKind
  header: { business_date: string; buyer_id: number | null; expected_date: string; paid_amount: string; remark: string }
  lines: Ref<EditLine[]>
  supplierName: Ref<string>
  warehouseName: Ref<string>
  accountName: Ref<string>
  buyerOptions: Ref<{ id: number; name: string }[]>
  canPrice: Ref<boolean>
  /** the export's file name: the document number, or the title of a new one */
  fileName: () => string
}

export function usePurchasePrint(o: PurchasePrintOptions) {
  const { t } = useI18n()
  const def = PURCHASE_KINDS[o.kind]
  const h = o.header
  const money = (s: string | null | undefined) => (s ? formatDecimal(s, 2) : '')
  const filled = computed(() => o.lines.value.filter((l) => !isBlank(l)))

  const printFields = computed(() => {
    const f = [
      { label: t('pur.field.businessDate'), value: h.business_date },
      { label: t('pur.field.supplier'), value: o.supplierName.value },
      { label: t('invDoc.field.warehouse'), value: o.warehouseName.value },
    ]
    const buyer = o.buyerOptions.value.find((b) => b.id === h.buyer_id)
    if (buyer) f.push({ label: t('pur.field.buyer'), value: buyer.name })
    if (o.kind === 'order' && h.expected_date) f.push({ label: t('pur.field.expectedDate'), value: h.expected_date })
    if (def.payment && o.canPrice.value && big(h.paid_amount)?.gt(0))
      f.push({ label: t(`pur.field.paid_${o.kind}`), value: `${money(h.paid_amount)} (${o.accountName.value})` })
    if (h.remark) f.push({ label: t('invDoc.field.remark'), value: h.remark })
    return f
  })
  const printColumns = computed(() => {
    const c: { label: string; key: string; align?: 'left' | 'right' | 'center' }[] = [
      { label: t('invDoc.line.code'), key: 'code' },
      { label: t('invDoc.line.name'), key: 'name' },
      { label: t('invDoc.line.spec'), key: 'spec' },
      { label: t('invDoc.line.unit'), key: 'unit', align: 'center' },
      { label: t('invDoc.line.qty'), key: 'qty', align: 'right' },
    ]
    if (o.kind === 'receipt') c.push({ label: t('pur.line.rejected'), key: 'rejected', align: 'right' })
    c.push({ label: t('invDoc.line.lot'), key: 'lot' })
    if (o.canPrice.value)
      c.push(
        { label: t('pur.line.price'), key: 'price', align: 'right' },
        { label: t('pur.line.amount'), key: 'amount', align: 'right' },
        { label: t('pur.line.taxRate'), key: 'taxRate', align: 'right' },
        { label: t('pur.line.tax'), key: 'tax', align: 'right' },
        { label: t('pur.line.total'), key: 'total', align: 'right' },
      )
    c.push({ label: t('invDoc.line.remark'), key: 'remark' })
    return c
  })
  const printRows = computed(() =>
    filled.value.map((l) => {
      const m = moneyOf(l)
      return {
        code: l.sku_code,
        name: l.product_name + (l.attributes_text ? ` ${l.attributes_text}` : ''),
        spec: l.spec,
        unit: unitNameOf(l),
        qty: l.qty,
        rejected: ex(l, X.rejected),
        lot: [l.lot_no, l.expiry_date].filter(Boolean).join(' / '),
        price: ex(l, X.price),
        amount: money(m?.amount),
        taxRate: ex(l, X.taxRate) ? `${ex(l, X.taxRate)}%` : '',
        tax: money(m?.tax_amount),
        total: money(m?.total),
        remark: l.remark,
      }
    }),
  )

  function doExport() {
    const num = (s: string | undefined) => (s && big(s) ? { number: big(s)!.toString() } : (s ?? ''))
    const cols = [
      { label: t('invDoc.line.code'), value: (l: EditLine) => l.sku_code, width: 16 },
      { label: t('invDoc.line.name'), value: (l: EditLine) => l.product_name, width: 24 },
      { label: t('invDoc.line.spec'), value: (l: EditLine) => l.spec },
      { label: t('invDoc.line.unit'), value: (l: EditLine) => unitNameOf(l), width: 8 },
      { label: t('invDoc.line.qty'), value: (l: EditLine) => num(l.qty), width: 10 },
    ]
    if (o.kind === 'receipt') cols.push({ label: t('pur.line.rejected'), value: (l: EditLine) => num(ex(l, X.rejected)), width: 10 })
    cols.push({ label: t('invDoc.line.lot'), value: (l: EditLine) => l.lot_no, width: 14 })
    if (o.canPrice.value)
      cols.push(
        { label: t('pur.line.price'), value: (l: EditLine) => num(ex(l, X.price)), width: 12 },
        { label: t('pur.line.discount'), value: (l: EditLine) => num(ex(l, X.discount)), width: 10 },
        { label: t('pur.line.amount'), value: (l: EditLine) => num(moneyOf(l)?.amount), width: 12 },
        { label: t('pur.line.taxRate'), value: (l: EditLine) => num(ex(l, X.taxRate)), width: 10 },
        { label: t('pur.line.tax'), value: (l: EditLine) => num(moneyOf(l)?.tax_amount), width: 12 },
        { label: t('pur.line.total'), value: (l: EditLine) => num(moneyOf(l)?.total), width: 12 },
      )
    cols.push({ label: t('invDoc.line.remark'), value: (l: EditLine) => l.remark, width: 20 })
    exportLinesXlsx(o.fileName(), t('pur.export.sheet'), cols, filled.value)
  }

  return { printFields, printColumns, printRows, doExport }
}
