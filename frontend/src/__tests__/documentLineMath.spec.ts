import { describe, expect, it } from 'vitest'
import {
  applySku,
  baseQty,
  changeUnit,
  convertCost,
  convertQty,
  ensureTrailingBlank,
  isBlank,
  lineAmount,
  lineIndexOf,
  lineProblem,
  mapLineErrors,
  mergeScan,
  newLine,
  nextCell,
  savedLine,
  totals,
  type SkuLike,
} from '@/components/document/lineMath'
import { allowedActions } from '@/components/document/permissions'
import { lineProblemRows } from '@/components/document/lineChecks'
import type { EditLine, LineColumnKey } from '@/components/document/types'
import { buildXlsx, colName, crc32, zipStore } from '@/utils/xlsx'

const cola: SkuLike = {
  sku_id: 1,
  code: 'P001',
  name: 'Cola',
  spec: '500ml',
  attributes_text: '',
  tracking: 'none',
  base_unit_id: 10,
  base_unit_name: 'btl',
  units: [
    { unit_id: 10, name: 'btl', ratio: '1' },
    { unit_id: 11, name: 'case', ratio: '24' },
  ],
}
const milk: SkuLike = { ...cola, sku_id: 2, code: 'M001', name: 'Milk', tracking: 'lot', units: [{ unit_id: 10, name: 'btl', ratio: '1' }] }

function line(sku: SkuLike, qty: string, unitId?: number, cost = ''): EditLine {
  const l = newLine()
  applySku(l, sku, unitId)
  l.qty = qty
  l.unit_cost = cost
  return l
}

describe('units and totals (big.js, never float)', () => {
  it('base quantity and amount, rounded half up per line', () => {
    const l = line(cola, '2', 11, '30.005')
    expect(baseQty(l)).toBe('48')
    expect(lineAmount(l)).toBe('60.01')
    const f = line(cola, '0.1', 10, '0.2')
    expect(lineAmount(f)).toBe('0.02')
  })

  it('totals add base quantities and amounts exactly and skip blank lines', () => {
    const ls = [line(cola, '0.1', 10, '0.1'), line(cola, '0.2', 10, '0.2'), line(cola, '1', 11, '72'), newLine()]
    const s = totals(ls)
    expect(s.qty).toBe('24.3') // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004
    expect(s.amount).toBe('72.05')
    expect(s.count).toBe(3)
  })

  it('converting the unit keeps the physical quantity and the amount', () => {
    const l = line(cola, '48', 10, '3')
    expect(changeUnit(l, 11)).toBe(true)
    expect(l.qty).toBe('2')
    expect(l.unit_cost).toBe('72')
    expect(lineAmount(l)).toBe('144.00')
    expect(changeUnit(l, 10)).toBe(true)
    expect(l.qty).toBe('48')
    expect(l.unit_cost).toBe('3')
  })

  it('an inexact conversion is flagged and kept to 6 decimals', () => {
    expect(convertQty('1', '1', '24')).toEqual({ qty: '0.041667', exact: false })
    expect(convertQty('12', '1', '24')).toEqual({ qty: '0.5', exact: true })
    expect(convertQty('3', '0.5', '1.5')).toEqual({ qty: '1', exact: true })
    expect(convertCost('10', '1', '3')).toBe('30')
    expect(convertCost('10', '3', '1')).toBe('3.333333')
  })
})

describe('keyboard navigation', () => {
  const cols: LineColumnKey[] = ['product', 'unit', 'qty', 'lot', 'unit_cost', 'remark']
  // rows 0 and 1 filled (row 1 lot-tracked), row 2 blank
  const lots = [false, true, false]
  const filled = [true, true, false]
  const editable = (r: number, c: LineColumnKey) => (!filled[r] ? c === 'product' : c === 'lot' ? lots[r] : true)

  it('Enter/Tab go to the next editable cell, skipping cells a line does not have', () => {
    expect(nextCell({ row: 0, col: 'product' }, cols, 3, editable)).toEqual({ pos: { row: 0, col: 'unit' }, append: false })
    expect(nextCell({ row: 0, col: 'qty' }, cols, 3, editable)).toEqual({ pos: { row: 0, col: 'unit_cost' }, append: false })
    expect(nextCell({ row: 1, col: 'qty' }, cols, 3, editable)).toEqual({ pos: { row: 1, col: 'lot' }, append: false })
  })

  it('wraps from the last cell of a line to the product of the next one', () => {
    expect(nextCell({ row: 0, col: 'remark' }, cols, 3, editable)).toEqual({ pos: { row: 1, col: 'product' }, append: false })
  })

  it('Enter on the last cell of the last line appends a line', () => {
    expect(nextCell({ row: 2, col: 'product' }, cols, 3, editable)).toEqual({ pos: { row: 3, col: 'product' }, append: true })
    expect(nextCell({ row: 1, col: 'remark' }, cols, 2, editable)).toEqual({ pos: { row: 2, col: 'product' }, append: true })
  })

  it('Shift+Tab goes back and stops at the first cell', () => {
    expect(nextCell({ row: 1, col: 'product' }, cols, 3, editable, -1)).toEqual({ pos: { row: 0, col: 'remark' }, append: false })
    expect(nextCell({ row: 0, col: 'product' }, cols, 3, editable, -1)).toBeNull()
    expect(nextCell({ row: 0, col: 'amount' }, cols, 3, editable)).toBeNull()
  })
})

