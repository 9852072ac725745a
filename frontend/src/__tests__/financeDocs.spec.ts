import { describe, expect, it } from 'vitest'
import Big from 'big.js'
import { MONEY_DOC_KINDS } from '@/views/finance/docs/kinds'
import {
  allocLineProblem,
  allocSummary,
  autoAllocate,
  autoAllocLines,
  autoPair,
  baseOf,
  blockingDocs,
  buildPayload,
  dec,
  docTotal,
  emptyHeader,
  emptyLines,
  headerFromDoc,
  linesFromDoc,
  newAccountOpeningLine,
  newAllocLine,
  newCategoryLine,
  newPairLine,
  newPartnerOpeningLine,
  openingTotals,
  pairOf,
  pairProblems,
  pairRemaining,
  partnerOpeningProblem,
  sentKeys,
  splitErrors,
  sum,
  trimMoney,
} from '@/views/finance/docs/logic'
import type { MoneyDocRead, OpenItem } from '@/views/finance/docs/types'
import { financeDocsRoutes } from '@/router/routes.financeDocs'

const item = (id: number, date: string, open: string, over: Partial<OpenItem> = {}): OpenItem => ({
  id,
  partner_id: 7,
  side: 'ar',
  doc_kind: 'opening',
  doc_number: `QCYE-${String(id).padStart(3, '0')}`,
  business_date: date,
  due_date: null,
  currency: 'CNY',
  amount: open,
  open_amount: open,
  base_amount: open,
  ...over,
})

const K = MONEY_DOC_KINDS

describe('decimals', () => {
  it('parses signed decimals and sums exactly', () => {
    expect(dec('-3.5')?.toString()).toBe('-3.5')
    expect(dec('1,234.50')?.toString()).toBe('1234.5')
    expect(dec('abc')).toBeNull()
    expect(dec('')).toBeNull()
    expect(sum(['0.1', '0.2', '', 'x'])).toBe('0.30')
    expect(trimMoney('300.00')).toBe('300')
    expect(trimMoney('12.50')).toBe('12.5')
  })
  it('base amount rounds half up to the fen', () => {
    expect(baseOf('100', '7.123456', 'USD').toFixed(2)).toBe('712.35')
    expect(baseOf('0.05', '0.5', 'USD').toFixed(2)).toBe('0.03')
    expect(baseOf('100', '7', 'CNY').toFixed(2)).toBe('100.00')
  })
})

describe('自动核销 (auto allocation)', () => {
  const items = [item(3, '2026-03-01', '500.00'), item(1, '2026-01-05', '1000.00'), item(2, '2026-02-01', '200.00')]

  it('fills the oldest open items first up to amount + discount', () => {
    const fill = autoAllocate(items, '1100')
    expect([...fill.entries()]).toEqual([
      [1, '1000.00'],
      [2, '100.00'],
    ])
  })
  it('stops when the capacity is used, takes everything when it is larger', () => {
    expect(autoAllocate(items, '0').size).toBe(0)
    expect([...autoAllocate(items, '5000').values()]).toEqual(['1000.00', '200.00', '500.00'])
  })
  it('orders by date, then number; skips other currencies and closed items', () => {
    const mixed = [
      item(10, '2026-01-01', '50.00', { doc_number: 'B' }),
      item(11, '2026-01-01', '50.00', { doc_number: 'A' }),
      item(12, '2025-12-01', '80.00', { currency: 'USD' }),
      item(13, '2025-11-01', '0.00'),
    ]
    const lines = autoAllocLines(mixed, new Big('60'), 'CNY')
    expect(lines.map((l) => [l.entry.doc_number, l.amount])).toEqual([
      ['A', '50'],
      ['B', '10'],
    ])
  })
  it('summarises capacity, Σ allocated and what stays as a prepayment', () => {
    const lines = [newAllocLine(items[1], '300')]
    expect(allocSummary('300', '', lines)).toEqual({ capacity: '300.00', allocated: '300.00', prepayment: '0.00', over: false })
    expect(allocSummary('500', '20', lines)).toEqual({ capacity: '520.00', allocated: '300.00', prepayment: '220.00', over: false })
    expect(allocSummary('200', '', lines).over).toBe(true)
    expect(allocSummary('200', '', lines).prepayment).toBe('-100.00')
  })
  it('flags a line above its open amount or without an amount', () => {
    expect(allocLineProblem(newAllocLine(items[2], '200'))).toBeNull()
    expect(allocLineProblem(newAllocLine(items[2], '200.01'))).toBe('exceedsOpen')
    expect(allocLineProblem(newAllocLine(items[2], '0'))).toBe('amount')
    expect(allocLineProblem(newAllocLine(items[2], '1.005'))).toBe('precision')
  })
})

