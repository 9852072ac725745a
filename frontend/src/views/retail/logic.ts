// Pure logic of the retail counter (收银台) and its receipts, kept out of the components so it can be tested
// without a DOM: the cart lines (scan merge, per-line discount, prices from the server's quote), the 整单优惠
// spread, totals, tenders and change, refunds, and the remembered settings (paper width, held tickets).
// Arithmetic follows docs/contracts/sales-api.md: net_price = price × (1 − discount/100) to 6 decimals,
// total = qty × net_price to the fen, ROUND_HALF_UP.
import Big from 'big.js'
import { ApiError } from '@/api/http'
import type { AccountRead, SkuPickerRow } from '@/api/types'
import type { UnitOption } from '@/components/document/types'
import type { PaymentWrite, QuoteLine, QuoteLineIn, TicketLineWrite } from './types'

const HALF_UP = Big.roundHalfUp

export function dec(s: string | number | null | undefined): Big | null {
  if (s === null || s === undefined) return null
  const v = String(s).trim()
  if (!/^-?\d+(\.\d+)?$/.test(v)) return null
  return new Big(v)
}

/** Money to 2 decimals (string). */
export function fen(b: Big): string {
  return b.round(2, HALF_UP).toFixed(2)
}

/** `12.5000` → `12.5`. */
export function trim(s: string | null | undefined): string {
  const b = dec(s)
  return b ? b.toString() : (s ?? '')
}

// ---------- cart ----------

export interface CartLine {
  key: number
  sku_id: number
  sku_code: string
  name: string
  spec: string
  barcode: string
  unit_id: number
  unit_name: string
  units: UnitOption[]
  qty: string
  /** the default price before promotions (per line unit) */
  list_price: string
  /** the price charged before the line's own discount: the quote's price (promotion applied) */
  price: string
  /** the cashier typed a price (sent to the server as the line's price) */
  priceEdited: boolean
  /** what the cashier typed (the quote may still apply a promotion to it) */
  typed_price: string
  /** per-line discount in percent ('' = none) */
  discount_rate: string
  promotion_id: number | null
  promotion_text: string
  /** 买N送M: free units given with this line (a separate 0-price line on the ticket) */
  free_qty: string
  min_price: string | null
}

let seq = 0
export function nextKey(): number {
  seq += 1
  return seq
}

function unitsOfRow(row: SkuPickerRow): UnitOption[] {
  const units: UnitOption[] = (row.units ?? []).map((u) => ({ unit_id: u.unit_id, name: u.name, ratio: String(u.ratio) }))
  if (!units.some((u) => u.unit_id === row.base_unit_id)) units.unshift({ unit_id: row.base_unit_id, name: row.base_unit_name, ratio: '1' })
  return units
}

export function ratioOf(line: Pick<CartLine, 'units' | 'unit_id'>): string {
  return line.units.find((u) => u.unit_id === line.unit_id)?.ratio ?? '1'
}

/** The local price guess for a SKU in a unit (retail price per base unit × ratio) until the quote answers. */
export function localPrice(row: Pick<SkuPickerRow, 'retail_price'>, ratio: string): string {
  const p = dec(row.retail_price)
  const r = dec(ratio) ?? new Big(1)
  return p ? p.times(r).round(6, HALF_UP).toString() : '0'
}

/** The barcode a line shows: the code scanned, else the SKU's barcode only for its base unit (the SKU's barcode
 * is the base unit's; a case line must not carry the bottle's barcode). */
function lineBarcode(row: SkuPickerRow, unitId: number, scanned?: string): string {
  if (scanned) return scanned
  return unitId === row.base_unit_id ? (row.barcode ?? '') : ''
}

export function lineFromSku(row: SkuPickerRow, unitId: number, qty = '1', scanned?: string): CartLine {
  const units = unitsOfRow(row)
  const unit = units.find((u) => u.unit_id === unitId) ?? units.find((u) => u.unit_id === row.base_unit_id) ?? units[0]
  const price = localPrice(row, unit?.ratio ?? '1')
  return {
    key: nextKey(),
    sku_id: row.sku_id,
    sku_code: row.code,
    name: row.attributes_text ? `${row.name} ${row.attributes_text}` : row.name,
    spec: row.spec ?? '',
    barcode: lineBarcode(row, unit?.unit_id ?? row.base_unit_id, scanned),
    unit_id: unit?.unit_id ?? row.base_unit_id,
    unit_name: unit?.name ?? row.base_unit_name,
    units,
    qty,
    list_price: price,
    price,
    priceEdited: false,
    typed_price: '',
    discount_rate: '',
    promotion_id: null,
    promotion_text: '',
    free_qty: '0',
    min_price: row.min_price ?? null,
  }
}

