import type { components } from '@/api/schema'

// Retail counter (零售) and pricing (价目表/促销) shapes, written by hand from docs/contracts/sales-api.md
// (sections "Retail counter" and "Price default and promotions"). Fields marked § in the contract (cost,
// profit) are optional: the server leaves them out unless the user has cost.view. Money and quantities are
// decimal strings.

export type TicketKind = 'retail' | 'retail_return'
export type TicketStatus = 'draft' | 'approved' | 'reversed' | 'void' | 'closed'
export type AccountMethod = 'cash' | 'bank' | 'wechat' | 'alipay' | 'other'

export interface TicketPayment {
  account_id: number
  account_name: string
  /** cash | wechat | alipay | card | other */
  method: string
  amount: string
}

export interface ReceiptLine {
  name: string
  qty: string
  unit_name?: string
  price: string
  total: string
  promotion_text: string
}

export interface ReceiptPayment {
  method?: string
  account_name?: string
  amount: string
}

export interface ReceiptTotals {
  /** base units */
  total_qty: string
  line_count: number
  /** Σ qty × list price */
  list_amount: string
  /** list_amount − total_amount (优惠合计) */
  saved_amount: string
  discount_amount: string
  total_amount: string
}

/** What the server prepares for the printed receipt. */
export interface ReceiptData {
  company_name: string
  warehouse_name: string
  cashier_name: string
  member_name?: string | null
  number?: string
  business_date?: string
  sold_at?: string | null
  lines: ReceiptLine[]
  totals: ReceiptTotals
  payments: ReceiptPayment[]
  tendered?: string
  change: string
}

export interface TicketLineRead {
  id: number
  line_no: number
  sku_id: number
  sku_code: string
  product_id?: number
  product_name: string
  spec: string
  attributes_text?: string
  unit_id: number
  unit_name: string
  qty: string
  base_unit_name?: string
  base_qty?: string
  list_price: string | null
  price: string
  discount_rate: string
  tax_rate?: string
  net_price: string
  total: string
  amount?: string
  tax_amount?: string
  cost_amount?: string | null
  profit_amount?: string | null
  promotion_id: number | null
  promotion_text: string
  below_min_price?: boolean
  lot_no?: string
  source_line_id?: number | null
  /** tickets: returned so far */
  done_qty: string
  remark?: string
}

export interface TicketSummary {
  tendered_amount?: string
  change_amount?: string
  id: number
  number: string
  kind: TicketKind | string
  business_date: string
  customer_id: number | null
  customer_name: string | null
  line_count?: number
  warehouse_id: number
  warehouse_name: string
  channel_id?: number | null
  channel_name?: string | null
  status: TicketStatus
  remark: string
  total_qty: string
  amount?: string
  tax_amount?: string
  total_amount: string
  discount_amount: string
  paid_amount?: string
  cost_amount?: string | null
  profit_amount?: string | null
  version?: number
  created_by_name?: string | null
  created_at?: string | null
  approved_by_name?: string | null
  approved_at?: string | null
  reversed_by_name?: string | null
  reversed_at?: string | null
}

export interface TicketRead extends TicketSummary {
  lines: TicketLineRead[]
  tendered_amount: string
  change_amount: string
  payments: TicketPayment[]
  receipt: ReceiptData
  sources?: { id: number; number: string; kind: string }[]
  followers?: { id: number; number: string; kind: string; status?: string }[]
}

export interface TicketLineWrite {
  sku_id: number
  unit_id: number
  qty: string
  price?: string
  discount_rate?: string
}

export interface PaymentWrite {
  account_id: number
  amount: string
}

export interface TicketWrite {
  warehouse_id: number
  customer_id?: number | null
  channel_id?: number | null
  business_date?: string
  lines: TicketLineWrite[]
  discount_amount?: string
  payments: PaymentWrite[]
  remark?: string
  /** the 应收 the cashier took payment for: the server refuses a ticket that prices otherwise */
  expected_total?: string
}

