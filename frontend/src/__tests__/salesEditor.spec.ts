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
import type { SalesKind } from '@/views/sales/types'
import { doc } from './salesFixtures'

// The sales editor against a mocked API: a draft order's tax-inclusive totals and 大写; an approval refused for
// insufficient stock marks the short line; a unit change asks the customer's price with its promotion, shows the
// promotion and the below-minimum tag, and saves without the default price (the server applies it); an approved
// delivery shows the credit warning, cost and profit (sent by the server) and the picking list.
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

async function mountEditor(kind: SalesKind, perms: string[], admin = false) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: admin, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const Editor = (await import('@/views/sales/SalesDocEditor.vue')).default
  const name = kind === 'order' ? 'SalesOrdersEdit' : 'SalesDeliveriesEdit'
  const base = kind === 'order' ? '/sales/orders' : '/sales/deliveries'
  const Page = defineComponent({ name, render: () => h(Editor, { kind }) })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: base, name: name.replace('Edit', ''), component: { render: () => null } },
      { path: `${base}/edit/:id(\\d+)?`, name, component: Page },
    ],
  })
  await router.push(`${base}/edit/5`)
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

const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 20))
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
  masters.partners.get.mockResolvedValue({ id: 7, code: 'C1', name: 'Shop A', is_active: true, salesperson_id: null })
  masters.partners.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
  masters.users.list.mockResolvedValue({ items: [{ id: 1, username: 'admin', display_name: 'Admin' }], total: 1, page: 1, page_size: 200 })
  masters.skus.search.mockResolvedValue({ items: [skuRow], total: 1, page: 1, page_size: 50 })
  masters.accounts.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 200 })
  masters.warehouses.list.mockResolvedValue({ items: [{ id: 1, code: 'W1', name: 'Main', is_active: true }], total: 1, page: 1, page_size: 200 })
})