/**
 * A scan: +qty on the line with the same SKU and unit, else a new line at the end. Returns the index of the
 * line touched and whether it was merged.
 */
export function addScan(
  lines: CartLine[],
  row: SkuPickerRow,
  unitId: number,
  qty = '1',
  scanned?: string,
): { index: number; merged: boolean } {
  const i = lines.findIndex((l) => l.sku_id === row.sku_id && l.unit_id === unitId)
  if (i >= 0) {
    lines[i].qty = (dec(lines[i].qty) ?? new Big(0)).plus(dec(qty) ?? 1).toString()
    if (!lines[i].barcode && scanned) lines[i].barcode = scanned
    return { index: i, merged: true }
  }
  lines.push(lineFromSku(row, unitId, qty, scanned))
  return { index: lines.length - 1, merged: false }
}

/** Sets a line's qty by a step (+1 / −1); never below 1. */
export function stepQty(line: CartLine, step: number) {
  const q = (dec(line.qty) ?? new Big(0)).plus(step)
  line.qty = q.lt(1) ? '1' : q.toString()
}

/** A line's 折扣%: 0 when blank, null when it is not a number from 0 to 100. */
function discountRate(line: Pick<CartLine, 'discount_rate'>): Big | null {
  if (!line.discount_rate.trim()) return new Big(0)
  const d = dec(line.discount_rate)
  return d && d.gte(0) && d.lte(100) ? d : null
}

export function netPrice(line: Pick<CartLine, 'price' | 'discount_rate'>): Big {
  const p = dec(line.price) ?? new Big(0)
  const d = dec(line.discount_rate)
  if (!d || d.eq(0)) return p
  return p.times(new Big(100).minus(d)).div(100).round(6, HALF_UP)
}

/** qty × net price, to the fen (before the ticket discount); never negative: a line with a bad qty or a
 * discount outside 0–100 counts 0.00 (the counter shows it as invalid, see lineProblem). */
export function lineTotal(line: Pick<CartLine, 'qty' | 'price' | 'discount_rate'>): string {
  const q = dec(line.qty)
  if (!q || q.lte(0)) return '0.00'
  if (!discountRate(line)) return '0.00'
  const t = q.times(netPrice(line))
  return t.lt(0) ? '0.00' : fen(t)
}

/** The cashier types a price: it is charged (and sent) instead of the default. */
export function typePrice(line: CartLine, value: string) {
  line.typed_price = value
  line.priceEdited = value.trim() !== ''
  line.price = value.trim() === '' ? line.list_price : value
}

export type QtyProblem = 'qty' | 'qtyFraction'
export type LineProblem = QtyProblem | 'price' | 'discount'

/** What is wrong with a quantity: not a positive number, or a fraction in a unit that allows none
 * (`wholeUnits`: the ids of the units without allow_fraction, when known). */
export function qtyProblem(qty: string, unitId: number, wholeUnits?: ReadonlySet<number>): QtyProblem | null {
  const q = dec(qty)
  if (!q || q.lte(0)) return 'qty'
  if (wholeUnits?.has(unitId) && !q.round(0, Big.roundDown).eq(q)) return 'qtyFraction'
  return null
}

/** What a line's problem is before 结算, or null. */
export function lineProblem(line: CartLine, wholeUnits?: ReadonlySet<number>): LineProblem | null {
  const qp = qtyProblem(line.qty, line.unit_id, wholeUnits)
  if (qp) return qp
  const p = dec(line.priceEdited ? line.typed_price : line.price)
  if (!p || p.lt(0)) return 'price'
  return discountRate(line) ? null : 'discount'
}

/** The line's net price is below the SKU's minimum price (a warning; the server decides). */
export function belowMin(line: CartLine): boolean {
  const m = dec(line.min_price)
  if (!m) return false
  const r = dec(ratioOf(line)) ?? new Big(1)
  return netPrice(line).lt(m.times(r))
}

