// Retail counter and pricing API (docs/contracts/sales-api.md): tickets, returns, price quotes, price lists,
// promotions and slow movers. Accounts for the tenders come from the finance accounts list.
import { accountsApi } from '@/api'
import { downloadBlob, upload } from '@/api/files'
import type { Query } from '@/api/http'
import type { AccountRead, Page } from '@/api/types'
import { request } from '@/components/document/request'
import type {
  PriceListImportResult,
  PriceListRead,
  PriceListSummary,
  PriceListWrite,
  PromotionRead,
  PromotionSummary,
  PromotionWrite,
  QuoteLine,
  QuoteRequest,
  RetailReturnWrite,
  SlowMover,
  TicketRead,
  TicketKind,
  TicketSummary,
  TicketWrite,
} from './types'

export const retailApi = {
  sell: (body: TicketWrite) => request<TicketRead>('POST', '/retail/tickets', { body }),
  /** tickets (/retail/tickets) or retail returns (/retail/returns): two lists of the same shape */
  path: (kind: TicketKind) => (kind === 'retail_return' ? '/retail/returns' : '/retail/tickets'),
  list: (q: Query, kind: TicketKind = 'retail') => request<Page<TicketSummary>>('GET', retailApi.path(kind), { query: q }),
  get: (id: number, kind: TicketKind = 'retail') => request<TicketRead>('GET', `${retailApi.path(kind)}/${id}`),
  byNumber: (number: string) => request<TicketRead>('GET', `/retail/tickets/by-number/${encodeURIComponent(number)}`),
  reverse: (id: number, business_date?: string) =>
    request<TicketRead>('POST', `/retail/tickets/${id}/reverse`, { body: business_date ? { business_date } : {} }),
  refund: (body: RetailReturnWrite) => request<TicketRead>('POST', '/retail/returns', { body }),
}

export const pricingApi = {
  quote: (body: QuoteRequest) => request<{ lines: QuoteLine[] }>('POST', '/sales-prices/quote', { body, quiet: true }),
}

export const priceListApi = {
  path: '/price-lists',
  list: (q: Query) => request<Page<PriceListSummary>>('GET', '/price-lists', { query: q }),
  get: (id: number) => request<PriceListRead>('GET', `/price-lists/${id}`),
  create: (body: PriceListWrite) => request<PriceListRead>('POST', '/price-lists', { body }),
  update: (id: number, body: PriceListWrite & { version: number }) => request<PriceListRead>('PUT', `/price-lists/${id}`, { body }),
  remove: (id: number) => request<void>('DELETE', `/price-lists/${id}`),
  importFile: (id: number, file: File) => upload<PriceListImportResult>(`/price-lists/${id}/import`, file, file.name),
  exportFile: (id: number) => downloadBlob(`/price-lists/${id}`, { format: 'xlsx' }),
}

export const promotionApi = {
  path: '/promotions',
  list: (q: Query) => request<Page<PromotionSummary>>('GET', '/promotions', { query: q }),
  get: (id: number) => request<PromotionRead>('GET', `/promotions/${id}`),
  create: (body: PromotionWrite) => request<PromotionRead>('POST', '/promotions', { body }),
  update: (id: number, body: PromotionWrite & { version: number }) => request<PromotionRead>('PUT', `/promotions/${id}`, { body }),
  remove: (id: number) => request<void>('DELETE', `/promotions/${id}`),
  slowMovers: (q: { days: number; warehouse_id?: number | null }) => request<SlowMover[]>('GET', '/promotions/slow-movers', { query: q }),
}

/** Active settlement accounts (cash, WeChat, Alipay, bank card …) for the tenders. */
export async function activeAccounts(): Promise<AccountRead[]> {
  const page = await accountsApi.list({ page: 1, page_size: 200, is_active: true, sort: 'code' })
  return page.items
}
