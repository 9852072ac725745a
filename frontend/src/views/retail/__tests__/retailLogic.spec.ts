import { beforeEach, describe, expect, it } from 'vitest'
import type { AccountRead, SkuPickerRow } from '@/api/types'
import {
  accountsFor,
  addScan,
  applyQuote,
  autoPrint,
  belowMin,
  cartTotals,
  checkRefund,
  checkTenders,
  discountValid,
  heldTickets,
  lineFromSku,
  lineProblem,
  linesToQuote,
  linesToWrite,
  lineTotal,
  paperWidth,
  paymentsToWrite,
  quickCash,
  quoteKey,
  refundAmount,
  roundOff,
  saveHeld,
  setAutoPrint,
  setPaperWidth,
  spreadDiscount,
  stepQty,
  typePrice,
  type CartLine,
} from '../logic'

// The counter's arithmetic as the contract states it (net price 6 decimals, totals to the fen half up, the
// ticket discount spread with the remainder on the largest line), tenders with change from cash only, refunds,
// and the settings remembered in localStorage.
const cola = {
  sku_id: 3,
  product_id: 3,
  code: 'P001',
  name: 'Cola',
  spec: '330ml',
  model: '',
  attributes_text: '',
  base_unit_id: 10,
  base_unit_name: 'btl',
  units: [
    { unit_id: 10, name: 'btl', ratio: '1' },
    { unit_id: 11, name: 'case', ratio: '12' },
  ],
  barcode: '6901234567892',
  retail_price: '3.500000',
  wholesale_price: null,
  min_price: '3.000000',
  tracking: 'none',
} as unknown as SkuPickerRow
const chips = { ...cola, sku_id: 4, code: 'P002', name: 'Chips', barcode: '6900000000018', retail_price: '6.8', min_price: null } as unknown as SkuPickerRow

const acc = (id: number, kind: AccountRead['kind'], is_active = true) => ({ id, code: `A${id}`, name: `acc${id}`, kind, is_active }) as AccountRead

describe('cart lines', () => {
  it('a scan adds a line; the same SKU and unit again adds 1; a case is a line of its own', () => {
    const lines: CartLine[] = []
    expect(addScan(lines, cola, 10)).toEqual({ index: 0, merged: false })
    expect(addScan(lines, cola, 10)).toEqual({ index: 0, merged: true })
    expect(lines).toHaveLength(1)
    expect(lines[0].qty).toBe('2')
    expect(addScan(lines, cola, 11)).toEqual({ index: 1, merged: false })
    expect(lines[1].unit_name).toBe('case')
    // retail price per base unit × the case's ratio until the quote answers
    expect(lines[1].price).toBe('42')
    expect(addScan(lines, chips, 10).index).toBe(2)
    expect(lines.map((l) => l.sku_code)).toEqual(['P001', 'P001', 'P002'])
  })

  it('line total = qty × price × (1 − discount) to the fen, half up', () => {
    const l = lineFromSku(cola, 10, '3')
    expect(lineTotal(l)).toBe('10.50')
    l.discount_rate = '15'
    // 3.5 × 0.85 = 2.975 → × 3 = 8.925 → 8.93
    expect(lineTotal(l)).toBe('8.93')
    l.qty = ''
    expect(lineTotal(l)).toBe('0.00')
  })

  it('qty steps never go below 1; problems and the minimum price are found', () => {
    const l = lineFromSku(cola, 10)
    stepQty(l, -1)
    expect(l.qty).toBe('1')
    stepQty(l, 1)
    expect(l.qty).toBe('2')
    expect(lineProblem(l)).toBeNull()
    l.discount_rate = '120'
    expect(lineProblem(l)).toBe('discount')
    l.discount_rate = '20'
    // 3.5 × 0.8 = 2.8 < 3.00
    expect(belowMin(l)).toBe(true)
    l.qty = '0'
    expect(lineProblem(l)).toBe('qty')
  })

  it('a typed price is sent and quoted; the quote sets list price, price and promotion', () => {
    const lines: CartLine[] = []
    addScan(lines, cola, 10)
    addScan(lines, chips, 10)
    expect(linesToWrite(lines)).toEqual([
      { sku_id: 3, unit_id: 10, qty: '1' },
      { sku_id: 4, unit_id: 10, qty: '1' },
    ])
    const before = quoteKey(lines, null)
    typePrice(lines[1], '6.00')
    lines[1].discount_rate = '10'
    expect(quoteKey(lines, null)).not.toBe(before)
    expect(linesToWrite(lines)[1]).toEqual({ sku_id: 4, unit_id: 10, qty: '1', price: '6', discount_rate: '10' })
    // The quote refuses a discount rate (it prices before the cashier's discount): never sent to it.
    expect(linesToQuote(lines)[1]).toEqual({ sku_id: 4, unit_id: 10, qty: '1', price: '6' })
    applyQuote(lines, [
      { index: 0, list_price: '3.500000', price: '2.800000', source: 'retail', promotion_id: 9, promotion_text: '20% off', free_qty: '0', min_price: null },
    ])
    expect(lines[0]).toMatchObject({ list_price: '3.5', price: '2.8', promotion_id: 9, promotion_text: '20% off' })
    // a quote changing only prices does not change what is quoted (no endless re-quoting)
    const k = quoteKey(lines, null)
    applyQuote(lines, [{ index: 1, list_price: '6.8', price: '5.5', source: 'retail', promotion_id: null, promotion_text: '', free_qty: '0', min_price: null }])
    expect(quoteKey(lines, null)).toBe(k)
    expect(quoteKey(lines, 5)).not.toBe(k)
  })
})