/**
 * 整单优惠 spread over the lines in proportion to their totals, to the fen, the remainder on the largest line
 * (as the server does). Returns each line's share, in the input order.
 */
export function spreadDiscount(totals: string[], discount: string): string[] {
  const d = dec(discount) ?? new Big(0)
  const ts = totals.map((t) => dec(t) ?? new Big(0))
  const sum = ts.reduce((a, b) => a.plus(b), new Big(0))
  if (d.eq(0) || sum.eq(0)) return ts.map(() => '0.00')
  const shares = ts.map((t) => t.times(d).div(sum).round(2, HALF_UP))
  const rest = d.minus(shares.reduce((a, b) => a.plus(b), new Big(0)))
  if (!rest.eq(0)) {
    let largest = 0
    ts.forEach((t, i) => {
      if (t.gt(ts[largest])) largest = i
    })
    shares[largest] = shares[largest].plus(rest)
  }
  return shares.map((s) => s.toFixed(2))
}

export interface CartTotals {
  /** Σ line units (in line units) */
  qty: string
  count: number
  /** Σ qty × list price */
  listAmount: string
  /** Σ line totals (after promotions and line discounts) */
  subtotal: string
  /** promotions and line discounts: listAmount − subtotal */
  saved: string
  /** 整单优惠 */
  discount: string
  /** 应收 (never negative) */
  due: string
  /** a line or the 整单优惠 is invalid: the totals are not to be shown as an amount to take */
  invalid: boolean
}

export function cartTotals(lines: CartLine[], discount = '', wholeUnits?: ReadonlySet<number>): CartTotals {
  let qty = new Big(0)
  let list = new Big(0)
  let sub = new Big(0)
  for (const l of lines) {
    const q = dec(l.qty) ?? new Big(0)
    qty = qty.plus(q)
    list = list.plus(q.times(dec(l.list_price) ?? dec(l.price) ?? 0).round(2, HALF_UP))
    sub = sub.plus(lineTotal(l))
  }
  const d = dec(discount) ?? new Big(0)
  const saved = list.minus(sub)
  const due = sub.minus(d)
  const invalid = lines.some((l) => lineProblem(l, wholeUnits) !== null) || !discountValid(discount, fen(sub))
  return {
    qty: qty.toString(),
    count: lines.length,
    listAmount: fen(list),
    subtotal: fen(sub),
    saved: fen(saved.lt(0) ? new Big(0) : saved),
    discount: fen(d),
    due: fen(due.lt(0) ? new Big(0) : due),
    invalid,
  }
}

/** 整单优惠 must be a non-negative amount not above the subtotal. */
export function discountValid(discount: string, subtotal: string): boolean {
  if (!discount.trim()) return true
  const d = dec(discount)
  const s = dec(subtotal) ?? new Big(0)
  return !!d && d.gte(0) && d.lte(s)
}

/** 抹零: the amount that drops the due to a whole yuan (the cents), or to a multiple of ten jiao. */
export function roundOff(due: string, to: 'yuan' | 'jiao' = 'yuan'): string {
  const d = dec(due) ?? new Big(0)
  const kept = to === 'yuan' ? d.round(0, Big.roundDown) : d.round(1, Big.roundDown)
  return fen(d.minus(kept))
}

/** The ticket's lines as POST /retail/tickets and the quote want them. */
export function linesToWrite(lines: CartLine[]): TicketLineWrite[] {
  return lines.map((l) => {
    const w: TicketLineWrite = { sku_id: l.sku_id, unit_id: l.unit_id, qty: trim(l.qty) }
    if (l.priceEdited) w.price = trim(l.typed_price)
    const d = dec(l.discount_rate)
    if (d && !d.eq(0)) w.discount_rate = d.toString()
    return w
  })
}

/** The lines as the quote wants them: the quote prices a line before its discount (it refuses the rate), and
 * the counter applies the cashier's discount to the quoted price. */
export function linesToQuote(lines: CartLine[]): QuoteLineIn[] {
  return linesToWrite(lines).map(({ discount_rate: _rate, ...q }) => q)
}

