// Pure logic of the sales screens (tested without a DOM): line amounts of the contract (prices include tax:
// net price, total, amount ex tax and tax — ROUND_HALF_UP per line), totals, the below-minimum-price check,
// line checks, the 选单 fill and mapping server errors (insufficient_stock per line) onto grid lines.
import Big from 'big.js'
import type { FieldError } from '@/api/types'
import { baseQty, baseToUnit, big, decOk, ex, isBlank, mapLineErrors, trimDec } from '@/components/document/lineMath'
import type { EditLine } from '@/components/document/types'
import type { DeliverStatus, SalesOpenLine, SalesReturnableLine } from './types'

/** Keys of the sales columns in `EditLine.extra`. */
export const X = {
  price: 'price',
  discount: 'discount_rate',
  taxRate: 'tax_rate',
  /** the price the default/promotion gave (the line's price is omitted while it still equals this) */
  autoPrice: 'auto_price',
  listPrice: 'list_price',
  minPrice: 'min_price',
  promo: 'promotion',
  priceSource: 'price_source',
  lastNumber: 'last_number',
  belowMin: 'below_min',
  sourceLineId: 'source_line_id',
  sourceNumber: 'source_number',
  done: 'done',
  remaining: 'remaining',
  serverTotal: 'server_total',
  serverAmount: 'server_amount',
  serverTax: 'server_tax',
  cost: 'cost',
  profit: 'profit',
} as const

export interface SalesLineMoney {
  net_price: string
  total: string
  amount: string
  tax_amount: string
}

/**
 * Prices include tax (含税单价): net_price = price × (1 − discount/100) to 6 decimals; total = qty × net_price
 * to the fen; amount (ex tax) = total ÷ (1 + rate/100) to the fen; tax = total − amount. Null when the price or
 * quantity is missing or invalid.
 */
export function salesLineMoney(qty: string, price: string, discountRate = '0', taxRate = '0'): SalesLineMoney | null {
  const q = big(qty)
  const p = big(price)
  if (!q || !p) return null
  const d = big(discountRate || '0') ?? new Big(0)
  const r = big(taxRate || '0') ?? new Big(0)
  const net = p.times(new Big(1).minus(d.div(100))).round(6, Big.roundHalfUp)
  const total = q.times(net).round(2, Big.roundHalfUp)
  const prev = Big.DP
  Big.DP = 30
  let amount: Big
  try {
    amount = total.div(new Big(1).plus(r.div(100))).round(2, Big.roundHalfUp)
  } finally {
    Big.DP = prev
  }
  return { net_price: net.toString(), total: total.toFixed(2), amount: amount.toFixed(2), tax_amount: total.minus(amount).toFixed(2) }
}

/** The money of a grid line: computed from its inputs, else the server's (read-only documents). */
export function moneyOf(l: EditLine): SalesLineMoney | null {
  const m = salesLineMoney(l.qty, ex(l, X.price), ex(l, X.discount), ex(l, X.taxRate))
  if (m) return m
  if (ex(l, X.serverTotal) === '') return null
  return { net_price: '', total: ex(l, X.serverTotal), amount: ex(l, X.serverAmount), tax_amount: ex(l, X.serverTax) }
}

export interface SalesSums {
  /** Σ base quantities */
  qty: string
  total: string
  amount: string
  tax: string
}

export function docSums(lines: EditLine[]): SalesSums {
  let qty = new Big(0)
  let total = new Big(0)
  let amount = new Big(0)
  let tax = new Big(0)
  for (const l of lines) {
    if (isBlank(l)) continue
    const b = baseQty(l)
    if (b !== null) qty = qty.plus(b)
    const m = moneyOf(l)
    if (m) {
      total = total.plus(m.total || '0')
      amount = amount.plus(m.amount || '0')
      tax = tax.plus(m.tax_amount || '0')
    }
  }
  return { qty: qty.toString(), total: total.toFixed(2), amount: amount.toFixed(2), tax: tax.toFixed(2) }
}

/**
 * Whether the line sells below the SKU's minimum price: the server's flag on saved lines, else the net price
 * against the minimum the price default gave (for the line's unit).
 */
export function isBelowMin(l: EditLine): boolean {
  if (ex(l, X.belowMin) === '1') return true
  const min = big(ex(l, X.minPrice))
  if (!min || min.lte(0)) return false
  const m = salesLineMoney(l.qty || '1', ex(l, X.price), ex(l, X.discount), ex(l, X.taxRate))
  return !!m && new Big(m.net_price).lt(min)
}

export type SalesLineProblem = 'unit' | 'qty' | 'price' | 'discount' | 'tax'

/** What is wrong with a filled line before it is sent (an empty price takes the server's default). */
export function salesLineProblem(l: EditLine): SalesLineProblem | null {
  if (!l.unit_id) return 'unit'
  const q = big(l.qty)
  if (!q || q.lte(0)) return 'qty'
  const price = ex(l, X.price).trim()
  if (price && !decOk(price, 6)) return 'price'
  const d = ex(l, X.discount).trim()
  if (d && (!decOk(d, 2) || new Big(d).gt(100))) return 'discount'
  const r = ex(l, X.taxRate).trim()
  if (r && (!decOk(r, 2) || new Big(r).gt(100))) return 'tax'
  return null
}

