import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, reactive, ref } from 'vue'
import { i18n } from '@/i18n'
import { applySku, newLine, type SkuLike } from './lineMath'
import type { EditLine, ExtraColumn, LineColumnKey } from './types'
import { useGridNavigation, type GridNavProps } from './useGridNavigation'
import { useLineAvailability } from './useLineAvailability'
import { useLineLots } from './useLineLots'
import { useLineUnits } from './useLineUnits'

// The logic the line grid delegates to its composables, without vxe-table: keyboard and focus over plain
// inputs carrying `data-cell`, availability and its shortage mark, outbound lots, and the unit select.
const ui = vi.hoisted(() => ({ message: { error: vi.fn(), success: vi.fn(), info: vi.fn(), warning: vi.fn() } }))
vi.mock('element-plus/es', async (original) => ({ ...(await original<object>()), ElMessage: ui.message }))
const api = vi.hoisted(() => ({ stock: { availability: vi.fn(), lots: vi.fn(), suggestLots: vi.fn() }, skus: { search: vi.fn() } }))
vi.mock('@/components/document/stockApi', () => ({ stockLookupApi: api.stock }))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), skusApi: api.skus }))

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

const sku = (over: Partial<SkuLike> = {}): SkuLike => ({
  sku_id: 1,
  code: 'P001',
  name: 'Cola',
  tracking: 'none',
  base_unit_id: 10,
  base_unit_name: 'btl',
  units: [
    { unit_id: 10, name: 'btl', ratio: '1' },
    { unit_id: 11, name: 'case', ratio: '24' },
  ],
  ...over,
})
function filled(over: Partial<SkuLike> = {}, unitId?: number, qty = '2'): EditLine {
  const l = newLine()
  applySku(l, sku(over), unitId)
  l.qty = qty
  return l
}

beforeEach(() => vi.clearAllMocks())

describe('useGridNavigation', () => {
  let root: HTMLElement
  afterEach(() => root.remove())

  // Every cell as a plain input; which of them take the focus is for the composable to decide.
  function setup(lines: EditLine[], over: Partial<GridNavProps> = {}) {
    const props = reactive<GridNavProps>({ columns: ['code', 'product', 'qty', 'remark'], readonly: false, lotMode: 'in', costEditable: false, extraColumns: [], ...over })
    const model = ref(lines)
    root = document.createElement('div')
    document.body.appendChild(root)
    const nav = withSetup(() => useGridNavigation(props, model, ref(root), ref(undefined)))
    // Adds the cells of new lines only: replacing the focused input would lose the focus under test.
    const render = () => {
      for (const l of model.value)
        for (const col of ['product', 'qty', 'price', 'remark']) {
          if (root.querySelector(`[data-cell="${l.key}:${col}"]`)) continue
          const input = document.createElement('input')
          input.type = 'text'
          input.dataset.cell = `${l.key}:${col}`
          root.appendChild(input)
        }
    }
    render()
    root.addEventListener('keydown', nav.onKeydown)
    const key = async (l: EditLine, col: string, init: KeyboardEventInit) => {
      const ev = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
      root.querySelector<HTMLElement>(`[data-cell="${l.key}:${col}"]`)?.dispatchEvent(ev)
      render()
      await flushPromises()
      return ev
    }
    const focused = () => (document.activeElement as HTMLElement | null)?.dataset.cell
    return { nav, props, key, focused, lines: model }
  }

  it('knows which cells take input', () => {
    const lot = filled({ tracking: 'lot' })
    const price: ExtraColumn = { key: 'price', title: 'Price', input: true, editableOn: (l) => l.tracking === 'none' }
    const { nav, props } = setup([filled(), lot, newLine()], { extraColumns: [price] })
    const col = (c: string) => c as LineColumnKey
    expect(nav.editable(0, 'qty')).toBe(true)
    expect(nav.editable(0, 'lot')).toBe(false)
    expect(nav.editable(1, 'lot')).toBe(true)
    expect(nav.editable(1, 'expiry_date')).toBe(true)
    expect(nav.editable(0, 'unit_cost')).toBe(false)
    expect(nav.editable(0, col('price'))).toBe(true)
    expect(nav.editable(1, col('price'))).toBe(false)
    expect(nav.editable(2, 'product')).toBe(true)
    expect(nav.editable(2, 'qty')).toBe(false)
    expect(nav.has('code')).toBe(true)
    props.lotMode = 'out'
    expect(nav.editable(1, 'expiry_date')).toBe(false)
    props.costEditable = true
    expect(nav.editable(0, 'unit_cost')).toBe(true)
    props.readonly = true
    expect(nav.editable(0, 'qty')).toBe(false)
  })

  it('Enter walks qty → extra inputs → remark and adds a line at the end; Shift+Tab goes back; ↓ keeps the column', async () => {
    const a = filled()
    const b = filled()
    const { key, focused, lines } = setup([a, b], { extraColumns: [{ key: 'price', title: 'Price', input: true }] })
    expect((await key(a, 'qty', { key: 'Enter' })).defaultPrevented).toBe(true)
    expect(focused()).toBe(`${a.key}:price`)
    await key(a, 'price', { key: 'Enter' })
    expect(focused()).toBe(`${a.key}:remark`)
    await key(a, 'remark', { key: 'Tab', shiftKey: true })
    expect(focused()).toBe(`${a.key}:price`)
    await key(a, 'qty', { key: 'ArrowDown' })
    expect(focused()).toBe(`${b.key}:qty`)
    await key(b, 'remark', { key: 'Enter' })
    expect(lines.value).toHaveLength(3)
    expect(focused()).toBe(`${lines.value[2].key}:product`)
  })

  it('leaves Enter on typed product text to the picker', async () => {
    const a = filled()
    a.text = 'Pepsi'
    const { key } = setup([a])
    expect((await key(a, 'product', { key: 'Enter' })).defaultPrevented).toBe(false)
    a.text = a.product_name
    expect((await key(a, 'product', { key: 'Enter' })).defaultPrevented).toBe(true)
  })
})

