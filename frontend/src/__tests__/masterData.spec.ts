import { describe, expect, it } from 'vitest'
import { barcodeProblem, gtinCheckDigit, validGtin, withCheckDigit } from '@/utils/barcode'
import { ratioProblem, ratioText, splitQty, toBase, trimDecimal } from '@/utils/units'
import { combinations, comboKey, comboText, rebuildSkus, skuCode, splitValues } from '@/utils/variants'
import { levelPrice, priceColumns, setLevelPrice, validPrice } from '@/utils/priceLevels'
import { dropPatches, pathNames, type TreeNode } from '@/utils/tree'
import {
  ALL_SKUS,
  applyMatrix,
  collapseLimits,
  draftFrom,
  emptyDraft,
  priceKey,
  serverKeyToDraftKey,
  tabOf,
  toWrite,
  validateDraft,
} from '@/views/basic/productForm'
import type { ProductRead } from '@/api/types'

describe('barcode check digits', () => {
  it('accepts valid EAN-13, EAN-8, UPC-A and GTIN-14', () => {
    expect(validGtin('6901234567892')).toBe(true) // EAN-13
    expect(validGtin('4006381333931')).toBe(true)
    expect(validGtin('96385074')).toBe(true) // EAN-8
    expect(validGtin('036000291452')).toBe(true) // UPC-A
    expect(validGtin('10012345678902')).toBe(true) // GTIN-14
  })
  it('computes and appends the check digit', () => {
    expect(gtinCheckDigit('690123456789')).toBe(2)
    expect(withCheckDigit('9638507')).toBe('96385074')
    expect(withCheckDigit('03600029145')).toBe('036000291452')
  })
  it('reports wrong check digits, scientific notation and odd characters; other codes pass', () => {
    expect(barcodeProblem('6901234567891')).toBe('check_digit')
    expect(barcodeProblem('96385075')).toBe('check_digit')
    expect(barcodeProblem('6.90123E+12')).toBe('scientific')
    expect(barcodeProblem('')).toBe('empty')
    expect(barcodeProblem('条码1')).toBe('chars')
    expect(barcodeProblem('ABC-123')).toBeNull() // internal code
    expect(barcodeProblem('12345')).toBeNull() // not a GTIN length
    expect(barcodeProblem(' 6901234567892 ')).toBeNull()
  })
})

describe('units', () => {
  it('validates ratios (> 0, ≤ 6 decimals)', () => {
    expect(ratioProblem('24')).toBeNull()
    expect(ratioProblem('0.5')).toBeNull()
    expect(ratioProblem('1.1234560')).toBeNull()
    expect(ratioProblem('')).toBe('required')
    expect(ratioProblem('0')).toBe('positive')
    expect(ratioProblem('-2')).toBe('invalid')
    expect(ratioProblem('abc')).toBe('invalid')
    expect(ratioProblem('1.1234567')).toBe('decimals')
  })
  it('shows conversions without floats', () => {
    expect(ratioText('箱', '24.000000', '瓶')).toBe('1 箱 = 24 瓶')
    expect(trimDecimal('0.500')).toBe('0.5')
    expect(toBase('3', '24')).toBe('72')
    expect(toBase('0.1', '0.2')).toBe('0.02')
    const units = [
      { unit_id: 1, name: '瓶', ratio: '1' },
      { unit_id: 2, name: '箱', ratio: '24' },
    ]
    expect(splitQty('50', units)).toBe('2箱2瓶')
    expect(splitQty('48', units)).toBe('2箱')
    expect(splitQty('5', units)).toBe('5瓶')
    expect(splitQty('-26', units)).toBe('-1箱2瓶')
    expect(splitQty('0', units)).toBe('0瓶')
  })
})

