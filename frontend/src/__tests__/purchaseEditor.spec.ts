import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { PurchaseDocRead } from '@/views/purchase/types'

// The purchasing editor against a mocked API: a draft order's lines with prices and totals, the PUT body it
// saves, no price columns without purchase.price.view / cost.view, 强制结单 on an approved order, and the
// price default asked when a line's unit changes.
const http = vi.hoisted(() => ({ request: vi.fn() }))
vi.mock('@/components/document/request', () => ({ request: http.request }))
const masters = vi.hoisted(() => ({
  partners: { list: vi.fn(), get: vi.fn() },
  users: { list: vi.fn() },
  skus: { search: vi.fn(), byBarcode: vi.fn() },
  warehouses: { list: vi.fn() },
}))
vi.mock('@/api', async (orig) => ({
  ...(await orig<typeof import('@/api')>()),
  partnersApi: masters.partners,
  usersApi: masters.users,
  skusApi: masters.skus,
  warehousesApi: masters.warehouses,
}))

const order = (over: Partial<PurchaseDocRead> = {}): PurchaseDocRead => ({
  id: 5,
  number: 'CGDD-20260501-001',
  kind: 'order',
  business_date: '2026-05-01',
  supplier_id: 7,
  supplier_name: 'ACME',
  warehouse_id: 1,
  warehouse_name: 'Main',
  buyer_id: null,
  buyer_name: null,
  expected_date: '2026-05-10',
  currency: 'CNY',
  rate: '1.000000',
  status: 'draft',
  receive_status: 'none',
  remark: '',
  total_qty: '24.0000',
  rejected_qty: '0',
  amount: '240.00',
  tax_amount: '31.20',
  total_amount: '271.20',
  paid_amount: '0.00',
  account_id: null,
  account_name: null,
  overdue: false,
  version: 2,
  created_by_name: 'admin',
  created_at: '2026-05-01T08:00:00Z',
  approved_by_name: null,
  approved_at: null,
  reversed_by_name: null,
  reversed_at: null,
  closed_by_name: null,
  closed_at: null,
  sources: [],
  followers: [],
  lines: [
    {
      id: 1,
      line_no: 1,
      sku_id: 3,
      sku_code: 'P001',
      product_id: 3,
      product_name: 'Cola',
      spec: '',
      attributes_text: '',
      tracking: 'none',
      unit_id: 11,
      unit_name: 'case',
      qty: '2.0000',
      rejected_qty: '0',
      base_unit_name: 'btl',
      base_qty: '24.0000',
      price: '120.000000',
      discount_rate: '0.00',
      tax_rate: '13.00',
      net_price: '120.000000',
      amount: '240.00',
      tax_amount: '31.20',
      total: '271.20',
      lot_id: null,
      lot_no: '',
      production_date: null,
      expiry_date: null,
      source_line_id: null,
      source_number: null,
      done_qty: '0',
      remaining_qty: '24.0000',
      remark: '',
    },
  ],
  ...over,
})
const withoutPrices = (d: PurchaseDocRead): PurchaseDocRead => {
  const { amount: _a, tax_amount: _t, total_amount: _ta, paid_amount: _p, ...rest } = d
  return { ...rest, lines: d.lines.map(({ price: _1, net_price: _2, amount: _3, tax_amount: _4, total: _5, ...l }) => l) } as PurchaseDocRead
}

async function mountEditor(perms: string[], admin = false) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: admin, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const Editor = (await import('@/views/purchase/PurchaseDocEditor.vue')).default
  const Page = defineComponent({ name: 'PurchaseOrdersEdit', render: () => h(Editor, { kind: 'order' }) })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/purchase/orders', name: 'PurchaseOrders', component: { render: () => null } },
      { path: '/purchase/orders/edit/:id(\\d+)?', name: 'PurchaseOrdersEdit', component: Page },
    ],
  })
  await router.push('/purchase/orders/edit/5')
  const Root = defineComponent({ render: () => h('div', [h(RouterView)]) })
  const w = mount(Root, { global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
  return { w, router }
}

const skuRow = {
  sku_id: 3,
  product_id: 3,
  code: 'P001',
  name: 'Cola',
  spec: '',
  model: '',
  attributes_text: '',
  base_unit_id: 10,
  base_unit_name: 'btl',
  units: [
    { unit_id: 10, name: 'btl', ratio: '1' },
    { unit_id: 11, name: 'case', ratio: '12' },
  ],
  barcode: '',
  tracking: 'none',
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
  masters.partners.get.mockResolvedValue({ id: 7, code: 'S1', name: 'ACME', is_active: true })
  masters.partners.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
  masters.users.list.mockResolvedValue({ items: [{ id: 1, username: 'admin', display_name: 'Admin' }], total: 1, page: 1, page_size: 200 })
  masters.skus.search.mockResolvedValue({ items: [skuRow], total: 1, page: 1, page_size: 50 })
  masters.warehouses.list.mockResolvedValue({ items: [{ id: 1, code: 'W1', name: 'Main', is_active: true }], total: 1, page: 1, page_size: 200 })
})

