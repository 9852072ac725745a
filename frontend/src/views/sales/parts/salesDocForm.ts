import { big, isBlank, savedLine, trimDec, type EditLine } from '@/components/document'
import { ex } from '@/components/document/lineMath'
import { today } from '@/utils/date'
import { X, priceIsAuto } from '../logic'
import type { SalesDocRead, SalesDocWrite, SalesKind, SalesLineRead, SalesLineWrite } from '../types'

/** The header fields of a sales editor, as its form holds them (ids unset as null, texts unset as ''). */
export interface SalesHeader {
  business_date: string
  customer_id: number | null
  warehouse_id: number | null
  channel_id: number | null
  salesperson_id: number | null
  expected_date: string
  remark: string
  paid_amount: string
  account_id: number | null
}

export const emptyHeader = (): SalesHeader => ({
  business_date: today(),
  customer_id: null,
  warehouse_id: null,
  channel_id: null,
  salesperson_id: null,
  expected_date: '',
  remark: '',
  paid_amount: '',
  account_id: null,
})

export function headerFromRead(d: SalesDocRead): SalesHeader {
  return {
    business_date: d.business_date,
    customer_id: d.customer_id,
    warehouse_id: d.warehouse_id,
    channel_id: d.channel_id,
    salesperson_id: d.salesperson_id,
    expected_date: d.expected_date ?? '',
    remark: d.remark ?? '',
    // a zero payment shows as an empty field, as on a new document
    paid_amount: d.paid_amount && big(d.paid_amount)?.gt(0) ? trimDec(d.paid_amount) : '',
    account_id: d.account_id,
  }
}

/** A line taken from an order or a delivery (选单, 生成出库单/退货单) keeps its source's price. */
export const hasSource = (l: EditLine) => ex(l, X.sourceLineId) !== ''

export function lineFromRead(r: SalesLineRead): EditLine {
  const price = trimDec(r.price ?? '')
  return savedLine({ ...r, tracking: r.tracking || 'none' }, {
    extra: {
      [X.price]: price,
      // a saved line with a promotion keeps it while its price is not changed
      [X.autoPrice]: r.promotion_id ? price : '',
      [X.listPrice]: trimDec(r.list_price ?? ''),
      [X.discount]: trimDec(r.discount_rate),
      [X.taxRate]: trimDec(r.tax_rate),
      [X.promo]: r.promotion_text ?? '',
      [X.belowMin]: r.below_min_price ? '1' : '',
      [X.sourceLineId]: r.source_line_id ? String(r.source_line_id) : '',
      [X.sourceNumber]: r.source_number ?? '',
      [X.done]: trimDec(r.done_qty),
      [X.remaining]: trimDec(r.remaining_qty),
      [X.serverTotal]: r.total ?? '',
      [X.serverAmount]: r.amount ?? '',
      [X.serverTax]: r.tax_amount ?? '',
      [X.cost]: r.cost_amount ?? '',
      [X.profit]: r.profit_amount ?? '',
    },
  })
}

export function linePayload(l: EditLine): SalesLineWrite {
  const out: SalesLineWrite = {
    sku_id: l.sku_id as number,
    unit_id: l.unit_id as number,
    qty: l.qty.trim(),
    discount_rate: ex(l, X.discount).trim() || '0',
    tax_rate: ex(l, X.taxRate).trim() || '0',
    lot_no: l.tracking === 'lot' ? l.lot_no.trim() : '',
    remark: l.remark.trim(),
  }
  const price = ex(l, X.price).trim()
  // the default price (and its promotion) is left to the server; a typed or picked price is sent
  if (price && (hasSource(l) || !priceIsAuto(l))) out.price = price
  const src = ex(l, X.sourceLineId)
  if (src) out.source_line_id = Number(src)
  return out
}

/** The body of POST/PUT: the filled lines only; 预计交货日期 belongs to an order. */
export function docPayload(kind: SalesKind, header: SalesHeader, lines: EditLine[]): SalesDocWrite {
  const body: SalesDocWrite = {
    business_date: header.business_date,
    customer_id: header.customer_id as number,
    warehouse_id: header.warehouse_id as number,
    channel_id: header.channel_id,
    salesperson_id: header.salesperson_id,
    remark: header.remark,
    paid_amount: header.paid_amount.trim() || '0',
    account_id: header.account_id,
    lines: lines.filter((l) => !isBlank(l)).map(linePayload),
  }
  if (kind === 'order') body.expected_date = header.expected_date || null
  return body
}
