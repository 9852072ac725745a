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
