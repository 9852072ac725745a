// Stock look-ups used inside document editors: availability per line, lots (FEFO) and lot suggestions.
import { request } from './request'
import type { Availability, LotAllocation, LotOption } from './types'

export const stockLookupApi = {
  availability: (warehouse_id: number, sku_ids: number[]) =>
    request<Availability[]>('GET', '/stock-availability', { query: { warehouse_id, sku_ids }, quiet: true }),
  lots: (sku_id: number, warehouse_id: number) =>
    request<LotOption[]>('GET', '/stock-lots', { query: { sku_id, warehouse_id }, quiet: true }),
  suggestLots: (sku_id: number, warehouse_id: number, qty: string) =>
    request<LotAllocation[]>('POST', '/stock-lots/suggest', { body: { sku_id, warehouse_id, qty } }),
}
