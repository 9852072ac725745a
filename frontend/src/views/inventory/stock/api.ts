// Calls for the stock views and stocktakes. Same headers, CSRF and problem+json handling as the
// typed client in @/api (through the shared helpers in @/api/http).
import { apiHeaders, apiUrl, networkError, problemFrom, type Query, type RequestOptions } from '@/api/http'
import type { Page } from '@/api/types'
import type {
  CountBody,
  ScanBody,
  StockAlertRow,
  StockBalanceRow,
  StockExpiryRow,
  StockMovePage,
  StockTotals,
  StocktakeCreate,
  StocktakeLine,
  StocktakeRead,
} from './types'

export async function request<T>(method: string, path: string, query?: Query, body?: unknown, opts: RequestOptions = {}): Promise<T> {
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

export const stockApi = {
  balances: (q: Query) => request<Page<StockBalanceRow>>('GET', '/stock-balances', q),
  totals: (q: Query) => request<StockTotals>('GET', '/stock-balances/totals', q),
  moves: (q: Query) => request<StockMovePage>('GET', '/stock-moves', q),
  alerts: (q: Query) => request<Page<StockAlertRow>>('GET', '/stock-alerts', q),
  expiry: (q: Query) => request<Page<StockExpiryRow>>('GET', '/stock-expiry', q),
}

export const stocktakeApi = {
  list: (q: Query) => request<Page<StocktakeRead>>('GET', '/stocktakes', q),
  get: (id: number) => request<StocktakeRead>('GET', `/stocktakes/${id}`),
  create: (body: StocktakeCreate) => request<StocktakeRead>('POST', '/stocktakes', undefined, body),
  lines: (id: number, q: Query) => request<Page<StocktakeLine>>('GET', `/stocktakes/${id}/lines`, q),
  scan: (id: number, body: ScanBody) => request<StocktakeLine>('POST', `/stocktakes/${id}/scan`, undefined, body),
  setCount: (id: number, body: CountBody) => request<StocktakeLine>('PUT', `/stocktakes/${id}/counts`, undefined, body),
  approve: (id: number) => request<StocktakeRead>('POST', `/stocktakes/${id}/approve`, undefined, {}),
  reverse: (id: number, business_date?: string) =>
    request<StocktakeRead>('POST', `/stocktakes/${id}/reverse`, undefined, business_date ? { business_date } : {}),
  void: (id: number) => request<StocktakeRead>('POST', `/stocktakes/${id}/void`, undefined, {}),
}