describe('scanning', () => {
  it('adds a line, then +1 on the same SKU and unit; a case barcode is another line', () => {
    const ls = [newLine()]
    expect(mergeScan(ls, cola, 10)).toEqual({ index: 0, merged: false })
    ensureTrailingBlank(ls)
    expect(mergeScan(ls, cola, 10)).toEqual({ index: 0, merged: true })
    expect(ls[0].qty).toBe('2')
    expect(mergeScan(ls, cola, 11)).toEqual({ index: 1, merged: false })
    ensureTrailingBlank(ls)
    expect(ls.map((l) => [l.sku_code, l.unit_id, l.qty])).toEqual([
      ['P001', 10, '2'],
      ['P001', 11, '1'],
      ['', null, ''],
    ])
    expect(mergeScan(ls, cola, 11, '2')).toEqual({ index: 1, merged: true })
    expect(ls[1].qty).toBe('3')
  })

  it('a line with a lot chosen is not merged into', () => {
    const ls = [line(milk, '1', 10)]
    ls[0].lot_no = 'L1'
    expect(mergeScan(ls, milk, 10)).toEqual({ index: 1, merged: false })
    expect(ls).toHaveLength(2)
  })

  it('ensureTrailingBlank keeps exactly one blank line at the end', () => {
    const ls = [line(cola, '1')]
    ensureTrailingBlank(ls)
    ensureTrailingBlank(ls)
    expect(ls.map(isBlank)).toEqual([false, true])
  })
})

describe('server errors on lines', () => {
  it('lines.N names the N-th line sent (blank lines are not sent)', () => {
    const ls = [line(cola, '1'), newLine(), line(milk, '5'), newLine()]
    const m = mapLineErrors(
      [
        { field: 'lines.1', code: 'insufficient_stock', message: 'Milk: need 5, on hand 2' },
        { field: 'body.lines.0.qty', message: 'bad qty' },
        { field: 'body.warehouse_id', message: 'required' },
      ],
      ls,
    )
    expect(m.byLine[ls[2].key]).toEqual(['Milk: need 5, on hand 2'])
    expect(m.byLine[ls[0].key]).toEqual(['bad qty'])
    expect(m.rows).toEqual([
      { no: 1, messages: ['bad qty'] },
      { no: 3, messages: ['Milk: need 5, on hand 2'] },
    ])
    expect(m.header).toEqual({ warehouse_id: 'required' })
    expect(lineIndexOf('lines.12.lot_no')).toBe(12)
    expect(lineIndexOf('linesx')).toBeNull()
  })

  it('client checks: qty > 0, unit cost when required, lot when approving', () => {
    expect(lineProblem(line(cola, '0'))).toBe('qty')
    expect(lineProblem(line(cola, '1e3'))).toBe('qty')
    expect(lineProblem(line(cola, '2'), { costRequired: true })).toBe('cost')
    expect(lineProblem(line(cola, '2', 10, '1.5'), { costRequired: true })).toBeNull()
    expect(lineProblem(line(milk, '2'), { lotRequired: true })).toBe('lot')
    expect(lineProblem(line(milk, '2'))).toBeNull()
  })
})

