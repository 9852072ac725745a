import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import {
  ageingRows,
  ageingSummary,
  bucketIndex,
  bucketLabels,
  DEFAULT_BUCKETS,
  docKindKey,
  DOC_KINDS,
  CURRENCIES,
  linkState,
  nonZero,
  parseBuckets,
  partnerKindOf,
  rangePresets,
  shareUrl,
  statementLines,
  statementMismatches,
  statementSums,
  validCurrency,
  validRate,
} from '@/views/finance/reports/logic'
import { normalizeAccountBalances } from '@/views/finance/reports/api'
import type { AgeingReport, Statement } from '@/views/finance/reports/types'
import { buildMenu, type MenuRoute } from '@/router/menu'
import { financeReportsRoutes } from '@/router/routes.financeReports'

function lookup(msgs: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], msgs)
}

describe('ageing buckets', () => {
  it('parses the default and other separators', () => {
    expect(parseBuckets('30,60,90')).toEqual({ buckets: [30, 60, 90], error: null })
    expect(parseBuckets(DEFAULT_BUCKETS.join(',')).buckets).toEqual([30, 60, 90])
    expect(parseBuckets(' 15， 45、90 ;180  365 ').buckets).toEqual([15, 45, 90, 180, 365])
    expect(parseBuckets('7').buckets).toEqual([7])
    expect(parseBuckets('30,,60,').buckets).toEqual([30, 60])
  })
  it('refuses empty, non-integer, non-positive, unordered, too many and too large bounds', () => {
    expect(parseBuckets('').error).toBe('empty')
    expect(parseBuckets(' ,， ').error).toBe('empty')
    expect(parseBuckets('30,6x0')).toEqual({ buckets: [], error: 'notInteger', token: '6x0' })
    expect(parseBuckets('30.5').error).toBe('notInteger')
    expect(parseBuckets('0,30')).toEqual({ buckets: [], error: 'notPositive', token: '0' })
    expect(parseBuckets('-5,30').error).toBe('notPositive')
    expect(parseBuckets('60,30')).toEqual({ buckets: [], error: 'notAscending', token: '30' })
    expect(parseBuckets('30,30').error).toBe('notAscending')
    expect(parseBuckets('1,2,3,4,5,6,7,8,9,10,11').error).toBe('tooMany')
    expect(parseBuckets('1,2,3,4,5,6,7,8,9,10').error).toBeNull()
    expect(parseBuckets('30,4000')).toEqual({ buckets: [], error: 'tooLarge', token: '4000' })
  })
  it('labels buckets as the server does', () => {
    expect(bucketLabels([30, 60, 90])).toEqual(['0-30', '31-60', '61-90', '90+'])
    expect(bucketLabels([7])).toEqual(['0-7', '7+'])
    expect(bucketLabels([])).toEqual([])
  })
  it('puts an age in its bucket; not yet due counts as 0', () => {
    const b = [30, 60, 90]
    expect(bucketIndex(0, b)).toBe(0)
    expect(bucketIndex(30, b)).toBe(0)
    expect(bucketIndex(31, b)).toBe(1)
    expect(bucketIndex(90, b)).toBe(2)
    expect(bucketIndex(91, b)).toBe(3)
    expect(bucketIndex(-12, b)).toBe(0)
  })
  it('flattens an ageing report into table rows and a totals row', () => {
    const report: AgeingReport = {
      as_of: '2026-03-31',
      buckets: ['0-30', '31-60', '61-90', '90+'],
      items: [
        { partner_id: 1, partner_code: 'C1', partner_name: 'A', total: '150.00', amounts: ['100.00', '0.00', '50.00', '0.00'], prepaid: '10.00' },
        { partner_id: 2, partner_code: 'C2', partner_name: 'B', total: '0.10', amounts: ['0.00', '0.00', '0.00', '0.10'], prepaid: '0.20' },
      ],
      totals: ['100.00', '0.00', '50.00', '0.10'],
      total: '150.10',
    }
    const rows = ageingRows(report)
    expect(rows[0]).toMatchObject({ partner_code: 'C1', b0: '100.00', b2: '50.00', b3: '0.00', total: '150.00' })
    expect(rows[1].b3).toBe('0.10')
    // prepaid summed exactly (0.1 + 0.2 would be 0.30000000000000004 in floats)
    expect(ageingSummary(report)).toEqual({ b0: '100.00', b1: '0.00', b2: '50.00', b3: '0.10', total: '150.10', prepaid: '10.20' })
    expect(ageingRows(undefined)).toEqual([])
    expect(ageingSummary(null)).toEqual({})
  })
})

