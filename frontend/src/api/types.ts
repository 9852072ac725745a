// API types. Models come from the generated schema.d.ts (openapi-typescript over the back end's
// OpenAPI snapshot in openapi.json — `npm run gen:api`); the problem+json error and the generic
// page shape are written here. Money and quantities are strings in the schema, never numbers.
import type { components } from './schema'

type S = components['schemas']

export type Me = S['Me']
export type IdName = S['CompanyRef']
export type LoginResult = S['LoginResult']
export type Health = S['Health']
export type ApiToken = S['TokenRead']
export type ApiTokenCreated = S['TokenCreated']
export type PermissionModule = S['PermissionModule']
export type UserRead = S['UserRead']
export type UserCreate = S['UserCreate']
export type UserUpdate = S['UserUpdate']
export type RoleRead = S['RoleRead']
export type RoleCreate = S['RoleCreate']
export type RoleUpdate = S['RoleUpdate']
export type CompanyRead = S['CompanyRead']
export type CompanyCreate = S['CompanyCreate']
export type CompanyUpdate = S['CompanyUpdate']
export type WarehouseBrief = S['WarehouseRead']
export type AuditLog = S['AuditRead']
export type AuditFacets = S['AuditFacets']
export type Facet = S['Facet']

export interface FieldError {
  field: string
  message: string
  code?: string
}

/** RFC 9457 application/problem+json, as every error of the back end. */
export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  code?: string
  errors?: FieldError[]
  request_id?: string
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

// Master data (基础资料)
export type PriceLevelRead = S['PriceLevelRead']
export type PriceLevelCreate = S['PriceLevelCreate']
export type UnitRead = S['UnitRead']
export type CategoryRead = S['CategoryNode']
export type CategoryCreate = S['CategoryCreate']
export type CategoryUpdate = S['CategoryUpdate']
export type ProductRead = S['ProductRead']
export type ProductCreate = S['ProductWrite']
export type ProductUpdate = S['ProductUpdate']
/** Create or update body (PUT carries `version`). */
export type ProductWrite = S['ProductWrite'] & { version?: number }
export type ProductListRow = S['ProductListItem']
export type SkuPrice = S['PriceIn']
export type StockLimit = S['StockLimit']
export type Tracking = ProductRead['tracking']
export type SkuPickerRow = S['SkuPick']
export type BarcodeHit = S['BarcodeHit']
export type PinyinResult = S['PinyinRead']
export type Contact = S['Contact']
export type PartnerRead = S['PartnerRead']
export type PartnerWrite = S['PartnerWrite']
export type PartnerUpdate = S['PartnerUpdate']
export type WarehouseFull = S['WarehouseRead']
export type WarehouseCreate = S['WarehouseCreate']
export type WarehouseUpdate = S['WarehouseUpdate']
export type LocationRead = S['LocationRead']
export type AccountRead = S['AccountRead']
export type AccountKind = AccountRead['kind']
export type AccountCreate = S['AccountCreate']
export type AccountUpdate = S['AccountUpdate']
export type ImportResult = S['ImportResult']
export type ImportError = S['CellError']
