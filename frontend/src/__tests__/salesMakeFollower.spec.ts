import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { SalesKind } from '@/views/sales/types'
import { doc } from './salesFixtures'

// 生成出库单 on an approved order with units left, 生成退货单 on an approved delivery: the button needs the
// follower's create permission and something left; the new document takes the source's customer, warehouse,
// channel and salesperson and every remaining line (asked for that source only), exactly as 选单 would fill
// them, unsaved; a source with nothing left warns and leaves the document empty.
const ui = vi.hoisted(() => ({ message: { error: vi.fn(), success: vi.fn(), info: vi.fn(), warning: vi.fn() } }))
vi.mock('element-plus/es', async (original) => ({ ...(await original<object>()), ElMessage: ui.message }))
const http = vi.hoisted(() => ({ request: vi.fn() }))
vi.mock('@/components/document/request', () => ({ request: http.request }))
const masters = vi.hoisted(() => ({
  partners: { list: vi.fn(), get: vi.fn() },
  users: { list: vi.fn() },
  skus: { search: vi.fn(), byBarcode: vi.fn() },
  warehouses: { list: vi.fn() },
  accounts: { list: vi.fn() },
}))
vi.mock('@/api', async (orig) => ({
  ...(await orig<typeof import('@/api')>()),
  partnersApi: masters.partners,
  usersApi: masters.users,
  skusApi: masters.skus,
  warehousesApi: masters.warehouses,
  accountsApi: masters.accounts,
}))

const ROUTES: Record<SalesKind, { name: string; base: string }> = {
  order: { name: 'SalesOrdersEdit', base: '/sales/orders' },
  delivery: { name: 'SalesDeliveriesEdit', base: '/sales/deliveries' },
  return: { name: 'SalesReturnsEdit', base: '/sales/returns' },
}

async function mountAt(path: string, perms: string[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: false, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const Editor = (await import('@/views/sales/SalesDocEditor.vue')).default
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      ...(Object.keys(ROUTES) as SalesKind[]).flatMap((kind) => [
        { path: ROUTES[kind].base, name: ROUTES[kind].name.replace('Edit', ''), component: { render: () => null } },
        {
          path: `${ROUTES[kind].base}/edit/:id(\\d+)?`,
          name: ROUTES[kind].name,
          component: defineComponent({ name: ROUTES[kind].name, render: () => h(Editor, { kind }) }),
        },
      ]),
    ],
  })
  await router.push(path)
  const Root = defineComponent({ render: () => h('div', [h(RouterView)]) })
  const w = mount(Root, { global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
  await settle()
  return { w, router }
}

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 30))
  }
  await flushPromises()
}

// the order of 2 cases, 1 case (12 bottles) delivered
const order = doc({
  status: 'approved',
  deliver_status: 'partial',
  channel_id: 2,
  salesperson_id: 1,
  lines: doc().lines.map((l) => ({ ...l, done_qty: '12.0000', remaining_qty: '12.0000' })),
})
const openLine = {
  order_id: 5,
  order_number: order.number,
  business_date: '2026-05-01',
  expected_date: null,
  line_id: 1,
  sku_id: 3,
  sku_code: 'P001',
  product_name: 'Cola',
  spec: '',
  tracking: 'none',
  unit_id: 11,
  unit_name: 'case',
  ratio: '12',
  qty: '2.0000',
  base_qty: '24.0000',
  delivered_qty: '12.0000',
  remaining_qty: '12.0000',
  remaining_unit_qty: '1.0000',
  price: '113.000000',
  discount_rate: '5.00',
  tax_rate: '13.00',
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
  masters.partners.get.mockResolvedValue({ id: 7, code: 'C1', name: 'Shop A', is_active: true, salesperson_id: null })
  masters.partners.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
  masters.users.list.mockResolvedValue({ items: [{ id: 1, username: 'admin', display_name: 'Admin' }], total: 1, page: 1, page_size: 200 })
  masters.skus.search.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 50 })
  masters.accounts.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 200 })
  masters.warehouses.list.mockResolvedValue({ items: [{ id: 1, code: 'W1', name: 'Main', is_active: true }], total: 1, page: 1, page_size: 200 })
})

