// Calls of the money reports (应收应付余额, 对账单, 账龄, 账户余额, 资金流水) and their master data
// (汇率, 收支类别). Same headers, CSRF and problem+json handling as the typed client in @/api.
import { apiHeaders, apiUrl, networkError, problemFrom, type Query, type RequestOptions } from '@/api/http'
import type { Page } from '@/api/types'
import { sumDecimals } from '@/utils/money'
import type {
  AccountBalanceRow,
  AccountBalances,
  AccountEntryPage,
  AgeingReport,
  CategoryKind,
  ExchangeRate,
  ExchangeRateCreate,
  MoneyCategory,
  OverdueItem,
  PartnerBalanceRow,
  Statement,
  StatementLink,
  StatementLinkCreate,
  StatementLinkCreated,
} from './types'

async function request<T>(method: string, path: string, query?: Query, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(apiUrl(path, query), {
      method,
      credentials: 'same-origin',
      headers: apiHeaders(method, body !== undefined),
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  } catch {
    throw networkError()
  }
  if (!res.ok) throw await problemFrom(res, opts)
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

/** The account balances answer as {items, total}, whether the server sends a bare list or a wrapper. */
export function normalizeAccountBalances(data: unknown): AccountBalances {
  if (Array.isArray(data)) {
    const items = data as AccountBalanceRow[]
    return { items, total: sumDecimals(items.map((r) => r.balance)) }
  }
  const d = (data ?? {}) as { items?: AccountBalanceRow[]; total?: string | number }
  const items = d.items ?? []
  const total = typeof d.total === 'string' ? d.total : sumDecimals(items.map((r) => r.balance))
  return { items, total }
}

export const financeReportsApi = {
  partnerBalances: (q: Query) => request<Page<PartnerBalanceRow>>('GET', '/partner-balances', q),
  accountBalances: () => request<unknown>('GET', '/account-balances').then(normalizeAccountBalances),
  accountEntries: (q: Query) => request<AccountEntryPage>('GET', '/account-entries', q),
  statement: (q: Query) => request<Statement>('GET', '/statements', q),
  links: (partner_id: number) => request<StatementLink[]>('GET', '/statement-links', { partner_id }),
  createLink: (body: StatementLinkCreate) => request<StatementLinkCreated>('POST', '/statement-links', undefined, body),
  revokeLink: (id: number) => request<StatementLink>('POST', `/statement-links/${id}/revoke`, undefined, {}),
  ageing: (q: Query) => request<AgeingReport>('GET', '/reports/ageing', q),
  overdue: (q: Query) => request<OverdueItem[]>('GET', '/reports/overdue', q),
}

export const ratesApi = {
  list: (currency?: string) => request<ExchangeRate[]>('GET', '/exchange-rates', { currency }),
  create: (body: ExchangeRateCreate) => request<ExchangeRate>('POST', '/exchange-rates', undefined, body),
  update: (id: number, body: { rate: string; version: number }) => request<ExchangeRate>('PATCH', `/exchange-rates/${id}`, undefined, body),
  remove: (id: number) => request<void>('DELETE', `/exchange-rates/${id}`),
}

export const categoriesApi = {
  list: (kind: CategoryKind) => request<MoneyCategory[]>('GET', '/money-categories', { kind }),
  create: (body: { kind: CategoryKind; name: string }) => request<MoneyCategory>('POST', '/money-categories', undefined, body),
  update: (id: number, body: { name?: string; is_active?: boolean; version: number }) =>
    request<MoneyCategory>('PATCH', `/money-categories/${id}`, undefined, body),
  remove: (id: number) => request<void>('DELETE', `/money-categories/${id}`),
}

/** GET /public/statements/{token} without login, CSRF or the global 401/403 handling. */
export async function fetchPublicStatement(token: string, locale: string): Promise<{ status: number; statement: Statement | null }> {
  const res = await fetch(`/api/v1/public/statements/${encodeURIComponent(token)}`, {
    credentials: 'omit',
    headers: { Accept: 'application/json, application/problem+json', 'Accept-Language': locale },
  })
  if (!res.ok) return { status: res.status, statement: null }
  return { status: res.status, statement: (await res.json()) as Statement }
}
