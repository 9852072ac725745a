// Pure helpers of the money reports (unit-tested in src/__tests__/financeReports*.spec.ts).
// Amounts stay decimal strings; sums go through big.js, never JS floats.
import Big from 'big.js'
import type { AgeingReport, Side, Statement, StatementLink, StatementRow } from './types'

function big(v: string | number | null | undefined): Big {
  if (v === null || v === undefined || v === '') return new Big(0)
  try {
    return new Big(typeof v === 'number' ? String(v) : v.trim())
  } catch {
    return new Big(0)
  }
}

/** Fen (scale 2) string, half up: `1.005` → `1.01`. */
function fen(b: Big): string {
  const s = b.round(2, Big.roundHalfUp).toFixed(2)
  return s === '-0.00' ? '0.00' : s
}

// ---------------------------------------------------------------- ageing buckets

export const DEFAULT_BUCKETS = [30, 60, 90]
export const MAX_BUCKETS = 10
export const MAX_BUCKET_DAYS = 3650

export type BucketError = 'empty' | 'notInteger' | 'notPositive' | 'notAscending' | 'tooMany' | 'tooLarge'

export interface BucketParse {
  buckets: number[]
  error: BucketError | null
  /** the offending piece of text, for the message */
  token?: string
}

/**
 * `30,60,90` → [30, 60, 90]. Commas (also `，` and `、`), semicolons and spaces separate; each
 * bound must be a positive whole number of days, the list strictly ascending.
 */
