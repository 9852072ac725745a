import type { SalesPickedRow } from './SalesPickDialog.vue'

/**
 * A delivery ships from one warehouse. Picked into a delivery that has none yet, order lines take the first
 * picked order's warehouse; lines of orders in another warehouse are left out (`left` names those orders, for
 * the message). Returns with no order line answer no warehouse.
 */
export function oneWarehouse(rows: SalesPickedRow[]): { warehouse: { id: number; name: string } | null; kept: SalesPickedRow[]; left: string[] } {
  const first = rows.find((r) => r.open)?.open
  if (!first) return { warehouse: null, kept: rows, left: [] }
  const kept = rows.filter((r) => !r.open || r.open.warehouse_id === first.warehouse_id)
  const left = [...new Set(rows.filter((r) => r.open && r.open.warehouse_id !== first.warehouse_id).map((r) => r.open!.order_number))]
  return { warehouse: { id: first.warehouse_id, name: first.warehouse_name }, kept, left }
}
