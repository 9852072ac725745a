import { describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import {
  daysSince,
  markdownBody,
  priceListBody,
  priceProblem,
  promotionBody,
  promotionProblems,
  promotionText,
  runsOn,
  slowRows,
  zhe,
  type PromoHeader,
  type PromoItem,
} from '../pricing'

// The pricing screens' rules before saving (as the server checks them), the bodies they send and the short
// promotion text in both languages.
const header = (over: Partial<PromoHeader> = {}): PromoHeader => ({
  name: 'Spring',
  kind: 'percent_off',
  scope: 'sku',
  date_from: '2026-11-01',
  date_to: '2026-11-30',
  percent_off: '20',
  buy_qty: '',
  free_qty: '',
  retail_only: false,
  is_active: true,
  remark: '',
  ...over,
})
const item = (over: Partial<PromoItem> = {}): PromoItem => ({
  key: 1,
  sku_id: 3,
  category_id: null,
  code: 'P001',
  name: 'Cola',
  spec: '',
  unit_name: 'btl',
  fixed_price: '',
  retail_price: '3.5',
  ...over,
})

describe('promotions', () => {
  it('checks percent, N and M, dates, items and the special price', () => {
    expect(promotionProblems(header(), [item()])).toEqual([])
    expect(promotionProblems(header({ percent_off: '0' }), [item()])).toEqual(['percent'])
    expect(promotionProblems(header({ percent_off: '100.5' }), [item()])).toEqual(['percent'])
    expect(promotionProblems(header({ date_to: '2026-10-31' }), [item()])).toEqual(['dates'])
    expect(promotionProblems(header({ kind: 'buy_n_get_m', buy_qty: '2', free_qty: '' }), [item()])).toEqual(['freeQty'])
    expect(promotionProblems(header({ name: ' ' }), [])).toEqual(['name', 'items'])
    expect(promotionProblems(header({ scope: 'all' }), [])).toEqual([])
    expect(promotionProblems(header({ kind: 'fixed_price' }), [item({ fixed_price: '0' })])).toEqual(['fixedPrice'])
    expect(promotionProblems(header({ kind: 'fixed_price', scope: 'category' }), [item({ sku_id: null, category_id: 2 })])).toContain('fixedScope')
  })

  it('sends only the fields of its kind and items of its scope', () => {
    expect(promotionBody(header({ percent_off: '20.0' }), [item()])).toEqual({
      name: 'Spring',
      kind: 'percent_off',
      scope: 'sku',
      date_from: '2026-11-01',
      date_to: '2026-11-30',
      percent_off: '20',
      buy_qty: null,
      free_qty: null,
      retail_only: false,
      is_active: true,
      remark: '',
      items: [{ sku_id: 3, fixed_price: null }],
    })
    const bnm = promotionBody(header({ kind: 'buy_n_get_m', buy_qty: '2', free_qty: '1', scope: 'category' }), [item({ sku_id: null, category_id: 8 })])
    expect(bnm).toMatchObject({ percent_off: null, buy_qty: '2', free_qty: '1', items: [{ category_id: 8 }] })
    expect(promotionBody(header({ kind: 'fixed_price' }), [item({ fixed_price: '2.50' })]).items).toEqual([{ sku_id: 3, fixed_price: '2.5' }])
    expect(promotionBody(header({ scope: 'all' }), [item()]).items).toEqual([])
  })

  it('writes the rule as a shop would: 20% off is 8 zhe, buy 2 get 1', () => {
    expect(zhe('20')).toBe('8')
    expect(zhe('15')).toBe('8.5')
    expect(zhe('12.5')).toBe('8.75')
    i18n.global.locale.value = 'en'
    const r = promotionText({ kind: 'buy_n_get_m', buy_qty: '2.0000', free_qty: '1.0000' })
    expect(i18n.global.t(r.key, r.params)).toBe('Buy 2 get 1')
    const m = promotionText({ kind: 'markdown', percent_off: '30.00' })
    expect(i18n.global.t(m.key, m.params)).toBe('Clearance 30% off')
    i18n.global.locale.value = 'zh-CN'
    const p = promotionText({ kind: 'percent_off', percent_off: '20' })
    expect(i18n.global.t(p.key, p.params)).toBe(`8${i18n.global.t('ret.promo.text.percent_off', { zhe: '' })}`)
  })

  it('runs between its dates when active', () => {
    const p = { date_from: '2026-11-01', date_to: '2026-11-30', is_active: true }
    expect(runsOn(p, '2026-11-30')).toBe(true)
    expect(runsOn(p, '2026-12-01')).toBe(false)
    expect(runsOn({ ...p, is_active: false }, '2026-11-10')).toBe(false)
  })
})

describe('price lists', () => {
  it('checks prices and sends items as plain decimals', () => {
    expect(priceProblem('3.5')).toBe(false)
    expect(priceProblem('3.1234567')).toBe(true)
    expect(priceProblem('-1')).toBe(true)
    expect(priceProblem('')).toBe(true)
    expect(
      priceListBody({ name: ' VIP ', price_level_id: 2, date_from: '2026-11-01', date_to: '', is_active: true, remark: '' }, [
        { key: 1, sku_id: 3, sku_code: 'P001', name: 'Cola', spec: '', unit_id: 10, unit_name: 'btl', units: [], price: '3.500' },
      ]),
    ).toEqual({ name: 'VIP', price_level_id: 2, date_from: '2026-11-01', date_to: null, is_active: true, remark: '', items: [{ sku_id: 3, unit_id: 10, price: '3.5' }] })
  })
})

describe('clearance', () => {
  it('turns the chosen slow movers into one markdown promotion', () => {
    expect(markdownBody([3, 4], { name: 'Clear', percent_off: '30', date_from: '2026-11-24', date_to: '2026-12-24', retail_only: true })).toEqual({
      name: 'Clear',
      kind: 'markdown',
      scope: 'sku',
      date_from: '2026-11-24',
      date_to: '2026-12-24',
      percent_off: '30',
      retail_only: true,
      is_active: true,
      remark: '',
      items: [{ sku_id: 3 }, { sku_id: 4 }],
    })
  })

  it('reads flat or nested slow-mover rows, as a list or a page', () => {
    expect(slowRows([{ sku_id: 3, sku_code: 'P001', product_name: 'Cola', on_hand: '5', last_sale_date: null }])[0]).toMatchObject({ sku_id: 3, sku_code: 'P001' })
    const nested = slowRows({ items: [{ sku: { id: 4, code: 'P002', name: 'Chips', base_unit_name: 'bag' }, on_hand: '2', last_sale_date: '2026-01-01' }] })
    expect(nested[0]).toMatchObject({ sku_id: 4, sku_code: 'P002', product_name: 'Chips', unit_name: 'bag' })
    expect(daysSince('2026-11-01', '2026-11-24')).toBe(23)
    expect(daysSince(null, '2026-11-24')).toBeNull()
  })
})
