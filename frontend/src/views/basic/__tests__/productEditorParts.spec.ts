import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { defineComponent, h, nextTick, reactive, ref } from 'vue'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import type { Me, ProductRead } from '@/api/types'
import { useAuthStore } from '@/stores/auth'
import { draftFrom, emptyDraft, type ProductDraft } from '@/views/basic/productForm'
import { useMnemonicSuggestions } from '@/views/basic/parts/useMnemonicSuggestions'
import { useProductErrors } from '@/views/basic/parts/useProductErrors'
import { useProductVariants } from '@/views/basic/parts/useProductVariants'

// The product editor's composables on their own, and the editor with its tab parts wired together:
// a loaded product shows in every tab, and server errors land on the tab and the row they name.
const api = vi.hoisted(() => ({
  products: { get: vi.fn(), update: vi.fn(), create: vi.fn(), pinyin: vi.fn() },
  units: { list: vi.fn() },
  levels: { list: vi.fn() },
  categories: { tree: vi.fn() },
  warehouses: { list: vi.fn() },
  partners: { list: vi.fn(), get: vi.fn() },
}))
vi.mock('@/api', async (orig) => ({
  ...(await orig<typeof import('@/api')>()),
  productsApi: api.products,
  unitsApi: api.units,
  priceLevelsApi: api.levels,
  categoriesApi: api.categories,
  warehousesApi: api.warehouses,
  partnersApi: api.partners,
}))

const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named)

function product(): ProductRead {
  return {
    id: 7,
    code: 'P001',
    name: 'Cola',
    spec: '500ml',
    model: '',
    brand: '',
    category_id: null,
    category_name: null,
    base_unit_id: 1,
    mnemonic: 'kkkl',
    mnemonic_alternatives: ['kkkl'],
    tracking: 'none',
    shelf_life_days: null,
    location: '',
    default_supplier_id: null,
    image_url: null,
    remark: '',
    is_active: true,
    version: 3,
    created_at: '2026-01-01T00:00:00Z',
    units: [
      { unit_id: 1, name: 'btl', ratio: '1', allow_fraction: false, is_base: true },
      { unit_id: 2, name: 'case', ratio: '24.000000', allow_fraction: false, is_base: false },
    ],
    attributes: [],
    skus: [
      {
        id: 70,
        code: 'P001',
        attributes: {},
        attributes_text: '',
        is_active: true,
        barcodes: [{ barcode: '6901234567892', unit_id: 1 }],
        prices: [{ unit_id: 1, retail_price: '3.50', wholesale_price: null, min_price: null, purchase_price: '2.00', level_prices: [] }],
        stock_limits: [],
      },
    ],
  }
}

