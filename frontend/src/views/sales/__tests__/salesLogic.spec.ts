import { describe, expect, it } from 'vitest'
import { newLine } from '@/components/document/lineMath'
import {
  X,
  creditLeft,
  deliverTagType,
  docSums,
  extraFromOpenLine,
  isBelowMin,
  mapSalesErrors,
  priceIsAuto,
  salesLineMoney,
  salesLineProblem,
  timelineKey,
} from '@/views/sales/logic'
import type { SalesOpenLine } from '@/views/sales/types'
import { salesRoutes } from '@/router/routes.sales'

// The sales line amounts of docs/contracts/sales-api.md (prices include tax): net price to 6 decimals, total to
// the fen, amount ex tax = total ÷ (1 + rate) to the fen, tax = the rest; totals in base units; the minimum price
// warning; insufficient_stock errors landing on the right grid lines.
describe('sales line money (prices include tax)', () => {
  it('splits the tax out of the total, half up per line', () => {
    // 2 × 113 = 226.00 → ex tax 226 / 1.13 = 200.00, tax 26.00
    expect(salesLineMoney('2', '113', '0', '13')).toEqual({ net_price: '113', total: '226.00', amount: '200.00', tax_amount: '26.00' })
    // 9.99 × 0.875 = 8.74125; × 3 = 26.22375 → 26.22; / 1.13 = 23.2035… → 23.20; tax 3.02
    expect(salesLineMoney('3', '9.99', '12.5', '13')).toEqual({ net_price: '8.74125', total: '26.22', amount: '23.20', tax_amount: '3.02' })
    // 0.005 rounds half up to 0.01
    expect(salesLineMoney('1', '0.005', '', '')).toEqual({ net_price: '0.005', total: '0.01', amount: '0.01', tax_amount: '0.00' })
    expect(salesLineMoney('2', '', '0', '0')).toBeNull()
  })

  it('sums base quantities and money over filled lines; read-only lines use the server amounts', () => {
    const a = newLine({ sku_id: 1, unit_id: 11, units: [{ unit_id: 11, name: 'case', ratio: '12' }], qty: '2', extra: { [X.price]: '113', [X.taxRate]: '13' } })
    const b = newLine({ sku_id: 2, unit_id: 20, units: [{ unit_id: 20, name: 'pc', ratio: '1' }], qty: '5', extra: { [X.serverTotal]: '7.50', [X.serverAmount]: '7.50', [X.serverTax]: '0.00' } })
    expect(docSums([a, b, newLine()])).toEqual({ qty: '29', total: '233.50', amount: '207.50', tax: '26.00' })
  })
})

describe('sales line checks', () => {
  const line = (extra: Record<string, string>, qty = '1') => newLine({ sku_id: 1, unit_id: 1, units: [{ unit_id: 1, name: 'pc', ratio: '1' }], qty, extra })

  it('flags a net price below the minimum, or the server flag', () => {
    expect(isBelowMin(line({ [X.price]: '10', [X.minPrice]: '9.5' }))).toBe(false)
    expect(isBelowMin(line({ [X.price]: '10', [X.discount]: '10', [X.minPrice]: '9.5' }))).toBe(true)
    expect(isBelowMin(line({ [X.price]: '', [X.minPrice]: '9.5' }))).toBe(false)
    expect(isBelowMin(line({ [X.price]: '1', [X.belowMin]: '1' }))).toBe(true)
  })

  it('refuses bad quantities, prices, discounts and tax rates before sending', () => {
    expect(salesLineProblem(line({}, '0'))).toBe('qty')
    expect(salesLineProblem(line({ [X.price]: '1.1234567' }))).toBe('price')
    expect(salesLineProblem(line({ [X.discount]: '101' }))).toBe('discount')
    expect(salesLineProblem(line({ [X.taxRate]: 'x' }))).toBe('tax')
    expect(salesLineProblem(line({ [X.price]: '' }))).toBeNull()
  })

  it('knows whether a price is still the default', () => {
    expect(priceIsAuto(line({ [X.price]: '9', [X.autoPrice]: '9' }))).toBe(true)
    expect(priceIsAuto(line({ [X.price]: '8', [X.autoPrice]: '9' }))).toBe(false)
    expect(priceIsAuto(line({ [X.price]: '8' }))).toBe(false)
  })
})

