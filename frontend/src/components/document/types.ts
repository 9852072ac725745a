import type { components } from '@/api/schema'

// Shapes shared by every document editor (stock documents now; purchasing and sales later).

export type DocStatus = 'draft' | 'approved' | 'reversed' | 'void'
/** An editor's state: a document not saved yet is 'new'. */
export type EditorStatus = DocStatus | 'new'

export type Tracking = 'none' | 'lot' | 'serial'

/** 制单/审核/红冲 trail of a document. */
export interface DocTrail {
  created_by_name?: string | null
  created_at?: string | null
  approved_by_name?: string | null
  approved_at?: string | null
  reversed_by_name?: string | null
  reversed_at?: string | null
}

export interface UnitOption {
  unit_id: number
  name: string
  /** base units in one of this unit */
  ratio: string
}

/** One line of the grid while editing. Quantities and money are decimal strings. */
export interface EditLine {
  /** local key (stable while editing) */
  key: number
  sku_id: number | null
  sku_code: string
  product_name: string
  spec: string
  attributes_text: string
  tracking: Tracking
  base_unit_name: string
  /** the units the line may use (the SKU's units; filled lazily for loaded lines) */
  units: UnitOption[]
  /** true once `units` holds all of the SKU's units */
  unitsLoaded: boolean
  unit_id: number | null
  qty: string
  lot_id: number | null
  lot_no: string
  production_date: string
  expiry_date: string
  unit_cost: string
  /** the server's amount (read-only documents) */
  server_amount: string | null
  remark: string
  /** what the product cell shows / the user typed */
  text: string
  /** values of the editor's own extra columns (see ExtraColumn), by column key */
  extra?: Record<string, string>
}

/**
 * A column an editor adds to the line grid (shown after 数量): a text input bound to `line.extra[key]`
 * when `input`, else a read-only text. Inputs take part in Enter/Tab navigation.
 */
export interface ExtraColumn {
  key: string
  title: string
  width?: number
  align?: 'left' | 'right' | 'center'
  input?: boolean
  /** whether this line offers the input (default: every filled line) */
  editableOn?: (l: EditLine) => boolean
  /** shown text when not an input (default `line.extra[key]`) */
  text?: (l: EditLine) => string
  /** marks the input red */
  invalid?: (l: EditLine) => boolean
  /** extra CSS class of the read-only text (e.g. a warning tag look) */
  cellClass?: (l: EditLine) => string
}

/** Columns the line grid knows. */
export type LineColumnKey =
  | 'code'
  | 'product'
  | 'spec'
  | 'unit'
  | 'available'
  | 'qty'
  | 'base_qty'
  | 'lot'
  | 'production_date'
  | 'expiry_date'
  | 'unit_cost'
  | 'amount'
  | 'remark'

/** What a server-side Excel line parser answers (nothing is written): lines and per-cell errors. */
export interface ParsedLines<T> {
  lines: T[]
  errors: { row: number; column: string; message: string }[]
}

// Stock look-ups (generated from the back end's OpenAPI schema).
export type Availability = components['schemas']['Availability']
export type LotOption = components['schemas']['LotStock']
export type LotAllocation = components['schemas']['LotPick']