describe('variant matrix', () => {
  const color = { name: '颜色', values: ['红', '白', '黑'] }
  const size = { name: '尺码', values: ['S', 'M', 'L', 'XL'] }
  it('generates every combination, first attribute slowest', () => {
    const c = combinations([color, size])
    expect(c).toHaveLength(12)
    expect(c[0]).toEqual({ 颜色: '红', 尺码: 'S' })
    expect(c[4]).toEqual({ 颜色: '白', 尺码: 'S' })
    expect(combinations([])).toEqual([])
    expect(combinations([{ name: '颜色', values: [] }])).toEqual([])
  })
  it('keys ignore key order; text follows the attribute order', () => {
    expect(comboKey({ a: '1', b: '2' })).toBe(comboKey({ b: '2', a: '1' }))
    expect(comboText({ 尺码: 'M', 颜色: '红' }, ['颜色', '尺码'])).toBe('红 / M')
    expect(skuCode('TS001', 0)).toBe('TS001-01')
    expect(skuCode('TS001', 11)).toBe('TS001-12')
    expect(skuCode('', 3)).toBe('')
    expect(splitValues('S, M、L ，XL  S')).toEqual(['S', 'M', 'L', 'XL'])
  })
  it('keeps existing SKUs and reports removed ones', () => {
    const make = (a: Record<string, string>) => ({ key: comboKey(a), attributes: a, code: '' })
    const first = rebuildSkus([color, size], [], make).skus
    first[0].code = 'KEEP'
    const { skus, removed } = rebuildSkus([{ ...color, values: ['红', '白'] }, size], first, make)
    expect(skus).toHaveLength(8)
    expect(skus[0].code).toBe('KEEP')
    expect(removed).toHaveLength(4)
    // no attributes → exactly one plain SKU
    expect(rebuildSkus([], skus, make).skus).toHaveLength(1)
  })
})

describe('price levels', () => {
  const label = (k: string) => k
  it('builds columns: fixed prices, cost only with cost.view, levels by sort order', () => {
    const levels = [
      { id: 2, name: 'VIP', sort_order: 20 },
      { id: 1, name: '批发一级', sort_order: 10 },
    ]
    const cols = priceColumns(levels, true, label)
    expect(cols.map((c) => c.key)).toEqual(['retail_price', 'wholesale_price', 'min_price', 'purchase_price', 'level:1', 'level:2'])
    expect(cols[5].label).toBe('VIP')
    expect(priceColumns(levels, false, label).some((c) => c.cost)).toBe(false)
  })
  it('reads and writes level prices', () => {
    let lp = setLevelPrice([], 1, '9.50')
    expect(levelPrice(lp, 1)).toBe('9.50')
    lp = setLevelPrice(lp, 1, '')
    expect(lp).toEqual([])
    expect(validPrice('12.345678')).toBe(true)
    expect(validPrice('1.2345678')).toBe(false)
    expect(validPrice('-1')).toBe(false)
    expect(validPrice('')).toBe(true)
  })
})

describe('category tree', () => {
  const tree: TreeNode[] = [
    { id: 1, name: '饮料', parent_id: null, sort_order: 0, children: [{ id: 2, name: '碳酸饮料', parent_id: 1, sort_order: 0, children: [] }] },
  ]
  it('finds paths', () => {
    expect(pathNames(tree, 2)).toEqual(['饮料', '碳酸饮料'])
    expect(pathNames(tree, 99)).toEqual([])
  })
  it('patches the moved node and renumbers changed siblings', () => {
    const siblings = [
      { id: 5, sort_order: 0, parent_id: 1 },
      { id: 9, sort_order: 30, parent_id: 3 },
      { id: 6, sort_order: 10, parent_id: 1 },
    ]
    expect(dropPatches(9, 1, siblings)).toEqual([
      { id: 9, parent_id: 1, sort_order: 10 },
      { id: 6, sort_order: 20 },
    ])
  })
})

function product(): ProductRead {
  return {
    id: 7,
    code: 'P001',
    name: '可口可乐',
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
    location: ' A-03-2 ',
    default_supplier_id: null,
    image_url: null,
    remark: '',
    is_active: true,
    version: 3,
    created_at: '2026-01-01T00:00:00Z',
    units: [
      { unit_id: 1, name: '瓶', ratio: '1', allow_fraction: false, is_base: true },
      { unit_id: 2, name: '箱', ratio: '24.000000', allow_fraction: false, is_base: false },
    ],
    attributes: [],
    skus: [
      {
        id: 70,
        code: 'P001',
        attributes: {},
        attributes_text: '',
        is_active: true,
        barcodes: [
          { barcode: '6901234567892', unit_id: 1 },
          { barcode: '16901234567899', unit_id: 2 },
        ],
        prices: [
          { unit_id: 1, retail_price: '3.50', wholesale_price: null, min_price: null, purchase_price: '2.00', level_prices: [] },
        ],
        stock_limits: [{ warehouse_id: 4, min_qty: '10', max_qty: '100' }],
      },
    ],
  }
}

