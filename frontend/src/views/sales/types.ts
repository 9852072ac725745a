import type { components } from '@/api/schema'

// Sales (销售) shapes, written by hand from docs/contracts/sales-api.md while the back end is being built.
// Fields marked § in the contract (cost and gross profit) are optional: the server leaves them out unless the
// user has cost.view. Once `make api` carries the sales schemas, compare them here (see purchase/types.ts).

export type SalesKind = 'order' | 'delivery' | 'return'
export type SalesStatus = 'draft' | 'approved' | 'closed' | 'reversed' | 'void'
export type DeliverStatus = 'none' | 'partial' | 'full' | 'closed' | ''

export interface SalesDocLink {
  id: number
  number: string
  kind: SalesKind | string
  status?: SalesStatus | string
}

export interface SalesTimelineEvent {
  at: string | null
  event: 'approved' | 'delivered_partly' | 'delivered' | 'paid' | 'closed' | 'returned' | string
  number: string | null
}

export interface SalesLineRead {
  id: number
  line_no: number
  sku_id: number
  sku_code: string
  product_id: number
  product_name: string
  spec: string
  attributes_text: string
  tracking: string
  unit_id: number
  unit_name: string
  qty: string
  base_unit_name: string
  base_qty: string
  list_price: string
  price: string
  discount_rate: string
  tax_rate: string
  net_price: string
  total: string
  amount: string
  tax_amount: string
  cost_amount?: string | null
  profit_amount?: string | null
  promotion_id: number | null
  promotion_text: string
  below_min_price: boolean
  lot_id: number | null
  lot_no: string
  source_line_id: number | null
  source_number: string | null
  done_qty: string
  remaining_qty: string
  available_qty?: string | null
  remark: string
}

export interface SalesDocSummary {
  id: number
  number: string
  kind: SalesKind | string
  business_date: string
  customer_id: number | null
  customer_name: string
  warehouse_id: number
  warehouse_name: string
  channel_id: number | null
  channel_name: string | null
  salesperson_id: number | null
  salesperson_name: string | null
  expected_date: string | null
  currency: string
  rate: string
  status: SalesStatus
  deliver_status: DeliverStatus
  remark: string
  total_qty: string
  amount: string
  tax_amount: string
  total_amount: string
  discount_amount: string
  paid_amount: string
  account_id: number | null
  account_name: string | null
  cost_amount?: string | null
  profit_amount?: string | null
  credit_warning: string
  version: number
  line_count?: number
  created_by_name?: string | null
  created_at?: string | null
  approved_by_name?: string | null
  approved_at?: string | null
  reversed_by_name?: string | null
  reversed_at?: string | null
  closed_by_name?: string | null
  closed_at?: string | null
}

export interface SalesDocRead extends SalesDocSummary {
  sources: SalesDocLink[]
  followers: SalesDocLink[]
  timeline?: SalesTimelineEvent[]
  lines: SalesLineRead[]
}

export interface SalesLineWrite {
  sku_id: number
  unit_id: number
  qty: string
  price?: string
  discount_rate?: string
  tax_rate?: string
  lot_no?: string
  source_line_id?: number | null
  remark?: string
}

export interface SalesDocWrite {
  business_date: string
  customer_id: number
  warehouse_id: number
  channel_id?: number | null
  salesperson_id?: number | null
  expected_date?: string | null
  currency?: string
  rate?: string
  remark?: string
  paid_amount?: string
  account_id?: number | null
  lines: SalesLineWrite[]
}

/** GET /sales-prices/default */
export interface SalesPriceDefault {
  price: string | null
  source: 'price_list' | 'level' | 'last' | 'retail' | 'wholesale' | 'none' | string
  min_price: string | null
  last_date: string | null
  last_number: string | null
  promotion: { id: number; name: string; text: string; price: string | null; free_qty: string } | null
}

/** POST /sales-prices/quote */
export interface SalesQuoteLine {
  index: number
  list_price: string | null
  price: string | null
  source: string
  promotion_id: number | null
  promotion_text: string
  free_qty: string
  min_price: string | null
}