describe('PurchaseDocEditor (采购订单)', { timeout: 120_000 }, () => {
  it('shows prices and totals, asks the price default on a unit change and saves with the version', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-orders/5') return order()
      if (method === 'GET' && path === '/purchase-prices/default') return { price: '10.5', source: 'last', last_date: null, last_number: null }
      if (method === 'GET' && path === '/stock-availability') return []
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountEditor([], true)
    expect(w.find('[data-testid="doc-number"]').text()).toBe('CGDD-20260501-001')
    expect((w.find('[data-testid="line-price-1"]').element as HTMLInputElement).value).toBe('120')
    expect(w.find('[data-testid="line-total-1"]').text()).toBe('271.20')
    expect(w.find('[data-testid="doc-total-amount"]').text()).toBe('¥271.20')
    expect(w.find('[data-testid="pur-total-tax"]').text()).toBe('¥31.20')
    expect(w.find('[data-testid="doc-total-qty"]').text()).toBe('24')

    // 瓶 instead of 箱: the supplier's price per 瓶 is asked for
    await w.find('[data-testid="line-unit-1"]').setValue('10')
    await flushPromises()
    const ask = http.request.mock.calls.find((c) => c[1] === '/purchase-prices/default')
    expect(ask?.[2]).toMatchObject({ query: { supplier_id: 7, sku_id: 3, unit_id: 10 } })
    expect((w.find('[data-testid="line-price-1"]').element as HTMLInputElement).value).toBe('10.5')

    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'PUT' && path === '/purchase-orders/5') return order({ version: 3 })
      if (method === 'GET' && path === '/stock-availability') return []
      if (method === 'GET' && path === '/purchase-prices/default') return { price: '120', source: 'last', last_date: null, last_number: null }
      throw new Error(`unexpected ${method} ${path}`)
    })
    await w.find('[data-testid="doc-save"]').trigger('click')
    await flushPromises()
    const put = http.request.mock.calls.find((c) => c[0] === 'PUT')
    expect(put?.[2]).toEqual({
      body: {
        business_date: '2026-05-01',
        supplier_id: 7,
        warehouse_id: 1,
        buyer_id: null,
        remark: '',
        expected_date: '2026-05-10',
        version: 2,
        lines: [{ sku_id: 3, unit_id: 10, qty: '24', discount_rate: '0', tax_rate: '13', lot_no: '', remark: '', price: '10.5' }],
      },
    })
    w.unmount()
  })

  it('hides every price column without purchase.price.view or cost.view', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-orders/5') return withoutPrices(order())
      if (method === 'GET' && path === '/stock-availability') return []
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountEditor(['purchase.order.view', 'purchase.order.create'])
    expect(w.find('[data-testid="line-qty-1"]').exists()).toBe(true)
    for (const id of ['line-price-1', 'line-total-1', 'line-amount-1', 'doc-total-amount', 'pur-total-tax', 'doc-amount-words']) expect(w.find(`[data-testid="${id}"]`).exists()).toBe(false)
    expect(w.text()).not.toContain('单价')
    expect(http.request.mock.calls.some((c) => c[1] === '/purchase-prices/default')).toBe(false)
    w.unmount()
  })

  it('offers 强制结单 on an approved, partly received order and shows 部分入库', async () => {
    const approved = order({ status: 'approved', receive_status: 'partial', approved_by_name: 'boss', approved_at: '2026-05-02T08:00:00Z' })
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-orders/5') return approved
      if (method === 'POST' && path === '/purchase-orders/5/close') return { ...approved, status: 'closed', receive_status: 'closed' }
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountEditor(['purchase.order.view', 'purchase.order.close', 'purchase.order.unapprove', 'purchase.price.view'])
    expect(w.find('[data-testid="pur-receive-status"]').text()).toBe('部分入库')
    expect(w.find('[data-testid="doc-reverse"]').exists()).toBe(false)
    expect(w.find('[data-testid="doc-save"]').exists()).toBe(false)
    expect(w.find('[data-testid="line-price-1"]').text()).toBe('120')
    const close = w.find('[data-testid="pur-close"]')
    expect(close.exists()).toBe(true)
    await close.trigger('click')
    await flushPromises()
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement | null)?.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    await flushPromises()
    expect(http.request.mock.calls.some((c) => c[0] === 'POST' && c[1] === '/purchase-orders/5/close')).toBe(true)
    expect(w.find('[data-testid="pur-receive-status"]').text()).toBe('已关闭')
    w.unmount()
  })
})
