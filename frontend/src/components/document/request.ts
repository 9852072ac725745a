// JSON requests for document endpoints whose path is chosen at run time (one editor serves several
// document kinds), with the same headers, CSRF and problem+json handling as the typed client.
import { apiHeaders, apiUrl, networkError, problemFrom, type Query } from '@/api/http'

export interface RequestInit2 {
  query?: Query
  body?: unknown
  /** no global 403 message */
  quiet?: boolean
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: RequestInit2 = {}): Promise<T> {
  const hasBody = opts.body !== undefined
  let res: Response
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      credentials: 'same-origin',
      headers: apiHeaders(method, hasBody),
      body: hasBody ? JSON.stringify(opts.body) : undefined,
    })
  } catch {
    throw networkError()
  }
  if (!res.ok) throw await problemFrom(res, { quiet: opts.quiet })
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}