export function parseBuckets(text: string): BucketParse {
  const parts = text
    .split(/[\s,，、;；]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (parts.length === 0) return { buckets: [], error: 'empty' }
  if (parts.length > MAX_BUCKETS) return { buckets: [], error: 'tooMany' }
  const out: number[] = []
  for (const p of parts) {
    if (!/^[+-]?\d+$/.test(p)) return { buckets: [], error: 'notInteger', token: p }
    const n = Number(p)
    if (n <= 0) return { buckets: [], error: 'notPositive', token: p }
    if (n > MAX_BUCKET_DAYS) return { buckets: [], error: 'tooLarge', token: p }
    if (out.length && n <= out[out.length - 1]) return { buckets: [], error: 'notAscending', token: p }
    out.push(n)
  }
  return { buckets: out, error: null }
}

/** The bucket labels for bounds [30, 60, 90]: `0-30`, `31-60`, `61-90`, `90+` (as the server names them). */
export function bucketLabels(bounds: number[]): string[] {
  const labels: string[] = []
  let from = 0
  for (const b of bounds) {
    labels.push(`${from}-${b}`)
    from = b + 1
  }
  if (bounds.length) labels.push(`${bounds[bounds.length - 1]}+`)
  return labels
}

/** Which bucket (index) an age in days falls into; negative ages (not yet due) count as 0. */
export function bucketIndex(ageDays: number, bounds: number[]): number {
  const age = Math.max(0, ageDays)
  const i = bounds.findIndex((b) => age <= b)
  return i < 0 ? bounds.length : i
}

export type AgeingRow = Record<string, string | number> & {
  partner_id: number
  partner_code: string
  partner_name: string
  total: string
  prepaid: string
}

/** Ageing items with their per-bucket amounts as fields `b0`, `b1`, … (table columns). */
export function ageingRows(report: AgeingReport | null | undefined): AgeingRow[] {
  if (!report) return []
  return report.items.map((it) => {
    const row: AgeingRow = {
      partner_id: it.partner_id,
      partner_code: it.partner_code,
      partner_name: it.partner_name,
      total: it.total,
      prepaid: it.prepaid,
    }
    report.buckets.forEach((_, i) => {
      row[`b${i}`] = it.amounts[i] ?? '0.00'
    })
    return row
  })
}

/** The totals row of an ageing report by column key (`b0`…, `total`), for the table footer. */
export function ageingSummary(report: AgeingReport | null | undefined): Record<string, string> {
  if (!report) return {}
  const out: Record<string, string> = { total: report.total }
  report.buckets.forEach((_, i) => {
    out[`b${i}`] = report.totals[i] ?? '0.00'
  })
  out.prepaid = fen(report.items.reduce((acc, it) => acc.plus(big(it.prepaid)), new Big(0)))
  return out
}

// ---------------------------------------------------------------- statements

export interface StatementSums {
  total_increase: string
  total_decrease: string
  closing_balance: string
  /** running balance after each row */
  balances: string[]
}

/** Recomputes a statement from its opening balance and rows: closing = opening + Σ increase − Σ decrease. */
export function statementSums(opening: string, rows: Pick<StatementRow, 'increase' | 'decrease'>[]): StatementSums {
  let bal = big(opening)
  let inc = new Big(0)
  let dec = new Big(0)
  const balances: string[] = []
  for (const r of rows) {
    inc = inc.plus(big(r.increase))
    dec = dec.plus(big(r.decrease))
    bal = bal.plus(big(r.increase)).minus(big(r.decrease))
    balances.push(fen(bal))
  }
  return { total_increase: fen(inc), total_decrease: fen(dec), closing_balance: fen(bal), balances }
}

/** Where the server's totals or running balances disagree with the rows (empty when consistent). */
export function statementMismatches(s: Statement): string[] {
  const sums = statementSums(s.opening_balance, s.rows)
  const out: string[] = []
  const eq = (a: string, b: string) => big(a).eq(big(b))
  if (!eq(sums.total_increase, s.total_increase)) out.push('total_increase')
  if (!eq(sums.total_decrease, s.total_decrease)) out.push('total_decrease')
  if (!eq(sums.closing_balance, s.closing_balance)) out.push('closing_balance')
  s.rows.forEach((r, i) => {
    if (!eq(sums.balances[i], r.balance)) out.push(`rows.${i}.balance`)
  })
  return out
}

export type StatementLineKind = 'opening' | 'row' | 'total' | 'closing'

export interface StatementLine {
  kind: StatementLineKind
  business_date: string
  doc_kind_label: string
  doc_number: string
  remark: string
  increase: string
  decrease: string
  balance: string
}

/** The lines of a statement as shown and printed: 期初余额, the rows, 本期合计, 期末余额. */
export function statementLines(s: Statement): StatementLine[] {
  const blank = { business_date: '', doc_kind_label: '', doc_number: '', remark: '', increase: '', decrease: '' }
  return [
    { ...blank, kind: 'opening', business_date: s.date_from, balance: s.opening_balance },
    ...s.rows.map((r) => ({
      kind: 'row' as const,
      business_date: r.business_date,
      doc_kind_label: r.doc_kind_label,
      doc_number: r.doc_number,
      remark: r.remark,
      increase: r.increase,
      decrease: r.decrease,
      balance: r.balance,
    })),
    { ...blank, kind: 'total', increase: s.total_increase, decrease: s.total_decrease, balance: '' },
    { ...blank, kind: 'closing', business_date: s.date_to, balance: s.closing_balance },
  ]
}

/** A zero amount shows as an empty cell in the 增加 / 减少 columns. */
export function nonZero(v: string | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null
  return big(v).eq(0) ? null : v
}

// ---------------------------------------------------------------- share links

/** The full address of a share link: the page's origin + the server's `/s/<token>`. */
export function shareUrl(origin: string, url: string): string {
  if (/^https?:\/\//i.test(url)) return url
  return `${origin.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
}

export type LinkState = 'active' | 'revoked' | 'expired'

export function linkState(link: Pick<StatementLink, 'active' | 'revoked_at' | 'expires_at'>, now = new Date()): LinkState {
  if (link.revoked_at) return 'revoked'
  if (!link.active) return 'expired'
  const exp = new Date(link.expires_at)
  return !Number.isNaN(exp.getTime()) && exp.getTime() <= now.getTime() ? 'expired' : 'active'
}

export const MIN_LINK_DAYS = 1
export const MAX_LINK_DAYS = 90
export const DEFAULT_LINK_DAYS = 7

// ---------------------------------------------------------------- misc

/** Partners of a side: customers owe us (应收), we owe suppliers (应付). */
export function partnerKindOf(side: Side): 'customer' | 'supplier' {
  return side === 'ap' ? 'supplier' : 'customer'
}

/** ISO codes offered in currency selects; the first is the base currency. */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'AUD', 'CAD', 'SGD', 'KRW', 'TWD', 'MOP', 'CHF', 'THB', 'RUB']
export const BASE_CURRENCY = 'CNY'

export function validCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code.trim())
}

/** A positive exchange rate with at most 6 decimals. */
export function validRate(v: string | null | undefined): boolean {
  const s = (v ?? '').trim()
  if (!/^\d+(\.\d{1,6})?$/.test(s)) return false
  return big(s).gt(0)
}

/** Money document kinds that have a label under finRep.docKind. */
export const DOC_KINDS = [
  'receipt',
  'payment',
  'allocation',
  'transfer',
  'income',
  'expense',
  'opening',
  'purchase_receipt',
  'purchase_return',
  'sales_delivery',
  'sales_return',
  'retail_sale',
]

/** The i18n key for a document kind, or null when unknown (show the raw kind). */
export function docKindKey(kind: string | null | undefined): string | null {
  return kind && DOC_KINDS.includes(kind) ? `finRep.docKind.${kind}` : null
}

/** Date-range presets of the report filters (本月, 上月, 本季度, 本年) as [from, to] Dates. */
export function rangePresets(now = new Date()): { key: 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'thisYear'; range: [Date, Date] }[] {
  const y = now.getFullYear()
  const m = now.getMonth()
  const day = new Date(y, m, now.getDate())
  return [
    { key: 'thisMonth', range: [new Date(y, m, 1), day] },
    { key: 'lastMonth', range: [new Date(y, m - 1, 1), new Date(y, m, 0)] },
    { key: 'thisQuarter', range: [new Date(y, m - (m % 3), 1), day] },
    { key: 'thisYear', range: [new Date(y, 0, 1), day] },
  ]
}
