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
import { ticket } from './fixtures'

// The till against a mocked API: two scans of the same barcode make one line of 2, a third product its own line;
// the quote's promotion shows on the line; F9 opens 结算, cash 100 gives the change live; the ticket is posted with
// the tenders; the receipt opens (and prints) with the promotion; the next ticket starts empty. Without
// retail.sell the till is not offered.
const http = vi.hoisted(() => ({ request: vi.fn() }))
vi.mock('@/components/document/request', () => ({ request: http.request }))
const masters = vi.hoisted(() => ({
  partners: { list: vi.fn(), get: vi.fn() },
  skus: { search: vi.fn(), byBarcode: vi.fn() },
  warehouses: { list: vi.fn() },
  accounts: { list: vi.fn() },
}))
vi.mock('@/api', async (orig) => ({
  ...(await orig<typeof import('@/api')>()),
  partnersApi: masters.partners,
  skusApi: masters.skus,
  warehousesApi: masters.warehouses,
  accountsApi: masters.accounts,
}))

const sku = (id: number, code: string, name: string, barcode: string, price: string) => ({
  sku_id: id,
  product_id: id,
  code,
  name,
  spec: '',
  model: '',
  attributes_text: '',
  base_unit_id: 10,
  base_unit_name: 'pc',
  units: [{ unit_id: 10, name: 'pc', ratio: '1' }],
  barcode,
  retail_price: price,
  wholesale_price: null,
  min_price: null,
  tracking: 'none',
})
const cola = sku(3, 'P001', 'Cola', '6901234567892', '3.5')
const chips = sku(4, 'P002', 'Chips', '6900000000018', '6.8')

async function mountCounter(perms: string[], admin = false) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: admin, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const Counter = (await import('../RetailCounterView.vue')).default
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/retail/counter', name: 'RetailCounter', component: Counter },
    ],
  })
  await router.push('/retail/counter')
  const Root = defineComponent({ render: () => h('div', [h(RouterView)]) })
  const w = mount(Root, { global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
  await settle()
  return w
}
async function settle(ms = 60) {
  await flushPromises()
  await new Promise((r) => setTimeout(r, ms))
  await flushPromises()
}
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
async function scan(code: string) {
  const input = $('input[data-testid="ret-scan"]') as HTMLInputElement
  input.value = code
  input.dispatchEvent(new Event('input'))
  await flushPromises()
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
  await settle(20)
}
async function type(sel: string, value: string) {
  const input = $(sel) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
  localStorage.clear()
  i18n.global.locale.value = 'en'
  window.print = vi.fn()
  masters.partners.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
  masters.warehouses.list.mockResolvedValue({ items: [{ id: 1, code: 'W1', name: 'Shop 1', is_active: true }], total: 1, page: 1, page_size: 200 })
  masters.accounts.list.mockResolvedValue({
    items: [
      { id: 1, code: 'C1', name: 'Cash box', kind: 'cash', is_active: true },
      { id: 2, code: 'W1', name: 'WeChat', kind: 'wechat', is_active: true },
    ],
    total: 2,
    page: 1,
    page_size: 200,
  })
  masters.skus.byBarcode.mockImplementation(async (code: string) => {
    const row = [cola, chips].find((s) => s.barcode === code)
    if (!row) throw new ApiError({ status: 404, code: 'not_found' })
    return { sku: row, unit_id: 10, ratio: '1' }
  })
  masters.skus.search.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 })
})