function withSetup<T>(fn: () => T): T {
  let out: T | undefined
  mount(
    defineComponent({
      setup() {
        out = fn()
        return () => h('div')
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return out as T
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
})
afterEach(() => {
  vi.useRealTimers()
})

describe('useProductErrors', () => {
  it('holds "required" back until the first save; live problems and server errors show at once', async () => {
    const pd = reactive<ProductDraft>(emptyDraft())
    pd.barcodes.push({ sku: pd.skus[0].key, unit_id: null, barcode: '6.9E+12' })
    const e = withSetup(() => useProductErrors(pd))
    expect(e.fieldErrors.err('name')).toBe('')
    expect(e.fieldErrors.liveBarcodeError(0)).toBe(t('barcode.scientific'))
    expect([...e.tabErrors.value]).toEqual(['units'])

    e.submitted.value = true
    expect(e.fieldErrors.err('name')).toBe(t('product.required'))
    expect([...e.tabErrors.value].sort()).toEqual(['basic', 'units'])

    e.server.name = 'name taken'
    expect(e.fieldErrors.err('name')).toBe('name taken')
    pd.name = 'Cola'
    await nextTick()
    expect(e.server.name).toBeUndefined()
  })

  it('puts server barcode errors on the editor row and joins several on one key', () => {
    const pd = reactive<ProductDraft>(draftFrom(product()))
    const e = withSetup(() => useProductErrors(pd))
    e.addServerErrors([
      { field: 'body.skus.0.barcodes.0.barcode', message: 'taken', code: 'x' },
      { field: 'body.skus.0.barcodes.0.barcode', message: 'again', code: 'x' },
    ])
    expect(e.fieldErrors.liveBarcodeError(0)).toBe('taken；again')
    expect([...e.tabErrors.value]).toEqual(['units'])
  })

  it('shows a ratio problem once something is typed, an empty ratio only after saving', () => {
    const pd = reactive<ProductDraft>(emptyDraft())
    pd.units.push({ unit_id: 2, ratio: '' })
    const e = withSetup(() => useProductErrors(pd))
    expect(e.fieldErrors.liveRatioError(0)).toBe('')
    pd.units[0].ratio = '-1'
    expect(e.fieldErrors.liveRatioError(0)).not.toBe('')
  })
})

describe('useMnemonicSuggestions', () => {
  it('fills the mnemonic from the name until the user types their own', async () => {
    vi.useFakeTimers()
    api.products.pinyin.mockResolvedValue({ initials: ['kkkl', 'kkkle'], full: 'kekoukele' })
    const pd = reactive<ProductDraft>(emptyDraft())
    const active = ref(true)
    const m = withSetup(() => useMnemonicSuggestions(pd, () => active.value))
    pd.name = 'Cola'
    await nextTick()
    await vi.advanceTimersByTimeAsync(250)
    expect(api.products.pinyin).toHaveBeenCalledWith('Cola')
    expect(m.suggestions.value).toEqual(['kkkl', 'kkkle', 'kekoukele'])
    expect(pd.mnemonic).toBe('kkkl')

    m.onMnemonicInput('mine')
    pd.name = 'Sprite'
    await nextTick()
    await vi.advanceTimersByTimeAsync(250)
    expect(pd.mnemonic).toBe('mine')
    m.pickSuggestion('kkkle')
    expect(pd.mnemonic).toBe('kkkle')
    expect(m.mnemonicAuto.value).toBe(false)

    api.products.pinyin.mockClear()
    active.value = false
    pd.name = 'Fanta'
    await nextTick()
    await vi.advanceTimersByTimeAsync(250)
    expect(api.products.pinyin).not.toHaveBeenCalled()
  })

  it('offers a saved product its stored alternatives and keeps its mnemonic', () => {
    const pd = reactive<ProductDraft>(emptyDraft())
    const m = withSetup(() => useMnemonicSuggestions(pd, () => true))
    m.fromProduct({ ...product(), mnemonic: 'kl', mnemonic_alternatives: ['kl', 'kkkl'] })
    expect(m.suggestions.value).toEqual(['kl', 'kkkl'])
    expect(m.mnemonicAuto.value).toBe(false)
    m.reset()
    expect(m.suggestions.value).toEqual([])
    expect(m.mnemonicAuto.value).toBe(true)
  })
})

describe('useProductVariants', () => {
  function setup(d: ProductDraft = emptyDraft(), saved: number[] = []) {
    const pd = reactive<ProductDraft>(d)
    const attrInputs = ref<string[]>(pd.attributes.map(() => ''))
    const removedSkus = ref(0)
    const v = withSetup(() => useProductVariants({ pd, attrInputs, removedSkus, savedSkuIds: () => saved }))
    return { pd, attrInputs, removedSkus, v }
  }

  it('builds the SKU matrix from typed values and adds the colour/size preset once', () => {
    const { pd, attrInputs, v } = setup()
    v.presetColorSize()
    v.presetColorSize()
    expect(pd.attributes.map((a) => a.name)).toEqual([t('product.color'), t('product.size')])
    attrInputs.value[0] = 'red,blue'
    v.addValues(0)
    attrInputs.value[1] = 'S M'
    v.addValues(1)
    expect(attrInputs.value).toEqual(['', ''])
    expect(pd.skus).toHaveLength(4)
    v.removeValue(0, 'blue')
    expect(pd.skus).toHaveLength(2)
  })

  it('counts the saved SKUs the matrix drops and edits a SKU base-unit barcode', () => {
    const p = product()
    const { pd, removedSkus, v } = setup(draftFrom(p), [70])
    v.addAttribute('Colour')
    pd.attributes[0].values = ['red']
    v.rebuild()
    expect(removedSkus.value).toBe(1)

    const key = pd.skus[0].key
    expect(v.skuBarcodeIndex(key)).toBe(-1)
    v.setSkuBarcode(key, '6901234567892')
    expect(v.skuBarcode(key)).toBe('6901234567892')
    v.setSkuBarcode(key, '123')
    expect(pd.barcodes.filter((b) => b.sku === key)).toEqual([{ sku: key, unit_id: 1, barcode: '123' }])
  })
})

describe('ProductEditor with its tab parts', { timeout: 30_000 }, () => {
  async function mountEditor() {
    const pinia = createPinia()
    setActivePinia(pinia)
    useAuthStore().setMe({ id: 1, username: 'u', is_admin: true, permissions: [] } as unknown as Me, 'csrf')
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    api.units.list.mockResolvedValue([
      { id: 1, name: 'btl', is_active: true },
      { id: 2, name: 'case', is_active: true },
    ])
    api.levels.list.mockResolvedValue([])
    api.categories.tree.mockResolvedValue([])
    api.warehouses.list.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 200 })
    api.products.get.mockResolvedValue(product())
    api.products.pinyin.mockResolvedValue({ initials: ['kkkl'], full: 'kekoukele' })
    const ProductEditor = (await import('@/views/basic/ProductEditor.vue')).default
    const open = ref(false)
    const Root = defineComponent({
      setup: () => () => h(ProductEditor, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), productId: 7 }),
    })
    const w = mount(Root, { global: { plugins: [pinia, i18n, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
    open.value = true
    await flushPromises()
    await flushPromises()
    return { w, open }
  }
  const q = <T extends Element = HTMLElement>(sel: string) => document.body.querySelector<T>(sel)

  it('shows the loaded product in its tabs and puts a server barcode error on the units tab', async () => {
    const { w, open } = await mountEditor()
    expect(q<HTMLInputElement>('input[data-testid="product-name"]')?.value).toBe('Cola')
    expect(q<HTMLInputElement>('input[data-testid="product-unit-ratio-0"]')?.value).toBe('24')
    expect(q<HTMLInputElement>('input[data-testid="product-barcode-0"]')?.value).toBe('6901234567892')
    expect(q<HTMLInputElement>('input[data-testid="price-0-retail_price"]')?.value).toBe('3.5')
    expect(q('[data-testid="product-mnemonic-suggestions"]')?.textContent).toContain('kkkl')

    api.products.update.mockRejectedValue(
      new ApiError({ status: 409, code: 'barcode_taken', detail: 'taken', errors: [{ field: 'skus.0.barcodes', message: '6901234567892 taken', code: 'barcode_taken' }] }),
    )
    q<HTMLButtonElement>('[data-testid="product-submit"]')?.click()
    await flushPromises()
    expect(api.products.update).toHaveBeenCalledWith(7, expect.objectContaining({ name: 'Cola', version: 3 }))
    expect(q('[data-testid="product-barcode-error-0"]')?.textContent).toBe('6901234567892 taken')
    expect(q('[data-testid="product-tab-units"]')?.classList.contains('tab-err')).toBe(true)
    expect(q('[data-testid="product-tab-basic"]')?.classList.contains('tab-err')).toBe(false)
    open.value = false
    await flushPromises()
    w.unmount()
  })
})
