// Purchasing API (docs/contracts/purchasing-api.md): one document shape on three paths, 选单 look-ups,
// price defaults, supplier records, overdue orders and replenishment.
import type { Query } from '@/api/http'
import type { Page } from '@/api/types'
import { request } from '@/components/document/request'
import type {
  OpenOrderLine,
  OverdueOrder,
  PriceDefault,
  PricePoint,
  PurchaseDocRead,
  PurchaseDocSummary,
  PurchaseDocWrite,
  ReplenishGroup,
  ReplenishOrderLine,
  ReturnableLine,
  SupplierRecord,
} from './types'

export function purchaseDocApi(path: string) {
  return {
    path,
    list: (q: Query) => request<Page<PurchaseDocSummary>>('GET', path, { query: q }),
    get: (id: number) => request<PurchaseDocRead>('GET', `${path}/${id}`),
    create: (body: PurchaseDocWrite) => request<PurchaseDocRead>('POST', path, { body }),
    update: (id: number, body: PurchaseDocWrite & { version: number }) => request<PurchaseDocRead>('PUT', `${path}/${id}`, { body }),
    approve: (id: number) => request<PurchaseDocRead>('POST', `${path}/${id}/approve`),
    unapprove: (id: number) => request<PurchaseDocRead>('POST', `${path}/${id}/unapprove`),
    reverse: (id: number, business_date?: string) =>
      request<PurchaseDocRead>('POST', `${path}/${id}/reverse`, { body: business_date ? { business_date } : {} }),
    close: (id: number) => request<PurchaseDocRead>('POST', `${path}/${id}/close`),
    void: (id: number) => request<PurchaseDocRead>('POST', `${path}/${id}/void`),
    copy: (id: number) => request<PurchaseDocRead>('POST', `${path}/${id}/copy`),
    remove: (id: number) => request<void>('DELETE', `${path}/${id}`),
  }
}
export type PurchaseDocApi = ReturnType<typeof purchaseDocApi>

export const purchaseApi = {
  openLines: (q: { supplier_id: number; warehouse_id?: number | null; q?: string; order_ids?: string }) =>
    request<OpenOrderLine[]>('GET', '/purchase-orders/open-lines', { query: q }),
  returnableLines: (q: { supplier_id: number; q?: string; receipt_ids?: string }) =>
    request<ReturnableLine[]>('GET', '/purchase-receipts/returnable-lines', { query: q }),
  priceDefault: (supplier_id: number, sku_id: number, unit_id: number) =>
    request<PriceDefault>('GET', '/purchase-prices/default', { query: { supplier_id, sku_id, unit_id }, quiet: true }),
  overdue: (as_of?: string) => request<OverdueOrder[]>('GET', '/purchase-orders/overdue', { query: { as_of } }),
  overdueCount: () => request<{ count: number }>('GET', '/purchase-orders/overdue/count', { quiet: true }),
  supplierRecord: (id: number, q: { date_from?: string; date_to?: string }) =>
    request<SupplierRecord>('GET', `/suppliers/${id}/purchase-record`, { query: q }),
  priceHistory: (id: number, sku_id?: number | null) =>
    request<PricePoint[]>('GET', `/suppliers/${id}/price-history`, { query: { sku_id: sku_id ?? undefined } }),
  replenishment: (q: { warehouse_id?: number | null; supplier_id?: number | null }) =>
    request<{ groups: ReplenishGroup[] }>('GET', '/purchase-replenishment', { query: q }),
  createOrders: (body: { business_date?: string; lines: ReplenishOrderLine[] }) =>
    request<{ orders: PurchaseDocSummary[] }>('POST', '/purchase-replenishment/orders', { body }),
}