describe('RetailCounter (till)', { timeout: 60_000 }, () => {
  it('scans, shows promotions, takes cash with change, posts the ticket and prints the receipt', async () => {
    http.request.mockImplementation(async (method: string, path: string, opts: { body?: { lines: { sku_id: number }[] } }) => {
      if (method === 'POST' && path === '/sales-prices/quote')
        return {
          lines: (opts.body?.lines ?? []).map((l, index) =>
            l.sku_id === 3
              ? { index, list_price: '3.500000', price: '2.800000', source: 'retail', promotion_id: 9, promotion_text: 'Spring 20% off', free_qty: '0', min_price: null }
              : { index, list_price: '6.800000', price: '6.800000', source: 'retail', promotion_id: null, promotion_text: '', free_qty: '0', min_price: null },
          ),
        }
      if (method === 'POST' && path === '/retail/tickets') return ticket()
      throw new Error(`unexpected ${method} ${path}`)
    })
    const w = await mountCounter(['retail.sell', 'warehouse.view', 'finance.account.view'])
    expect(document.activeElement?.getAttribute('data-testid')).toBe('ret-scan')

    await scan(cola.barcode)
    await scan(cola.barcode)
    await scan(chips.barcode)
    expect($('[data-testid="ret-line-0"]')?.dataset.sku).toBe('P001')
    expect(($('[data-testid="ret-line-qty-0"]') as HTMLInputElement).value).toBe('2')
    expect($('[data-testid="ret-line-1"]')?.dataset.sku).toBe('P002')
    expect($('[data-testid="ret-line-2"]')).toBeNull()

    await settle(250) // the quote is debounced
    expect($('[data-testid="ret-line-promo-0"]')?.textContent).toContain('Spring 20% off')
    expect($('[data-testid="ret-line-promo-1"]')).toBeNull()
    expect($('[data-testid="ret-line-total-0"]')?.textContent).toBe('¥5.60')
    expect($('[data-testid="ret-due"]')?.textContent).toBe('¥12.40')
    expect($('[data-testid="ret-saved"]')?.textContent).toBe('¥1.40')

    // 整单优惠 0.40
    await type('input[data-testid="ret-discount"]', '0.40')
    expect($('[data-testid="ret-due"]')?.textContent).toBe('¥12.00')

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F9', bubbles: true }))
    await settle()
    expect($('[data-testid="ret-pay-due"]')?.textContent).toBe('¥12.00')
    await type('input[data-testid="ret-pay-amount"]', '100')
    expect($('[data-testid="ret-pay-change"]')?.textContent).toBe('¥88.00')
    ;($('[data-testid="ret-pay-confirm"]') as HTMLButtonElement).click()
    await settle()

    const post = http.request.mock.calls.find((c) => c[0] === 'POST' && c[1] === '/retail/tickets')
    expect(post?.[2]).toEqual({
      body: {
        warehouse_id: 1,
        customer_id: null,
        lines: [
          { sku_id: 3, unit_id: 10, qty: '2' },
          { sku_id: 4, unit_id: 10, qty: '1' },
        ],
        discount_amount: '0.4',
        payments: [{ account_id: 1, amount: '100.00' }],
        expected_total: '12.00',
      },
    })
    // the receipt with the promotion, printed once; the till is empty for the next customer
    expect($('[data-testid="ret-receipt-promo-0"]')?.textContent).toContain('Spring 20% off')
    expect($('[data-testid="ret-receipt-change"]')?.textContent).toBe('88.00')
    expect(window.print).toHaveBeenCalledTimes(1)
    expect($('[data-testid="ret-line-0"]')).toBeNull()
    expect($('[data-testid="ret-due"]')?.textContent).toBe('¥0.00')

    // paper width is remembered
    ;($('[data-testid="ret-paper-58"]')?.querySelector('input') as HTMLInputElement | null)?.click()
    ;($('[data-testid="ret-paper-58"]') as HTMLElement).click()
    await settle(10)
    expect(localStorage.getItem('jxc.retail.paper')).toBe('58')
    w.unmount()
  })

  it('Delete removes the current line; F8 holds the ticket and F7 brings it back', async () => {
    http.request.mockResolvedValue({ lines: [] })
    const w = await mountCounter(['retail.sell', 'warehouse.view'])
    await scan(cola.barcode)
    await scan(chips.barcode)
    const input = $('input[data-testid="ret-scan"]') as HTMLInputElement
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }))
    await settle(10)
    expect($('[data-testid="ret-line-1"]')).toBeNull()
    expect($('[data-testid="ret-line-0"]')?.dataset.sku).toBe('P001')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F8', bubbles: true }))
    await settle(10)
    expect($('[data-testid="ret-line-0"]')).toBeNull()
    expect(JSON.parse(localStorage.getItem('jxc.retail.held') ?? '[]')).toHaveLength(1)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F7', bubbles: true }))
    await settle(10)
    ;($('[data-testid="ret-held-resume-0"]') as HTMLButtonElement).click()
    await settle(10)
    expect($('[data-testid="ret-line-0"]')?.dataset.sku).toBe('P001')
    expect(localStorage.getItem('jxc.retail.held')).toBe('[]')
    w.unmount()
  })

  it('is not offered without retail.sell', async () => {
    const w = await mountCounter(['retail.view'])
    expect($('[data-testid="ret-counter-readonly"]')).not.toBeNull()
    expect($('input[data-testid="ret-scan"]')).toBeNull()
    w.unmount()
  })
})
