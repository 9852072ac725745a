// One function per back-end endpoint, typed by openapi-fetch against the generated `paths`.
// Views call these (usually through vue-query).
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, apiHeaders, problemFrom, networkError, type Query, type RequestOptions } from './http'
import type {
  AccountCreate,
  AccountUpdate,
  CategoryCreate,
  CategoryUpdate,
  CompanyCreate,
  CompanyUpdate,
  PartnerUpdate,
  PartnerWrite,
  PriceLevelCreate,
  ProductCreate,
  ProductUpdate,
  RoleCreate,
  RoleUpdate,
  UserCreate,
  UserUpdate,
  WarehouseCreate,
  WarehouseUpdate,
} from './types'

const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })

/** Accept-Language on every request, X-CSRF-Token on POST/PATCH/PUT/DELETE. */
const headers: Middleware = {
  onRequest({ request }) {
    for (const [k, v] of Object.entries(apiHeaders(request.method, false))) request.headers.set(k, v)
    return request
  },
}
client.use(headers)

interface Result<T> {
  data?: T
  /** the parsed error body (openapi-fetch reads it, so the response body is already used) */
  error?: unknown
  response: Response
}

/** Returns the data of a 2xx answer; otherwise throws ApiError (after the global 401/403 handling). */
async function call<T>(run: () => Promise<Result<T>>, opts: RequestOptions = {}): Promise<T> {
  let res: Result<T>
  try {
    res = await run()
  } catch (e) {
    if (e instanceof ApiError) throw e
    throw networkError()
  }
  if (!res.response.ok) throw await problemFrom(res.response, opts, res.error)
  return res.data as T
}

// openapi-fetch types each list's query exactly; list pages build their query from filter state,
// so the loose `Query` is accepted here and passed through.
type Loose = never

export const authApi = {
  health: () => call(() => client.GET('/api/v1/health')),
  login: (username: string, password: string) =>
    call(() => client.POST('/api/v1/auth/login', { body: { username, password } }), { skipAuthRedirect: true }),
  logout: () => call(() => client.POST('/api/v1/auth/logout', { parseAs: 'text' }), { skipAuthRedirect: true }),
  me: (opts: RequestOptions = {}) => call(() => client.GET('/api/v1/auth/me'), opts),
  switchCompany: (company_id: number) => call(() => client.POST('/api/v1/auth/switch-company', { body: { company_id } })),
  changePassword: (old_password: string, new_password: string) =>
    call(() => client.POST('/api/v1/auth/change-password', { body: { old_password, new_password }, parseAs: 'text' })),
  tokens: () => call(() => client.GET('/api/v1/auth/tokens')),
  createToken: (name: string, expires_days: number | null) =>
    call(() => client.POST('/api/v1/auth/tokens', { body: { name, expires_days } })),
  deleteToken: (token_id: number) =>
    call(() => client.DELETE('/api/v1/auth/tokens/{token_id}', { params: { path: { token_id } }, parseAs: 'text' })),
}

export const permissionsApi = {
  catalogue: () => call(() => client.GET('/api/v1/permissions')),
}

export const usersApi = {
  list: (q: Query, quiet = false) =>
    call(() => client.GET('/api/v1/users', { params: { query: q as Loose } }), { quiet }),
  get: (user_id: number) => call(() => client.GET('/api/v1/users/{user_id}', { params: { path: { user_id } } })),
  create: (body: UserCreate) => call(() => client.POST('/api/v1/users', { body })),
  update: (user_id: number, body: UserUpdate) =>
    call(() => client.PATCH('/api/v1/users/{user_id}', { params: { path: { user_id } }, body })),
  disable: (user_id: number) => call(() => client.POST('/api/v1/users/{user_id}/disable', { params: { path: { user_id } } })),
  enable: (user_id: number) => call(() => client.POST('/api/v1/users/{user_id}/enable', { params: { path: { user_id } } })),
  resetPassword: (user_id: number, new_password: string) =>
    call(() =>
      client.POST('/api/v1/users/{user_id}/reset-password', {
        params: { path: { user_id } },
        body: { new_password },
        parseAs: 'text',
      }),
    ),
}

export const rolesApi = {
  list: (q: Query, quiet = false) =>
    call(() => client.GET('/api/v1/roles', { params: { query: q as Loose } }), { quiet }),
  get: (role_id: number) => call(() => client.GET('/api/v1/roles/{role_id}', { params: { path: { role_id } } })),
  create: (body: RoleCreate) => call(() => client.POST('/api/v1/roles', { body })),
  update: (role_id: number, body: RoleUpdate) =>
    call(() => client.PATCH('/api/v1/roles/{role_id}', { params: { path: { role_id } }, body })),
  remove: (role_id: number) =>
    call(() => client.DELETE('/api/v1/roles/{role_id}', { params: { path: { role_id } }, parseAs: 'text' })),
}

export const companiesApi = {
  list: () => call(() => client.GET('/api/v1/companies')),
  current: () => call(() => client.GET('/api/v1/companies/current')),
  updateCurrent: (body: CompanyUpdate) => call(() => client.PATCH('/api/v1/companies/current', { body })),
  create: (body: CompanyCreate) => call(() => client.POST('/api/v1/companies', { body })),
}