const statement = (over: Partial<Statement> = {}): Statement => ({
  company_name: '示例商贸',
  partner_id: 7,
  partner_code: 'KH001',
  partner_name: '华联超市',
  side: 'ar',
  currency: 'CNY',
  date_from: '2026-03-01',
  date_to: '2026-03-31',
  opening_balance: '1000.00',
  rows: [
    { business_date: '2026-03-05', doc_kind: 'sales_delivery', doc_kind_label: '销售出库', doc_number: 'XSCK001', remark: '', increase: '0.10', decrease: '0.00', balance: '1000.10' },
    { business_date: '2026-03-09', doc_kind: 'receipt', doc_kind_label: '收款单', doc_number: 'SKD001', remark: '', increase: '0.00', decrease: '300.00', balance: '700.10' },
    { business_date: '2026-03-10', doc_kind: 'sales_delivery', doc_kind_label: '销售出库', doc_number: 'XSCK002', remark: '', increase: '0.20', decrease: '0.00', balance: '700.30' },
  ],
  total_increase: '0.30',
  total_decrease: '300.00',
  closing_balance: '700.30',
  ...over,
})

describe('statement totals', () => {
  it('closing = opening + Σ increase − Σ decrease, summed exactly', () => {
    const s = statement()
    expect(statementSums(s.opening_balance, s.rows)).toEqual({
      total_increase: '0.30',
      total_decrease: '300.00',
      closing_balance: '700.30',
      balances: ['1000.10', '700.10', '700.30'],
    })
    expect(statementMismatches(s)).toEqual([])
  })
  it('handles an empty period, a negative (prepaid) balance and blank cells', () => {
    expect(statementSums('0', [])).toEqual({ total_increase: '0.00', total_decrease: '0.00', closing_balance: '0.00', balances: [] })
    expect(statementSums('-50.00', [{ increase: '', decrease: '20' }]).closing_balance).toBe('-70.00')
    expect(statementSums('10', [{ increase: '-10', decrease: '' }]).closing_balance).toBe('0.00')
  })
  it('reports where the server totals disagree', () => {
    const s = statement({ closing_balance: '700.00', total_increase: '0.31' })
    expect(statementMismatches(s)).toEqual(['total_increase', 'closing_balance'])
    const rows = statement().rows.map((r, i) => (i === 1 ? { ...r, balance: '700.00' } : r))
    expect(statementMismatches(statement({ rows }))).toEqual(['rows.1.balance'])
  })
  it('lays out opening, rows, period total and closing', () => {
    const lines = statementLines(statement())
    expect(lines.map((l) => l.kind)).toEqual(['opening', 'row', 'row', 'row', 'total', 'closing'])
    expect(lines[0]).toMatchObject({ business_date: '2026-03-01', balance: '1000.00' })
    expect(lines[4]).toMatchObject({ increase: '0.30', decrease: '300.00', balance: '' })
    expect(lines[5]).toMatchObject({ business_date: '2026-03-31', balance: '700.30' })
    expect(statementLines(statement({ rows: [] })).map((l) => l.kind)).toEqual(['opening', 'total', 'closing'])
  })
  it('blanks zero amounts in the 增加/减少 columns', () => {
    expect(nonZero('0.00')).toBeNull()
    expect(nonZero('')).toBeNull()
    expect(nonZero(null)).toBeNull()
    expect(nonZero('-0.01')).toBe('-0.01')
  })
})

describe('share links', () => {
  it('builds the full address from the page origin and the server path', () => {
    expect(shareUrl('http://127.0.0.1:8000', '/s/abc_DEF-1')).toBe('http://127.0.0.1:8000/s/abc_DEF-1')
    expect(shareUrl('https://erp.example.com/', 's/x')).toBe('https://erp.example.com/s/x')
    expect(shareUrl('http://a', 'https://b.example/s/y')).toBe('https://b.example/s/y')
  })
  it('tells active, revoked and expired links apart', () => {
    const now = new Date('2026-03-10T12:00:00Z')
    expect(linkState({ active: true, revoked_at: null, expires_at: '2026-03-17T12:00:00Z' }, now)).toBe('active')
    expect(linkState({ active: false, revoked_at: '2026-03-09T00:00:00Z', expires_at: '2026-03-17T12:00:00Z' }, now)).toBe('revoked')
    expect(linkState({ active: false, revoked_at: null, expires_at: '2026-03-01T00:00:00Z' }, now)).toBe('expired')
    expect(linkState({ active: true, revoked_at: null, expires_at: '2026-03-10T11:59:59Z' }, now)).toBe('expired')
  })
})

