// Pure logic of the purchasing screens (tested without a DOM): the line amounts of the contract
// (net price, amount, tax, total — ROUND_HALF_UP per line), totals, line checks and the 选单 fill.
import Big from 'big.js'
import { baseToUnit, big, decOk, ex, savedLine, trimDec } from '@/components/document/lineMath'
import type { EditLine } from '@/components/document/types'
import type { OpenOrderLine, PurchaseDocLineRead, ReceiveStatus, ReturnableLine } from './types'

// generic helpers moved to the shared line math (sales uses them too); re-exported for purchasing's callers
export { baseToUnit, decOk, ex }

/** Keys of the purchase columns in `EditLine.extra`. */
export const X = {
  price: 'price',
  discount: 'discount_rate',
  taxRate: 'tax_rate',
  rejected: 'rejected_qty',
  sourceLineId: 'source_line_id',
  sourceNumber: 'source_number',
  ordered: 'ordered',
  done: 'done',
  remaining: 'remaining',
  serverAmount: 'server_amount',
  serverTax: 'server_tax',
  serverTotal: 'server_total',
} as const

/** A line taken from a source document (选单): its price and quantities come from there. */
export const hasSource = (l: EditLine) => ex(l, X.sourceLineId) !== ''

export interface LineMoney {
  net_price: string
  amount: string
  tax_amount: string
  total: string
}

/**
 * net_price = price × (1 − discount/100) to 6 decimals; amount = qty × net_price to the fen; tax = amount ×
 * rate/100 to the fen; total = amount + tax. Null when the price or quantity is missing or invalid.
 */
export function lineMoney(qty: string, price: string, discountRate = '0', taxRate = '0'): LineMoney | null {
  const q = big(qty)
  const p = big(price)
  if (!q || !p) return null
  const d = big(discountRate || '0') ?? new Big(0)
  const r = big(taxRate || '0') ?? new Big(0)
  const net = p.times(new Big(1).minus(d.div(100))).round(6, Big.roundHalfUp)
  const amount = q.times(net).round(2, Big.roundHalfUp)
  const tax = amount.times(r).div(100).round(2, Big.roundHalfUp)
  return { net_price: net.toString(), amount: amount.toFixed(2), tax_amount: tax.toFixed(2), total: amount.plus(tax).toFixed(2) }
}

/** The money of a grid line: computed from its inputs, else the server's (read-only documents). */
export function moneyOf(l: EditLine): LineMoney | null {
  const m = lineMoney(l.qty, ex(l, X.price), ex(l, X.discount), ex(l, X.taxRate))
  if (m) return m
  if (ex(l, X.serverAmount) === '') return null
  return { net_price: '', amount: ex(l, X.serverAmount), tax_amount: ex(l, X.serverTax), total: ex(l, X.serverTotal) }
}

export interface DocSums {
  qty: string
  rejected: string
  amount: string
  tax: string
  total: string
}

/** Σ of the filled lines: base quantities (accepted, rejected) and money. */
export function docSums(lines: EditLine[]): DocSums {
  let qty = new Big(0)
  let rejected = new Big(0)
  let amount = new Big(0)
  let tax = new Big(0)
  for (const l of lines) {
    if (!l.sku_id) continue
    const ratio = big(l.units.find((u) => u.unit_id === l.unit_id)?.ratio ?? '1') ?? new Big(1)
    const q = big(l.qty)
    if (q) qty = qty.plus(q.times(ratio))
    const rj = big(ex(l, X.rejected))
    if (rj) rejected = rejected.plus(rj.times(ratio))
    const m = moneyOf(l)
    if (m) {
      amount = amount.plus(m.amount)
      tax = tax.plus(m.tax_amount || '0')
    }
  }
  return { qty: qty.toString(), rejected: rejected.toString(), amount: amount.toFixed(2), tax: tax.toFixed(2), total: amount.plus(tax).toFixed(2) }
}

export type PurchaseLineProblem = 'unit' | 'qty' | 'price' | 'discount' | 'tax' | 'rejected' | 'lot'

