import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/i18n'
import { vPerm } from '@/directives/perm'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import DocList from './DocList.vue'
import { docStatusTag, filterField, type DocListFilters } from './docList'

// The shared document list of purchasing and sales: test ids and texts from the prefix, the partner and progress
// filters named by the page, the page's own filters and number tag through slots, a row click opening the
// editor, 新增, and 批量审核 of the checked drafts.
const ui = vi.hoisted(() => {
  const message = Object.assign(vi.fn(), { warning: vi.fn(), error: vi.fn(), success: vi.fn() })
  return { message, confirm: vi.fn() }
})
vi.mock('element-plus/es', async (original) => ({
  ...(await original<object>()),
  ElMessage: ui.message,
  ElMessageBox: { confirm: ui.confirm },
}))
const masters = vi.hoisted(() => ({ partners: { list: vi.fn(), get: vi.fn() } }))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), partnersApi: masters.partners }))

interface Row {
  id: number
  number: string
  status: string
  deliver_status: string
  flag: boolean
}
interface Filters extends DocListFilters {
  deliver_status: string
  customer_id: number | null
  extra: string
}

const rows: Row[] = [
  { id: 1, number: 'D-1', status: 'draft', deliver_status: 'partial', flag: true },
  { id: 2, number: 'D-2', status: 'closed', deliver_status: 'full', flag: false },
]

async function mountList(kind: string, perms: string[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: false, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/docs/edit/:id(\\d+)?', name: 'DocsEdit', component: { render: () => null } },
    ],
  })
  await router.push('/')
  const api = {
    path: '/docs',
    list: vi.fn(async () => ({ items: rows, total: rows.length, page: 1, page_size: 20 })),
    approve: vi.fn(async (_id: number) => ({})),
    remove: vi.fn(async (_id: number) => undefined),
  }
  const Page = defineComponent({
    setup() {
      return () =>
        h(
          DocList<Row, Filters>,
          {
            kind,
            prefix: 'sal',
            def: { api, perm: 'docs', editRoute: 'DocsEdit' },
            columns: [
              { key: 'number', labelKey: 'invDoc.field.number' },
              { key: 'status', labelKey: 'invDoc.field.status' },
              { key: 'deliver_status', labelKey: 'sal.field.deliverStatus' },
            ],
            columnsKey: `test.docs.${kind}`,
            queryKey: `test-docs-${kind}`,
            defaults: (): Filters => ({ q: '', status: '', deliver_status: '', customer_id: null, warehouse_id: null, extra: 'x', range: ['2026-05-01', '2026-05-31'] }),
            toParams: (f: Filters) => ({ q: f.q, customer_id: f.customer_id, extra: f.extra, date_from: f.range?.[0] }),
            partner: 'customer',
            progress: 'deliver',
            progressTagType: () => 'warning' as const,
          },
          {
            'filters-before-range': ({ filters }: { filters: Filters }) => h('span', { 'data-testid': 'before-range' }, filters.extra),
            'filters-end': () => h('span', { 'data-testid': 'end' }),
            'number-tag': ({ row }: { row: Row }) => (row.flag ? h('em', { 'data-testid': `tag-${row.number}` }) : null),
          },
        )
    },
  })
  const w = mount(Page, {
    global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[], directives: { perm: vPerm } },
    attachTo: document.body,
  })
  await flushPromises()
  await new Promise((r) => setTimeout(r, 30))
  await flushPromises()
  return { w, api, router }
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'en'
  ui.confirm.mockResolvedValue('confirm')
  masters.partners.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
})

describe('DocList', { timeout: 60_000 }, () => {
  it('names its test ids and texts by the prefix, queries with the page params and fills the slots', async () => {
    const { w, api } = await mountList('order', ['docs.create', 'docs.approve'])
    expect(api.list).toHaveBeenCalledWith({ extra: 'x', date_from: '2026-05-01', page: 1, page_size: 20, sort: '-business_date' })
    for (const id of ['sal-list-order', 'sal-filter-q', 'sal-filter-customer', 'sal-filter-status', 'sal-filter-deliver', 'sal-filter-warehouse', 'sal-list-add', 'sal-list-approve', 'sal-list-delete', 'sal-table-order', 'sal-row-D-1', 'sal-status-D-1', 'sal-status-D-2', 'sal-deliver-D-1'])
      expect(w.find(`[data-testid="${id}"]`).exists(), id).toBe(true)
    expect(w.find('[data-testid="before-range"]').text()).toBe('x')
    expect(w.find('[data-testid="end"]').exists()).toBe(true)
    expect(w.find('[data-testid="tag-D-1"]').exists()).toBe(true)
    expect(w.find('[data-testid="tag-D-2"]').exists()).toBe(false)
    expect(w.find('[data-testid="sal-status-D-2"]').text()).toBe(i18n.global.t('sal.status.closed'))
    expect(w.find('[data-testid="sal-deliver-D-1"]').text()).toBe(i18n.global.t('sal.deliver.partial'))
    w.unmount()
  })

  it('shows the progress filter on orders only and the buttons by permission', async () => {
    const { w } = await mountList('delivery', [])
    expect(w.find('[data-testid="sal-filter-deliver"]').exists()).toBe(false)
    expect(w.find('[data-testid="sal-list-add"]').exists()).toBe(false)
    expect(w.find('[data-testid="sal-list-approve"]').exists()).toBe(false)
    w.unmount()
  })

  it('opens a clicked row and a new document in the editor', async () => {
    const { w, router } = await mountList('order', ['docs.create'])
    await w.find('[data-testid="sal-row-D-2"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('DocsEdit')
    expect(router.currentRoute.value.params.id).toBe('2')
    await w.find('[data-testid="sal-list-add"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/docs/edit')
    w.unmount()
  })

  it('approves the checked drafts in one batch and reloads', async () => {
    const { w, api } = await mountList('order', ['docs.approve'])
    const boxes = w.findAll('[data-testid="sal-table-order"] .el-table__body .el-checkbox__original')
    for (const b of boxes) await b.setValue(true)
    await flushPromises()
    const calls = api.list.mock.calls.length
    await w.find('[data-testid="sal-list-approve"]').trigger('click')
    await flushPromises()
    expect(ui.confirm).toHaveBeenCalledTimes(1)
    expect(api.approve.mock.calls.map((c) => c[0])).toEqual([1])
    expect(api.list.mock.calls.length).toBeGreaterThan(calls)
    w.unmount()
  })
})

describe('docList helpers', () => {
  it('docStatusTag shows a closed document as approved', () => {
    expect(docStatusTag('closed')).toBe('approved')
    expect(docStatusTag('draft')).toBe('draft')
  })

  it('filterField reads and writes the filter the page names', () => {
    const f: Record<string, unknown> = { supplier_id: 3 }
    let name = 'supplier_id'
    const field = filterField<number | null>(f, () => name)
    expect(field.get()).toBe(3)
    field.set(5)
    expect(f.supplier_id).toBe(5)
    name = 'customer_id'
    field.set(null)
    expect(f.customer_id).toBeNull()
  })
})
