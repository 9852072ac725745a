// Types of the money reports and master data, written from docs/contracts/money-api.md (issue 5).
// Amounts and rates are decimal strings — never JS numbers.

export type Side = 'ar' | 'ap'
export type AgeingBasis = 'date' | 'due'

/** GET /partner-balances row */
export interface PartnerBalanceRow {
  partner_id: number
  partner_code: string
  partner_name: string
  currency: string
  balance: string
  base_balance: string
  /** Σ open positive entries */
  debt_open: string
  /** −Σ open negative entries (预收 / 预付) */
  prepaid: string
}

/** GET /account-balances row */
export interface AccountBalanceRow {
  account_id: number
  account_code: string
  account_name: string
  kind: string
  balance: string
}

export interface AccountBalances {
  items: AccountBalanceRow[]
  /** Σ balances */
  total: string
}

/** GET /account-entries row (资金流水) */
export interface AccountEntryRow {
  id: number
  business_date: string
  account_id?: number
  account_name?: string
  doc_kind: string
  doc_kind_label?: string
  doc_number: string
  doc_id: number
  partner_name: string | null
  category_name: string | null
  remark: string
  income: string
  expense: string
  /** running balance after this row */
  balance: string
}

export interface AccountEntryPage {
  items: AccountEntryRow[]
  total: number
  page: number
  page_size: number
  opening_balance: string
  closing_balance: string
}

export interface StatementRow {
  business_date: string
  doc_kind: string
  doc_kind_label: string
  doc_number: string
  remark: string
  increase: string
  decrease: string
  balance: string
}

/** GET /statements and GET /public/statements/{token} */
export interface Statement {
  company_name: string
  partner_id: number
  partner_code: string
  partner_name: string
  side: Side
  currency: string
  date_from: string
  date_to: string
  opening_balance: string
  rows: StatementRow[]
  total_increase: string
  total_decrease: string
  closing_balance: string
}

export interface StatementLinkCreate {
  partner_id: number
  side: Side
  date_from: string
  date_to: string
  /** 1..90, default 7 */
  expires_in_days: number
}

/** POST /statement-links answer: the only time the token and url are known */
export interface StatementLinkCreated {
  id: number
  token: string
  /** "/s/<token>" */
  url: string
  expires_at: string
}

/** GET /statement-links?partner_id= row */
export interface StatementLink {
  id: number
  partner_name: string
  side: Side
  date_from: string
  date_to: string
  created_at: string
  created_by_name: string
  expires_at: string
  revoked_at: string | null
  active: boolean
}

/** GET /reports/ageing row */
export interface AgeingItem {
  partner_id: number
  partner_code: string
  partner_name: string
  total: string
  /** one per bucket */
  amounts: string[]
  prepaid: string
}

export interface AgeingReport {
  as_of: string
  /** labels, e.g. ["0-30","31-60","61-90","90+"] */
  buckets: string[]
  items: AgeingItem[]
  totals: string[]
  total: string
}

/** GET /partner-entries/open item */
export interface OpenItem {
  id: number
  partner_id: number
  side: Side
  doc_kind: string
  doc_number: string
  business_date: string
  due_date: string | null
  currency: string
  amount: string
  open_amount: string
  base_amount: string
}

/** GET /reports/overdue item */
export interface OverdueItem extends OpenItem {
  partner_name: string
  days_overdue: number
  /** open amount in base currency (server extra) */
  base_open_amount?: string
}

export interface ExchangeRate {
  id: number
  currency: string
  rate_date: string
  rate: string
  version: number
}

export interface ExchangeRateCreate {
  currency: string
  rate_date: string
  rate: string
}

export type CategoryKind = 'income' | 'expense'

export interface MoneyCategory {
  id: number
  kind: CategoryKind
  name: string
  is_active: boolean
  version: number
}
