import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { StocktakeLine } from '@/views/inventory/stock/types'
import ScanBox from '@/views/inventory/stocktake/ScanBox.vue'
import CountCard from '@/views/inventory/stocktake/CountCard.vue'
import StockTable from '@/views/inventory/stock/StockTable.vue'

const api = vi.hoisted(() => ({ scan: vi.fn(), setCount: vi.fn() }))
vi.mock('@/views/inventory/stock/api', async (orig) => ({
  ...(await orig<typeof import('@/views/inventory/stock/api')>()),
  stocktakeApi: api,
}))

const line = (over: Partial<StocktakeLine> = {}): StocktakeLine => ({
  id: 7,
  sku_id: 3,
  sku_code: 'P001',
  product_name: 'Cola',
  spec: '500ml',
  attributes_text: '',
  base_unit_name: 'btl',
  lot_id: null,
  lot_no: '',
  book_qty: '10.0000',
  moved_qty: '0',
  counted_qty: '1.0000',
  variance_qty: '-9.0000',
  counts: [{ user_name: 'Admin', qty: '1.0000' }],
  ...over,
})

function plugins() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'admin', display_name: 'Admin', is_admin: true, permissions: [] } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return { global: { plugins: [pinia, i18n, [VueQueryPlugin, { queryClient: qc }]] as never[] } }
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'en'
})

describe('stocktake scan box', () => {
  it('sends each scan with qty 1, clears the box at once and reports the line', async () => {
    api.scan.mockImplementation(async (_id: number, body: { code: string }) => line({ sku_code: body.code }))
    const w = mount(ScanBox, { props: { stocktakeId: 5 }, attachTo: document.body, ...plugins() })
    const input = w.find('input[data-testid="scan-input"]')
    for (const code of ['6901', '6902']) {
      await input.setValue(code)
      await input.trigger('keydown', { key: 'Enter' })
      expect((input.element as HTMLInputElement).value).toBe('')
    }
    await flushPromises()
    expect(api.scan.mock.calls).toEqual([
      [5, { code: '6901', qty: '1', lot_no: '' }],
      [5, { code: '6902', qty: '1', lot_no: '' }],
    ])
    const scanned = w.emitted('scanned') as [StocktakeLine][]
    expect(scanned.map(([l]) => l.sku_code)).toEqual(['6901', '6902'])
    expect(w.find('[data-testid="scan-error"]').text()).toBe('')
    w.unmount()
  })

  it('shows an unknown barcode inline and keeps going; lot_required asks for the lot', async () => {
    api.scan.mockRejectedValueOnce(new ApiError({ status: 404, code: 'barcode_unknown', detail: 'No product has this code' }))
    const w = mount(ScanBox, { props: { stocktakeId: 5 }, attachTo: document.body, ...plugins() })
    const input = w.find('input[data-testid="scan-input"]')
    await input.setValue('999')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    const err = w.find('[data-testid="scan-error"]')
    expect(err.text()).toBe('999: No product has this code')
    expect(err.attributes('data-code')).toBe('barcode_unknown')
    expect(w.emitted('scanned')).toBeUndefined()

    api.scan.mockRejectedValueOnce(new ApiError({ status: 422, code: 'lot_required', detail: 'Lot needed' }))
    await input.setValue('LOTSKU')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    const lot = w.find('input[data-testid="scan-lot"]')
    expect(lot.exists()).toBe(true)
    api.scan.mockResolvedValueOnce(line({ lot_no: 'B1' }))
    await lot.setValue('B1')
    await lot.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(api.scan).toHaveBeenLastCalledWith(5, { code: 'LOTSKU', qty: '1', lot_no: 'B1' })
    expect(w.find('[data-testid="scan-error"]').text()).toBe('')
    w.unmount()
  })
})

describe('count card', () => {
  it("−/+ set the current user's own count", async () => {
    api.setCount.mockImplementation(async (_id: number, body: { qty: string }) =>
      line({ counts: [{ user_name: 'Admin', qty: body.qty }], counted_qty: body.qty }),
    )
    const w = mount(CountCard, { props: { stocktakeId: 5, line: line() }, ...plugins() })
    expect(w.find('[data-testid="last-scanned-mine"]').text()).toBe('1')
    await w.find('[data-testid="last-scanned-plus"]').trigger('click')
    await flushPromises()
    expect(api.setCount).toHaveBeenLastCalledWith(5, { sku_id: 3, qty: '2', lot_no: '' })
    const changed = w.emitted('changed') as [StocktakeLine][]
    expect(changed[0][0].counted_qty).toBe('2')
  })
})

describe('stock table', () => {
  it('shows the server totals in a 合计 row and the lead (期初) row without a number', async () => {
    const cols = [
      { key: 'name', labelKey: 'invStock.field.productName' },
      { key: 'on_hand', labelKey: 'invStock.field.onHand', type: 'qty' as const, precision: 2 },
    ]
    const w = mount(StockTable, {
      props: {
        rows: [{ id: 1, name: 'Cola', on_hand: '1234.5' }],
        leadRow: { id: 0, name: 'opening', on_hand: '3' },
        columns: cols,
        visible: ['name', 'on_hand'],
        summary: { on_hand: '1237.5' },
        total: 1,
      },
      ...plugins(),
    })
    await flushPromises()
    const text = w.text()
    expect(text).toContain('1,234.50')
    expect(text).toContain('Total')
    expect(text).toContain('1,237.50')
    const firstCells = w.findAll('.el-table__body tr').map((tr) => tr.find('td').text())
    expect(firstCells).toEqual(['', '1'])
  })
})
