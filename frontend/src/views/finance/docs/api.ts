// Money documents: one shape and one set of routes on seven paths (docs/contracts/money-api.md), plus the
// look-ups the editors need (open items, exchange rates, income/expense categories, accounts).
import { accountsApi, downloadBlob, upload } from '@/api'
import type { Query } from '@/api/http'
import type { AccountRead, Page } from '@/api/types'
import { request } from '@/components/document/request'
import type {
  ExchangeRateLookup,
  ImportMoneyLinesResult,
  MoneyCategory,
  MoneyDocRead,
  MoneyDocSummary,
  MoneyDocWrite,
  OpenItem,
  Side,
} from './types'

export function moneyDocApi(path: string) {
  return {
    path,
    list: (q: Query) => request<Page<MoneyDocSummary>>('GET', path, { query: q }),
    get: (id: number) => request<MoneyDocRead>('GET', `${path}/${id}`),
    create: (body: MoneyDocWrite) => request<MoneyDocRead>('POST', path, { body }),
    update: (id: number, body: MoneyDocWrite & { version: number }) => request<MoneyDocRead>('PUT', `${path}/${id}`, { body }),
    approve: (id: number) => request<MoneyDocRead>('POST', `${path}/${id}/approve`),
    reverse: (id: number, business_date?: string) =>
      request<MoneyDocRead>('POST', `${path}/${id}/reverse`, { body: business_date ? { business_date } : {} }),
    void: (id: number) => request<MoneyDocRead>('POST', `${path}/${id}/void`),
    copy: (id: number) => request<MoneyDocRead>('POST', `${path}/${id}/copy`),
    remove: (id: number) => request<void>('DELETE', `${path}/${id}`),
  }
}
export type MoneyDocApi = ReturnType<typeof moneyDocApi>

export const moneyLookupApi = {
  /** open entries of a partner on a side, oldest first (needs finance.balance.view: quiet, the caller says so) */
  openItems: (partner_id: number, side: Side, sign: 'debit' | 'credit' | 'all') =>
    request<OpenItem[]>('GET', '/partner-entries/open', { query: { partner_id, side, sign }, quiet: true }),
  rate: (currency: string, date: string) =>
    request<ExchangeRateLookup>('GET', '/exchange-rates/lookup', { query: { currency, date }, quiet: true }),
  categories: (kind: 'income' | 'expense') => request<MoneyCategory[]>('GET', '/money-categories', { query: { kind }, quiet: true }),
  accounts: async (): Promise<AccountRead[]> => {
    const page = await accountsApi.list({ page: 1, page_size: 200 })
    return page.items
  },
}

export const openingBalanceImportApi = {
  template: () => downloadBlob('/opening-balances/import-template'),
  parse: (file: File) => upload<ImportMoneyLinesResult>('/opening-balances/import-lines', file, file.name),
}
