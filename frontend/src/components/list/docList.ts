import type { Query } from '@/api/http'
import type { Page } from '@/api/types'

/** What a document list needs of a row: its id (open, batch), number (link, test ids) and status. */
export interface DocListRow {
  id: number
  number: string
  status: string
}

/** A document kind as the list sees it: its API, permission prefix and editor route. */
export interface DocListDef<R extends DocListRow> {
  api: {
    path: string
    list: (q: Query) => Promise<Page<R>>
    approve: (id: number) => Promise<unknown>
    remove: (id: number) => Promise<unknown>
  }
  /** permission prefix: `<perm>.create|approve|export` */
  perm: string
  editRoute: string
}

/** The filters every document list has; each page adds its partner, progress and own filters. */
export interface DocListFilters {
  q: string
  status: string
  warehouse_id: number | null
  range: [string, string] | null
}

export type DocTagType = 'info' | 'warning' | 'success' | 'danger' | 'primary'

/** The status filter's options (labels `<prefix>.status.<s>`). */
export const DOC_STATUSES = ['draft', 'approved', 'closed', 'reversed', 'void'] as const
/** The 出库/入库状态 filter's options (labels `<prefix>.<progress>.<s>`). */
export const DOC_PROGRESS = ['none', 'partial', 'full', 'closed'] as const

/** StatusTag knows no 已结单: a closed document counts as approved there (the list shows its own tag). */
export function docStatusTag(s: string): 'draft' | 'approved' | 'reversed' | 'void' {
  return (s === 'closed' ? 'approved' : s) as 'draft' | 'approved' | 'reversed' | 'void'
}

/** Reads / writes a filter whose name depends on the page (`customer_id`, `deliver_status`, …). */
export function filterField<V>(filters: object, name: () => string) {
  const f = filters as Record<string, unknown>
  return {
    get: () => f[name()] as V,
    set: (v: V) => {
      f[name()] = v
    },
  }
}
