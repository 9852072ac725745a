// The printed receipt (小票): one model built from a ticket (the server's `receipt` block first, the ticket's own
// fields as the fallback) and the browser print of a 58 mm / 80 mm layout. Printing teleports the receipt to
// <body>, adds a page size rule for the roll width and hides everything else (see ReceiptPaper.vue).
import Big from 'big.js'
import { nextTick } from 'vue'
import { formatDateTime } from '@/utils/date'
import type { PaperWidth } from './logic'
import type { TicketRead } from './types'

export interface ReceiptModel {
  title: string
  company: string
  store: string
  number: string
  time: string
  cashier: string
  member: string
  kind: string
  /** each line at the price charged (after its own discount) and qty × that price, before the ticket
   * discount, so that every printed line adds up; `discountRate` the cashier's line discount (%), '' if none */
  lines: { name: string; qty: string; price: string; total: string; promotion: string; discountRate: string; free: boolean }[]
  qty: string
  listAmount: string
  /** promotions (list price → the promotion's price), for information */
  saved: string
  /** the cashier's line discounts, for information */
  lineDiscount: string
  /** Σ printed line totals (before the ticket discount) */
  subtotal: string
  /** the ticket discount (整单优惠) printed on its own line: subtotal − discount = total */
  discount: string
  total: string
  tendered: string
  change: string
  payments: { name: string; amount: string }[]
}

const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v))

function plain(v: string): string {
  try {
    return new Big(v).toString()
  } catch {
    return v
  }
}

const fen2 = (b: Big) => b.round(2, Big.roundHalfUp)

/** A line's net price: price × (1 − discount/100) to 6 decimals (as the server reckons it). */
function netOf(price: string, rate: string, net?: string | null): Big {
  if (net !== null && net !== undefined && s(net) !== '') return safe(net)
  return safe(price).times(new Big(100).minus(safe(rate))).div(100).round(6, Big.roundHalfUp)
}

export function receiptModel(ticket: TicketRead): ReceiptModel {
  const r = ticket.receipt
  const tLines = ticket.lines ?? []
  const rLines = r?.lines ?? []
  // The ticket's lines carry the discount rate and the net price; the receipt block's (same order) the names.
  // A line's stored total is after its share of the ticket discount: the receipt prints qty × net price and
  // the ticket discount apart, so that each printed line adds up.
  const n = Math.max(tLines.length, rLines.length)
  const lines: ReceiptModel['lines'] = []
  let subtotal = new Big(0)
  let lineDiscount = new Big(0)
  let listAmount = new Big(0)
  let promo = new Big(0)
  for (let i = 0; i < n; i++) {
    const tl = tLines[i]
    const rl = rLines[i]
    const qty = safe(tl?.qty ?? rl?.qty)
    const price = s(tl?.price ?? rl?.price)
    const rate = tl ? s(tl.discount_rate) : ''
    const off = !!rate && !isZero(rate)
    const net = tl ? netOf(price, rate, tl.net_price) : safe(price)
    const gross = fen2(qty.times(safe(price)))
    const total = tl || rl ? fen2(qty.times(net)) : new Big(0)
    subtotal = subtotal.plus(total)
    if (off) lineDiscount = lineDiscount.plus(gross.minus(total))
    const list = fen2(qty.times(safe(tl?.list_price ?? price)))
    listAmount = listAmount.plus(list)
    if (list.gt(gross)) promo = promo.plus(list.minus(gross))
    lines.push({
      name: rl ? s(rl.name) : s(tl?.product_name),
      qty: plain(s(tl?.qty ?? rl?.qty)) + s(tl?.unit_name ?? rl?.unit_name),
      price: plain(net.toString()),
      total: total.toFixed(2),
      promotion: s(rl?.promotion_text ?? tl?.promotion_text),
      discountRate: off ? plain(rate) : '',
      free: isZero(price),
    })
  }
  const totals = r?.totals
  const total = s(totals?.total_amount ?? ticket.total_amount)
  // the ticket discount as printed: what the printed lines add up to above the total (on a return, the part of
  // the ticket discount the returned units carried)
  const shown = subtotal.minus(safe(total))
  const discount = (shown.lt(0) ? new Big(0) : shown).toFixed(2)
  const saved = promo.toFixed(2)
  const payments = (r?.payments?.length ? r.payments : ticket.payments ?? []).map((p) => ({
    name: s(p.account_name ?? p.method),
    amount: s(p.amount),
  }))
  return {
    title: '',
    company: s(r?.company_name),
    store: s(r?.warehouse_name ?? ticket.warehouse_name),
    number: s(r?.number ?? ticket.number),
    time: formatDateTime(r?.sold_at ?? ticket.approved_at ?? ticket.created_at ?? ticket.business_date),
    cashier: s(r?.cashier_name ?? ticket.created_by_name),
    member: s(r?.member_name ?? ticket.customer_name),
    kind: s(ticket.kind),
    lines,
    qty: plain(s(totals?.total_qty ?? ticket.total_qty)),
    listAmount: totals?.list_amount ? safe(totals.list_amount).toFixed(2) : listAmount.toFixed(2),
    saved,
    lineDiscount: lineDiscount.toFixed(2),
    subtotal: subtotal.toFixed(2),
    discount,
    total,
    tendered: s(r?.tendered ?? ticket.tendered_amount ?? total),
    change: s(r?.change ?? ticket.change_amount ?? '0'),
    payments,
  }
}

function safe(v: unknown): Big {
  try {
    return new Big(s(v) || '0')
  } catch {
    return new Big(0)
  }
}

function isZero(v: unknown): boolean {
  try {
    return new Big(s(v) || '1').eq(0)
  } catch {
    return false
  }
}

/** The @page rule of a roll: the paper's width, the height of the content, no margins. */
export function pageRule(w: PaperWidth): string {
  return `@page { size: ${w}mm auto; margin: 0; }`
}

/**
 * Prints the receipt teleported to <body> (`.ret-receipt-print`): sets the roll's page size for this print only,
 * hides the rest of the app, calls window.print() and undoes both afterwards.
 */
export async function printReceipt(width: PaperWidth): Promise<void> {
  await nextTick()
  const style = document.createElement('style')
  style.dataset.retPrint = '1'
  style.textContent = pageRule(width)
  document.head.appendChild(style)
  document.body.classList.add('ret-printing')
  let finished = false
  let fallback: ReturnType<typeof setTimeout> | undefined
  const done = () => {
    if (finished) return
    finished = true
    clearTimeout(fallback)
    document.body.classList.remove('ret-printing')
    style.remove()
    window.removeEventListener('afterprint', done)
  }
  window.addEventListener('afterprint', done)
  try {
    window.print()
  } finally {
    // browsers that never fire 'afterprint' still get the page back
    if (!finished) fallback = setTimeout(done, 1000)
  }
}
