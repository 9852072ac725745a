import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { i18n } from '@/i18n'
import PickSourceLinesDialog from './PickSourceLinesDialog.vue'
import { checkAllRows, checkRow, chosenRows, isOver, overRows, pickedLines, toPickRows, type PickLabels, type PickSourceLine } from './pickSourceLines'
import { formatUnitPrice } from '@/utils/money'

// 选单 shared by purchasing and sales: remaining quantities shown, a checked row filled with what remains, lines
// already on the document locked, only checked lines with a quantity handed back — once through the shared
// dialog with a caller's own loader, once through each wrapper (purchase: no price column, 批号 on returns;
// sales: price column, its own test ids and texts) against a mocked API.
const ui = vi.hoisted(() => ({ message: { error: vi.fn(), success: vi.fn(), info: vi.fn(), warning: vi.fn() } }))
vi.mock('element-plus/es', async (original) => ({ ...(await original<object>()), ElMessage: ui.message }))
const http = vi.hoisted(() => ({ request: vi.fn() }))
vi.mock('@/components/document/request', () => ({ request: http.request }))

const tr = (key: string, values?: Record<string, unknown>) => (values ? i18n.global.t(key, values) : i18n.global.t(key))

const line = (over: Partial<PickSourceLine<string>> = {}): PickSourceLine<string> => ({
  id: 1,
  number: 'DOC-1',
  date: '2026-05-01',
  code: 'P001',
  name: 'Cola',
  spec: '',
  unit: 'case',
  lot: '',
  ordered: '24',
  done: '4',
  remaining: '20',
  fill: '5',
  source: 'a',
  ...over,
})

const labels: PickLabels = {
  title: 'Pick',
  search: 'search',
  all: 'all',
  none: 'none',
  empty: 'empty',
  number: 'Number',
  date: 'Date',
  ordered: 'Ordered',
  done: 'Done',
  remaining: 'Remaining',
  qty: 'Qty',
  chosen: (n) => `chosen ${n}`,
}

const mounted: VueWrapper[] = []
// mounted closed, then opened: the dialog loads when it opens (as in the editors)
async function mountIt(component: unknown, props: Record<string, unknown>) {
  const w = mount(component as Parameters<typeof mount>[0], {
    props: { modelValue: false, ...props },
    global: { plugins: [i18n], stubs: { teleport: true } },
    attachTo: document.body,
  }) as VueWrapper
  mounted.push(w)
  await w.setProps({ modelValue: true })
  return w
}
const byId = (w: VueWrapper, id: string) => w.find(`[data-testid="${id}"]`)
function inputOf(w: VueWrapper, id: string) {
  const el = byId(w, id)
  return el.element.tagName === 'INPUT' ? el : el.find('input')
}
async function check(w: VueWrapper, id: string, on = true) {
  await byId(w, id).find('input').setValue(on)
  await flushPromises()
}
const headers = (w: VueWrapper) => w.findAll('th').map((th) => th.text())

describe('pickSourceLines helpers', () => {
  it('fills a checked row with what remains, keeps a typed quantity, skips taken lines, returns only lines with a quantity', () => {
    const rows = toPickRows([line(), line({ id: 2, code: 'P002', fill: '3' }), line({ id: 3, code: 'P003', fill: '1' })])
    expect(rows.every((r) => !r.checked && r.qty === '')).toBe(true)
    checkRow(rows[0], true)
    expect(rows[0].qty).toBe('5')
    rows[0].qty = ' 2 '
    checkRow(rows[0], true)
    expect(rows[0].qty).toBe(' 2 ')
    checkAllRows(rows, [3], true)
    expect(rows.map((r) => r.checked)).toEqual([true, true, false])
    rows[1].qty = '0'
    expect(chosenRows(rows).map((r) => r.id)).toEqual([1])
    expect(pickedLines(rows)).toEqual([{ line: line(), qty: '2' }])
    checkAllRows(rows, [], false)
    expect(rows.map((r) => [r.checked, r.qty])).toEqual([
      [false, ''],
      [false, ''],
      [false, ''],
    ])
  })
})