export interface RetailReturnWrite {
  ticket_id: number
  lines: { source_line_id: number; qty: string }[]
  payments: PaymentWrite[]
  remark?: string
}

// ---------- pricing ----------

export interface QuoteLineIn {
  sku_id: number
  unit_id: number
  qty: string
  price?: string
}

export interface QuoteRequest {
  customer_id?: number | null
  channel: 'sales' | 'retail'
  date?: string
  lines: QuoteLineIn[]
}

export interface QuoteLine {
  index: number
  list_price: string | null
  price: string | null
  /** price_list | level | last | retail | wholesale | none | given */
  source: string
  promotion_id: number | null
  promotion_text: string
  free_qty: string
  min_price: string | null
}

export interface PriceListItem {
  id?: number
  sku_id: number
  sku_code?: string
  product_name?: string
  spec?: string
  unit_id: number
  unit_name?: string
  price: string
}

export interface PriceListSummary {
  id: number
  name: string
  price_level_id: number | null
  price_level_name?: string | null
  date_from: string
  date_to: string | null
  is_active: boolean
  valid_today?: boolean
  remark: string
  item_count?: number
  version: number
}

export interface PriceListImportResult {
  total: number
  /** 0 when anything was wrong: all or nothing */
  imported: number
  errors: { row: number; column: string; message: string }[]
}

export interface PriceListRead extends PriceListSummary {
  items: PriceListItem[]
}

export interface PriceListWrite {
  name: string
  price_level_id?: number | null
  date_from: string
  date_to?: string | null
  is_active?: boolean
  remark?: string
  items: { sku_id: number; unit_id: number; price: string }[]
}

export type PromotionKind = 'percent_off' | 'fixed_price' | 'buy_n_get_m' | 'markdown'
export type PromotionScope = 'all' | 'category' | 'sku'

export interface PromotionItem {
  id?: number
  sku_id?: number | null
  sku_code?: string | null
  product_name?: string | null
  spec?: string | null
  unit_name?: string | null
  category_id?: number | null
  category_name?: string | null
  fixed_price?: string | null
}

export interface PromotionSummary {
  id: number
  name: string
  kind: PromotionKind
  scope: PromotionScope
  date_from: string
  date_to: string
  percent_off: string | null
  buy_qty: string | null
  free_qty: string | null
  retail_only: boolean
  is_active: boolean
  valid_today?: boolean
  remark: string
  /** what a ticket line shows */
  text?: string
  item_count?: number
  version: number
}

export interface PromotionRead extends PromotionSummary {
  /** a sales line names it: it cannot be deleted any more, only switched off */
  used?: boolean
  items: PromotionItem[]
}

export interface PromotionWrite {
  name: string
  kind: PromotionKind
  scope: PromotionScope
  date_from: string
  date_to: string
  percent_off?: string | null
  buy_qty?: string | null
  free_qty?: string | null
  retail_only?: boolean
  is_active?: boolean
  remark?: string
  items: { sku_id?: number | null; category_id?: number | null; fixed_price?: string | null }[]
}

export interface SlowMover {
  sku_id: number
  sku_code: string
  product_name: string
  spec?: string
  unit_name?: string
  base_unit_name?: string
  on_hand: string
  value?: string | null
  last_sale_date: string | null
  days_since_sale?: number | null
  retail_price?: string | null
}

// The generated OpenAPI schema (make api) must fit these read shapes: a back-end change that breaks them fails
// the type check here.
type S = components['schemas']
type Fits<T extends U, U> = T
export type SchemaFits = [
  Fits<S['RetailTicketRead'], TicketRead>,
  Fits<S['RetailTicketSummary'], TicketSummary>,
  Fits<S['QuoteLine'], QuoteLine>,
  Fits<S['PriceListRead'], PriceListRead>,
  Fits<S['PriceListSummary'], PriceListSummary>,
  Fits<S['PriceListImportResult'], PriceListImportResult>,
  Fits<S['PromotionRead'], PromotionRead>,
  Fits<S['PromotionSummary'], PromotionSummary>,
  Fits<S['SlowMover'], SlowMover>,
]
