import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h, type Component } from 'vue'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { PriceListRead, PromotionRead } from '../types'

// The promotion editor saves what its kind and scope need (and offers no delete once a ticket used it); the price
// list editor shows the import's per-row errors; without pricing.edit both are read-only.
const http = vi.hoisted(() => ({ request: vi.fn(), upload: vi.fn() }))
vi.mock('@/components/document/request', () => ({ request: http.request }))
vi.mock('@/api/files', async (orig) => ({ ...(await orig<typeof import('@/api/files')>()), upload: http.upload }))

const promo = (over: Partial<PromotionRead> = {}): PromotionRead => ({
  id: 4,
  name: 'Weekend',
  kind: 'percent_off',
  scope: 'all',
  date_from: '2026-11-28',
  date_to: '2026-11-29',
  percent_off: '20.00',
  buy_qty: null,
  free_qty: null,
  retail_only: true,
  is_active: true,
  valid_today: false,
  remark: '',
  text: 'Weekend (20% off)',
  item_count: 0,
  version: 1,
  used: false,
  items: [],
  ...over,
})
const priceList = (): PriceListRead => ({
  id: 2,
  name: 'VIP',
  price_level_id: null,
  price_level_name: null,
  date_from: '2026-11-01',
  date_to: null,
  is_active: true,
  valid_today: true,
  remark: '',
  item_count: 1,
  version: 3,
  items: [{ id: 1, sku_id: 3, sku_code: 'P001', product_name: 'Cola', spec: '', unit_id: 10, unit_name: 'btl', price: '3.200000' }],
})

async function mountAt(comp: Component, name: string, path: string, url: string, perms: string[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: false, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path, name, component: comp },
    ],
  })
  await router.push(url)
  const Root = defineComponent({ render: () => h('div', [h(RouterView)]) })
  const w = mount(Root, { global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
  await settle()
  return { w, router }
}
async function settle(ms = 30) {
  await flushPromises()
  await new Promise((r) => setTimeout(r, ms))
  await flushPromises()
}
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
async function type(sel: string, value: string) {
  const input = $(sel) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
  i18n.global.locale.value = 'en'
})

describe('PromotionEditor', { timeout: 60_000 }, () => {
  it('creates a percent-off promotion for all products', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'POST' && path === '/promotions') return promo()
      if (method === 'GET' && path === '/promotions/4') return promo()
      throw new Error(`unexpected ${method} ${path}`)
    })
    const View = (await import('../PromotionEditor.vue')).default
    const { w, router } = await mountAt(View, 'RetailPromotionsEdit', '/retail/promotions/edit/:id(\\d+)?', '/retail/promotions/edit', ['pricing.view', 'pricing.edit'])
    await type('input[data-testid="ret-promo-name"]', 'Weekend')
    await type('[data-testid="ret-promo-percent"] input, input[data-testid="ret-promo-percent"]', '20')
    expect($('[data-testid="ret-promo-rule"]')?.textContent).toBe('20% off')
    ;($('[data-testid="ret-promo-scope-all"] input') as HTMLInputElement).click()
    await settle(10)
    ;($('[data-testid="ret-promo-save"]') as HTMLButtonElement).click()
    await settle()
    const post = http.request.mock.calls.find((c) => c[0] === 'POST')
    expect(post?.[2].body).toMatchObject({ name: 'Weekend', kind: 'percent_off', scope: 'all', percent_off: '20', items: [] })
    expect(router.currentRoute.value.params.id).toBe('4')
    expect($('[data-testid="ret-promo-remove"]')).not.toBeNull()
    w.unmount()
  })

  it('a used promotion cannot be deleted; without pricing.edit nothing can be changed', async () => {
    http.request.mockResolvedValue(promo({ used: true }))
    const View = (await import('../PromotionEditor.vue')).default
    let m = await mountAt(View, 'RetailPromotionsEdit', '/retail/promotions/edit/:id(\\d+)?', '/retail/promotions/edit/4', ['pricing.view', 'pricing.edit'])
    expect($('[data-testid="ret-promo-used"]')).not.toBeNull()
    expect($('[data-testid="ret-promo-remove"]')).toBeNull()
    m.w.unmount()
    document.body.innerHTML = ''
    m = await mountAt(View, 'RetailPromotionsEdit', '/retail/promotions/edit/:id(\\d+)?', '/retail/promotions/edit/4', ['pricing.view'])
    expect($('[data-testid="ret-promo-save"]')).toBeNull()
    expect(($('input[data-testid="ret-promo-name"]') as HTMLInputElement).disabled).toBe(true)
    m.w.unmount()
  })
})

describe('PriceListEditor', { timeout: 60_000 }, () => {
  it('saves with the version and lists the rows an import refused', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (path === '/price-lists/2') return priceList()
      if (path === '/price-levels') return []
      throw new Error(`unexpected ${method} ${path}`)
    })
    http.upload.mockResolvedValue({ total: 2, imported: 0, errors: [{ row: 3, column: 'price', message: 'bad price' }] })
    const View = (await import('../PriceListEditor.vue')).default
    const { w } = await mountAt(View, 'RetailPriceListsEdit', '/retail/price-lists/edit/:id(\\d+)?', '/retail/price-lists/edit/2', ['pricing.view', 'pricing.edit'])
    expect(($('input[data-testid="ret-pl-price-0"]') as HTMLInputElement).value).toBe('3.200000')
    await type('input[data-testid="ret-pl-price-0"]', '3.1')
    ;($('[data-testid="ret-pl-save"]') as HTMLButtonElement).click()
    await settle()
    const put = http.request.mock.calls.find((c) => c[0] === 'PUT')
    expect(put?.[2].body).toMatchObject({ name: 'VIP', version: 3, items: [{ sku_id: 3, unit_id: 10, price: '3.1' }] })

    const input = document.body.querySelector('.el-upload input[type="file"]') as HTMLInputElement
    const file = new File(['x'], 'items.xlsx')
    Object.defineProperty(input, 'files', { value: [file] })
    input.dispatchEvent(new Event('change'))
    await settle()
    expect(http.upload).toHaveBeenCalledWith('/price-lists/2/import', file, 'items.xlsx')
    expect($('[data-testid="ret-pl-import-errors"]')?.textContent).toContain('bad price')
    expect($('[data-testid="ret-pl-import-errors"]')?.textContent).toContain('Row 3 price')
    w.unmount()
  })
})
