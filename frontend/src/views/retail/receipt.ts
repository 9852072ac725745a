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
  lines: { name: string; qty: string; price: string; total: string; promotion: string; free: boolean }[]
  qty: string
  listAmount: string
  saved: string
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

export function receiptModel(ticket: TicketRead): ReceiptModel {
  const r = ticket.receipt
  const lines = r?.lines?.length
    ? r.lines.map((l) => ({
        name: s(l.name),
        qty: plain(s(l.qty)) + s(l.unit_name),
        price: s(l.price),
        total: s(l.total),
        promotion: s(l.promotion_text),
        free: isZero(l.price),
      }))
    : (ticket.lines ?? []).map((l) => ({
        name: l.product_name,
        qty: plain(l.qty) + s(l.unit_name),
        price: l.net_price ?? l.price,
        total: l.total,
        promotion: l.promotion_text ?? '',
        free: isZero(l.price),
      }))
  const totals = r?.totals
  const total = s(totals?.total_amount ?? ticket.total_amount)
  const discount = s(totals?.discount_amount ?? ticket.discount_amount ?? '0')
  let listAmount = new Big(0)
  for (const l of ticket.lines ?? []) listAmount = listAmount.plus(safe(l.qty).times(safe(l.list_price ?? l.price)).round(2, Big.roundHalfUp))
  const gross = safe(total).plus(safe(discount))
  const savedLocal = listAmount.gt(gross) ? listAmount.minus(gross) : new Big(0)
  // saved_amount counts the ticket discount too: the receipt shows promotions and the ticket discount apart
  const promo = totals?.saved_amount !== undefined ? safe(totals.saved_amount).minus(safe(discount)) : savedLocal
  const saved = (promo.lt(0) ? new Big(0) : promo).toFixed(2)
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
  const done = () => {
    if (finished) return
    finished = true
    document.body.classList.remove('ret-printing')
    style.remove()
    window.removeEventListener('afterprint', done)
  }
  window.addEventListener('afterprint', done)
  try {
    window.print()
  } finally {
    setTimeout(done, 1000)
  }
}
