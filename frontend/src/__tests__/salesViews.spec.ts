import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h, type Component } from 'vue'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { CustomerRecord } from '@/views/sales/types'

// 客户分析 and 销售渠道 against a mocked API: the record lists the customer's documents (links to the sales
// editors), shows profit only when the server sends it, offers 客户交接 only with sales.customer.handover; the
// channel list hides editing without sales.channel.edit and saves a new channel.
const http = vi.hoisted(() => ({ request: vi.fn() }))
vi.mock('@/components/document/request', () => ({ request: http.request }))
const masters = vi.hoisted(() => ({ partners: { list: vi.fn(), get: vi.fn() }, users: { list: vi.fn() } }))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), partnersApi: masters.partners, usersApi: masters.users }))

const record = (over: Partial<CustomerRecord> = {}): CustomerRecord => ({
  customer_id: 7,
  customer_name: 'Shop A',
  salesperson_name: 'Li',
  sold_amount: '1045.00',
  outstanding: '300.00',
  credit_limit: '1000.00',
  overdue_amount: '0.00',
  documents: [
    { id: 3, kind: 'return', number: 'XSTH-1', business_date: '2026-05-03', status: 'approved', total_amount: '15.00', deliver_status: '' },
    { id: 2, kind: 'delivery', number: 'XSCK-1', business_date: '2026-05-02', status: 'approved', total_amount: '60.00', deliver_status: '' },
    { id: 1, kind: 'order', number: 'XSDD-1', business_date: '2026-05-01', status: 'approved', total_amount: '75.00', deliver_status: 'partial' },
  ],
  payments: [{ doc_number: 'SKD-1', date: '2026-05-04', amount: '100.00' }],
  last_prices: [{ sku_id: 3, sku: 'P001', product_name: 'Cola', unit_id: 10, unit: 'btl', price: '15.000000', date: '2026-05-02', number: 'XSCK-1' }],
  top_products: [{ sku_id: 3, sku_code: 'P001', product_name: 'Cola', qty: '1.0000', amount: '15.00' }],
  ...over,
})

async function mountView(view: Component, name: string, path: string, perms: string[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: false, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/sales/orders/edit/:id(\\d+)?', name: 'SalesOrdersEdit', component: { render: () => null } },
      { path: '/sales/deliveries/edit/:id(\\d+)?', name: 'SalesDeliveriesEdit', component: { render: () => null } },
      { path: '/sales/returns/edit/:id(\\d+)?', name: 'SalesReturnsEdit', component: { render: () => null } },
      { path: path.split('?')[0], name, component: view },
    ],
  })
  await router.push(path)
  const Root = defineComponent({ render: () => h('div', [h(RouterView)]) })
  const w = mount(Root, { global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
  await flushPromises()
  await new Promise((r) => setTimeout(r, 30))
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
  masters.partners.get.mockResolvedValue({ id: 7, code: 'C1', name: 'Shop A', is_active: true })
  masters.partners.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
  masters.users.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 200 })
})

describe('CustomerRecordView (客户分析)', { timeout: 60_000 }, () => {
  it('lists the documents, opens one, hides profit and handover without their permissions', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/customers/7/sales-record') return record()
      throw new Error(`unexpected ${method} ${path}`)
    })
    const View = (await import('@/views/sales/CustomerRecordView.vue')).default
    const { w, router } = await mountView(View, 'SalesCustomerRecord', '/sales/customers?customer_id=7', ['sales.customer.view'])
    expect(w.find('[data-testid="sal-record-sold"]').text()).toBe('¥1,045.00')
    expect(w.find('[data-testid="sal-record-outstanding"]').text()).toBe('¥300.00')
    expect(w.find('[data-testid="sal-record-open-orders"]').exists()).toBe(false)
    for (const n of ['XSDD-1', 'XSCK-1', 'XSTH-1']) expect(w.find(`[data-testid="sal-record-doc-${n}"]`).exists()).toBe(true)
    expect(w.find('[data-testid="sal-record-profit"]').exists()).toBe(false)
    expect(w.find('[data-testid="sal-handover"]').exists()).toBe(false)
    expect(w.find('[data-testid="sal-record-documents"]').text()).toContain('部分出库')
    await w.find('[data-testid="sal-record-doc-XSCK-1"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('SalesDeliveriesEdit')
    expect(router.currentRoute.value.params.id).toBe('2')
    w.unmount()
  })

  it('shows profit when sent and offers 客户交接 with sales.customer.handover', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/customers/7/sales-record') return record({ profit_amount: '310.00', open_orders: '75.00' })
      throw new Error(`unexpected ${method} ${path}`)
    })
    const View = (await import('@/views/sales/CustomerRecordView.vue')).default
    const { w } = await mountView(View, 'SalesCustomerRecord', '/sales/customers?customer_id=7', ['sales.customer.view', 'sales.customer.handover'])
    expect(w.find('[data-testid="sal-record-profit"]').text()).toBe('¥310.00')
    expect(w.find('[data-testid="sal-record-open-orders"]').text()).toContain('¥75.00')
    // 1000 limit − 300 owed − 75 in open orders
    expect(w.find('[data-testid="sal-record-credit"]').element.parentElement!.textContent).toContain('¥625.00')
    expect(w.find('[data-testid="sal-handover"]').exists()).toBe(true)
    w.unmount()
  })
})

describe('SalesChannelsView (销售渠道)', { timeout: 60_000 }, () => {
  it('is read-only without sales.channel.edit', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-channels') return [{ id: 1, name: '门店', sort_order: 0, is_active: true }]
      throw new Error(`unexpected ${method} ${path}`)
    })
    const View = (await import('@/views/sales/SalesChannelsView.vue')).default
    const { w } = await mountView(View, 'SalesChannels', '/sales/channels', ['sales.order.view'])
    expect(w.find('[data-testid="sal-channel-门店"]').exists()).toBe(true)
    expect(w.find('[data-testid="sal-channel-add"]').exists()).toBe(false)
    expect(w.find('[data-testid="sal-channel-edit-门店"]').exists()).toBe(false)
    w.unmount()
  })

  it('adds a channel with sales.channel.edit', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-channels') return [{ id: 1, name: '门店', sort_order: 10, is_active: true }]
      if (method === 'POST' && path === '/sales-channels') return { id: 2, name: '直播', sort_order: 20, is_active: true }
      throw new Error(`unexpected ${method} ${path}`)
    })
    const View = (await import('@/views/sales/SalesChannelsView.vue')).default
    const { w } = await mountView(View, 'SalesChannels', '/sales/channels', ['sales.channel.edit'])
    await w.find('[data-testid="sal-channel-add"]').trigger('click')
    await flushPromises()
    const name = document.querySelector('input[data-testid="sal-channel-name"]') as HTMLInputElement
    name.value = '直播'
    name.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-testid="sal-channel-save"]') as HTMLElement).click()
    await flushPromises()
    const post = http.request.mock.calls.find((c) => c[0] === 'POST')
    expect(post?.[2]).toEqual({ body: { name: '直播', sort_order: 20, is_active: true } })
    w.unmount()
  })
})