describe('SalesDocEditor', { timeout: 120_000 }, () => {
  it('shows tax-inclusive totals and marks the short line when approval is refused for stock', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-orders/5') return doc()
      if (method === 'GET' && path === '/sales-channels') return [{ id: 1, name: 'Store', sort_order: 0, is_active: true }]
      if (method === 'GET' && path === '/stock-availability') return [{ sku_id: 3, warehouse_id: 1, on_hand: '10', reserved: '0', available: '10' }]
      if (method === 'POST' && path === '/sales-orders/5/approve')
        throw new ApiError({
          status: 409,
          code: 'insufficient_stock',
          detail: 'not enough',
          errors: [{ field: 'lines.0', code: 'insufficient_stock', message: 'Cola: needed 24, available 10' }],
        })
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountEditor('order', [], true)
    expect(w.find('[data-testid="doc-number"]').text()).toBe('XSDD-20260501-0001')
    expect((w.find('[data-testid="line-price-1"]').element as HTMLInputElement).value).toBe('113')
    expect(w.find('[data-testid="line-total-1"]').text()).toBe('226.00')
    expect(w.find('[data-testid="doc-total-amount"]').text()).toBe('¥226.00')
    expect(w.find('[data-testid="sal-total-tax"]').text()).toBe('¥26.00')
    expect(w.find('[data-testid="sal-total-net"]').text()).toBe('¥200.00')
    expect(w.find('[data-testid="doc-amount-words"]').text()).toContain('贰佰贰拾陆元')
    expect(w.find('[data-testid="doc-total-qty"]').text()).toBe('24')
    await settle()
    await new Promise((r) => setTimeout(r, 300))
    await flushPromises()
    // 24 bottles asked, 10 available: the available cell is marked short
    expect(w.find('[data-testid="line-available-1"]').text()).toBe('10')
    expect(w.find('[data-testid="line-available-1"]').classes()).toContain('short')

    await w.find('[data-testid="doc-approve"]').trigger('click')
    await settle()
    expect(http.request.mock.calls.some((c) => c[0] === 'POST' && c[1] === '/sales-orders/5/approve')).toBe(true)
    expect(w.find('[data-testid="line-error-1"]').exists()).toBe(true)
    expect(w.find('[data-testid="doc-line-errors"]').text()).toContain('Cola: needed 24, available 10')
    w.unmount()
  })

  it('defaults the price with its promotion, warns below the minimum and leaves the default price to the server', async () => {
    // the quote waits until the default price has been checked: on a busy machine its debounce can end first
    let releaseQuote = () => {}
    const quoteReleased = new Promise<void>((r) => (releaseQuote = r))
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-orders/5') return doc()
      if (method === 'GET' && path === '/sales-channels') return []
      if (method === 'GET' && path === '/stock-availability') return []
      if (method === 'GET' && path === '/sales-prices/default')
        return { price: '10', source: 'level', min_price: '9.5', last_date: null, last_number: null, promotion: { id: 4, name: 'Spring', text: 'SPRING -10%', price: '9', free_qty: '0' } }
      if (method === 'POST' && path === '/sales-prices/quote') {
        await quoteReleased
        return { lines: [{ index: 0, list_price: '10', price: '9', source: 'level', promotion_id: 4, promotion_text: 'SPRING -10%', free_qty: '2', min_price: '9.5' }] }
      }
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountEditor('order', ['sales.order.view', 'sales.order.create'])
    await w.find('[data-testid="line-unit-1"]').setValue('10')
    await settle()
    const ask = http.request.mock.calls.find((c) => c[1] === '/sales-prices/default')
    expect(ask?.[2]).toMatchObject({ query: { customer_id: 7, sku_id: 3, unit_id: 10, channel: 'sales' } })
    expect((w.find('[data-testid="line-price-1"]').element as HTMLInputElement).value).toBe('9')
    expect(w.find('[data-testid="line-promotion-1"]').text()).toBe('SPRING -10%')
    expect(w.find('[data-testid="line-below_min-1"]').text()).toBe(i18n.global.t('sal.line.belowMin'))
    expect(w.find('[data-testid="line-below_min-1"]').classes()).toContain('sal-below-min')
    // the quote for the typed quantity: units that come free
    releaseQuote()
    await vi.waitFor(() => expect(w.find('[data-testid="line-promotion-1"]').text()).toBe(`SPRING -10% ${i18n.global.t('sal.line.freeQty', { n: '2' })}`), { timeout: 5000 })
    const quote = http.request.mock.calls.find((c) => c[1] === '/sales-prices/quote')
    expect(quote?.[2]).toMatchObject({ body: { customer_id: 7, channel: 'sales', lines: [{ sku_id: 3, unit_id: 10, qty: '24' }] } })
    // no approve button without sales.order.approve
    expect(w.find('[data-testid="doc-approve"]').exists()).toBe(false)
    expect(w.find('[data-testid="doc-save-approve"]').exists()).toBe(false)

    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'PUT' && path === '/sales-orders/5') return doc({ version: 3 })
      if (method === 'GET' && path === '/stock-availability') return []
      if (method === 'GET' && path === '/sales-prices/default') return { price: '113', source: 'level', min_price: null, last_date: null, last_number: null, promotion: null }
      throw new Error(`unexpected ${method} ${path}`)
    })
    await w.find('[data-testid="doc-save"]').trigger('click')
    await settle()
    const put = http.request.mock.calls.find((c) => c[0] === 'PUT')
    expect(put?.[2]).toEqual({
      body: {
        business_date: '2026-05-01',
        customer_id: 7,
        warehouse_id: 1,
        channel_id: null,
        salesperson_id: null,
        remark: '',
        paid_amount: '0',
        account_id: null,
        expected_date: null,
        version: 2,
        lines: [{ sku_id: 3, unit_id: 10, qty: '24', discount_rate: '0', tax_rate: '13', lot_no: '', remark: '' }],
      },
    })
    w.unmount()
  })

  it('explains a refusal for credit (company credit_control refuse) and keeps the draft', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-orders/5') return doc()
      if (method === 'GET' && path === '/sales-channels') return []
      if (method === 'GET' && path === '/stock-availability') return []
      if (method === 'POST' && path === '/sales-orders/5/approve')
        throw new ApiError({
          status: 409,
          code: 'credit_limit_exceeded',
          detail: 'refused',
          errors: [{ field: 'customer_id', code: 'credit_limit_exceeded', message: 'Shop A: outstanding 900 + 226 > limit 1000' }],
        })
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountEditor('order', [], true)
    await w.find('[data-testid="doc-approve"]').trigger('click')
    await settle()
    expect(w.find('[data-testid="sal-credit-warning"]').text()).toContain('outstanding 900 + 226 > limit 1000')
    expect(w.find('[data-testid="doc-status"]').attributes('data-status')).toBe('draft')
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement | null)?.click()
    await settle()
    w.unmount()
  })

  it('shows the credit warning, cost and profit when sent, and the picking list of an approved delivery', async () => {
    const base = doc()
    const delivery = doc({
      kind: 'delivery',
      number: 'XSCK-20260501-0001',
      status: 'approved',
      deliver_status: '',
      credit_warning: 'over the credit limit by 26.00',
      cost_amount: '120.00',
      profit_amount: '80.00',
      approved_by_name: 'boss',
      approved_at: '2026-05-02T08:00:00Z',
      lines: base.lines.map((l) => ({ ...l, cost_amount: '120.00', profit_amount: '80.00' })),
    })
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/sales-deliveries/5') return delivery
      if (method === 'GET' && path === '/sales-channels') return []
      if (method === 'GET' && path === '/sales-deliveries/5/picking-list')
        return {
          id: 5,
          number: delivery.number,
          business_date: '2026-05-01',
          customer_name: 'Shop A',
          warehouse_id: 1,
          warehouse_name: 'Main',
          remark: '',
          lines: [
            { line_no: 1, sku_id: 3, sku_code: 'P001', product_name: 'Cola', spec: '', attributes_text: '', unit_name: 'case', qty: '2', base_unit_name: 'btl', base_qty: '24', on_hand: '30', lot_no: '', lots: [{ lot_id: 1, lot_no: 'L1', expiry_date: '2026-09-01', qty: '24' }], short_qty: '0', remark: '' },
          ],
        }
      throw new Error(`unexpected ${method} ${path}`)
    })
    const { w } = await mountEditor('delivery', ['sales.delivery.view', 'sales.delivery.reverse', 'sales.delivery.unapprove'])
    expect(w.find('[data-testid="sal-credit-warning"]').text()).toContain('over the credit limit by 26.00')
    expect(w.find('[data-testid="sal-total-cost"]').text()).toBe('¥120.00')
    expect(w.find('[data-testid="sal-total-profit"]').text()).toBe('¥80.00')
    expect(w.find('[data-testid="line-profit-1"]').text()).toBe('80.00')
    expect(w.find('[data-testid="doc-reverse"]').exists()).toBe(true)
    expect(w.find('[data-testid="doc-save"]').exists()).toBe(false)
    await w.find('[data-testid="sal-picking"]').trigger('click')
    await settle()
    expect(http.request.mock.calls.some((c) => c[1] === '/sales-deliveries/5/picking-list')).toBe(true)
    expect(document.querySelector('[data-testid="sal-picking-table"]')?.textContent).toContain('L1 (2026-09-01) × 24')
    w.unmount()
  })
})
