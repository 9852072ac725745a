// The source lines of purchasing's 选单, in one place so that the dialog and 生成入库单 / 生成退货单 (which
// picks a whole document at once) fill lines from exactly the same rows.
import { big, trimDec } from '@/components/document/lineMath'
import type { PickSourceLine } from '@/components/document/pickSourceLines'
import { purchaseApi } from '../api'
import { baseToUnit } from '../logic'
import type { OpenOrderLine, ReturnableLine } from '../types'

export type PickMode = 'orders' | 'receipts'
export type PickSource = { open?: OpenOrderLine; returnable?: ReturnableLine }

export interface PickedRow {
  source: 'order' | 'receipt'
  open?: OpenOrderLine
  returnable?: ReturnableLine
  /** quantity in the row's unit */
  qty: string
}

export interface PickQuery {
  supplierId: number | null
  warehouseId: number | null
  q?: string
  /** only these source documents (orders or receipts); all of the supplier's when omitted */
  docIds?: number[]
}

/** The supplier's open order lines (receipts) or returnable receipt lines (returns); null without a supplier. */
export function fetchPickLines(mode: PickMode, p: PickQuery): Promise<PickSourceLine<PickSource>[]> | null {
  if (!p.supplierId) return null
  const q = p.q || undefined
  const ids = p.docIds?.length ? p.docIds.join(',') : undefined
  if (mode === 'orders') {
    const query = { supplier_id: p.supplierId, warehouse_id: p.warehouseId ?? undefined, q, ...(ids ? { order_ids: ids } : {}) }
    return purchaseApi.openLines(query).then((list) =>
      list.map((o) => ({
        id: o.line_id,
        number: o.order_number,
        date: o.expected_date ?? o.business_date,
        code: o.sku_code,
        name: o.product_name,
        spec: o.spec,
        unit: o.unit_name,
        lot: '',
        ordered: trimDec(o.base_qty),
        done: trimDec(o.received_qty),
        remaining: trimDec(o.remaining_qty),
        fill: trimDec(o.remaining_unit_qty),
        source: { open: o },
      })),
    )
  }
  return purchaseApi.returnableLines({ supplier_id: p.supplierId, q, ...(ids ? { receipt_ids: ids } : {}) }).then((list) =>
    list
      .filter((r) => big(r.returnable_qty)?.gt(0))
      .map((r) => ({
        id: r.line_id,
        number: r.receipt_number,
        date: r.business_date,
        code: r.sku_code,
        name: r.product_name,
        spec: r.spec ?? '',
        unit: r.unit_name ?? '',
        lot: r.lot_no,
        ordered: trimDec(r.qty),
        done: trimDec(r.returned_qty),
        remaining: trimDec(r.returnable_qty),
        fill: r.ratio ? baseToUnit(r.returnable_qty, r.ratio) : trimDec(r.returnable_qty),
        source: { returnable: r },
      })),
  )
}

/** What the dialog hands back for a checked line with `qty` (in the line's unit). */
export function pickedRow(mode: PickMode, line: PickSourceLine<PickSource>, qty: string): PickedRow {
  return { source: mode === 'orders' ? 'order' : 'receipt', open: line.source.open, returnable: line.source.returnable, qty }
}

/** The id of the document a source line belongs to. */
export function sourceDocId(line: PickSourceLine<PickSource>): number | undefined {
  return line.source.open?.order_id ?? line.source.returnable?.receipt_id
}