describe('ticket totals', () => {
  it('spreads the ticket discount in proportion, the remainder on the largest line', () => {
    expect(spreadDiscount(['10.00', '20.00', '30.00'], '1.00')).toEqual(['0.17', '0.33', '0.50'])
    expect(spreadDiscount(['10.00', '10.00', '10.00'], '1.00')).toEqual(['0.34', '0.33', '0.33'])
    expect(spreadDiscount(['10.00'], '0')).toEqual(['0.00'])
    expect(spreadDiscount([], '1')).toEqual([])
  })

  it('sums list amount, promotions saved, ticket discount and what is due', () => {
    const lines: CartLine[] = []
    addScan(lines, cola, 10, '2')
    addScan(lines, chips, 10)
    applyQuote(lines, [{ index: 0, list_price: '3.5', price: '2.8', source: 'retail', promotion_id: 1, promotion_text: '20% off', free_qty: '0', min_price: null }])
    const tt = cartTotals(lines, '0.40')
    expect(tt).toEqual({ qty: '3', count: 2, listAmount: '13.80', subtotal: '12.40', saved: '1.40', discount: '0.40', due: '12.00', invalid: false })
    expect(discountValid('0.40', tt.subtotal)).toBe(true)
    expect(discountValid('12.41', tt.subtotal)).toBe(false)
    expect(discountValid('x', tt.subtotal)).toBe(false)
    expect(roundOff('12.45')).toBe('0.45')
    expect(roundOff('12.45', 'jiao')).toBe('0.05')
  })
})

