// Money documents (资金往来, issue 5): shapes written from docs/contracts/money-api.md. Amounts and rates
// are decimal strings (scale 2 and 6); they are never turned into JS floats.
import type { DocStatus } from '@/components/document/types'

export type MoneyDocKind = 'receipt' | 'payment' | 'allocation' | 'transfer' | 'income' | 'expense' | 'opening'
export type Side = 'ar' | 'ap'
export type SideOrNone = Side | ''

/** An open partner entry (往来明细 with something left to allocate). */
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

export interface MoneyDocLineRead {
  id: number
  line_no: number
  amount: string
  base_amount: string
  remark: string
  entry_id: number | null
  credit_entry_id: number | null
  entry: OpenItem | null
  credit_entry: OpenItem | null
  category_id: number | null
  category_name: string | null
  partner_id: number | null
  partner_name: string | null
  side: SideOrNone
  account_id: number | null
  account_name: string | null
  currency: string
  rate: string
  due_date: string | null
}

interface MoneyDocBase {
  id: number
  number: string
  kind: MoneyDocKind
  business_date: string
  status: DocStatus
  remark: string
  version: number
  partner_id: number | null
  partner_name: string | null
  side: SideOrNone
  account_id: number | null
  account_name: string | null
  to_account_id: number | null
  to_account_name: string | null
  currency: string
  rate: string
  amount: string
  discount: string
  base_amount: string
  allocated_amount: string
  unallocated_amount: string
  auto_allocate: boolean
  /** in the contract; the back end does not send it yet (undefined then) */
  created_by_name: string | null
  created_at: string
  approved_by_name: string | null
  approved_at: string | null
  reversed_by_name: string | null
  reversed_at: string | null
}

export interface MoneyDocRead extends MoneyDocBase {
  lines: MoneyDocLineRead[]
}

export interface MoneyDocSummary extends MoneyDocBase {
  line_count: number
}

export interface MoneyDocLineWrite {
  amount: string
  remark?: string
  entry_id?: number | null
  credit_entry_id?: number | null
  category_id?: number | null
  partner_id?: number | null
  side?: SideOrNone
  account_id?: number | null
  currency?: string | null
  rate?: string | null
  due_date?: string | null
}

/** POST body; PUT adds `version`. */
export interface MoneyDocWrite {
  business_date: string
  remark?: string
  partner_id?: number | null
  side?: SideOrNone
  account_id?: number | null
  to_account_id?: number | null
  currency?: string | null
  rate?: string | null
  amount?: string | null
  discount?: string | null
  auto_allocate?: boolean
  lines: MoneyDocLineWrite[]
  version?: number
}

export interface ExchangeRateLookup {
  currency: string
  rate: string
  rate_date: string
}

export interface MoneyCategory {
  id: number
  kind: 'income' | 'expense'
  name: string
  is_active: boolean
  version: number
}

/** A line parsed from the opening balance import file (nothing written). */
export interface ImportedMoneyLine extends MoneyDocLineWrite {
  partner_name?: string | null
  account_name?: string | null
}

export interface ImportMoneyLinesResult {
  lines: ImportedMoneyLine[]
  errors: { row: number; column: string; message: string }[]
}