describe('核销单 pairs', () => {
  const debits = [item(1, '2026-01-01', '300.00'), item(2, '2026-02-01', '500.00')]
  const credits = [item(8, '2026-01-10', '-400.00', { doc_kind: 'receipt' }), item(9, '2026-03-01', '-100.00', { doc_kind: 'receipt' })]

  it('pairs the oldest credits with the oldest debits', () => {
    const pairs = autoPair(debits, credits)
    expect(pairs.map((p) => [p.entry.id, p.credit.id, p.amount])).toEqual([
      [1, 8, '300'],
      [2, 8, '100'],
      [2, 9, '100'],
    ])
  })
  it('respects pairs already there and what is left', () => {
    const existing = [newPairLine(debits[0], credits[1], '100')]
    const left = pairRemaining(debits, credits, existing)
    expect(left.get(1)?.toString()).toBe('200')
    expect(left.get(9)?.toString()).toBe('0')
    expect(autoPair(debits, credits, existing).map((p) => [p.entry.id, p.credit.id, p.amount])).toEqual([
      [1, 8, '200'],
      [2, 8, '200'],
    ])
    expect(pairOf(debits[0], credits[1], left)).toBeNull()
    expect(pairOf(debits[1], credits[0], left)?.amount).toBe('400')
  })
  it('never pairs different currencies and flags over-use', () => {
    const usd = item(20, '2025-01-01', '-50.00', { currency: 'USD' })
    expect(autoPair(debits, [usd])).toEqual([])
    const probs = pairProblems(debits, credits, [newPairLine(debits[0], usd, '10'), newPairLine(debits[0], credits[0], '350')])
    expect([...probs.values()]).toEqual(['currency', 'exceedsOpen'])
  })
})

describe('opening balances', () => {
  it('totals receivables, payables (in base currency) and accounts', () => {
    const ps = [
      newPartnerOpeningLine({ partner_id: 1, amount: '1000' }),
      newPartnerOpeningLine({ partner_id: 2, side: 'ap', amount: '100', currency: 'USD', rate: '7.1' }),
      newPartnerOpeningLine({ partner_id: 3, amount: '-50' }),
      newPartnerOpeningLine(),
    ]
    const as = [newAccountOpeningLine({ account_id: 5, amount: '2000.5' }), newAccountOpeningLine()]
    expect(openingTotals(ps, as)).toEqual({ ar: '950.00', ap: '710.00', accounts: '2000.50' })
  })
  it('checks a partner line', () => {
    expect(partnerOpeningProblem(newPartnerOpeningLine({ amount: '10' }))).toBe('partner')
    expect(partnerOpeningProblem(newPartnerOpeningLine({ partner_id: 1, amount: '0' }))).toBe('amount')
    expect(partnerOpeningProblem(newPartnerOpeningLine({ partner_id: 1, amount: '-10' }))).toBeNull()
    expect(partnerOpeningProblem(newPartnerOpeningLine({ partner_id: 1, amount: '10', currency: 'USD', rate: '0' }))).toBe('rate')
  })
})