/** Whether the line's price is still the default (sent without a price so the server applies it and its promotion). */
export function priceIsAuto(l: EditLine): boolean {
  const auto = ex(l, X.autoPrice)
  return auto !== '' && ex(l, X.price).trim() === auto
}

/** Tag colour of an order's 出库 status. */
export function deliverTagType(s: DeliverStatus | string): 'info' | 'warning' | 'success' | 'danger' {
  switch (s) {
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

/** Extra values of a delivery line filled from an open order line (选单): the order's price and what remains. */
export function extraFromOpenLine(o: SalesOpenLine): Record<string, string> {
  return {
    [X.price]: trimDec(o.price ?? ''),
    [X.discount]: trimDec(o.discount_rate ?? '0'),
    [X.taxRate]: trimDec(o.tax_rate ?? '0'),
    [X.promo]: o.promotion_text ?? '',
    [X.sourceLineId]: String(o.line_id),
    [X.sourceNumber]: o.order_number,
    [X.done]: trimDec(o.delivered_qty ?? o.done_qty ?? '0'),
    [X.remaining]: trimDec(o.remaining_qty),
  }
}

/** What an order line has left to deliver, in its own unit (选单 and 生成出库单 fill this). */
export function openLineQty(o: SalesOpenLine): string {
  return o.remaining_unit_qty ? trimDec(o.remaining_unit_qty) : baseToUnit(o.remaining_qty, o.ratio || '1')
}

/** What a delivery line can still take back, in its unit when the look-up names one (else in base units). */
export function returnableQty(r: SalesReturnableLine): string {
  return r.unit_id && r.ratio ? baseToUnit(r.returnable_qty, r.ratio) : trimDec(r.returnable_qty)
}

/** Extra values of a return line taken from a delivery line: its price, at most what can still be returned. */
export function extraFromReturnable(r: SalesReturnableLine): Record<string, string> {
  return {
    [X.price]: trimDec(r.price ?? ''),
    [X.discount]: trimDec(r.discount_rate ?? '0'),
    [X.taxRate]: trimDec(r.tax_rate ?? '0'),
    [X.sourceLineId]: String(r.line_id),
    [X.sourceNumber]: r.delivery_number,
    [X.done]: trimDec(r.returned_qty),
    [X.remaining]: trimDec(r.returnable_qty),
  }
}

/**
 * Server errors onto grid lines: `lines.N` (the N-th line sent) as mapLineErrors does; a shortage named by SKU
 * only (`sku.ID`, when the server could not tell the line) marks every line of that SKU.
 */
export function mapSalesErrors(errors: FieldError[] | undefined, lines: EditLine[]) {
  const sent = lines.filter((l) => !isBlank(l))
  const out: FieldError[] = []
  for (const e of errors ?? []) {
    const m = /^(?:body\.)?sku\.(\d+)$/.exec(e.field)
    if (!m) {
      out.push(e)
      continue
    }
    const idx = sent.map((l, i) => (l.sku_id === Number(m[1]) ? i : -1)).filter((i) => i >= 0)
    if (!idx.length) out.push(e)
    for (const i of idx) out.push({ ...e, field: `lines.${i}` })
  }
  return mapLineErrors(out, lines)
}

/** i18n key of an order timeline event. */
export function timelineKey(event: string): string {
  const known = ['approved', 'delivered_partly', 'delivered', 'paid', 'closed', 'returned']
  return known.includes(event) ? `sal.timeline.${event}` : 'sal.timeline.other'
}

/** 信用额度 left (credit limit − outstanding), or null without a limit. */
export function creditLeft(limit: string | null | undefined, ...used: (string | null | undefined)[]): string | null {
  const l = big(limit ?? '')
  if (!l) return null
  // what is owed and what open orders will add (the server counts both against the limit)
  const taken = used.reduce((sum, v) => (v && /^-?\d+(\.\d+)?$/.test(v.trim()) ? sum.plus(v.trim()) : sum), new Big(0))
  return l.minus(taken).toFixed(2)
}

/** Document kinds whose goods came back (money owed back to the customer). */
export const RETURN_KINDS: readonly string[] = ['return', 'retail_return']
export const isReturnKind = (kind: string) => RETURN_KINDS.includes(kind)
/** Retail tickets (零售单, 零售退货单): opened in the ticket dialog, not a sales editor. */
export const isTicketKind = (kind: string) => kind === 'retail' || kind === 'retail_return'

/**
 * An amount of a customer-history row as it counts for the customer: returns take money back, so they show
 * negative whatever sign the server gives (it sends a return's own, positive, total).
 */
export function signedDocAmount(kind: string, amount: string | null | undefined): string {
  const b = big(amount?.replace(/^-/, '') ?? '')
  if (!b) return amount ?? ''
  return isReturnKind(kind) && b.gt(0) ? `-${b.toString()}` : b.toString()
}

/** The 规格 column is worth its width only when some line's spec says more than its product name. */
export function specAddsInfo(lines: EditLine[]): boolean {
  return lines.some((l) => !isBlank(l) && !!l.spec?.trim() && !l.product_name.includes(l.spec.trim()))
}

/** Some line carries tax (the 税额 column is shown only then; the total tax stays in the footer). */
export function anyTaxed(lines: EditLine[]): boolean {
  return lines.some((l) => !isBlank(l) && !!big(ex(l, X.taxRate))?.gt(0))
}