/** Applies the server's quote (one answer per line, by index) to the lines. */
export function applyQuote(lines: CartLine[], quote: QuoteLine[]) {
  for (const q of quote) {
    const l = lines[q.index]
    if (!l) continue
    if (q.list_price !== null && q.list_price !== undefined) l.list_price = trim(q.list_price)
    if (q.price !== null && q.price !== undefined) l.price = trim(q.price)
    l.promotion_id = q.promotion_id ?? null
    l.promotion_text = q.promotion_text ?? ''
    l.free_qty = q.free_qty ?? '0'
    if (q.min_price !== undefined) l.min_price = q.min_price
  }
}

/** A stable key of what the quote depends on (SKU, unit, qty, typed price), to skip needless quotes. */
export function quoteKey(lines: CartLine[], customerId: number | null): string {
  return JSON.stringify([customerId, lines.map((l) => [l.sku_id, l.unit_id, trim(l.qty), l.priceEdited ? trim(l.typed_price) : null])])
}

export function hasFree(line: CartLine): boolean {
  const f = dec(line.free_qty)
  return !!f && f.gt(0)
}

// ---------- tenders ----------

export type PayMethod = 'cash' | 'wechat' | 'alipay' | 'card' | 'split'

/** Account kinds per payment method (a card is paid into a bank account). */
export const METHOD_KIND: Record<Exclude<PayMethod, 'split'>, AccountRead['kind']> = {
  cash: 'cash',
  wechat: 'wechat',
  alipay: 'alipay',
  card: 'bank',
}

export function accountsFor(accounts: AccountRead[], method: Exclude<PayMethod, 'split'>): AccountRead[] {
  return accounts.filter((a) => a.is_active && a.kind === METHOD_KIND[method])
}

export interface Tender {
  account_id: number | null
  kind: AccountRead['kind'] | ''
  amount: string
}

export interface TenderCheck {
  /** Σ tenders */
  tendered: string
  /** change given from cash (≥ 0) */
  change: string
  /** what is still to pay (≥ 0) */
  short: string
  /** empty when the tenders may be posted */
  error: '' | 'insufficient' | 'nonCashOver' | 'noAccount' | 'amount' | 'changeOverCash'
}

/**
 * Checks tenders against the amount due, as the server does: Σ tenders ≥ due, only cash may exceed it and the
 * change comes out of the cash tendered.
 */
export function checkTenders(tenders: Tender[], due: string): TenderCheck {
  const d = dec(due) ?? new Big(0)
  let sum = new Big(0)
  let cash = new Big(0)
  let nonCash = new Big(0)
  let error: TenderCheck['error'] = ''
  for (const t of tenders) {
    if (!t.amount.trim()) continue
    const a = dec(t.amount)
    if (!a || a.lt(0)) {
      error ||= 'amount'
      continue
    }
    if (a.eq(0)) continue
    if (!t.account_id) error ||= 'noAccount'
    sum = sum.plus(a)
    if (t.kind === 'cash') cash = cash.plus(a)
    else nonCash = nonCash.plus(a)
  }
  const over = sum.minus(d)
  const change = over.gt(0) ? over : new Big(0)
  const short = over.lt(0) ? over.abs() : new Big(0)
  if (!error) {
    if (nonCash.gt(d)) error = 'nonCashOver'
    else if (short.gt(0)) error = 'insufficient'
    else if (change.gt(cash)) error = 'changeOverCash'
  }
  return { tendered: fen(sum), change: fen(change), short: fen(short), error }
}

/** The payments to post (zero tenders left out). */
export function paymentsToWrite(tenders: Tender[]): PaymentWrite[] {
  return tenders
    .filter((t) => t.account_id && dec(t.amount)?.gt(0))
    .map((t) => ({ account_id: t.account_id as number, amount: fen(dec(t.amount) as Big) }))
}

/** Quick cash amounts for a due: the exact amount, then the next 10/50/100 notes above it. */
export function quickCash(due: string): string[] {
  const d = dec(due) ?? new Big(0)
  const out = [fen(d)]
  for (const note of [10, 20, 50, 100]) {
    const n = d.div(note).round(0, Big.roundUp).times(note)
    const s = fen(n.eq(0) ? new Big(note) : n)
    if (!out.includes(s) && new Big(s).gt(d)) out.push(s)
  }
  return out.slice(0, 4)
}

