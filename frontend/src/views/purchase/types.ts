import type { components } from '@/api/schema'

// Purchasing (采购) shapes, written from docs/contracts/purchasing-api.md. Fields marked ‡ in the contract
// (purchase prices and amounts) are optional here: the server leaves them out unless the user has
// purchase.price.view or cost.view.

export type PurchaseKind = 'order' | 'receipt' | 'return'
export type PurchaseStatus = 'draft' | 'approved' | 'closed' | 'reversed' | 'void'
export type ReceiveStatus = 'none' | 'partial' | 'full' | 'closed' | ''

export interface DocLink {
  id: number
  number: string
  kind: PurchaseKind
  status?: PurchaseStatus
}

export interface PurchaseDocLineRead {
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
  rejected_qty: string
  base_unit_name: string
  base_qty: string
  price?: string | null
  discount_rate: string
  tax_rate: string
  net_price?: string | null
  amount?: string | null
  tax_amount?: string | null
  total?: string | null
  lot_id: number | null
  lot_no: string
  production_date: string | null
  expiry_date: string | null
  source_line_id: number | null
  source_number: string | null
  done_qty: string
  remaining_qty: string
  remark: string
}

export interface PurchaseDocSummary {
  id: number
  number: string
  kind: PurchaseKind
  business_date: string
  supplier_id: number
  supplier_name: string
  warehouse_id: number
  warehouse_name: string
  buyer_id: number | null
  buyer_name: string | null
  expected_date: string | null
  currency: string
  rate: string
  status: PurchaseStatus
  receive_status: ReceiveStatus
  remark: string
  total_qty: string
  rejected_qty: string
  amount?: string | null
  tax_amount?: string | null
  total_amount?: string | null
  paid_amount?: string | null
  account_id: number | null
  account_name: string | null
  overdue: boolean
  version: number
  line_count?: number
  created_by_name: string | null
  created_at: string
  approved_by_name: string | null
  approved_at: string | null
  reversed_by_name: string | null
  reversed_at: string | null
  closed_by_name: string | null
  closed_at: string | null
}

export interface PurchaseDocRead extends PurchaseDocSummary {
  sources: DocLink[]
  followers: DocLink[]
  lines: PurchaseDocLineRead[]
}

export interface PurchaseLineWrite {
  sku_id: number
  unit_id: number
  qty: string
  rejected_qty?: string
  price?: string
  discount_rate?: string
  tax_rate?: string
  lot_no?: string
  production_date?: string | null
  expiry_date?: string | null
  source_line_id?: number | null
  remark?: string
}

export interface PurchaseDocWrite {
  business_date: string
  supplier_id: number
  warehouse_id: number
  buyer_id?: number | null
  expected_date?: string | null
  currency?: string
  rate?: string
  remark?: string
  paid_amount?: string
  account_id?: number | null
  lines: PurchaseLineWrite[]
}

export interface OpenOrderLine {
  order_id: number
  order_number: string
  business_date: string
  expected_date: string | null
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
  received_qty: string
  remaining_qty: string
  remaining_unit_qty: string
  price?: string | null
  discount_rate: string
  tax_rate: string
}

export interface ReturnableLine {
  receipt_id: number
  receipt_number: string
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
  price?: string | null
  discount_rate?: string
  tax_rate?: string
}

export interface PriceDefault {
  price?: string | null
  source: 'last' | 'reference' | 'none'
  last_date: string | null
  last_number: string | null
}

export interface OverdueOrder extends PurchaseDocSummary {
  days_overdue: number
}

export interface SupplierDelivery {
  receipt_id: number
  number: string
  business_date: string
  order_numbers: string | string[]
  qty: string
  rejected_qty: string
  total?: string | null
  on_time: boolean | null
}

export interface SupplierRecord {
  supplier_id: number
  supplier_name: string
  purchased_amount?: string | null
  outstanding_amount: string
  order_count: number
  receipt_count: number
  delivered_qty: string
  rejected_qty: string
  quality_rate: string | null
  on_time_rate: string | null
  deliveries: SupplierDelivery[]
}

export interface PricePoint {
  business_date: string
  doc_number: string
  /** order | receipt (| return) */
  kind: string
  sku_id: number
  sku_code: string
  product_name: string
  unit_name: string
  price?: string | null
  net_price?: string | null
  qty: string
}

export interface ReplenishLine {
  sku_id: number
  sku_code: string
  product_name: string
  spec: string
  warehouse_id: number
  warehouse_name: string
  unit_id: number
  unit_name: string
  on_hand: string
  /** held by approved sales orders */
  reserved: string
  incoming: string
  /** null: no minimum set — proposed because sales orders hold more than stock and incoming */
  min_qty: string | null
  max_qty: string | null
  proposed_qty: string
  price?: string | null
  reason: 'below_min' | 'sales_shortage'
}

export interface ReplenishGroup {
  supplier_id: number | null
  supplier_name: string | null
  lines: ReplenishLine[]
}

export interface ReplenishOrderLine {
  supplier_id: number
  warehouse_id: number
  sku_id: number
  unit_id: number
  qty: string
  price?: string
}

// The generated OpenAPI schema (make api) must fit these read shapes: a back-end change that breaks them fails
// the type check here. (Write bodies are not compared: the generator marks defaulted fields as required.)
type S = components['schemas']
type Fits<T extends U, U> = T
// sales has shapes of the same class name: the generator then qualifies both with their module path
type Named<A extends string, B extends string> = A extends keyof S ? S[A] : B extends keyof S ? S[B] : never
export type SchemaFits = [
  Fits<S['PurchaseDocRead'], PurchaseDocRead>,
  Fits<S['PurchaseDocSummary'], PurchaseDocSummary>,
  Fits<Named<'OpenOrderLine', 'jxc__purchasing__schemas__OpenOrderLine'>, OpenOrderLine>,
  Fits<Named<'ReturnableLine', 'jxc__purchasing__schemas__ReturnableLine'>, ReturnableLine>,
  Fits<S['OverdueOrder'], OverdueOrder>,
  Fits<Named<'PriceDefaultRead', 'jxc__purchasing__schemas__PriceDefaultRead'>, PriceDefault>,
  Fits<S['SupplierRecord'], SupplierRecord>,
  Fits<S['PricePoint'], PricePoint>,
  Fits<S['ProposalGroup'], ReplenishGroup>,
]