export const warehousesApi = {
  list: (q: Query, quiet = false) =>
    call(() => client.GET('/api/v1/warehouses', { params: { query: q as Loose } }), { quiet }),
  create: (body: WarehouseCreate) => call(() => client.POST('/api/v1/warehouses', { body })),
  update: (warehouse_id: number, body: WarehouseUpdate) =>
    call(() => client.PATCH('/api/v1/warehouses/{warehouse_id}', { params: { path: { warehouse_id } }, body })),
  remove: (warehouse_id: number) =>
    call(() => client.DELETE('/api/v1/warehouses/{warehouse_id}', { params: { path: { warehouse_id } }, parseAs: 'text' })),
  locations: (warehouse_id: number) =>
    call(() => client.GET('/api/v1/warehouses/{warehouse_id}/locations', { params: { path: { warehouse_id } } })),
  addLocation: (warehouse_id: number, body: { code: string; name: string }) =>
    call(() => client.POST('/api/v1/warehouses/{warehouse_id}/locations', { params: { path: { warehouse_id } }, body })),
  updateLocation: (location_id: number, body: { code?: string; name?: string; is_active?: boolean }) =>
    call(() => client.PATCH('/api/v1/locations/{location_id}', { params: { path: { location_id } }, body })),
  removeLocation: (location_id: number) =>
    call(() => client.DELETE('/api/v1/locations/{location_id}', { params: { path: { location_id } }, parseAs: 'text' })),
}

export const auditApi = {
  list: (q: Query) => call(() => client.GET('/api/v1/audit-logs', { params: { query: q as Loose } })),
  facets: () => call(() => client.GET('/api/v1/audit-logs/facets')),
}

export const priceLevelsApi = {
  list: (quiet = false) => call(() => client.GET('/api/v1/price-levels'), { quiet }),
  create: (body: PriceLevelCreate) => call(() => client.POST('/api/v1/price-levels', { body })),
  update: (level_id: number, body: { name?: string; sort_order?: number }) =>
    call(() => client.PATCH('/api/v1/price-levels/{level_id}', { params: { path: { level_id } }, body })),
  remove: (level_id: number) =>
    call(() => client.DELETE('/api/v1/price-levels/{level_id}', { params: { path: { level_id } }, parseAs: 'text' })),
}

export const unitsApi = {
  list: (quiet = false) => call(() => client.GET('/api/v1/units'), { quiet }),
  create: (body: { name: string; allow_fraction: boolean }) => call(() => client.POST('/api/v1/units', { body })),
  update: (unit_id: number, body: { name?: string; allow_fraction?: boolean; is_active?: boolean }) =>
    call(() => client.PATCH('/api/v1/units/{unit_id}', { params: { path: { unit_id } }, body })),
  remove: (unit_id: number) => call(() => client.DELETE('/api/v1/units/{unit_id}', { params: { path: { unit_id } }, parseAs: 'text' })),
}

export const categoriesApi = {
  tree: (quiet = false) => call(() => client.GET('/api/v1/categories'), { quiet }),
  create: (body: CategoryCreate) => call(() => client.POST('/api/v1/categories', { body })),
  update: (category_id: number, body: CategoryUpdate) =>
    call(() => client.PATCH('/api/v1/categories/{category_id}', { params: { path: { category_id } }, body })),
  remove: (category_id: number) =>
    call(() => client.DELETE('/api/v1/categories/{category_id}', { params: { path: { category_id } }, parseAs: 'text' })),
}

export const productsApi = {
  list: (q: Query) => call(() => client.GET('/api/v1/products', { params: { query: q as Loose } })),
  get: (product_id: number) => call(() => client.GET('/api/v1/products/{product_id}', { params: { path: { product_id } } })),
  create: (body: ProductCreate) => call(() => client.POST('/api/v1/products', { body })),
  update: (product_id: number, body: ProductUpdate) =>
    call(() => client.PUT('/api/v1/products/{product_id}', { params: { path: { product_id } }, body })),
  remove: (product_id: number) =>
    call(() => client.DELETE('/api/v1/products/{product_id}', { params: { path: { product_id } }, parseAs: 'text' })),
  pinyin: (text: string) => call(() => client.GET('/api/v1/pinyin', { params: { query: { text } } }), { quiet: true }),
}

export const skusApi = {
  search: (q: Query) => call(() => client.GET('/api/v1/skus', { params: { query: q as Loose } })),
  byBarcode: (barcode: string) =>
    call(() => client.GET('/api/v1/skus/by-barcode/{barcode}', { params: { path: { barcode } } }), { quiet: true }),
}

export const partnersApi = {
  list: (q: Query, quiet = false) => call(() => client.GET('/api/v1/partners', { params: { query: q as Loose } }), { quiet }),
  get: (partner_id: number) => call(() => client.GET('/api/v1/partners/{partner_id}', { params: { path: { partner_id } } })),
  create: (body: PartnerWrite) => call(() => client.POST('/api/v1/partners', { body })),
  update: (partner_id: number, body: PartnerUpdate) =>
    call(() => client.PATCH('/api/v1/partners/{partner_id}', { params: { path: { partner_id } }, body })),
  remove: (partner_id: number) =>
    call(() => client.DELETE('/api/v1/partners/{partner_id}', { params: { path: { partner_id } }, parseAs: 'text' })),
}

export const accountsApi = {
  list: (q: Query) => call(() => client.GET('/api/v1/accounts', { params: { query: q as Loose } })),
  create: (body: AccountCreate) => call(() => client.POST('/api/v1/accounts', { body })),
  update: (account_id: number, body: AccountUpdate) =>
    call(() => client.PATCH('/api/v1/accounts/{account_id}', { params: { path: { account_id } }, body })),
  remove: (account_id: number) =>
    call(() => client.DELETE('/api/v1/accounts/{account_id}', { params: { path: { account_id } }, parseAs: 'text' })),
}

export * from './files'
