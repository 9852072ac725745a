import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { PartnerRead, SkuPickerRow, WarehouseFull } from '@/api/types'
import { useProductSearch, isBarcodeLike } from '@/components/pickers/productSearch'

const api = vi.hoisted(() => ({
  partners: { list: vi.fn(), get: vi.fn(), create: vi.fn(), update: vi.fn(), remove: vi.fn() },
  warehouses: { list: vi.fn(), create: vi.fn(), update: vi.fn(), remove: vi.fn() },
  skus: { search: vi.fn(), byBarcode: vi.fn() },
}))
vi.mock('@/api', async (orig) => ({
  ...(await orig<typeof import('@/api')>()),
  partnersApi: api.partners,
  warehousesApi: api.warehouses,
  skusApi: api.skus,
  priceLevelsApi: { list: vi.fn().mockResolvedValue([]) },
  usersApi: { list: vi.fn().mockResolvedValue({ items: [], total: 0, page: 1, page_size: 200 }) },
}))

const row = (over: Partial<SkuPickerRow> = {}): SkuPickerRow => ({
  sku_id: 1,
  product_id: 1,
  code: 'P001',
  name: '可口可乐',
  spec: '500ml',
  model: '',
  attributes_text: '',
  base_unit_id: 10,
  base_unit_name: '瓶',
  units: [
    { unit_id: 10, name: '瓶', ratio: '1' },
    { unit_id: 11, name: '箱', ratio: '24' },
  ],
  barcode: '6901234567892',
  retail_price: '3.50',
  wholesale_price: null,
  min_price: null,
  tracking: 'none',
  ...over,
})
const page = <T>(items: T[]) => ({ items, total: items.length, page: 1, page_size: 20 })
const partner = (id: number, name: string): PartnerRead => ({
  id,
  code: `S${id}`,
  name,
  is_customer: false,
  is_supplier: true,
  contacts: [],
  phone: '',
  address: '',
  province: '',
  city: '',
  tax_no: '',
  bank_name: '',
  bank_account: '',
  price_level_id: null,
  credit_limit: null,
  payment_terms_days: null,
  currency: 'CNY',
  salesperson_id: null,
  salesperson_name: null,
  remark: '',
  mnemonic: '',
  is_active: true,
  version: 1,
})
const warehouse = (id: number, name: string, is_active = true): WarehouseFull => ({
  id,
  code: `W${id}`,
  name,
  kind: 'warehouse',
  address: '',
  keeper: '',
  is_active,
  version: 1,
})

function plugins() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'admin', is_admin: true, permissions: [] } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return { global: { plugins: [pinia, i18n, [VueQueryPlugin, { queryClient: qc }]] as never[], directives: {} } }
}

beforeEach(() => {
  vi.clearAllMocks()
})

describe('ProductPicker search logic', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('searches after the debounce; arrows move, Enter picks with the base unit', async () => {
    vi.useFakeTimers()
    const picks: unknown[] = []
    const rows = [row(), row({ sku_id: 2, code: 'P002', name: '可口可乐零度' })]
    const search = vi.fn().mockResolvedValue(page(rows))
    const s = useProductSearch({ search, byBarcode: vi.fn(), onPick: (p) => picks.push(p), debounceMs: 200 })
    s.input('kkkl')
    expect(search).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(250)
    expect(search).toHaveBeenCalledWith('kkkl')
    expect(s.open.value).toBe(true)
    expect(s.highlighted.value).toBe(0)
    expect(s.keydown('ArrowDown', 'kkkl')).toBe(true)
    expect(s.highlighted.value).toBe(1)
    s.keydown('ArrowDown', 'kkkl')
    expect(s.highlighted.value).toBe(0) // wraps
    s.keydown('ArrowUp', 'kkkl')
    s.keydown('Enter', 'kkkl')
    expect(picks).toEqual([{ row: rows[1], unitId: 10, ratio: '1', scanned: false }])
    expect(s.open.value).toBe(false)
  })

  it('an exact barcode picks at once with its unit, even before the debounce (scanner + Enter)', async () => {
    const picks: { unitId: number; ratio: string; scanned: boolean }[] = []
    const search = vi.fn()
    const byBarcode = vi.fn().mockResolvedValue({ sku: row(), unit_id: 11, ratio: '24' })
    const s = useProductSearch({ search, byBarcode, onPick: (p) => picks.push(p), debounceMs: 10_000 })
    s.input('16901234567899')
    s.keydown('Enter', '16901234567899')
    await flushPromises()
    expect(byBarcode).toHaveBeenCalledWith('16901234567899')
    expect(search).not.toHaveBeenCalled()
    expect(picks).toEqual([{ row: row(), unitId: 11, ratio: '24', scanned: true }])
  })

  it('an unknown barcode falls back to the search and reports not found', async () => {
    const notFound = vi.fn()
    const byBarcode = vi.fn().mockRejectedValue(new ApiError({ status: 404, code: 'barcode_not_found' }))
    const search = vi.fn().mockResolvedValue(page([]))
    const s = useProductSearch({ search, byBarcode, onPick: vi.fn(), onNotFound: notFound })
    await s.run('6900000000000')
    expect(search).toHaveBeenCalledWith('6900000000000')
    expect(notFound).toHaveBeenCalledWith('6900000000000')
    expect(isBarcodeLike('kkkl')).toBe(false)
    expect(isBarcodeLike(' 96385074 ')).toBe(true)
  })
})

