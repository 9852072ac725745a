// Types of the stock views and stocktakes, from the generated OpenAPI schema
// (docs/contracts/inventory-api.md). Quantities and money are decimal strings; cost fields (†) are
// optional: the server leaves them out without cost.view.
import type { components } from '@/api/schema'

type S = components['schemas']

export type StockBalanceRow = S['StockBalanceRead']
export type StockTotals = S['StockTotals']
export type StockMoveRow = S['StockMoveRead']
export type StockMovePage = S['StockMovePage']
export type StockAlertRow = S['AlertRead']
export type AlertKind = StockAlertRow['kind']
export type StockExpiryRow = S['ExpiryRead']
export type StocktakeRead = S['StocktakeRead']
export type StocktakeStatus = StocktakeRead['status']
export type StocktakeLine = S['StocktakeLineRead']
export type StocktakeCount = S['CounterQty']
export type StocktakeCreate = S['StocktakeCreate']
export type ScanBody = S['ScanBody']
export type CountBody = S['CountBody']

export type LineFilter = 'all' | 'counted' | 'uncounted' | 'variance'