describe('over-quantity and prices', () => {
  it('marks a checked row asking for more than remains (in the row unit), ignores unchecked and invalid ones', () => {
    const rows = toPickRows([line({ fill: '8' }), line({ id: 2, code: 'P002', fill: '1.5' })])
    rows[0].qty = '10'
    expect(isOver(rows[0])).toBe(false) // not checked
    checkRow(rows[0], true)
    expect(isOver(rows[0])).toBe(true)
    rows[0].qty = '8'
    expect(isOver(rows[0])).toBe(false)
    rows[0].qty = 'abc'
    expect(isOver(rows[0])).toBe(false)
    checkRow(rows[1], true)
    rows[1].qty = '1.50001'
    expect(overRows(rows).map((r) => r.id)).toEqual([2])
  })

  it('shows unit prices with at least 2 decimals', () => {
    expect(formatUnitPrice('2.1')).toBe('2.10')
    expect(formatUnitPrice('2.1000')).toBe('2.10')
    expect(formatUnitPrice('3.325')).toBe('3.325')
    expect(formatUnitPrice('3.3250')).toBe('3.325')
    expect(formatUnitPrice('37')).toBe('37.00')
    expect(formatUnitPrice('')).toBe('')
    expect(formatUnitPrice(null)).toBe('')
  })
})