describe('tenders', () => {
  it('cash may exceed the due: the change comes from cash', () => {
    const c = checkTenders([{ account_id: 1, kind: 'cash', amount: '100' }], '12.00')
    expect(c).toEqual({ tendered: '100.00', change: '88.00', short: '0.00', error: '' })
    expect(checkTenders([{ account_id: 1, kind: 'cash', amount: '10' }], '12.00')).toMatchObject({ short: '2.00', error: 'insufficient' })
  })

  it('non-cash over-payment and change above the cash are refused; every tender needs an account', () => {
    expect(checkTenders([{ account_id: 2, kind: 'wechat', amount: '13' }], '12.00').error).toBe('nonCashOver')
    expect(
      checkTenders(
        [
          { account_id: 1, kind: 'cash', amount: '1' },
          { account_id: 2, kind: 'wechat', amount: '12' },
        ],
        '12.00',
      ),
    ).toMatchObject({ change: '1.00', error: '' })
    expect(
      checkTenders(
        [
          { account_id: 2, kind: 'wechat', amount: '10' },
          { account_id: 3, kind: 'alipay', amount: '3' },
        ],
        '12.00',
      ).error,
    ).toBe('nonCashOver')
    expect(checkTenders([{ account_id: null, kind: '', amount: '12' }], '12').error).toBe('noAccount')
    expect(checkTenders([{ account_id: 1, kind: 'cash', amount: 'abc' }], '12').error).toBe('amount')
  })

  it('posts only tenders with an amount; quick cash offers the next notes', () => {
    expect(
      paymentsToWrite([
        { account_id: 1, kind: 'cash', amount: '50' },
        { account_id: 2, kind: 'wechat', amount: '' },
        { account_id: 3, kind: 'alipay', amount: '0' },
      ]),
    ).toEqual([{ account_id: 1, amount: '50.00' }])
    expect(quickCash('12.30')).toEqual(['12.30', '20.00', '50.00', '100.00'])
    expect(quickCash('20.00')).toEqual(['20.00', '50.00', '100.00'])
  })

  it('accounts per method: a card is paid into a bank account; inactive ones are left out', () => {
    const all = [acc(1, 'cash'), acc(2, 'wechat'), acc(3, 'bank'), acc(4, 'bank', false), acc(5, 'alipay')]
    expect(accountsFor(all, 'card').map((a) => a.id)).toEqual([3])
    expect(accountsFor(all, 'cash').map((a) => a.id)).toEqual([1])
  })

  it('refunds: the returned share of each line, paid back exactly', () => {
    expect(
      refundAmount([
        { qty: '3', total: '10.00', returnQty: '1' },
        { qty: '2', total: '5.00', returnQty: '2' },
        { qty: '1', total: '9.99', returnQty: '' },
      ]),
    ).toBe('8.33')
    expect(checkRefund([{ account_id: 1, kind: 'cash', amount: '8.33' }], '8.33')).toEqual({ paid: '8.33', diff: '0.00', ok: true })
    // A line of 2 paid 5.37 (its ticket-discount share included): 2.69 for the first, what is left (2.68) for the
    // second, as the server refunds them; a case of 6 (base units) returned 1 then 1 of 2 cases.
    expect(refundAmount([{ qty: '2', total: '5.37', returnQty: '1', base_qty: '2', done_qty: '0' }])).toBe('2.69')
    expect(refundAmount([{ qty: '2', total: '5.37', returnQty: '1', base_qty: '2', done_qty: '1' }])).toBe('2.68')
    expect(refundAmount([{ qty: '2', total: '10.01', returnQty: '1', base_qty: '12', done_qty: '6' }])).toBe('5.00')
    expect(checkRefund([{ account_id: 1, kind: 'cash', amount: '9' }], '8.33').ok).toBe(false)
  })
})

describe('remembered settings', () => {
  beforeEach(() => localStorage.clear())

  it('paper width (80 mm by default), auto print and held tickets', () => {
    expect(paperWidth()).toBe('80')
    setPaperWidth('58')
    expect(paperWidth()).toBe('58')
    expect(autoPrint()).toBe(true)
    setAutoPrint(false)
    expect(autoPrint()).toBe(false)
    expect(heldTickets()).toEqual([])
    const line = lineFromSku(cola, 10)
    saveHeld([{ id: 1, at: '2026-11-24 10:00:00', customer_id: null, customer_name: '', discount: '', lines: [line] }])
    expect(heldTickets()[0].lines[0].sku_code).toBe('P001')
    localStorage.setItem('jxc.retail.held', 'not json')
    expect(heldTickets()).toEqual([])
  })
})
