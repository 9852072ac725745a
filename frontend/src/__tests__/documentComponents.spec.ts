import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { nextTick } from 'vue'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import { useAuthStore } from '@/stores/auth'
import type { Me, SkuPickerRow } from '@/api/types'
import { applySku, newLine, type SkuLike } from '@/components/document/lineMath'
import type { EditLine } from '@/components/document/types'

const api = vi.hoisted(() => ({
  skus: { search: vi.fn(), byBarcode: vi.fn() },
  stock: { availability: vi.fn(), lots: vi.fn(), suggestLots: vi.fn() },
}))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), skusApi: api.skus }))
vi.mock('@/components/document/stockApi', () => ({ stockLookupApi: api.stock }))

const row = (over: Partial<SkuPickerRow> = {}): SkuPickerRow => ({
  sku_id: 1,
  product_id: 1,
  code: 'P001',
  name: 'Cola',
  spec: '500ml',
  model: '',
  attributes_text: '',
  base_unit_id: 10,
  base_unit_name: 'btl',
  units: [
    { unit_id: 10, name: 'btl', ratio: '1' },
    { unit_id: 11, name: 'case', ratio: '24' },
  ],
  barcode: '6901234567892',
  retail_price: '3.50',
  wholesale_price: null,
  min_price: null,
  tracking: 'none',
  ...over,
})
const page = <T>(items: T[]) => ({ items, total: items.length, page: 1, page_size: 20 })

function plugins(perms: string[] = [], admin = true) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'admin', is_admin: admin, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return { global: { plugins: [pinia, i18n, [VueQueryPlugin, { queryClient: qc }]] as never[] } }
}

beforeEach(() => {
  vi.clearAllMocks()
  api.stock.availability.mockResolvedValue([])
  api.stock.lots.mockResolvedValue([])
})

describe('LineGrid keyboard', () => {
  async function mountGrid(lines: EditLine[]) {
    const LineGrid = (await import('@/components/document/LineGrid.vue')).default
    const w = mount(LineGrid, {
      props: { lines, columns: ['code', 'product', 'unit', 'qty', 'remark'], warehouseId: 1, 'onUpdate:lines': () => {} },
      attachTo: document.body,
      ...plugins(),
    })
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    return w
  }
  const filled = () => {
    const l = newLine()
    applySku(l, row() as SkuLike)
    l.qty = '2'
    return l
  }

  it('Enter in qty moves to the remark, Enter on the last cell of the last line adds a line', async () => {
    const lines = [filled()]
    const w = await mountGrid(lines)
    const qty = w.find(`[data-cell="${lines[0].key}:qty"]`)
    expect(qty.exists()).toBe(true)
    await qty.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
    expect((document.activeElement as HTMLElement).dataset.cell).toBe(`${lines[0].key}:remark`)
    await w.find(`[data-cell="${lines[0].key}:remark"]`).trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(lines).toHaveLength(2)
    expect(lines[1].sku_id).toBeNull()
    w.unmount()
  }, 30_000)

  it('Shift+Tab goes back to the unit select; the unit change converts the qty', async () => {
    const lines = [filled()]
    lines[0].qty = '48'
    const w = await mountGrid(lines)
    await w.find(`[data-cell="${lines[0].key}:qty"]`).trigger('keydown', { key: 'Tab', shiftKey: true })
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
    expect((document.activeElement as HTMLElement).dataset.cell).toBe(`${lines[0].key}:unit`)
    const sel = w.find(`[data-cell="${lines[0].key}:unit"]`)
    await sel.setValue('11')
    expect(lines[0].unit_id).toBe(11)
    expect(lines[0].qty).toBe('2')
    w.unmount()
  }, 30_000)

  it('marks lines with server errors', async () => {
    const lines = [filled(), filled()]
    const LineGrid = (await import('@/components/document/LineGrid.vue')).default
    const w = mount(LineGrid, {
      props: { lines, columns: ['product', 'qty'], errors: { [lines[1].key]: ['short'] } },
      attachTo: document.body,
      ...plugins(),
    })
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    expect(w.find('[data-testid="line-error-2"]').exists()).toBe(true)
    expect(w.find('[data-testid="line-error-1"]').exists()).toBe(false)
    w.unmount()
  }, 30_000)
})

describe('ScanBox', () => {
  it('resolves a barcode with its unit, then an exact code, and reports unknown codes', async () => {
    const ScanBox = (await import('@/components/document/ScanBox.vue')).default
    api.skus.byBarcode.mockImplementation(async (code: string) => {
      if (code === '16901234567899') return { sku: row(), unit_id: 11, ratio: '24' }
      throw new ApiError({ status: 404, code: 'not_found' })
    })
    api.skus.search.mockImplementation(async (q: { q: string }) => page(q.q === 'p001' ? [row(), row({ sku_id: 2, code: 'P0011' })] : []))
    const w = mount(ScanBox, { attachTo: document.body, ...plugins() })
    const input = w.find('input')
    for (const code of ['16901234567899', 'p001', 'nope']) {
      await input.setValue(code)
      await input.trigger('keydown', { key: 'Enter' })
      await flushPromises()
    }
    const scans = (w.emitted('scan') ?? []).map((e) => e[0] as { row: SkuPickerRow; unitId: number })
    expect(scans.map((s) => [s.row.code, s.unitId])).toEqual([
      ['P001', 11],
      ['P001', 10],
    ])
    expect(w.emitted('unknown')).toEqual([['nope']])
    expect((input.element as HTMLInputElement).value).toBe('')
    w.unmount()
  }, 30_000)
})

describe('ActionBar', () => {
  it('shows buttons per permission and status', async () => {
    const ActionBar = (await import('@/components/document/ActionBar.vue')).default
    const w = mount(ActionBar, {
      props: { status: 'draft', permPrefix: 'inventory.other_out' },
      ...plugins(['inventory.other_out.create', 'inventory.other_out.approve'], false),
    })
    const ids = () => w.findAll('[data-testid^="doc-"]').map((b) => b.attributes('data-testid'))
    expect(ids()).toEqual(['doc-actions', 'doc-add', 'doc-save', 'doc-save-approve', 'doc-approve', 'doc-void', 'doc-delete', 'doc-copy', 'doc-print'])
    await w.setProps({ status: 'approved' })
    expect(ids()).toEqual(['doc-actions', 'doc-add', 'doc-copy', 'doc-print'])
    await w.find('[data-testid="doc-print"]').trigger('click')
    expect(w.emitted('action')).toEqual([['print']])
    w.unmount()
  })
})

describe('StatusTag', () => {
  it('labels the four statuses', async () => {
    const StatusTag = (await import('@/components/document/StatusTag.vue')).default
    i18n.global.locale.value = 'zh-CN'
    for (const [s, text] of [
      ['draft', '\u8349\u7a3f'],
      ['approved', '\u5df2\u5ba1\u6838'],
      ['reversed', '\u5df2\u7ea2\u51b2'],
      ['void', '\u5df2\u4f5c\u5e9f'],
    ]) {
      const w = mount(StatusTag, { props: { status: s as 'draft' }, ...plugins() })
      await nextTick()
      expect(w.text()).toBe(text)
      w.unmount()
    }
  })
})
