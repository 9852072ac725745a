// Stock documents (期初库存, 其他入库, 其他出库, 调拨单): one shape and one set of routes on four paths
// (docs/contracts/inventory-api.md).
import { downloadBlob, upload } from '@/api'
import type { Query } from '@/api/http'
import type { Page } from '@/api/types'
import { request } from '@/components/document/request'
import type { components } from '@/api/schema'

export type StockDocKind = components['schemas']['StockDocRead']['kind']
type S = components['schemas']
export type StockDocLineRead = S['StockDocLineRead']
export type StockDocSummary = S['StockDocSummary']
export type StockDocRead = S['StockDocRead']
export type StockDocLineWrite = S['StockDocLineWrite']
/** POST body; PUT adds `version` */
export type StockDocWrite = S['StockDocWrite'] & { version?: number }
export type ImportedLine = S['ImportedLine']
export type ImportLinesResult = S['ImportLinesResult']

export function stockDocApi(path: string) {
  return {
    path,
    list: (q: Query) => request<Page<StockDocSummary>>('GET', path, { query: q }),
    get: (id: number) => request<StockDocRead>('GET', `${path}/${id}`),
    create: (body: StockDocWrite) => request<StockDocRead>('POST', path, { body }),
    update: (id: number, body: S['StockDocUpdate']) => request<StockDocRead>('PUT', `${path}/${id}`, { body }),
    approve: (id: number) => request<StockDocRead>('POST', `${path}/${id}/approve`),
    unapprove: (id: number) => request<StockDocRead>('POST', `${path}/${id}/unapprove`),
    reverse: (id: number, business_date?: string) =>
      request<StockDocRead>('POST', `${path}/${id}/reverse`, { body: business_date ? { business_date } : {} }),
    void: (id: number) => request<StockDocRead>('POST', `${path}/${id}/void`),
    copy: (id: number) => request<StockDocRead>('POST', `${path}/${id}/copy`),
    remove: (id: number) => request<void>('DELETE', `${path}/${id}`),
  }
}
export type StockDocApi = ReturnType<typeof stockDocApi>

export const openingImportApi = {
  template: () => downloadBlob('/opening-stocks/import-template'),
  parse: (file: File, warehouse_id: number) =>
    upload<ImportLinesResult>('/opening-stocks/import-lines', file, file.name, { warehouse_id }),
}