describe('PickSourceLinesDialog', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    while (mounted.length) mounted.pop()!.unmount()
  })

  it('loads on open, shows remaining, locks taken lines and confirms only the checked lines with a quantity', async () => {
    const fetch = vi.fn((q: string) => Promise.resolve(q ? [line()] : [line(), line({ id: 2, code: 'P002', fill: '3', remaining: '3' }), line({ id: 3, code: 'P003' })]))
    const w = await mountIt(PickSourceLinesDialog, { fetch, labels, taken: [3], testid: 'x-pick' })
    await flushPromises()
    expect(fetch).toHaveBeenCalledWith('')
    expect(byId(w, 'x-pick-dialog').exists()).toBe(true)
    expect(byId(w, 'x-pick-remaining-DOC-1-P001').text()).toBe('20')
    expect(byId(w, 'x-pick-remaining-DOC-1-P002').text()).toBe('3')
    // default parameterisation: neither 批号 nor price
    expect(headers(w)).toEqual(['', 'Number', 'Date', tr('invDoc.line.code'), tr('invDoc.line.name'), tr('invDoc.line.spec'), 'Ordered', 'Done', 'Remaining', 'Qty'])
    expect(byId(w, 'x-pick-check-DOC-1-P003').find('input').attributes('disabled')).toBeDefined()
    expect(inputOf(w, 'x-pick-qty-DOC-1-P001').attributes('disabled')).toBeDefined()
    expect(byId(w, 'x-pick-ok').attributes('disabled')).toBeDefined()

    await byId(w, 'x-pick-all').trigger('click')
    await flushPromises()
    expect((inputOf(w, 'x-pick-qty-DOC-1-P001').element as HTMLInputElement).value).toBe('5')
    expect((inputOf(w, 'x-pick-qty-DOC-1-P002').element as HTMLInputElement).value).toBe('3')
    expect((inputOf(w, 'x-pick-qty-DOC-1-P003').element as HTMLInputElement).value).toBe('')
    expect(w.text()).toContain('chosen 2')

    await inputOf(w, 'x-pick-qty-DOC-1-P002').setValue('')
    await inputOf(w, 'x-pick-qty-DOC-1-P001').setValue('4 ')
    await flushPromises()
    expect(w.text()).toContain('chosen 1')
    await byId(w, 'x-pick-ok').trigger('click')
    await flushPromises()
    const picked = w.emitted('confirm')?.[0]?.[0] as { line: PickSourceLine<string>; qty: string }[]
    expect(picked.map((p) => [p.line.id, p.line.source, p.qty])).toEqual([[1, 'a', '4']])
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([false])

    // the search text goes to the loader; 确定 stays disabled until something is checked
    await w.setProps({ modelValue: true })
    await flushPromises()
    await inputOf(w, 'x-pick-q').setValue('cola')
    await inputOf(w, 'x-pick-q').trigger('keyup', { key: 'Enter' })
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith('cola')
    expect(byId(w, 'x-pick-remaining-DOC-1-P002').exists()).toBe(false)
    await check(w, 'x-pick-check-DOC-1-P001')
    expect((inputOf(w, 'x-pick-qty-DOC-1-P001').element as HTMLInputElement).value).toBe('5')
    await check(w, 'x-pick-check-DOC-1-P001', false)
    expect((inputOf(w, 'x-pick-qty-DOC-1-P001').element as HTMLInputElement).value).toBe('')
  }, 30_000)

  it('shows lot and price columns when asked, loads nothing without a partner and reports a failed load', async () => {
    const fetch = vi.fn<(q: string) => Promise<PickSourceLine<string>[]> | null>(() => null)
    const w = await mountIt(PickSourceLinesDialog, { fetch, labels: { ...labels, price: 'Price' }, taken: [], testid: 'y-pick', showLot: true, width: '1040px' })
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(headers(w)).toEqual(['', 'Number', 'Date', tr('invDoc.line.code'), tr('invDoc.line.name'), tr('invDoc.line.spec'), tr('invDoc.line.lot'), 'Price', 'Ordered', 'Done', 'Remaining', 'Qty'])
    expect(w.text()).toContain('empty')

    fetch.mockImplementation(() => Promise.reject(new Error('boom')))
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    await inputOf(w, 'y-pick-q').trigger('keyup', { key: 'Enter' })
    await flushPromises()
    expect(ui.message.error).toHaveBeenCalled()
    err.mockRestore()
  }, 30_000)

  it('marks an over-quantity at once with the maximum; strict refuses confirm until it is lowered', async () => {
    const fetch = vi.fn(() => Promise.resolve([line({ fill: '8', remaining: '8', unit: 'pcs' }), line({ id: 2, code: 'P002', fill: '3' })]))
    const w = await mountIt(PickSourceLinesDialog, { fetch, labels, taken: [], testid: 'z-pick', strict: true })
    await flushPromises()
    await check(w, 'z-pick-check-DOC-1-P001')
    await check(w, 'z-pick-check-DOC-1-P002')
    expect(byId(w, 'z-pick-over-DOC-1-P001').exists()).toBe(false)
    await inputOf(w, 'z-pick-qty-DOC-1-P001').setValue('10')
    await flushPromises()
    expect(byId(w, 'z-pick-over-DOC-1-P001').text()).toBe(tr('invDoc.pickOver', { max: '8 pcs' }))
    expect(inputOf(w, 'z-pick-qty-DOC-1-P001').attributes('aria-invalid')).toBe('true')
    expect(byId(w, 'z-pick-over').text()).toBe(tr('invDoc.pickOverRows', { n: 1 }))
    expect(byId(w, 'z-pick-ok').attributes('disabled')).toBeDefined()
    await byId(w, 'z-pick-ok').trigger('click')
    expect(w.emitted('confirm')).toBeUndefined()
    await inputOf(w, 'z-pick-qty-DOC-1-P001').setValue('8')
    await flushPromises()
    expect(byId(w, 'z-pick-over-DOC-1-P001').exists()).toBe(false)
    expect(byId(w, 'z-pick-ok').attributes('disabled')).toBeUndefined()
    await byId(w, 'z-pick-ok').trigger('click')
    expect((w.emitted('confirm')?.[0]?.[0] as unknown[]).length).toBe(2)
  }, 30_000)

  it('without strict an over-quantity is marked but may be confirmed (purchase receipts have a tolerance)', async () => {
    const fetch = vi.fn(() => Promise.resolve([line({ fill: '8' })]))
    const w = await mountIt(PickSourceLinesDialog, { fetch, labels, taken: [], testid: 'v-pick' })
    await flushPromises()
    await check(w, 'v-pick-check-DOC-1-P001')
    await inputOf(w, 'v-pick-qty-DOC-1-P001').setValue('9')
    await flushPromises()
    expect(byId(w, 'v-pick-over-DOC-1-P001').exists()).toBe(true)
    expect(byId(w, 'v-pick-ok').attributes('disabled')).toBeUndefined()
  }, 30_000)
})

