import { computed, reactive, ref, type UnwrapRef } from 'vue'
import { keepPreviousData, useQuery } from '@tanstack/vue-query'
import { apiUrl, type Query } from '@/api/http'
import type { Page } from '@/api/types'

export interface ListQueryOptions<T, F extends object> {
  /** query-key prefix, e.g. 'users' (invalidate with queryClient.invalidateQueries({queryKey: ['users']})) */
  key: string
  /** API list path, e.g. '/users' — also used for the export URL */
  path: string
  /** initial/reset filter values */
  defaults: () => F
  /** maps filter values to query parameters (e.g. a date range to date_from/date_to) */
  toParams?: (filters: F) => Query
  fetcher: (params: Query) => Promise<Page<T>>
  defaultSort?: string
  pageSize?: number
}

function clean(q: Query): Query {
  const out: Query = {}
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v) && v.length === 0) continue
    out[k] = v
  }
  return out
}

/**
 * State + data of a list page: editable `filters` (bound to the filter strip), the
 * applied filters, paging and sorting, a @tanstack/vue-query query and the export URL.
 */
export function useListQuery<T, F extends object>(opts: ListQueryOptions<T, F>) {
  const filters = reactive(opts.defaults()) as UnwrapRef<F>
  const toParams = opts.toParams ?? ((f: F) => f as unknown as Query)
  const applied = ref<Query>(clean(toParams(structuredClone(opts.defaults()))))
  const page = ref(1)
  const pageSize = ref(opts.pageSize ?? 20)
  const sort = ref(opts.defaultSort ?? '')

  const params = computed<Query>(() => ({
    ...applied.value,
    page: page.value,
    page_size: pageSize.value,
    sort: sort.value || undefined,
  }))

  const query = useQuery({
    queryKey: computed(() => [opts.key, params.value]),
    queryFn: () => opts.fetcher(params.value),
    placeholderData: keepPreviousData,
  })

  const items = computed<T[]>(() => query.data.value?.items ?? [])
  const total = computed(() => query.data.value?.total ?? 0)
  const loading = computed(() => query.isFetching.value)

  /** 查询: apply the filter strip and go to page 1 (refetches even when nothing changed). */
  function search() {
    const next = clean(toParams(JSON.parse(JSON.stringify(filters)) as F))
    const same = JSON.stringify(next) === JSON.stringify(applied.value) && page.value === 1
    applied.value = next
    page.value = 1
    if (same) query.refetch()
  }

  /** 重置: restore the default filters and query. */
  function reset() {
    Object.assign(filters as object, opts.defaults())
    search()
  }

  /** URL that downloads the current filtered list (all pages) with the visible columns. */
  function exportUrl(columns: string[], format: 'xlsx' | 'csv' = 'xlsx'): string {
    return apiUrl(opts.path, {
      ...applied.value,
      sort: sort.value || undefined,
      format,
      columns,
    })
  }

  function exportFile(columns: string[], format: 'xlsx' | 'csv' = 'xlsx') {
    const a = document.createElement('a')
    a.href = exportUrl(columns, format)
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
  }

  return { filters, applied, page, pageSize, sort, params, query, items, total, loading, search, reset, exportUrl, exportFile }
}