describe('rates, currencies, account balances', () => {
  it('validates exchange rates (positive, ≤ 6 decimals) and currency codes', () => {
    expect(validRate('7.123456')).toBe(true)
    expect(validRate('1')).toBe(true)
    expect(validRate('7.1234567')).toBe(false)
    expect(validRate('0')).toBe(false)
    expect(validRate('0.000000')).toBe(false)
    expect(validRate('-1')).toBe(false)
    expect(validRate('abc')).toBe(false)
    expect(validRate('')).toBe(false)
    expect(validCurrency('USD')).toBe(true)
    expect(validCurrency('usd')).toBe(false)
    expect(validCurrency('US')).toBe(false)
    expect(CURRENCIES[0]).toBe('CNY')
    expect(CURRENCIES).toEqual(expect.arrayContaining(['USD', 'EUR', 'HKD', 'JPY', 'GBP']))
  })
  it('sums account balances exactly whether the server sends a list or {items, total}', () => {
    const items = [
      { account_id: 1, account_code: 'XJ', account_name: '现金', kind: 'cash', balance: '0.10' },
      { account_id: 2, account_code: 'YH', account_name: '银行', kind: 'bank', balance: '0.20' },
    ]
    expect(normalizeAccountBalances(items)).toEqual({ items, total: '0.3' })
    expect(normalizeAccountBalances({ items, total: '0.30' })).toEqual({ items, total: '0.30' })
    expect(normalizeAccountBalances({ items })).toEqual({ items, total: '0.3' })
    expect(normalizeAccountBalances(null)).toEqual({ items: [], total: '0' })
  })
  it('maps sides to partner kinds and kinds to labels', () => {
    expect(partnerKindOf('ar')).toBe('customer')
    expect(partnerKindOf('ap')).toBe('supplier')
    expect(docKindKey('receipt')).toBe('finRep.docKind.receipt')
    expect(docKindKey('something_new')).toBeNull()
    expect(docKindKey('')).toBeNull()
  })
})

describe('finance report i18n and menu', () => {
  it('has a label for every document kind and currency in both languages', () => {
    for (const msgs of [zhCN, en] as Record<string, unknown>[]) {
      for (const k of DOC_KINDS) expect(typeof lookup(msgs, `finRep.docKind.${k}`), k).toBe('string')
      for (const c of CURRENCIES) expect(typeof lookup(msgs, `finRep.currency.${c}`), c).toBe('string')
      for (const s of ['active', 'revoked', 'expired']) expect(typeof lookup(msgs, `finRep.share.state.${s}`)).toBe('string')
      for (const e of ['empty', 'notInteger', 'notPositive', 'notAscending', 'tooMany', 'tooLarge'])
        expect(typeof lookup(msgs, `finRep.ageing.bucketError.${e}`)).toBe('string')
    }
  })
  it('puts the report pages under 财务 and follows the permissions', () => {
    const routes = financeReportsRoutes as MenuRoute[]
    for (const r of routes) {
      expect(r.meta?.module).toBe('finance')
      expect(typeof lookup(zhCN, r.meta!.titleKey!)).toBe('string')
    }
    const names = (perms: string[]) =>
      buildMenu(routes, (p) => !p || (Array.isArray(p) ? p.some((x) => perms.includes(x)) : perms.includes(p as string))).flatMap((g) =>
        g.items.map((i) => i.name),
      )
    expect(names([])).toEqual([])
    expect(names(['finance.balance.view'])).toEqual(['FinancePartnerBalances', 'FinanceAccountBalances', 'FinanceAccountEntries'])
    expect(names(['finance.statement.view', 'finance.ageing.view'])).toEqual(['FinanceStatement', 'FinanceAgeing'])
    expect(names(['finance.rate.view', 'finance.category.view'])).toEqual(['FinanceExchangeRates', 'FinanceMoneyCategories'])
  })
})

describe('date presets', () => {
  it('gives this month, last month, this quarter and this year', () => {
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    const got = Object.fromEntries(rangePresets(new Date(2026, 4, 20)).map((p) => [p.key, p.range.map(iso)]))
    expect(got).toEqual({
      thisMonth: ['2026-05-01', '2026-05-20'],
      lastMonth: ['2026-04-01', '2026-04-30'],
      thisQuarter: ['2026-04-01', '2026-05-20'],
      thisYear: ['2026-01-01', '2026-05-20'],
    })
    const jan = Object.fromEntries(rangePresets(new Date(2026, 0, 3)).map((p) => [p.key, p.range.map(iso)]))
    expect(jan.lastMonth).toEqual(['2025-12-01', '2025-12-31'])
  })
})