describe('the purchasing and sales pick wrappers', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    while (mounted.length) mounted.pop()!.unmount()
  })

  it('purchase receipts: the supplier order lines, pur-pick test ids, picked rows marked as from an order', async () => {
    const PickLinesDialog = (await import('@/views/purchase/parts/PickLinesDialog.vue')).default
    http.request.mockResolvedValue([
      {
        order_id: 5, order_number: 'CGDD-1', business_date: '2026-05-01', expected_date: '2026-05-10', line_id: 11, sku_id: 3, sku_code: 'P001',
        product_name: 'Cola', spec: '', tracking: 'none', unit_id: 1, unit_name: 'case', ratio: '12', qty: '2', base_qty: '24.0000',
        received_qty: '12.0000', remaining_qty: '12.0000', remaining_unit_qty: '1.0000', discount_rate: '0', tax_rate: '13',
      },
    ])
    const w = await mountIt(PickLinesDialog, { mode: 'orders', supplierId: 7, warehouseId: 1, taken: [] })
    await flushPromises()
    expect(http.request).toHaveBeenCalledWith('GET', '/purchase-orders/open-lines', { query: { supplier_id: 7, warehouse_id: 1, q: undefined } })
    expect(w.text()).toContain(tr('pur.pick.ordersTitle'))
    expect(headers(w)).toContain(tr('pur.pick.ordered'))
    expect(headers(w)).not.toContain(tr('sal.line.price'))
    expect(headers(w)).not.toContain(tr('invDoc.line.lot'))
    expect(byId(w, 'pur-pick-remaining-CGDD-1-P001').text()).toBe('12')
    await check(w, 'pur-pick-check-CGDD-1-P001')
    expect((inputOf(w, 'pur-pick-qty-CGDD-1-P001').element as HTMLInputElement).value).toBe('1')
    expect(w.text()).toContain(tr('pur.pick.chosen', { n: 1 }))
    await byId(w, 'pur-pick-ok').trigger('click')
    const rows = w.emitted('confirm')?.[0]?.[0] as { source: string; open?: { line_id: number }; returnable?: unknown; qty: string }[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ source: 'order', qty: '1', returnable: undefined })
    expect(rows[0].open?.line_id).toBe(11)

    // no supplier: nothing asked
    http.request.mockClear()
    const none = await mountIt(PickLinesDialog, { mode: 'receipts', supplierId: null, warehouseId: null, taken: [] })
    await flushPromises()
    expect(http.request).not.toHaveBeenCalled()
    expect(none.text()).toContain(tr('pur.pick.receiptsTitle'))
  }, 30_000)

  it('sales returns: returnable delivery lines with lot and price, sal-pick test ids, nothing returnable hidden', async () => {
    const SalesPickDialog = (await import('@/views/sales/parts/SalesPickDialog.vue')).default
    const base = {
      delivery_id: 9, delivery_number: 'XSCK-1', business_date: '2026-05-02', sku_id: 3, sku_code: 'P001', product_name: 'Cola',
      unit_id: 1, unit_name: 'case', ratio: '12', lot_no: 'L1', qty: '24.0000', price: '30.0000',
    }
    http.request.mockResolvedValue([
      { ...base, line_id: 21, returned_qty: '0', returnable_qty: '24.0000' },
      { ...base, line_id: 22, sku_code: 'P002', returned_qty: '24.0000', returnable_qty: '0' },
    ])
    const w = await mountIt(SalesPickDialog, { mode: 'deliveries', customerId: 4, warehouseId: null, taken: [] })
    await flushPromises()
    expect(http.request).toHaveBeenCalledWith('GET', '/sales-deliveries/returnable-lines', { query: { customer_id: 4, q: undefined } })
    expect(w.text()).toContain(tr('sal.pick.deliveriesTitle'))
    expect(headers(w)).toEqual(expect.arrayContaining([tr('sal.pick.delivery'), tr('invDoc.line.lot'), tr('sal.line.price'), tr('sal.pick.deliveredQty')]))
    expect(byId(w, 'sal-pick-remaining-XSCK-1-P001').text()).toBe('24')
    expect(byId(w, 'sal-pick-remaining-XSCK-1-P002').exists()).toBe(false)
    expect(w.text()).toContain('L1')
    expect(w.text()).toContain('30.00')
    await byId(w, 'sal-pick-all').trigger('click')
    await flushPromises()
    expect((inputOf(w, 'sal-pick-qty-XSCK-1-P001').element as HTMLInputElement).value).toBe('2')
    await byId(w, 'sal-pick-ok').trigger('click')
    const rows = w.emitted('confirm')?.[0]?.[0] as { open?: unknown; returnable?: { line_id: number }; qty: string }[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).not.toHaveProperty('source')
    expect(rows[0]).toMatchObject({ open: undefined, qty: '2' })
    expect(rows[0].returnable?.line_id).toBe(21)
  }, 30_000)
})
