// File endpoints (Excel templates, imports, error workbooks): multipart uploads and blob downloads
// through fetch with the same headers and problem handling as the typed client.
import { apiHeaders, apiUrl, networkError, problemFrom, type Query } from './http'
import type { paths } from './schema'
import type { ImportResult } from './types'

/** Multipart upload of one file (field `file`); `asBlob` answers come back as a Blob. */
export async function upload<T>(path: string, file: Blob, filename: string, query?: Query, asBlob = false): Promise<T> {
  const form = new FormData()
  form.append('file', file, filename)
  let res: Response
  try {
    res = await fetch(apiUrl(path, query), { method: 'POST', credentials: 'same-origin', headers: apiHeaders('POST', false), body: form })
  } catch {
    throw networkError()
  }
  if (!res.ok) throw await problemFrom(res)
  return (asBlob ? await res.blob() : await res.json()) as T
}

export async function downloadBlob(path: string, query?: Query): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response
  try {
    res = await fetch(apiUrl(path, query), { credentials: 'same-origin', headers: apiHeaders('GET', false) })
  } catch {
    throw networkError()
  }
  if (!res.ok) throw await problemFrom(res)
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) }
}

/** File name from a Content-Disposition header (RFC 5987 `filename*` first). */
export function filenameOf(cd: string | null): string | null {
  if (!cd) return null
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(cd)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd)
  return plain ? plain[1].trim() : null
}

/** Entities with Excel import, read from the generated paths (`/api/v1/<entity>/import`). */
export type ImportEntity = keyof paths extends infer K ? (K extends `/api/v1/${infer E}/import` ? E : never) : never

export const importApi = {
  template: (entity: ImportEntity) => downloadBlob(`/${entity}/import-template`),
  run: (entity: ImportEntity, file: File, mode: 'preview' | 'commit') =>
    upload<ImportResult>(`/${entity}/import`, file, file.name, { mode }),
  errorFile: (entity: ImportEntity, file: File) => upload<Blob>(`/${entity}/import/error-file`, file, file.name, undefined, true),
}

/** Saves a blob under a file name through a temporary link. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
