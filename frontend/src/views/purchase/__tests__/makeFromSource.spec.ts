import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { OpenOrderLine, PurchaseDocRead, PurchaseKind, ReturnableLine } from '@/views/purchase/types'

// 生成入库单 / 生成退货单 against a mocked API: which documents offer the button, and the new receipt / return
// filled from the source's remaining lines only (as 选单 would), nothing saved until the user saves.
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

const doc = (over: Partial<PurchaseDocRead> = {}): PurchaseDocRead => ({
  id: 5,
  number: 'CGDD-20260501-001',
  kind: 'order',
  business_date: '2026-05-01',
  supplier_id: 7,
  supplier_name: 'ACME',
  warehouse_id: 1,
  warehouse_name: 'Main',
  buyer_id: 1,
  buyer_name: 'Admin',
  expected_date: '2026-05-10',
  currency: 'CNY',
  rate: '1.000000',
  status: 'approved',
  receive_status: 'partial',
  remark: '',
  total_qty: '30.0000',
  rejected_qty: '0',
  account_id: null,
  account_name: null,
  overdue: false,
  version: 2,
  created_by_name: 'admin',
  created_at: '2026-05-01T08:00:00Z',
  approved_by_name: 'admin',
  approved_at: '2026-05-01T09:00:00Z',
  reversed_by_name: null,
  reversed_at: null,
  closed_by_name: null,
  closed_at: null,
  sources: [],
  followers: [],
  lines: [],
  ...over,
})

const openLine = (over: Partial<OpenOrderLine>): OpenOrderLine => ({
  order_id: 5,
  order_number: 'CGDD-20260501-001',
  business_date: '2026-05-01',
  expected_date: '2026-05-10',
  line_id: 51,
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
  received_qty: '12.0000',
  remaining_qty: '12.0000',
  remaining_unit_qty: '1.0000',
  price: '120.000000',
  discount_rate: '0.00',
  tax_rate: '13.00',
  ...over,
})

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

const ROUTE: Record<PurchaseKind, string> = { order: 'PurchaseOrdersEdit', receipt: 'PurchaseReceiptsEdit', return: 'PurchaseReturnsEdit' }
const PATH: Record<PurchaseKind, string> = { order: 'orders', receipt: 'receipts', return: 'returns' }

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 30))
  await flushPromises()
}

async function mountAt(kind: PurchaseKind, path: string, perms: string[]): Promise<{ w: VueWrapper; router: Router }> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: false, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const Editor = (await import('@/views/purchase/PurchaseDocEditor.vue')).default
  const page = (k: PurchaseKind) => defineComponent({ name: ROUTE[k], render: () => h(Editor, { kind: k }) })
  const kinds: PurchaseKind[] = ['order', 'receipt', 'return']
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      ...kinds.map((k) => ({ path: `/purchase/${PATH[k]}`, name: ROUTE[k].replace('Edit', ''), component: { render: () => null } })),
      // only the editor under test renders: the others are targets of navigation
      ...kinds.map((k) => ({ path: `/purchase/${PATH[k]}/edit/:id(\\d+)?`, name: ROUTE[k], component: k === kind ? page(k) : { render: () => h('p', ROUTE[k]) } })),
    ],
  })
  await router.push(path)
  const Root = defineComponent({ render: () => h('div', [h(RouterView)]) })
  const w = mount(Root, { global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
  await settle()
  return { w, router }
}

const tr = (key: string, args: Record<string, unknown> = {}) => i18n.global.t(key, args)
const calls = (method: string, path: string) => http.request.mock.calls.filter((c) => c[0] === method && c[1] === path)
const value = (w: VueWrapper, testid: string) => (w.find(`[data-testid="${testid}"]`).element as HTMLInputElement).value

beforeEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
  i18n.global.locale.value = 'zh-CN'
  masters.partners.get.mockResolvedValue({ id: 7, code: 'S1', name: 'ACME', is_active: true })
  masters.partners.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
  masters.users.list.mockResolvedValue({ items: [{ id: 1, username: 'admin', display_name: 'Admin' }], total: 1, page: 1, page_size: 200 })
  masters.skus.search.mockResolvedValue({ items: [skuRow], total: 1, page: 1, page_size: 50 })
  masters.warehouses.list.mockResolvedValue({ items: [{ id: 1, code: 'W1', name: 'Main', is_active: true }], total: 1, page: 1, page_size: 200 })
})