describe('ProductPicker component', () => {
  it('emits the picked row and unit on Enter', async () => {
    const ProductPicker = (await import('@/components/pickers/ProductPicker.vue')).default
    api.skus.search.mockResolvedValue(page([row()]))
    const w = mount(ProductPicker, { ...plugins() })
    const input = w.find('input')
    await input.setValue('kkkl')
    await new Promise((r) => setTimeout(r, 300))
    await flushPromises()
    expect(api.skus.search).toHaveBeenCalledWith(expect.objectContaining({ q: 'kkkl' }))
    await input.trigger('keydown', { key: 'Enter' })
    const picked = w.emitted('pick')?.[0]?.[0] as { row: SkuPickerRow; unitId: number }
    expect(picked.row.code).toBe('P001')
    expect(picked.unitId).toBe(10)
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual(['可口可乐'])
    w.unmount()
  }, 30_000)
})

describe('PartnerPicker', () => {
  it('searches suppliers remotely and selects a partner created inline', async () => {
    const PartnerPicker = (await import('@/components/pickers/PartnerPicker.vue')).default
    const PartnerFormDialog = (await import('@/views/basic/PartnerFormDialog.vue')).default
    api.partners.list.mockResolvedValue(page([partner(1, '华润')]))
    const w = mount(PartnerPicker, { props: { kind: 'supplier', modelValue: null }, ...plugins() })
    await (w.vm as unknown as { search: (q: string) => Promise<void> }).search('hr')
    expect(api.partners.list).toHaveBeenCalledWith(expect.objectContaining({ q: 'hr', kind: 'supplier' }), true)
    const form = w.findComponent(PartnerFormDialog)
    expect(form.props('kind')).toBe('supplier')
    form.vm.$emit('saved', partner(9, '新供应商'))
    await flushPromises()
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([9])
    expect((w.emitted('change')?.at(-1)?.[0] as PartnerRead).name).toBe('新供应商')
  }, 30_000)

  it('loads the selected partner so its name shows', async () => {
    const PartnerPicker = (await import('@/components/pickers/PartnerPicker.vue')).default
    api.partners.get.mockResolvedValue(partner(5, '老供应商'))
    mount(PartnerPicker, { props: { kind: 'supplier', modelValue: 5 }, ...plugins() })
    await flushPromises()
    expect(api.partners.get).toHaveBeenCalledWith(5)
  })
})

describe('WarehousePicker', () => {
  it('offers active warehouses and selects one created inline', async () => {
    const WarehousePicker = (await import('@/components/pickers/WarehousePicker.vue')).default
    const WarehouseFormDialog = (await import('@/views/basic/WarehouseFormDialog.vue')).default
    const before = [warehouse(1, '总仓'), warehouse(2, '旧仓', false), warehouse(3, '门店')]
    api.warehouses.list.mockResolvedValueOnce(page(before)).mockResolvedValue(page([...before, warehouse(4, '新仓')]))
    const w = mount(WarehousePicker, { props: { modelValue: null, exclude: [3] }, ...plugins() })
    await flushPromises()
    const vm = w.vm as unknown as { options: WarehouseFull[] }
    expect(vm.options.map((o) => o.name)).toEqual(['总仓'])
    w.findComponent(WarehouseFormDialog).vm.$emit('saved', warehouse(4, '新仓'))
    await flushPromises()
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([4])
    expect(vm.options.map((o) => o.name)).toContain('新仓')
  }, 30_000)
})
