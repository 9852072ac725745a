import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { SkuPickerRow } from '@/api/types'
import { i18n } from '@/i18n'
import ReceiptPaper from '../parts/ReceiptPaper.vue'
import { addScan, cartTotals, lineFromSku, lineProblem, lineTotal, qtyProblem, type CartLine } from '../logic'
import { receiptModel } from '../receipt'
import { ticket } from './fixtures'
import { formatUnitPrice } from '@/utils/money'

const tr = (k: string, p: Record<string, string> = {}) => i18n.global.t(k, p)

// The UX walk's counter, return and receipt defects: no negative amounts, bad quantities marked at once, the
// case barcode on a case line, prices with 2 decimals, and a receipt whose every line adds up.
const row = (over: Partial<SkuPickerRow> = {}): SkuPickerRow =>
  ({
    sku_id: 3,
    product_id: 3,
    code: 'P001',
    name: 'Cola',
    spec: '',
    attributes_text: '',
    model: '',
    barcode: '6900000000017',
    base_unit_id: 10,
    base_unit_name: 'btl',
    units: [
      { unit_id: 10, name: 'btl', ratio: '1' },
      { unit_id: 11, name: 'case', ratio: '24' },
    ],
    retail_price: '3.5',
    wholesale_price: null,
    purchase_price: null,
    min_price: null,
    tracking: 'none',
    ...over,
  }) as SkuPickerRow

describe('counter input checks', () => {
  it('a discount over 100% or a ticket discount over the subtotal never shows a negative amount', () => {
    const l = lineFromSku(row({ retail_price: '1' }), 10)
    l.discount_rate = '150'
    expect(lineTotal(l)).toBe('0.00')
    expect(lineProblem(l)).toBe('discount')
    const t = cartTotals([l])
    expect(t.invalid).toBe(true)
    l.discount_rate = ''
    l.qty = '3'
    const t2 = cartTotals([l], '100')
    expect(t2.due).toBe('0.00')
    expect(t2.invalid).toBe(true)
    expect(cartTotals([l], '1').invalid).toBe(false)
    expect(cartTotals([l], '1').due).toBe('2.00')
  })

  it('marks bad quantities: not a positive number, or a fraction in a whole unit', () => {
    const whole = new Set([10])
    expect(qtyProblem('abc', 10, whole)).toBe('qty')
    expect(qtyProblem('-2', 10, whole)).toBe('qty')
    expect(qtyProblem('0', 10, whole)).toBe('qty')
    expect(qtyProblem('1.5', 10, whole)).toBe('qtyFraction')
    expect(qtyProblem('1.5', 12, whole)).toBeNull()
    expect(qtyProblem('1.5', 10)).toBeNull()
    expect(qtyProblem('2.000', 10, whole)).toBeNull()
    const l = lineFromSku(row(), 10)
    l.qty = '1.5'
    expect(lineProblem(l, whole)).toBe('qtyFraction')
    expect(cartTotals([l], '', whole).invalid).toBe(true)
  })

  it('a case scan shows the barcode scanned, never the bottle barcode', () => {
    const lines: CartLine[] = []
    addScan(lines, row(), 11, '1', '16900000000014')
    expect(lines[0].barcode).toBe('16900000000014')
    addScan(lines, row(), 11)
    expect(lines).toHaveLength(1)
    // picked from the search in the case unit: no bottle barcode on it
    const picked: CartLine[] = []
    addScan(picked, row(), 11)
    expect(picked[0].barcode).toBe('')
    addScan(picked, row(), 10)
    expect(picked[1].barcode).toBe('6900000000017')
  })

  it('prices show with 2 decimals, more only when they have them', () => {
    expect(formatUnitPrice('3.5')).toBe('3.50')
    expect(formatUnitPrice('84')).toBe('84.00')
    expect(formatUnitPrice('2.000000')).toBe('2.00')
    expect(formatUnitPrice('3.325000')).toBe('3.325')
    expect(formatUnitPrice('')).toBe('')
  })
})

describe('receipt with a ticket discount and a line discount', () => {
  const tk = () => {
    const t = ticket()
    // the second line has a cashier's 10% discount: 6.80 → 6.12
    t.lines[1] = { ...t.lines[1], discount_rate: '10.00', net_price: '6.120000', total: '5.92' }
    t.receipt.lines[1] = { ...t.receipt.lines[1], total: '5.92' }
    t.total_amount = '11.32'
    t.receipt.totals = { ...t.receipt.totals, total_amount: '11.32', saved_amount: '2.48' }
    return t
  }

  it('prints each line at qty × price before the ticket discount, the ticket discount apart', () => {
    const m = receiptModel(tk())
    expect(m.lines.map((l) => [l.qty, l.price, l.total, l.discountRate])).toEqual([
      ['2btl', '2.8', '5.60', ''],
      ['1bag', '6.12', '6.12', '10'],
    ])
    expect(m).toMatchObject({ subtotal: '11.72', discount: '0.40', total: '11.32', saved: '1.40', lineDiscount: '0.68' })
  })

  it('shows the ticket discount line above the total and labels the line discount as a discount', () => {
    i18n.global.locale.value = 'zh-CN'
    const w = mount(ReceiptPaper, { props: { ticket: tk(), width: '80' }, global: { plugins: [i18n] } })
    expect(w.find('[data-testid="ret-receipt-line-0"]').text()).toContain('2.80')
    expect(w.find('[data-testid="ret-receipt-line-0"]').text()).toContain('5.60')
    expect(w.find('[data-testid="ret-receipt-discount"]').text()).toContain(tr('ret.receipt.discount'))
    expect(w.find('[data-testid="ret-receipt-discount"]').text()).toContain('0.40')
    expect(w.find('[data-testid="ret-receipt-subtotal"]').text()).toContain('11.72')
    expect(w.find('[data-testid="ret-receipt-line-discount-1"]').text()).toContain(tr('ret.receipt.lineOff', { rate: '10' }))
    expect(w.find('[data-testid="ret-receipt-line-discounts"]').text()).toContain(tr('ret.receipt.lineDiscount'))
    expect(w.find('[data-testid="ret-receipt-saved"]').text()).toContain(tr('ret.receipt.saved'))
    expect(w.find('[data-testid="ret-receipt-saved"]').text()).toContain('1.40')
    // the discount line comes before the total
    const html = w.html()
    expect(html.indexOf('ret-receipt-discount')).toBeLessThan(html.indexOf('ret-receipt-total'))
    w.unmount()
  })
})
