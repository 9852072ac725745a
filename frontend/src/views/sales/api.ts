// Sales API (docs/contracts/sales-api.md): one document shape on three paths, 选单 look-ups, price defaults and
// quotes, the picking list, customer records, 客户交接 and sales channels.
import type { Query } from '@/api/http'
import type { Page } from '@/api/types'
import { request } from '@/components/document/request'
import type {
  CustomerRecord,
  PickingList,
  SalesChannel,
  SalesChannelWrite,
  SalesDocRead,
  SalesDocSummary,
  SalesDocWrite,
  SalesOpenLine,
  SalesPriceDefault,
  SalesQuoteLine,
  SalesReturnableLine,
} from './types'

export function salesDocApi(path: string) {
  return {
    path,
    list: (q: Query) => request<Page<SalesDocSummary>>('GET', path, { query: q }),
    get: (id: number) => request<SalesDocRead>('GET', `${path}/${id}`),
    create: (body: SalesDocWrite) => request<SalesDocRead>('POST', path, { body }),
    update: (id: number, body: SalesDocWrite & { version: number }) => request<SalesDocRead>('PUT', `${path}/${id}`, { body }),
    approve: (id: number) => request<SalesDocRead>('POST', `${path}/${id}/approve`),
    unapprove: (id: number) => request<SalesDocRead>('POST', `${path}/${id}/unapprove`),
    reverse: (id: number, business_date?: string) =>
      request<SalesDocRead>('POST', `${path}/${id}/reverse`, { body: business_date ? { business_date } : {} }),
    close: (id: number) => request<SalesDocRead>('POST', `${path}/${id}/close`),
    void: (id: number) => request<SalesDocRead>('POST', `${path}/${id}/void`),
    copy: (id: number) => request<SalesDocRead>('POST', `${path}/${id}/copy`),
    remove: (id: number) => request<void>('DELETE', `${path}/${id}`),
  }
}
export type SalesDocApi = ReturnType<typeof salesDocApi>

export interface QuoteBody {
  customer_id?: number | null
  channel: 'sales' | 'retail'
  date?: string
  lines: { sku_id: number; unit_id: number; qty: string; price?: string }[]
}

export const salesApi = {
  openLines: (q: { customer_id: number; warehouse_id?: number | null; q?: string; order_ids?: string }) =>
    request<SalesOpenLine[]>('GET', '/sales-orders/open-lines', { query: q }),
  returnableLines: (q: { customer_id: number; q?: string; delivery_ids?: string }) =>
    request<SalesReturnableLine[]>('GET', '/sales-deliveries/returnable-lines', { query: q }),
  priceDefault: (q: { customer_id: number | null; sku_id: number; unit_id: number; date?: string }) =>
    request<SalesPriceDefault>('GET', '/sales-prices/default', { query: { ...q, customer_id: q.customer_id ?? undefined, channel: 'sales' }, quiet: true }),
  quote: (body: QuoteBody) => request<{ lines: SalesQuoteLine[] }>('POST', '/sales-prices/quote', { body, quiet: true }),
  pickingList: (id: number) => request<PickingList>('GET', `/sales-deliveries/${id}/picking-list`),
  customerRecord: (id: number, q: { date_from?: string; date_to?: string }) =>
    request<CustomerRecord>('GET', `/customers/${id}/sales-record`, { query: q }),
  handover: (body: { from_user_id: number; to_user_id: number; customer_ids?: number[] }) =>
    request<{ moved: number }>('POST', '/customers/handover', { body }),
  channels: () => request<SalesChannel[] | { items: SalesChannel[] }>('GET', '/sales-channels', { quiet: true }).then((r) => (Array.isArray(r) ? r : (r?.items ?? []))),
  createChannel: (body: SalesChannelWrite) => request<SalesChannel>('POST', '/sales-channels', { body }),
  updateChannel: (id: number, body: SalesChannelWrite) => request<SalesChannel>('PUT', `/sales-channels/${id}`, { body }),
  deleteChannel: (id: number) => request<void>('DELETE', `/sales-channels/${id}`),
}