describe('product editor model', () => {
  it('round-trips a product: units, barcodes, prices, limits, version', () => {
    const d = draftFrom(product())
    expect(d.units).toEqual([{ unit_id: 2, ratio: '24' }])
    expect(d.limits).toEqual([{ sku: ALL_SKUS, warehouse_id: 4, min_qty: '10', max_qty: '100' }])
    const w = toWrite(d, { canPurchasePrice: true, version: 3 })
    expect(w.version).toBe(3)
    expect(w.location).toBe('A-03-2')
    expect(w.units).toEqual([{ unit_id: 2, ratio: '24' }])
    expect(w.skus!).toHaveLength(1)
    expect(w.skus![0].id).toBe(70)
    expect(w.skus![0].barcodes).toHaveLength(2)
    expect(w.skus![0].prices![0]).toMatchObject({ unit_id: 1, retail_price: '3.5', purchase_price: '2' })
    expect(w.skus![0].stock_limits).toEqual([{ warehouse_id: 4, min_qty: '10', max_qty: '100' }])
    // without cost.view the purchase price is not sent at all
    expect('purchase_price' in toWrite(d, { canPurchasePrice: false }).skus![0].prices![0]).toBe(false)
  })
  it('validates units, barcodes and prices on the client', () => {
    const d = emptyDraft()
    expect(validateDraft(d)).toMatchObject({ name: 'product.required', base_unit_id: 'product.required' })
    d.name = 'x'
    d.base_unit_id = 1
    d.units = [{ unit_id: 1, ratio: '0' }]
    d.barcodes = [
      { sku: d.skus[0].key, unit_id: 1, barcode: '6901234567891' },
      { sku: d.skus[0].key, unit_id: 1, barcode: 'A1' },
      { sku: d.skus[0].key, unit_id: 1, barcode: 'A1' },
    ]
    d.prices[priceKey(d.skus[0].key, 1)] = { retail_price: '1.2.3', wholesale_price: '', min_price: '', purchase_price: '', level_prices: [] }
    const e = validateDraft(d)
    expect(e['units.0.unit_id']).toBe('product.duplicateUnit')
    expect(e['units.0.ratio']).toBe('ratio.positive')
    expect(e['barcodes.0']).toBe('barcode.check_digit')
    expect(e['barcodes.1']).toBeUndefined()
    expect(e['barcodes.2']).toBe('product.duplicateBarcode')
    expect(e[`prices.${priceKey(d.skus[0].key, 1)}.retail_price`]).toBe('product.invalidNumber')
    expect(tabOf('barcodes.2')).toBe('units')
    expect(tabOf('skus.0.prices.0.retail_price')).toBe('prices')
    expect(tabOf('name')).toBe('basic')
  })
  it('builds the matrix and writes 12 SKUs with their attributes', () => {
    const d = emptyDraft()
    d.name = 'T恤'
    d.base_unit_id = 1
    d.attributes = [
      { name: '颜色', values: ['红', '白', '黑'] },
      { name: '尺码', values: ['S', 'M', 'L', 'XL'] },
    ]
    applyMatrix(d)
    expect(d.skus).toHaveLength(12)
    const w = toWrite(d, { canPurchasePrice: false })
    expect(w.skus!).toHaveLength(12)
    expect(w.skus![11].attributes).toEqual({ 颜色: '黑', 尺码: 'XL' })
    expect(w.skus!.every((s) => s.code === null && s.id === undefined)).toBe(true)
    // a limit for all SKUs applies to each
    d.limits = [{ sku: ALL_SKUS, warehouse_id: 1, min_qty: '1', max_qty: '' }]
    expect(toWrite(d, { canPurchasePrice: false }).skus![5].stock_limits).toEqual([{ warehouse_id: 1, min_qty: '1', max_qty: null }])
  })
  it('collapses identical per-SKU limits and maps server barcode paths', () => {
    const rows = [
      { sku: 'a', warehouse_id: 1, min_qty: '1', max_qty: '9' },
      { sku: 'b', warehouse_id: 1, min_qty: '1', max_qty: '9' },
      { sku: 'b', warehouse_id: 2, min_qty: '5', max_qty: '' },
    ]
    expect(collapseLimits(rows, ['a', 'b'])).toEqual([
      { sku: ALL_SKUS, warehouse_id: 1, min_qty: '1', max_qty: '9' },
      { sku: 'b', warehouse_id: 2, min_qty: '5', max_qty: '' },
    ])
    const d = draftFrom(product())
    expect(serverKeyToDraftKey(d, 'skus.0.barcodes.1.barcode')).toBe('barcodes.1')
    expect(serverKeyToDraftKey(d, 'name')).toBe('name')
    expect(serverKeyToDraftKey(d, 'skus.0.barcodes', '条码 16901234567899 已被使用。')).toBe('barcodes.1')
  })
})