describe('payloads', () => {
  it('receipt: header money, side from the kind, picked lines', () => {
    const h = { ...emptyHeader(K.receipt, '2026-05-01'), partner_id: 7, account_id: 3, amount: '300.00', remark: ' r ' }
    const lines = emptyLines()
    lines.alloc = [newAllocLine(item(41, '2026-01-01', '1000.00'), '300.00', 'x')]
    expect(buildPayload(K.receipt, h, lines)).toEqual({
      business_date: '2026-05-01',
      remark: 'r',
      partner_id: 7,
      side: 'ar',
      account_id: 3,
      currency: 'CNY',
      rate: '1',
      amount: '300',
      discount: '0',
      auto_allocate: true,
      lines: [{ entry_id: 41, amount: '300', remark: 'x' }],
    })
    expect(docTotal(K.receipt, h, lines)).toBe('300.00')
  })
  it('payment in a foreign currency: side ap, rate only when typed', () => {
    const h = { ...emptyHeader(K.payment, '2026-05-01'), partner_id: 2, account_id: 3, amount: '100', currency: 'USD', rate: '' }
    const body = buildPayload(K.payment, h, emptyLines())
    expect(body.side).toBe('ap')
    expect(body.currency).toBe('USD')
    expect('rate' in body).toBe(false)
    expect(buildPayload(K.payment, { ...h, rate: '7.2' }, emptyLines()).rate).toBe('7.2')
  })
  it('allocation: pairs as entry/credit lines', () => {
    const h = { ...emptyHeader(K.allocation, '2026-05-01'), partner_id: 7, side: 'ap' as const }
    const lines = emptyLines()
    lines.pairs = [newPairLine(item(1, '2026-01-01', '10'), item(2, '2026-01-02', '-10'), '10')]
    expect(buildPayload(K.allocation, h, lines)).toEqual({
      business_date: '2026-05-01',
      remark: '',
      partner_id: 7,
      side: 'ap',
      auto_allocate: true,
      lines: [{ entry_id: 1, credit_entry_id: 2, amount: '10', remark: '' }],
    })
    expect(docTotal(K.allocation, h, lines)).toBe('10.00')
  })
  it('transfer: two accounts and an amount, no lines', () => {
    const h = { ...emptyHeader(K.transfer, '2026-05-01'), account_id: 1, to_account_id: 2, amount: '50.5' }
    expect(buildPayload(K.transfer, h, emptyLines())).toEqual({
      business_date: '2026-05-01',
      remark: '',
      account_id: 1,
      to_account_id: 2,
      amount: '50.5',
      lines: [],
    })
  })
  it('expense: blank category lines are not sent; the total is Σ lines', () => {
    const h = { ...emptyHeader(K.expense, '2026-05-01'), account_id: 1 }
    const lines = emptyLines()
    lines.categories = [newCategoryLine({ category_id: 4, amount: '12.30' }), newCategoryLine({ category_id: 5, amount: '7.7', remark: 'a' }), newCategoryLine()]
    const body = buildPayload(K.expense, h, lines)
    expect(body.lines).toEqual([
      { category_id: 4, amount: '12.3', remark: '' },
      { category_id: 5, amount: '7.7', remark: 'a' },
    ])
    expect(body.partner_id).toBeNull()
    expect(docTotal(K.expense, h, lines)).toBe('20.00')
    expect(sentKeys(K.expense, lines)).toEqual([lines.categories[0].key, lines.categories[1].key])
  })
  it('opening: partner lines first, then account lines', () => {
    const lines = emptyLines()
    lines.partnerLines = [newPartnerOpeningLine({ partner_id: 9, amount: '1000.00', due_date: '2026-06-30' }), newPartnerOpeningLine()]
    lines.accountLines = [newAccountOpeningLine({ account_id: 3, amount: '500' }), newAccountOpeningLine()]
    const body = buildPayload(K.opening, emptyHeader(K.opening, '2026-01-01'), lines)
    expect(body.lines).toEqual([
      { partner_id: 9, side: 'ar', amount: '1000', currency: 'CNY', rate: '1', due_date: '2026-06-30', remark: '' },
      { account_id: 3, amount: '500', remark: '' },
    ])
    expect(sentKeys(K.opening, lines)).toEqual([lines.partnerLines[0].key, lines.accountLines[0].key])
    expect(docTotal(K.opening, emptyHeader(K.opening, '2026-01-01'), lines)).toBeNull()
  })
})