/** What is wrong with a filled line before it is sent (receipts may accept 0 when some are rejected). */
export function purchaseLineProblem(l: EditLine, kind: 'order' | 'receipt' | 'return', lotRequired: boolean): PurchaseLineProblem | null {
  if (!l.unit_id) return 'unit'
  const q = big(l.qty)
  const rj = kind === 'receipt' ? big(ex(l, X.rejected) || '0') : new Big(0)
  if (kind === 'receipt' && !rj) return 'rejected'
  if (!q) return 'qty'
  if (kind === 'receipt' ? q.plus(rj ?? 0).lte(0) : q.lte(0)) return 'qty'
  const price = ex(l, X.price).trim()
  if (price && !decOk(price, 6)) return 'price'
  const d = ex(l, X.discount).trim()
  if (d && (!decOk(d, 2) || new Big(d).gt(100))) return 'discount'
  const r = ex(l, X.taxRate).trim()
  if (r && (!decOk(r, 2) || new Big(r).gt(100))) return 'tax'
  if (lotRequired && l.tracking === 'lot' && kind === 'receipt' && !l.lot_no.trim()) return 'lot'
  return null
}

/** Tag colour of an order's 入库 status. */
export function receiveTagType(s: ReceiveStatus): 'info' | 'warning' | 'success' | 'danger' | 'primary' {
  switch (s) {
    case 'none':
      return 'info'
    case 'partial':
      return 'warning'
    case 'full':
      return 'success'
    case 'closed':
      return 'danger'
    default:
      return 'info'
  }
}

/** Extra values of a receipt line filled from an open order line (选单): the remaining quantity. */
export function extraFromOpenLine(o: OpenOrderLine): Record<string, string> {
  return {
    [X.price]: trimDec(o.price ?? ''),
    [X.discount]: trimDec(o.discount_rate),
    [X.taxRate]: trimDec(o.tax_rate),
    [X.rejected]: '0',
    [X.sourceLineId]: String(o.line_id),
    [X.sourceNumber]: o.order_number,
    [X.ordered]: trimDec(o.base_qty),
    [X.done]: trimDec(o.received_qty),
    [X.remaining]: trimDec(o.remaining_qty),
  }
}

/** Extra values of a return line taken from a receipt line: at most what can still be returned. */
export function extraFromReturnable(r: ReturnableLine): Record<string, string> {
  return {
    [X.price]: trimDec(r.price ?? ''),
    [X.discount]: trimDec(r.discount_rate ?? '0'),
    [X.taxRate]: trimDec(r.tax_rate ?? '0'),
    [X.sourceLineId]: String(r.line_id),
    [X.sourceNumber]: r.receipt_number,
    [X.ordered]: trimDec(r.qty),
    [X.done]: trimDec(r.returned_qty),
    [X.remaining]: trimDec(r.returnable_qty),
  }
}

/** A grid line of a saved document line: its unit only (the others are loaded when editable), its money. */
export function lineFromRead(r: PurchaseDocLineRead): EditLine {
  return savedLine(r, {
    extra: {
      [X.price]: trimDec(r.price ?? ''),
      [X.discount]: trimDec(r.discount_rate),
      [X.taxRate]: trimDec(r.tax_rate),
      [X.rejected]: trimDec(r.rejected_qty),
      [X.sourceLineId]: r.source_line_id ? String(r.source_line_id) : '',
      [X.sourceNumber]: r.source_number ?? '',
      [X.done]: trimDec(r.done_qty),
      [X.remaining]: trimDec(r.remaining_qty),
      [X.serverAmount]: r.amount ?? '',
      [X.serverTax]: r.tax_amount ?? '',
      [X.serverTotal]: r.total ?? '',
    },
  })
}

/** A rate 0..1 (4 decimals, string) as a percentage text; '—' when null. */
export function percent(rate: string | null | undefined): string {
  const v = big(rate ?? '')
  if (!v) return '—'
  return `${v.times(100).round(2, Big.roundHalfUp).toFixed(2)}%`
}