describe('make a receipt / return from its source', { timeout: 120_000 }, () => {
  it.each([
    ['an approved, partly received order with purchase.receipt.create', {}, ['purchase.order.view', 'purchase.receipt.create'], true],
    ['an approved order not received yet', { receive_status: 'none' as const }, ['purchase.order.view', 'purchase.receipt.create'], true],
    ['without purchase.receipt.create', {}, ['purchase.order.view', 'purchase.order.close'], false],
    ['a fully received order', { receive_status: 'full' as const }, ['purchase.order.view', 'purchase.receipt.create'], false],
    ['a closed order', { status: 'closed' as const, receive_status: 'closed' as const }, ['purchase.order.view', 'purchase.receipt.create'], false],
    ['a draft order', { status: 'draft' as const, receive_status: 'none' as const }, ['purchase.order.view', 'purchase.receipt.create'], false],
  ])('make receipt button: %s', async (_name, over, perms, shown) => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-orders/5') return doc(over)
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w, router } = await mountAt('order', '/purchase/orders/edit/5', perms)
    expect(w.find('[data-testid="doc-number"]').text()).toBe('CGDD-20260501-001')
    const button = w.find('[data-testid="pur-make-receipt"]')
    expect(button.exists()).toBe(shown)
    expect(w.find('[data-testid="pur-make-return"]').exists()).toBe(false)
    if (shown) {
      expect(button.text()).toBe(tr('pur.action.makeReceipt'))
      await button.trigger('click')
      await settle()
      expect(router.currentRoute.value.name).toBe('PurchaseReceiptsEdit')
      expect(router.currentRoute.value.params.id ?? '').toBe('')
      expect(router.currentRoute.value.query).toEqual({ from: '5' })
    }
    w.unmount()
  })

  it('make return button on an approved receipt with purchase.return.create, not on a reversed one', async () => {
    const receipt = doc({ id: 9, kind: 'receipt', number: 'CGRK-20260502-001', receive_status: '' })
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-receipts/9') return receipt
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w, router } = await mountAt('receipt', '/purchase/receipts/edit/9', ['purchase.receipt.view', 'purchase.return.create'])
    const button = w.find('[data-testid="pur-make-return"]')
    expect(button.text()).toBe(tr('pur.action.makeReturn'))
    expect(w.find('[data-testid="pur-make-receipt"]').exists()).toBe(false)
    await button.trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('PurchaseReturnsEdit')
    expect(router.currentRoute.value.query).toEqual({ from: '9' })
    w.unmount()

    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-receipts/9') return { ...receipt, status: 'reversed' }
      throw new Error(`unexpected ${method} ${path}`)
    })
    const again = await mountAt('receipt', '/purchase/receipts/edit/9', ['purchase.receipt.view', 'purchase.return.create'])
    expect(again.w.find('[data-testid="pur-make-return"]').exists()).toBe(false)
    again.w.unmount()
  })

  it("fills a new receipt with the order's remaining lines only, supplier and warehouse set, saved only on save", async () => {
    const other = openLine({ order_id: 6, order_number: 'CGDD-20260501-002', line_id: 61, remaining_unit_qty: '5.0000' })
    const second = openLine({ line_id: 52, sku_id: 4, sku_code: 'P002', product_name: 'Soda', unit_id: 10, unit_name: 'btl', ratio: '1', received_qty: '0', remaining_qty: '6.0000', remaining_unit_qty: '6.0000', price: '3.500000', tax_rate: '0.00' })
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-orders/5') return doc()
      // a back end ignoring order_ids would also send the supplier's other orders
      if (method === 'GET' && path === '/purchase-orders/open-lines') return [openLine({}), other, second]
      if (method === 'POST' && path === '/purchase-receipts') return doc({ id: 9, kind: 'receipt', number: 'CGRK-1', status: 'draft', receive_status: '' })
      if (method === 'GET' && path === '/purchase-receipts/9') return doc({ id: 9, kind: 'receipt', number: 'CGRK-1', status: 'draft', receive_status: '' })
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w, router } = await mountAt('receipt', '/purchase/receipts/edit?from=5', ['purchase.receipt.view', 'purchase.receipt.create', 'purchase.price.view'])
    expect(calls('GET', '/purchase-orders/open-lines')[0][2]).toEqual({ query: { supplier_id: 7, warehouse_id: 1, q: undefined, order_ids: '5' } })
    // the query is dropped: a refresh does not fill again
    expect(router.currentRoute.value.query).toEqual({})
    expect(w.find('[data-testid="line-source_number-1"]').text()).toBe('CGDD-20260501-001')
    expect(value(w, 'line-qty-1')).toBe('1')
    expect(value(w, 'line-price-1')).toBe('120')
    expect(w.find('[data-testid="line-remaining-1"]').text()).toBe('12')
    expect(value(w, 'line-qty-2')).toBe('6')
    expect(value(w, 'line-price-2')).toBe('3.5')
    expect(w.find('[data-testid="line-source_number-3"]').exists()).toBe(false)
    expect(w.text()).not.toContain('CGDD-20260501-002')
    expect(w.find('[data-testid="doc-dirty"]').exists()).toBe(true)
    // picked lines keep the order's price: no supplier default asked, and nothing saved yet
    expect(calls('GET', '/purchase-prices/default')).toHaveLength(0)
    expect(http.request.mock.calls.some((c) => c[0] === 'POST')).toBe(false)

    await w.find('[data-testid="doc-save"]').trigger('click')
    await settle()
    const post = calls('POST', '/purchase-receipts')
    expect(post).toHaveLength(1)
    expect(post[0][2].body).toMatchObject({
      supplier_id: 7,
      warehouse_id: 1,
      buyer_id: 1,
      lines: [
        { sku_id: 3, unit_id: 11, qty: '1', price: '120', tax_rate: '13', rejected_qty: '0', source_line_id: 51 },
        { sku_id: 4, unit_id: 10, qty: '6', price: '3.5', tax_rate: '0', rejected_qty: '0', source_line_id: 52 },
      ],
    })
    w.unmount()
  })

  it('fills again when a kept editor is sent another order, after asking to discard the unsaved one', async () => {
    http.request.mockImplementation(async (method: string, path: string, opts?: { query?: { order_ids?: string } }) => {
      if (method === 'GET' && path === '/purchase-orders/5') return doc()
      if (method === 'GET' && path === '/purchase-orders/6') return doc({ id: 6, number: 'CGDD-20260501-002' })
      if (method === 'GET' && path === '/purchase-orders/open-lines')
        return opts?.query?.order_ids === '6' ? [openLine({ order_id: 6, order_number: 'CGDD-20260501-002', line_id: 61, remaining_unit_qty: '2.0000' })] : [openLine({})]
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w, router } = await mountAt('receipt', '/purchase/receipts/edit?from=5', ['purchase.receipt.view', 'purchase.receipt.create', 'purchase.price.view'])
    expect(w.find('[data-testid="line-source_number-1"]').text()).toBe('CGDD-20260501-001')
    void router.push({ name: 'PurchaseReceiptsEdit', query: { from: '6' } })
    await settle()
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement | null)?.click()
    await settle()
    expect(w.find('[data-testid="line-source_number-1"]').text()).toBe('CGDD-20260501-002')
    expect(value(w, 'line-qty-1')).toBe('2')
    expect(w.find('[data-testid="line-source_number-2"]').exists()).toBe(false)
    expect(router.currentRoute.value.query).toEqual({})
    w.unmount()
  })

  it('fills a new return with the receipt’s returnable lines', async () => {
    const back = (over: Partial<ReturnableLine>): ReturnableLine => ({
      receipt_id: 9,
      receipt_number: 'CGRK-20260502-001',
      business_date: '2026-05-02',
      line_id: 91,
      sku_id: 3,
      sku_code: 'P001',
      product_name: 'Cola',
      unit_id: 11,
      unit_name: 'case',
      ratio: '12',
      lot_no: '',
      qty: '24.0000',
      returned_qty: '0',
      returnable_qty: '24.0000',
      price: '120.000000',
      discount_rate: '0',
      tax_rate: '13',
      ...over,
    })
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-receipts/9') return doc({ id: 9, kind: 'receipt', number: 'CGRK-20260502-001', warehouse_id: 2, warehouse_name: 'Side', receive_status: '' })
      if (method === 'GET' && path === '/purchase-receipts/returnable-lines')
        return [back({}), back({ line_id: 92, returned_qty: '24.0000', returnable_qty: '0' }), back({ receipt_id: 8, receipt_number: 'CGRK-0', line_id: 81 })]
      if (method === 'GET' && path === '/stock-availability') return []
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountAt('return', '/purchase/returns/edit?from=9', ['purchase.return.view', 'purchase.return.create', 'purchase.price.view'])
    expect(calls('GET', '/purchase-receipts/returnable-lines')[0][2]).toEqual({ query: { supplier_id: 7, q: undefined, receipt_ids: '9' } })
    expect(w.find('[data-testid="line-source_number-1"]').text()).toBe('CGRK-20260502-001')
    expect(value(w, 'line-qty-1')).toBe('2')
    expect(w.find('[data-testid="line-source_number-2"]').exists()).toBe(false)
    w.unmount()
  })

  it('warns and leaves the receipt empty when the order has nothing left to receive', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/purchase-orders/5') return doc({ receive_status: 'full' })
      if (method === 'GET' && path === '/purchase-orders/open-lines') return [openLine({ order_id: 6, order_number: 'CGDD-20260501-002', line_id: 61 })]
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w, router } = await mountAt('receipt', '/purchase/receipts/edit?from=5', ['purchase.receipt.view', 'purchase.receipt.create'])
    expect(document.body.textContent).toContain(tr('pur.msg.nothingToReceive', { number: 'CGDD-20260501-001' }))
    expect(router.currentRoute.value.query).toEqual({})
    expect(w.find('[data-testid="line-source_number-1"]').exists()).toBe(false)
    expect(w.find('[data-testid="doc-total-qty"]').text()).toBe('0')
    expect(w.find('[data-testid="doc-dirty"]').exists()).toBe(false)
    w.unmount()
  })
})