describe('生成出库单 / 生成退货单', { timeout: 120_000 }, () => {
  it('offers 生成出库单 only with sales.delivery.create and units left to deliver', async () => {
    const delivered = doc({ status: 'approved', deliver_status: 'full', lines: doc().lines.map((l) => ({ ...l, done_qty: '24.0000', remaining_qty: '0' })) })
    let shown = order
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-orders/5') return shown
      if (method === 'GET' && path === '/sales-channels') return []
      throw new Error(`unexpected ${method} ${path}`)
    })
    let { w } = await mountAt('/sales/orders/edit/5', ['sales.order.view'])
    expect(w.find('[data-testid="doc-number"]').text()).toBe(order.number)
    expect(w.find('[data-testid="sal-make-delivery"]').exists()).toBe(false)
    w.unmount()
    ;({ w } = await mountAt('/sales/orders/edit/5', ['sales.order.view', 'sales.delivery.create']))
    expect(w.find('[data-testid="sal-make-delivery"]').text()).toBe('生成出库单')
    w.unmount()
    shown = delivered
    ;({ w } = await mountAt('/sales/orders/edit/5', ['sales.order.view', 'sales.delivery.create']))
    expect(w.find('[data-testid="sal-make-delivery"]').exists()).toBe(false)
    w.unmount()
  })

  it('makes a delivery of what the order has left, as 选单 would, and saves it with the source lines', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-orders/5') return order
      if (method === 'GET' && path === '/sales-channels') return [{ id: 2, name: 'Online', sort_order: 0, is_active: true }]
      if (method === 'GET' && path === '/sales-orders/open-lines') return [openLine]
      if (method === 'GET' && path === '/stock-availability') return []
      if (method === 'POST' && path === '/sales-deliveries') return doc({ id: 9, kind: 'delivery', number: 'XSCK-20260501-0001' })
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w, router } = await mountAt('/sales/orders/edit/5', ['sales.order.view', 'sales.delivery.view', 'sales.delivery.create'])
    await w.find('[data-testid="sal-make-delivery"]').trigger('click')
    await settle()
    // the query is gone once used: a reload does not fill twice
    expect(router.currentRoute.value.name).toBe('SalesDeliveriesEdit')
    expect(router.currentRoute.value.query).toEqual({})
    const ask = http.request.mock.calls.find((c) => c[1] === '/sales-orders/open-lines')
    expect(ask?.[2]).toMatchObject({ query: { customer_id: 7, order_ids: '5' } })
    expect((w.find('[data-testid="line-qty-1"]').element as HTMLInputElement).value).toBe('1')
    expect(w.find('[data-testid="line-source_number-1"]').text()).toBe(order.number)
    expect(w.find('[data-testid="doc-status"]').attributes('data-status')).toBe('new')
    await w.find('[data-testid="doc-save"]').trigger('click')
    await settle()
    const post = http.request.mock.calls.find((c) => c[0] === 'POST' && c[1] === '/sales-deliveries')
    expect(post?.[2].body).toMatchObject({
      customer_id: 7,
      warehouse_id: 1,
      channel_id: 2,
      salesperson_id: 1,
      lines: [{ sku_id: 3, unit_id: 11, qty: '1', price: '113', discount_rate: '5', tax_rate: '13', source_line_id: 1 }],
    })
    w.unmount()
  })

  it('makes a return of what a delivery can still take back; nothing left warns and leaves it empty', async () => {
    const delivery = doc({ id: 6, kind: 'delivery', number: 'XSCK-20260501-0002', status: 'approved', deliver_status: '' })
    const returnable = {
      delivery_id: 6,
      delivery_number: delivery.number,
      business_date: '2026-05-01',
      line_id: 1,
      sku_id: 3,
      sku_code: 'P001',
      product_name: 'Cola',
      spec: '',
      tracking: 'none',
      unit_id: 11,
      unit_name: 'case',
      ratio: '12',
      lot_no: '',
      qty: '24.0000',
      returned_qty: '0',
      returnable_qty: '24.0000',
      price: '113.000000',
      discount_rate: '0.00',
      tax_rate: '13.00',
    }
    let back = [returnable]
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-deliveries/6') return delivery
      if (method === 'GET' && path === '/sales-channels') return []
      if (method === 'GET' && path === '/sales-deliveries/returnable-lines') return back
      throw new Error(`unexpected ${method} ${path}`)
    })
    let { w, router } = await mountAt('/sales/deliveries/edit/6', ['sales.delivery.view', 'sales.return.create'])
    await w.find('[data-testid="sal-make-return"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('SalesReturnsEdit')
    const ask = http.request.mock.calls.find((c) => c[1] === '/sales-deliveries/returnable-lines')
    expect(ask?.[2]).toMatchObject({ query: { customer_id: 7, delivery_ids: '6' } })
    expect((w.find('[data-testid="line-qty-1"]').element as HTMLInputElement).value).toBe('2')
    w.unmount()

    back = []
    ;({ w, router } = await mountAt('/sales/returns/edit?from=6', ['sales.return.view', 'sales.return.create']))
    expect(ui.message.warning).toHaveBeenCalledWith(i18n.global.t('sal.msg.nothingToReturn', { number: delivery.number }))
    expect(w.find('[data-testid="line-qty-1"]').exists()).toBe(false)
    expect(router.currentRoute.value.query).toEqual({})
    w.unmount()
  })
})