/** 选单: GET /sales-orders/open-lines */
export interface SalesOpenLine {
  order_id: number
  order_number: string
  business_date: string
  expected_date: string | null
  warehouse_id: number
  warehouse_name: string
  line_id: number
  sku_id: number
  sku_code: string
  product_name: string
  spec: string
  tracking: string
  unit_id: number
  unit_name: string
  ratio: string
  qty: string
  base_qty: string
  delivered_qty?: string
  done_qty?: string
  remaining_qty: string
  remaining_unit_qty?: string
  price: string
  discount_rate: string
  tax_rate: string
  promotion_text?: string
}

/** 选单: GET /sales-deliveries/returnable-lines */
export interface SalesReturnableLine {
  delivery_id: number
  delivery_number: string
  business_date: string
  line_id: number
  sku_id: number
  sku_code: string
  product_name: string
  spec?: string
  tracking?: string
  unit_id?: number
  unit_name?: string
  ratio?: string
  lot_no: string
  qty: string
  returned_qty: string
  returnable_qty: string
  price?: string
  discount_rate?: string
  tax_rate?: string
}

/** GET /sales-deliveries/{id}/picking-list (shape kept loose: the contract names only its content). */
export interface PickingLot {
  lot_no: string
  expiry_date?: string | null
  qty: string
  on_hand?: string | null
}
export interface PickingLine {
  line_no?: number
  sku_id: number
  sku_code: string
  product_name: string
  spec?: string
  attributes_text?: string
  location?: string | null
  unit_name?: string
  qty: string
  base_qty?: string
  base_unit_name?: string
  on_hand?: string | null
  lot_no?: string
  lots?: PickingLot[]
  /** what the lots in stock do not cover (lot-tracked SKUs) */
  short_qty?: string
  remark?: string
}
export interface PickingList {
  id?: number
  number?: string
  business_date?: string
  customer_name?: string
  warehouse_name?: string
  lines: PickingLine[]
}

export interface CustomerRecordDoc {
  id: number
  kind: string
  number: string
  business_date: string
  status: string
  total_amount: string
  deliver_status: string
}

export interface CustomerRecord {
  customer_id: number
  customer_name: string
  salesperson_id?: number | null
  salesperson_name: string | null
  sold_amount: string
  outstanding: string
  open_orders?: string
  credit_limit: string | null
  overdue_amount: string
  profit_amount?: string | null
  documents: CustomerRecordDoc[]
  payments: { doc_number: string; date: string; amount: string }[]
  last_prices: { sku_id: number; sku: string; product_name: string; unit_id: number; unit: string; price: string; date: string; number: string }[]
  top_products: { sku_id: number; sku_code: string; product_name: string; qty: string; amount: string }[]
}

export interface SalesChannel {
  id: number
  name: string
  sort_order: number
  is_active: boolean
}
export interface SalesChannelWrite {
  name: string
  sort_order?: number
  is_active?: boolean
}

/** 409 credit_limit_exceeded extras */
export interface CreditProblem {
  outstanding?: string
  credit_limit?: string
  adding?: string
  overdue_amount?: string
}

// The generated OpenAPI schema (make api) must fit these read shapes: a back-end change that breaks them fails
// the type check here. (Write bodies are not compared: the generator marks defaulted fields as required.)
type S = components['schemas']
type Fits<T extends U, U> = T
// purchasing has shapes of the same class name: the generator then qualifies both with their module path
type Named<A extends string, B extends string> = B extends keyof S ? S[B] : A extends keyof S ? S[A] : never
export type SalesSchemaFits = [
  Fits<S['SalesDocRead'], SalesDocRead>,
  Fits<S['SalesDocSummary'], SalesDocSummary>,
  Fits<Named<'SalesOpenOrderLine', 'jxc__sales__schemas__OpenOrderLine'>, SalesOpenLine>,
  Fits<Named<'SalesReturnableLine', 'jxc__sales__schemas__ReturnableLine'>, SalesReturnableLine>,
  Fits<S['PickingList'], PickingList>,
  Fits<S['CustomerRecord'], CustomerRecord>,
  Fits<S['SalesChannelRead'], SalesChannel>,
]
export type SalesPriceSchemaFits = [Fits<Named<'SalesPriceDefaultRead', 'jxc__pricing__schemas__PriceDefaultRead'>, SalesPriceDefault>, Fits<S['QuoteLine'], SalesQuoteLine>]
