import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { MoneyDocRead, OpenItem } from '@/views/finance/docs/types'

// The money editor against a mocked API: loading a draft receipt, the PUT body it saves, the line a
// server `allocation_exceeds_open` error points at, and the buttons a permission set allows.
const http = vi.hoisted(() => ({ request: vi.fn() }))
vi.mock('@/components/document/request', () => ({ request: http.request }))
const masters = vi.hoisted(() => ({
  partners: { list: vi.fn(), get: vi.fn() },
  accounts: { list: vi.fn() },
}))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), partnersApi: masters.partners, accountsApi: masters.accounts }))

const entry: OpenItem = {
  id: 41,
  partner_id: 7,
  side: 'ar',
  doc_kind: 'opening',
  doc_number: 'QCYE-20260101-001',
  business_date: '2026-01-01',
  due_date: null,
  currency: 'CNY',
  amount: '1000.00',
  open_amount: '1000.00',
  base_amount: '1000.00',
}

const receipt = (over: Partial<MoneyDocRead> = {}): MoneyDocRead => ({
  id: 5,
  number: 'SKD-20260501-001',
  kind: 'receipt',
  business_date: '2026-05-01',
  status: 'draft',
  remark: '',
  version: 2,
  partner_id: 7,
  partner_name: 'ACME',
  side: 'ar',
  account_id: 3,
  account_name: 'Cash',
  to_account_id: null,
  to_account_name: null,
  currency: 'CNY',
  rate: '1.000000',
  amount: '300.00',
  discount: '0.00',
  base_amount: '300.00',
  allocated_amount: '300.00',
  unallocated_amount: '0.00',
  auto_allocate: true,
  created_by_name: 'admin',
  created_at: '2026-05-01T08:00:00Z',
  approved_by_name: null,
  approved_at: null,
  reversed_by_name: null,
  reversed_at: null,
  lines: [
    {
      id: 1,
      line_no: 1,
      amount: '300.00',
      base_amount: '300.00',
      remark: '',
      entry_id: 41,
      credit_entry_id: null,
      entry,
      credit_entry: null,
      category_id: null,
      category_name: null,
      partner_id: null,
      partner_name: null,
      side: '',
      account_id: null,
      account_name: null,
      currency: 'CNY',
      rate: '1.000000',
      due_date: null,
    },
  ],
  ...over,
})

function setup(perms: string[], admin = false) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: admin, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return { pinia, qc }
}

async function mountEditor(perms: string[], admin = false) {
  const { pinia, qc } = setup(perms, admin)
  const MoneyDocEditor = (await import('@/views/finance/docs/MoneyDocEditor.vue')).default
  const Page = defineComponent({ name: 'FinanceReceiptsEdit', render: () => h(MoneyDocEditor, { kind: 'receipt' }) })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/finance/receipts', name: 'FinanceReceipts', component: { render: () => null } },
      { path: '/finance/receipts/edit/:id(\\d+)?', name: 'FinanceReceiptsEdit', component: Page },
    ],
  })
  await router.push('/finance/receipts/edit/5')
  const Root = defineComponent({ render: () => h('div', [h(RouterView)]) })
  const w = mount(Root, { global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
  masters.partners.get.mockResolvedValue({ id: 7, code: 'C1', name: 'ACME', is_active: true })
  masters.partners.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
  masters.accounts.list.mockResolvedValue({ items: [{ id: 3, code: 'A1', name: 'Cash', is_active: true, kind: 'cash' }], total: 1, page: 1, page_size: 200 })
  http.request.mockImplementation(async (method: string, path: string) => {
    if (method === 'GET' && path === '/receipts/5') return receipt()
    if (method === 'GET' && path === '/partner-entries/open') return [entry]
    throw new Error(`unexpected ${method} ${path}`)
  })
})

describe('MoneyDocEditor (收款单)', { timeout: 30_000 }, () => {
  it('loads a draft, shows the allocation and saves the edited receipt with its version', async () => {
    const { w } = await mountEditor([], true)
    expect(w.find('[data-testid="doc-number"]').text()).toBe('SKD-20260501-001')
    expect(w.find('[data-testid="fin-alloc-total"]').text()).toBe('300.00')
    expect(w.find('[data-testid="doc-amount-words"]').text()).toBe('\u53c1\u4f70\u5143\u6574')
    expect(w.find('[data-testid="doc-unapprove"]').exists()).toBe(false)

    await w.find('input[data-testid="fin-amount"]').setValue('400')
    expect(w.find('[data-testid="fin-prepay"]').text()).toBe('100.00')
    expect(w.find('[data-testid="doc-dirty"]').exists()).toBe(true)

    http.request.mockImplementation(async (method: string, path: string, opts?: { body?: unknown }) => {
      if (method === 'PUT' && path === '/receipts/5') return receipt({ amount: '400.00', version: 3, ...(opts?.body as object), lines: receipt().lines })
      if (method === 'GET' && path === '/partner-entries/open') return [entry]
      throw new Error(`unexpected ${method} ${path}`)
    })
    await w.find('[data-testid="doc-save"]').trigger('click')
    await flushPromises()
    const put = http.request.mock.calls.find((c) => c[0] === 'PUT')
    expect(put?.[2]).toEqual({
      body: {
        business_date: '2026-05-01',
        remark: '',
        partner_id: 7,
        side: 'ar',
        account_id: 3,
        currency: 'CNY',
        rate: '1',
        amount: '400',
        discount: '0',
        auto_allocate: true,
        lines: [{ entry_id: 41, amount: '300', remark: '' }],
        version: 2,
      },
    })
    expect(w.find('[data-testid="doc-dirty"]').exists()).toBe(false)
    w.unmount()
  })

  it('puts a server allocation_exceeds_open error on its line', async () => {
    const { w } = await mountEditor([], true)
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'POST' && path === '/receipts/5/approve')
        throw new ApiError({
          status: 409,
          code: 'allocation_exceeds_open',
          detail: 'too much',
          errors: [{ field: 'lines.0', message: 'QCYE-20260101-001 open 200.00', code: 'allocation_exceeds_open_line' }],
        })
      if (method === 'GET' && path === '/partner-entries/open') return [entry]
      throw new Error(`unexpected ${method} ${path}`)
    })
    await w.find('[data-testid="doc-approve"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="doc-line-errors"]').text()).toContain('QCYE-20260101-001 open 200.00')
    expect(w.find('[data-testid="fin-alloc"]').text()).toContain('QCYE-20260101-001 open 200.00')
    w.unmount()
  })

  it('offers only what the permissions allow; approved documents are read-only', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/receipts/5') return receipt({ status: 'approved', approved_by_name: 'boss', approved_at: '2026-05-02T08:00:00Z' })
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountEditor(['finance.receipt.view', 'finance.receipt.reverse'])
    const shown = (id: string) => w.find(`[data-testid="${id}"]`).exists()
    expect(shown('doc-reverse')).toBe(true)
    expect(shown('doc-save')).toBe(false)
    expect(shown('doc-add')).toBe(false)
    expect(shown('doc-export')).toBe(false)
    expect(shown('fin-pick-items')).toBe(false)
    expect(w.find('[data-testid="doc-trail"]').text()).toContain('boss')
    w.unmount()
  })
})
