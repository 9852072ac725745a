import { ref, watch, type Ref } from 'vue'
import { useAuthStore } from '@/stores/auth'

export type ColumnType = 'text' | 'date' | 'datetime' | 'money' | 'qty' | 'number' | 'bool'

export interface ColumnDef {
  /** API field name; also the export column key and the sort key */
  key: string
  /** i18n key of the header */
  labelKey: string
  type?: ColumnType
  sortable?: boolean
  width?: number | string
  minWidth?: number | string
  align?: 'left' | 'center' | 'right'
  fixed?: 'left' | 'right'
  /** decimals for money/qty/number (money defaults to 2) */
  precision?: number
  /** hidden until the user turns it on in 列设置 */
  defaultHidden?: boolean
  /** cannot be hidden */
  required?: boolean
  /** not offered to export (e.g. computed-only columns) */
  noExport?: boolean
  /** the export's column key(s) when they differ from `key` (e.g. an import-shaped export) */
  exportKey?: string | string[]
}

/** The export column keys for the visible columns (`noExport` left out, `exportKey` mapped). */
export function exportColumns(columns: ColumnDef[], visible: string[]): string[] {
  const byKey = new Map(columns.map((c) => [c.key, c]))
  const out: string[] = []
  for (const k of visible) {
    const c = byKey.get(k)
    if (!c || c.noExport) continue
    for (const e of c.exportKey === undefined ? [k] : ([] as string[]).concat(c.exportKey)) if (!out.includes(e)) out.push(e)
  }
  return out
}

export function defaultVisible(columns: ColumnDef[]): string[] {
  return columns.filter((c) => !c.defaultHidden).map((c) => c.key)
}

export function storageKey(userId: number | string | undefined, pageKey: string): string {
  return `jxc.columns.${userId ?? 'anon'}.${pageKey}`
}

/** Keeps only known keys, in the stored order, and re-adds required columns. */
export function sanitizeVisible(stored: unknown, columns: ColumnDef[]): string[] | null {
  if (!Array.isArray(stored)) return null
  const known = new Set(columns.map((c) => c.key))
  const keys = stored.filter((k): k is string => typeof k === 'string' && known.has(k))
  for (const c of columns) if (c.required && !keys.includes(c.key)) keys.unshift(c.key)
  return keys
}

/**
 * The visible column keys (in display order) for a list page, persisted per user + page
 * in localStorage.
 */
export function useColumnSettings(pageKey: string, columns: ColumnDef[]): Ref<string[]> {
  const auth = useAuthStore()
  const key = storageKey(auth.me?.id, pageKey)
  let initial: string[] | null = null
  try {
    const raw = localStorage.getItem(key)
    initial = raw ? sanitizeVisible(JSON.parse(raw), columns) : null
  } catch {
    initial = null
  }
  const visible = ref<string[]>(initial ?? defaultVisible(columns))
  watch(
    visible,
    (v) => {
      try {
        localStorage.setItem(key, JSON.stringify(v))
      } catch {
        /* ignore */
      }
    },
    { deep: true },
  )
  return visible
}