describe('sales errors and helpers', () => {
  it('maps lines.N and sku.ID shortages to the grid lines sent', () => {
    const a = newLine({ sku_id: 3, unit_id: 1, qty: '5' })
    const blank = newLine()
    const b = newLine({ sku_id: 4, unit_id: 1, qty: '1' })
    const c = newLine({ sku_id: 3, unit_id: 1, qty: '1' })
    const m = mapSalesErrors(
      [
        { field: 'lines.1', code: 'insufficient_stock', message: 'B short' },
        { field: 'sku.3', code: 'insufficient_stock', message: 'A short' },
        { field: 'customer_id', message: 'bad' },
      ],
      [a, blank, b, c],
    )
    expect(m.byLine[b.key]).toEqual(['B short'])
    expect(m.byLine[a.key]).toEqual(['A short'])
    expect(m.byLine[c.key]).toEqual(['A short'])
    expect(m.rows.map((r) => r.no)).toEqual([1, 3, 4])
    expect(m.header).toEqual({ customer_id: 'bad' })
  })

  it('fills a delivery line from an open order line', () => {
    const o = { order_number: 'XSDD-1', line_id: 9, price: '12.500000', discount_rate: '0.00', tax_rate: '13.00', delivered_qty: '2.0000', remaining_qty: '8.0000' } as SalesOpenLine
    expect(extraFromOpenLine(o)).toMatchObject({ price: '12.5', tax_rate: '13', source_line_id: '9', source_number: 'XSDD-1', done: '2', remaining: '8' })
  })

  it('labels statuses, timeline events and credit left', () => {
    expect(deliverTagType('partial')).toBe('warning')
    expect(deliverTagType('full')).toBe('success')
    expect(timelineKey('delivered_partly')).toBe('sal.timeline.delivered_partly')
    expect(timelineKey('odd')).toBe('sal.timeline.other')
    expect(creditLeft('1000', '250.5')).toBe('749.50')
    expect(creditLeft(null, '1')).toBeNull()
  })

  it('routes: every editor and list name is unique and the editors take an optional id', () => {
    const names = salesRoutes.map((r) => r.name)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toEqual(
      expect.arrayContaining(['SalesOrders', 'SalesOrdersEdit', 'SalesDeliveries', 'SalesDeliveriesEdit', 'SalesReturns', 'SalesReturnsEdit', 'SalesCustomerRecord', 'SalesChannels']),
    )
    for (const r of salesRoutes) expect(r.meta?.module).toBe('sales')
    expect(salesRoutes.find((r) => r.name === 'SalesOrdersEdit')?.path).toBe('sales/orders/edit/:id(\\d+)?')
  })
})

describe('customer history signs, sparse columns and price display', () => {
  it('shows returns negative whatever sign the server gives, sales as they are', async () => {
    const { signedDocAmount, isReturnKind, isTicketKind } = await import('@/views/sales/logic')
    expect(signedDocAmount('return', '16.63')).toBe('-16.63')
    expect(signedDocAmount('retail_return', '9.98')).toBe('-9.98')
    expect(signedDocAmount('return', '-9.98')).toBe('-9.98')
    expect(signedDocAmount('return', '0')).toBe('0')
    expect(signedDocAmount('delivery', '43.23')).toBe('43.23')
    expect(signedDocAmount('retail', '1.71')).toBe('1.71')
    expect(signedDocAmount('return', '')).toBe('')
    expect(isReturnKind('retail_return') && !isReturnKind('order')).toBe(true)
    expect(isTicketKind('retail') && isTicketKind('retail_return') && !isTicketKind('delivery')).toBe(true)
  })

  it('keeps the spec and tax columns only when they tell something, and prices with at least 2 decimals', async () => {
    const { specAddsInfo, anyTaxed } = await import('@/views/sales/logic')
    const { formatUnitPrice: priceText } = await import('@/utils/money')
    const l = (over: Partial<ReturnType<typeof newLine>>) => newLine({ sku_id: 1, product_name: 'Cola 330ml', spec: '330ml', ...over })
    expect(specAddsInfo([l({}), newLine()])).toBe(false)
    expect(specAddsInfo([l({ spec: '' })])).toBe(false)
    expect(specAddsInfo([l({ spec: '24 btl/case' })])).toBe(true)
    expect(specAddsInfo([newLine({ spec: '24 btl/case' })])).toBe(false) // blank line
    expect(anyTaxed([l({ extra: { [X.taxRate]: '0' } }), l({})])).toBe(false)
    expect(anyTaxed([l({ extra: { [X.taxRate]: '13' } })])).toBe(true)
    expect(priceText('2.1')).toBe('2.10')
    expect(priceText('3.325')).toBe('3.325')
    expect(priceText('37.2000')).toBe('37.20')
    expect(priceText('16')).toBe('16.00')
    expect(priceText('')).toBe('')
  })
})

describe('picking order lines into a delivery without a warehouse', () => {
  const open = (order: number, warehouse: number, line: number) =>
    ({ open: { order_id: order, order_number: `XSDD-${order}`, warehouse_id: warehouse, warehouse_name: `W${warehouse}`, line_id: line } as SalesOpenLine, qty: '1' })

  it("takes the first picked order's warehouse and leaves out the orders of another, naming them once", async () => {
    const { oneWarehouse } = await import('@/views/sales/parts/oneWarehouse')
    const rows = [open(1, 2, 10), open(3, 5, 30), open(3, 5, 31), open(4, 2, 40)]
    const one = oneWarehouse(rows)
    expect(one.warehouse).toEqual({ id: 2, name: 'W2' })
    expect(one.kept.map((r) => r.open!.line_id)).toEqual([10, 40])
    expect(one.left).toEqual(['XSDD-3'])
    expect(oneWarehouse([]).warehouse).toBeNull()
  })
})