describe('loading a document', () => {
  const base: MoneyDocRead = {
    id: 5,
    number: 'SKD-20260501-001',
    kind: 'receipt',
    business_date: '2026-05-01',
    status: 'draft',
    remark: '',
    version: 2,
    partner_id: 7,
    partner_name: 'ACME',
    side: 'ar',
    account_id: 3,
    account_name: 'Cash',
    to_account_id: null,
    to_account_name: null,
    currency: 'CNY',
    rate: '1.000000',
    amount: '300.00',
    discount: '0.00',
    base_amount: '300.00',
    allocated_amount: '300.00',
    unallocated_amount: '0.00',
    auto_allocate: true,
    created_by_name: 'admin',
    created_at: '2026-05-01T00:00:00Z',
    approved_by_name: null,
    approved_at: null,
    reversed_by_name: null,
    reversed_at: null,
    lines: [],
  }
  const line = (over: Partial<MoneyDocRead['lines'][number]>): MoneyDocRead['lines'][number] => ({
    id: 1,
    line_no: 1,
    amount: '300.00',
    base_amount: '300.00',
    remark: '',
    entry_id: null,
    credit_entry_id: null,
    entry: null,
    credit_entry: null,
    category_id: null,
    category_name: null,
    partner_id: null,
    partner_name: null,
    side: '',
    account_id: null,
    account_name: null,
    currency: 'CNY',
    rate: '1',
    due_date: null,
    ...over,
  })

  it('round-trips a receipt into the same payload', () => {
    const d = { ...base, lines: [line({ entry_id: 41, entry: item(41, '2026-01-01', '1000.00') })] }
    const h = headerFromDoc(d)
    expect(h.rate).toBe('1')
    expect(h.discount).toBe('')
    const lines = linesFromDoc(K.receipt, d, true)
    expect(buildPayload(K.receipt, h, lines).lines).toEqual([{ entry_id: 41, amount: '300', remark: '' }])
  })
  it('splits opening lines into partner and account lines, with a blank line to type in', () => {
    const d = {
      ...base,
      kind: 'opening' as const,
      lines: [line({ partner_id: 9, partner_name: 'P', side: 'ap', amount: '-20.00' }), line({ id: 2, line_no: 2, account_id: 3, account_name: 'Cash' })],
    }
    const s = linesFromDoc(K.opening, d, true)
    expect(s.partnerLines.map((l) => [l.partner_id, l.side, l.amount])).toEqual([
      [9, 'ap', '-20'],
      [null, 'ar', ''],
    ])
    expect(s.accountLines.map((l) => l.account_id)).toEqual([3, null])
    expect(linesFromDoc(K.opening, d, false).accountLines).toHaveLength(1)
  })
})

describe('server errors', () => {
  it('maps lines.N to the N-th line sent and the rest to header fields', () => {
    const { byIndex, header } = splitErrors([
      { field: 'body.lines.1.amount', message: 'too much' },
      { field: 'lines.1', message: 'again' },
      { field: 'body.account_id', message: 'gone' },
    ])
    expect(byIndex.get(1)).toEqual(['too much', 'again'])
    expect(header).toEqual({ account_id: 'gone' })
  })
  it('reads the documents a reverse_blocked answer names', () => {
    expect(blockingDocs({ code: 'reverse_blocked', docs: ['HXD-1', 'HXD-2'] })).toEqual(['HXD-1', 'HXD-2'])
    expect(blockingDocs({ code: 'x' })).toEqual([])
  })
})

describe('routes', () => {
  it('a list and an editor per kind, under the finance module, guarded by finance.<kind>.view', () => {
    expect(financeDocsRoutes).toHaveLength(14)
    for (const def of Object.values(K)) {
      const list = financeDocsRoutes.find((r) => r.name === def.listRoute)
      const edit = financeDocsRoutes.find((r) => r.name === def.editRoute)
      expect(list?.meta).toMatchObject({ module: 'finance', perm: `${def.perm}.view`, titleKey: def.menuKey })
      expect(edit?.meta?.perm).toBe(`${def.perm}.view`)
      expect(edit?.path).toContain('/edit/:id')
    }
  })
})