/** Refund tenders must equal the refund exactly (no change on a refund). */
export function checkRefund(tenders: Tender[], refund: string): { paid: string; diff: string; ok: boolean } {
  const r = dec(refund) ?? new Big(0)
  let sum = new Big(0)
  let ok = true
  for (const t of tenders) {
    if (!t.amount.trim()) continue
    const a = dec(t.amount)
    if (!a || a.lt(0)) {
      ok = false
      continue
    }
    if (a.gt(0) && !t.account_id) ok = false
    sum = sum.plus(a)
  }
  const diff = r.minus(sum)
  return { paid: fen(sum), diff: fen(diff), ok: ok && diff.eq(0) }
}

/** The refund of returned quantities, as the server reckons it: the part of each line's total that its units
 * done+1 … done+now carry, rounded so that the parts of a line returned in several goes add up to its total
 * exactly (the last return takes what is left). `done_qty` and `base_qty` are in base units, `qty` and
 * `returnQty` in the line's unit. */
export function refundAmount(
  lines: { qty: string; total: string; returnQty: string; base_qty?: string; done_qty?: string }[],
): string {
  let sum = new Big(0)
  for (const l of lines) {
    const q = dec(l.qty)
    const r = dec(l.returnQty)
    const t = dec(l.total)
    if (!q || !r || !t || q.eq(0) || r.lte(0)) continue
    const base = dec(l.base_qty ?? '') ?? q
    const done = base.eq(0) ? new Big(0) : (dec(l.done_qty ?? '') ?? new Big(0)).div(base)
    const upTo = (part: Big) => t.times(part).round(2, HALF_UP)
    sum = sum.plus(upTo(done.plus(r.div(q))).minus(upTo(done)))
  }
  return fen(sum)
}

/** A refused payment's reasons (实收不足, 退款合计 ≠ 应退, an inactive account, the 应收 changed): the till's
 * payment dialog has no per-field marks, so the cashier reads them in the message itself. */
export function tenderMessage(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null
  const own = (e.problem.errors ?? []).filter((x) => /^(payments|expected_total|discount_amount)\b/.test(x.field ?? ''))
  if (!own.length) return null
  return [...new Set(own.map((x) => x.message))].join('；')
}

// ---------- remembered settings ----------

export type PaperWidth = '58' | '80'
const PAPER_KEY = 'jxc.retail.paper'
const AUTOPRINT_KEY = 'jxc.retail.autoprint'
const WAREHOUSE_KEY = 'jxc.retail.warehouse'
const HELD_KEY = 'jxc.retail.held'

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}
function write(key: string, value: string) {
  try {
    localStorage.setItem(key, value)
  } catch {
    /* storage unavailable */
  }
}

export function paperWidth(): PaperWidth {
  return read(PAPER_KEY) === '58' ? '58' : '80'
}
export function setPaperWidth(w: PaperWidth) {
  write(PAPER_KEY, w)
}
export function autoPrint(): boolean {
  return read(AUTOPRINT_KEY) !== '0'
}
export function setAutoPrint(on: boolean) {
  write(AUTOPRINT_KEY, on ? '1' : '0')
}
export function savedWarehouse(): number | null {
  const v = Number(read(WAREHOUSE_KEY))
  return Number.isInteger(v) && v > 0 ? v : null
}
export function saveWarehouse(id: number | null) {
  write(WAREHOUSE_KEY, id ? String(id) : '')
}

/** A held ticket (挂单), kept in this browser. */
export interface HeldTicket {
  id: number
  at: string
  customer_id: number | null
  customer_name: string
  discount: string
  lines: CartLine[]
}

export function heldTickets(): HeldTicket[] {
  try {
    const v = JSON.parse(read(HELD_KEY) ?? '[]') as unknown
    return Array.isArray(v) ? (v as HeldTicket[]) : []
  } catch {
    return []
  }
}
export function saveHeld(list: HeldTicket[]) {
  write(HELD_KEY, JSON.stringify(list))
}

/** Characters per receipt line: 58 mm ≈ 32 narrow (16 CJK), 80 mm ≈ 48 narrow (24 CJK). */
export function receiptColumns(w: PaperWidth): number {
  return w === '58' ? 32 : 48
}
