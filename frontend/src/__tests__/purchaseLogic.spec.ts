import { describe, expect, it } from 'vitest'
import { newLine } from '@/components/document/lineMath'
import { baseToUnit, decOk, docSums, extraFromOpenLine, lineMoney, percent, purchaseLineProblem, X } from '@/views/purchase/logic'
import type { OpenOrderLine } from '@/views/purchase/types'

// The purchase line amounts of docs/contracts/purchasing-api.md: net price to 6 decimals, amount and tax to
// the fen (ROUND_HALF_UP per line), totals over lines in base units, client checks before saving.
describe('purchase line money', () => {
  it('rounds net price, amount and tax half up per line', () => {
    expect(lineMoney('3', '10.005', '0', '13')).toEqual({ net_price: '10.005', amount: '30.02', tax_amount: '3.90', total: '33.92' })
    // 9.99 × (1 − 12.5%) = 8.74125 → amount 3 × 8.74125 = 26.22375 → 26.22; tax 13% = 3.4086 → 3.41
    expect(lineMoney('3', '9.99', '12.5', '13')).toEqual({ net_price: '8.74125', amount: '26.22', tax_amount: '3.41', total: '29.63' })
    expect(lineMoney('0.5', '0.01', '', '')).toEqual({ net_price: '0.01', amount: '0.01', tax_amount: '0.00', total: '0.01' })
    expect(lineMoney('2', '', '0', '0')).toBeNull()
  })

  it('sums base quantities, rejected units and money over filled lines', () => {
    const a = newLine({ sku_id: 1, unit_id: 11, units: [{ unit_id: 11, name: 'case', ratio: '12' }], qty: '2', extra: { [X.price]: '120', [X.taxRate]: '13', [X.rejected]: '1' } })
    const b = newLine({ sku_id: 2, unit_id: 20, units: [{ unit_id: 20, name: 'pc', ratio: '1' }], qty: '5', extra: { [X.price]: '1.5' } })
    const s = docSums([a, b, newLine()])
    expect(s).toEqual({ qty: '29', rejected: '12', amount: '247.50', tax: '31.20', total: '278.70' })
  })

  it('uses the server amounts for lines without a visible price', () => {
    const l = newLine({ sku_id: 1, unit_id: 1, units: [{ unit_id: 1, name: 'pc', ratio: '1' }], qty: '2', extra: { [X.serverAmount]: '10.00', [X.serverTax]: '1.30', [X.serverTotal]: '11.30' } })
    expect(docSums([l]).total).toBe('11.30')
  })
})

describe('purchase line checks', () => {
  const line = (qty: string, extra: Record<string, string> = {}) =>
    newLine({ sku_id: 1, unit_id: 1, units: [{ unit_id: 1, name: 'pc', ratio: '1' }], qty, extra })
  it('refuses zero quantities except accepted 0 with rejected units on receipts', () => {
    expect(purchaseLineProblem(line('0'), 'order', false)).toBe('qty')
    expect(purchaseLineProblem(line('0', { [X.rejected]: '1' }), 'receipt', false)).toBeNull()
    expect(purchaseLineProblem(line('0', { [X.rejected]: '0' }), 'receipt', false)).toBe('qty')
    expect(purchaseLineProblem(line('1', { [X.rejected]: 'x' }), 'receipt', false)).toBe('rejected')
    expect(purchaseLineProblem(line('1'), 'return', false)).toBeNull()
  })
  it('refuses prices with more than 6 decimals and rates beyond 0–100', () => {
    expect(purchaseLineProblem(line('1', { [X.price]: '1.1234567' }), 'order', false)).toBe('price')
    expect(purchaseLineProblem(line('1', { [X.price]: '1.123456' }), 'order', false)).toBeNull()
    expect(purchaseLineProblem(line('1', { [X.discount]: '100.5' }), 'order', false)).toBe('discount')
    expect(purchaseLineProblem(line('1', { [X.taxRate]: '-1' }), 'order', false)).toBe('tax')
  })
  it('asks for a lot on lot-tracked receipt lines when approving', () => {
    const l = line('1')
    l.tracking = 'lot'
    expect(purchaseLineProblem(l, 'receipt', false)).toBeNull()
    expect(purchaseLineProblem(l, 'receipt', true)).toBe('lot')
  })
  it('decOk counts decimals', () => {
    expect(decOk('1.25', 2)).toBe(true)
    expect(decOk('1.255', 2)).toBe(false)
    expect(decOk('-1', 2)).toBe(false)
  })
})

describe('选单 and records', () => {
  it('fills a receipt line from an open order line', () => {
    const o: OpenOrderLine = {
      order_id: 1,
      order_number: 'CGDD-1',
      business_date: '2026-05-01',
      expected_date: null,
      line_id: 9,
      sku_id: 3,
      sku_code: 'A',
      product_name: 'A',
      spec: '',
      tracking: 'none',
      unit_id: 1,
      unit_name: 'pc',
      ratio: '1.000000',
      qty: '10.0000',
      base_qty: '10.0000',
      received_qty: '4.0000',
      remaining_qty: '6.0000',
      remaining_unit_qty: '6.0000',
      price: '2.500000',
      discount_rate: '0.00',
      tax_rate: '13.00',
    }
    expect(extraFromOpenLine(o)).toMatchObject({ price: '2.5', tax_rate: '13', source_line_id: '9', source_number: 'CGDD-1', remaining: '6', done: '4', ordered: '10' })
  })
  it('converts base quantities down to a unit and shows rates as percentages', () => {
    expect(baseToUnit('30', '12')).toBe('2.5')
    expect(baseToUnit('10', '3', 0)).toBe('3')
    expect(percent('0.9667')).toBe('96.67%')
    expect(percent(null)).toBe('—')
  })
})