describe('useLineAvailability', () => {
  afterEach(() => vi.useRealTimers())

  it('asks once per settled SKU set and marks SKUs whose lines together want more than is available', async () => {
    vi.useFakeTimers()
    api.stock.availability.mockResolvedValue([{ sku_id: 1, on_hand: '40', reserved: '10', available: '30', incoming: '0' }])
    const props = reactive({ warehouseId: 5 as number | null, outbound: true })
    const lines = ref([filled({}, 10, '10'), filled({}, 11, '1'), newLine()])
    const a = withSetup(() => useLineAvailability(props, lines, () => true))
    await vi.advanceTimersByTimeAsync(250)
    expect(api.stock.availability).toHaveBeenCalledTimes(1)
    expect(api.stock.availability).toHaveBeenCalledWith(5, [1])
    expect(a.availText(lines.value[0])).toBe('30')
    expect(a.availText(lines.value[2])).toBe('')
    expect(a.isShort(lines.value[0])).toBe(true)
    lines.value[1].qty = '0'
    expect(a.isShort(lines.value[0])).toBe(false)
    props.outbound = false
    lines.value[0].qty = '99'
    expect(a.isShort(lines.value[0])).toBe(false)
    props.warehouseId = null
    await nextTick()
    expect(a.availability.value).toEqual({})
  })
})

describe('useLineLots', () => {
  const stock = [
    { lot_id: 7, lot_no: 'L7', production_date: null, expiry_date: '2026-06-01', on_hand: '30' },
    { lot_id: 8, lot_no: 'L8', production_date: '2026-01-01', expiry_date: '2026-09-01', on_hand: '100' },
  ]

  it('loads the lots of lot-tracked lines, keeps a saved lot in the list and fills the line from the chosen one', async () => {
    api.stock.lots.mockResolvedValue(stock)
    const changed = vi.fn()
    const l = filled({ tracking: 'lot' })
    l.lot_no = 'OLD'
    const lines = ref([l, filled()])
    const lots = withSetup(() => useLineLots(reactive({ lotMode: 'out' as const, warehouseId: 5 as number | null }), lines, changed))
    await flushPromises()
    expect(api.stock.lots).toHaveBeenCalledTimes(1)
    expect(api.stock.lots).toHaveBeenCalledWith(1, 5)
    expect(lots.lotsOf(l).map((o) => o.lot_no)).toEqual(['OLD', 'L7', 'L8'])
    lots.onLot(l, 'L8')
    expect([l.lot_id, l.expiry_date, l.production_date]).toEqual([8, '2026-09-01', '2026-01-01'])
    expect(changed).toHaveBeenCalledTimes(1)
    expect(lots.lotsOf(l).map((o) => o.lot_no)).toEqual(['L7', 'L8'])
    expect(lots.lotLabel(stock[0])).toBe(i18n.global.t('invDoc.line.lotOption', { lot: 'L7', expiry: '2026-06-01', qty: '30' }))
  })

  it('splits a line over the suggested lots in the base unit', async () => {
    api.stock.lots.mockResolvedValue([])
    api.stock.suggestLots.mockResolvedValue([
      { lot_id: 7, lot_no: 'L7', expiry_date: '2026-06-01', qty: '30' },
      { lot_id: 8, lot_no: 'L8', expiry_date: null, qty: '18' },
    ])
    const changed = vi.fn()
    const l = filled({ tracking: 'lot' }, 11, '2')
    const lines = ref([l, newLine()])
    const lots = withSetup(() => useLineLots(reactive({ lotMode: 'out' as const, warehouseId: 5 as number | null }), lines, changed))
    await lots.suggest(l)
    expect(api.stock.suggestLots).toHaveBeenCalledWith(1, 5, '48')
    expect(lines.value.map((x) => [x.lot_no, x.unit_id, x.qty, x.expiry_date])).toEqual([
      ['L7', 10, '30', '2026-06-01'],
      ['L8', 10, '18', ''],
      ['', null, '', ''],
    ])
    expect(lines.value[0].key).toBe(l.key)
    expect(new Set(lines.value.map((x) => x.key)).size).toBe(3)
    expect(ui.message.success).toHaveBeenCalledTimes(1)
    expect(changed).toHaveBeenCalledTimes(1)
    expect(lots.suggesting.value).toBeNull()
  })
})

describe('useLineUnits', () => {
  it("fetches a saved line's other units once, keeping its own, and warns when a unit change is inexact", async () => {
    api.skus.search.mockResolvedValue({ items: [{ ...sku(), sku_id: 1, units: [{ unit_id: 11, name: 'case', ratio: '24' }] }], total: 1, page: 1, page_size: 50 })
    const changed = vi.fn()
    const l = newLine({ sku_id: 1, sku_code: 'P001', unit_id: 12, units: [{ unit_id: 12, name: 'pack', ratio: '7' }], qty: '1' })
    const units = withSetup(() => useLineUnits(changed))
    await units.loadUnits(l)
    await units.loadUnits(l)
    expect(api.skus.search).toHaveBeenCalledTimes(1)
    expect(l.units.map((u) => u.unit_id)).toEqual([10, 11, 12])
    expect(l.unitsLoaded).toBe(true)
    units.onUnit(l, '11')
    expect(l.unit_id).toBe(11)
    expect(ui.message.warning).toHaveBeenCalledTimes(1)
    expect(changed).toHaveBeenCalledTimes(1)
  })
})
