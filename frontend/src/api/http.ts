// Shared HTTP pieces for /api/v1 (the typed client is in ./index.ts): language + CSRF headers,
// RFC 9457 problem errors, global 401/403 handling, URLs for exports. The hooks are installed by main.ts (no store/router imports here).
import type { Problem } from './types'

export const API_BASE = '/api/v1'

export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`)
    this.status = problem.status
    this.problem = problem
  }
  get code(): string | undefined {
    return this.problem.code
  }
}

export interface HttpHooks {
  locale: () => string
  csrfToken: () => string
  onUnauthorized: (problem: Problem) => void
  onForbidden: (problem: Problem) => void
  networkErrorText: () => string
}

const hooks: HttpHooks = {
  locale: () => 'zh-CN',
  csrfToken: () => '',
  onUnauthorized: () => {},
  onForbidden: () => {},
  networkErrorText: () => 'Network error',
}

export function configureHttp(h: Partial<HttpHooks>) {
  Object.assign(hooks, h)
}

export type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Do not run the global 401 handler (e.g. login, the first /auth/me). */
  skipAuthRedirect?: boolean
  /** Do not show the global 403 message (e.g. optional look-ups like /roles in a filter). */
  quiet?: boolean
}

export function buildQuery(query?: Query): string {
  if (!query) return ''
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','))
    } else sp.set(k, String(v))
  }
  const s = sp.toString()
  return s ? `?${s}` : ''
}

export function apiUrl(path: string, query?: Query): string {
  return `${API_BASE}${path}${buildQuery(query)}`
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Headers every API request carries. */
export function apiHeaders(method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': hooks.locale(),
  }
  if (hasBody) headers['Content-Type'] = 'application/json'
  if (UNSAFE.has(method.toUpperCase())) {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }
  return headers
}

/**
 * Turns a non-2xx response into an ApiError and runs the global 401/403 handling. `body` is the
 * already parsed error body when the caller has read it (openapi-fetch does).
 */
export async function problemFrom(res: Response, opts: RequestOptions = {}, body?: unknown): Promise<ApiError> {
  let problem: Problem = { status: res.status }
  try {
    const data = body !== undefined ? body : await res.json()
    if (data && typeof data === 'object') problem = { ...(data as object), status: res.status }
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && !opts.skipAuthRedirect) hooks.onUnauthorized(problem)
  if (res.status === 403 && !opts.quiet) hooks.onForbidden(problem)
  return new ApiError(problem)
}

export function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'network_error', detail: hooks.networkErrorText() })
}