describe('actions per status and permission', () => {
  const all = () => true
  const only = (...p: string[]) => (x: string) => p.includes(x)
  it('drafts save/approve/void; approved ones unapprove/reverse; reversed and void only copy/print', () => {
    expect(allowedActions('new', 'inventory.other_in', all)).toEqual(['add', 'save', 'saveApprove', 'print', 'export'])
    expect(allowedActions('draft', 'inventory.other_in', all)).toEqual(['add', 'save', 'saveApprove', 'approve', 'void', 'delete', 'copy', 'print', 'export'])
    expect(allowedActions('approved', 'inventory.other_in', all)).toEqual(['add', 'unapprove', 'reverse', 'copy', 'print', 'export'])
    expect(allowedActions('reversed', 'inventory.other_in', all)).toEqual(['add', 'copy', 'print', 'export'])
  })
  it('each button needs its permission', () => {
    expect(allowedActions('draft', 'inventory.transfer', only('inventory.transfer.approve'))).toEqual(['approve', 'print'])
    expect(allowedActions('approved', 'inventory.transfer', only('inventory.transfer.reverse'))).toEqual(['reverse', 'print'])
  })
})

describe('xlsx writer', () => {
  it('column names and CRC-32', () => {
    expect([0, 25, 26, 27, 701].map(colName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ'])
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })
  it('a stored zip with the workbook parts; codes stay text, numbers are numbers', async () => {
    const zip = zipStore([{ name: 'a.txt', data: new TextEncoder().encode('hi') }])
    expect(new DataView(zip.buffer).getUint32(0, true)).toBe(0x04034b50)
    const blob = buildXlsx('Lines', ['code', 'qty'], [['00123', { number: '2.5' }]])
    const text = new TextDecoder().decode(new Uint8Array(await blob.arrayBuffer()))
    expect(text).toContain('xl/worksheets/sheet1.xml')
    expect(text).toContain('<t xml:space="preserve">00123</t>')
    expect(text).toContain('<c r="B2"><v>2.5</v></c>')
  })
})

describe('unsaved changes', () => {
  it('dirty follows the payload against the last snapshot', async () => {
    const { reactive } = await import('vue')
    const { useUnsavedSnapshot } = await import('@/components/document/useUnsaved')
    const state = reactive({ remark: '', lines: [] as string[] })
    const { dirty, mark } = useUnsavedSnapshot(() => state)
    expect(dirty.value).toBe(false) // nothing recorded yet
    mark()
    state.remark = 'x'
    expect(dirty.value).toBe(true)
    state.remark = ''
    expect(dirty.value).toBe(false)
    state.lines.push('a')
    expect(dirty.value).toBe(true)
    mark()
    expect(dirty.value).toBe(false)
  })
})

describe('savedLine', () => {
  const read = {
    sku_id: 7,
    sku_code: 'SP7',
    product_name: 'Cola',
    spec: null,
    attributes_text: null,
    tracking: 'lot',
    base_unit_name: 'can',
    unit_id: 3,
    unit_name: 'case',
    qty: '2.000000',
    base_qty: '48.000000',
    lot_id: 9,
    lot_no: 'L9',
    production_date: null,
    expiry_date: '2027-01-31',
    remark: null,
  }
  it('knows only its own unit, with the ratio its quantities give', () => {
    const l = savedLine(read)
    expect(l.units).toEqual([{ unit_id: 3, name: 'case', ratio: '24' }])
    expect(l.unitsLoaded).toBe(false)
    expect([l.qty, l.lot_no, l.expiry_date, l.production_date, l.spec, l.remark, l.text]).toEqual(['2', 'L9', '2027-01-31', '', '', '', 'Cola'])
  })
  it('takes a zero quantity as ratio 1 and lets the caller add its own fields', () => {
    const l = savedLine({ ...read, qty: '0', base_qty: '0' }, { unit_cost: '1.5' })
    expect(l.units[0].ratio).toBe('1')
    expect(l.unit_cost).toBe('1.5')
  })
})

describe('lineProblemRows', () => {
  it('skips blank lines but keeps their row numbers; a line without a problem is not listed', () => {
    const a = newLine({ sku_id: 1, qty: '' })
    const blank = newLine()
    const b = newLine({ sku_id: 2, qty: '3' })
    const c = newLine({ sku_id: 3, qty: '0' })
    const found = lineProblemRows([a, blank, b, c], (l) => (l.qty === '' ? 'qty missing' : l.qty === '0' ? 'qty zero' : null))
    expect(found.rows).toEqual([
      { no: 1, messages: ['qty missing'] },
      { no: 4, messages: ['qty zero'] },
    ])
    expect(found.byLine).toEqual({ [a.key]: ['qty missing'], [c.key]: ['qty zero'] })
  })
})
