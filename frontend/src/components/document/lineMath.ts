// Pure logic of the line grid (kept out of the components so it can be tested without a DOM):
// exact unit conversion and totals with big.js, keyboard navigation between editable cells,
// merging scanned codes into lines and mapping problem+json `lines.N` errors to grid lines.
import Big from 'big.js'
import type { FieldError } from '@/api/types'
import type { EditLine, LineColumnKey, Tracking, UnitOption } from './types'

let seq = 0
/** A fresh local key for a grid line. */
export function nextKey(): number {
  seq += 1
  return seq
}

export function newLine(over: Partial<EditLine> = {}): EditLine {
  return {
    key: nextKey(),
    sku_id: null,
    sku_code: '',
    product_name: '',
    spec: '',
    attributes_text: '',
    tracking: 'none',
    base_unit_name: '',
    units: [],
    unitsLoaded: false,
    unit_id: null,
    qty: '',
    lot_id: null,
    lot_no: '',
    production_date: '',
    expiry_date: '',
    unit_cost: '',
    server_amount: null,
    remark: '',
    text: '',
    ...over,
  }
}

/** What every saved document line (purchase, sales, stock) answers with, as far as the grid needs it. */
export interface SavedLineRead {
  sku_id: number
  sku_code: string
  product_name: string
  spec?: string | null
  attributes_text?: string | null
  tracking: string
  base_unit_name: string
  unit_id: number
  unit_name: string
  qty: string
  base_qty: string
  lot_id?: number | null
  lot_no?: string | null
  production_date?: string | null
  expiry_date?: string | null
  remark?: string | null
}

/** A grid line of a saved document line. It knows only its own unit (ratio from its quantities); the other
 * units load when the line is edited, so opening a long document costs no unit requests. */
export function savedLine(r: SavedLineRead, over: Partial<EditLine> = {}): EditLine {
  const q = big(r.qty)
  const b = big(r.base_qty)
  const ratio = q && b && !q.eq(0) ? b.div(q).toString() : '1'
  return newLine({
    sku_id: r.sku_id,
    sku_code: r.sku_code,
    product_name: r.product_name,
    spec: r.spec ?? '',
    attributes_text: r.attributes_text ?? '',
    tracking: r.tracking as Tracking,
    base_unit_name: r.base_unit_name,
    units: [{ unit_id: r.unit_id, name: r.unit_name, ratio }],
    unitsLoaded: false,
    unit_id: r.unit_id,
    qty: trimDec(r.qty),
    lot_id: r.lot_id ?? null,
    lot_no: r.lot_no ?? '',
    production_date: r.production_date ?? '',
    expiry_date: r.expiry_date ?? '',
    remark: r.remark ?? '',
    text: r.product_name,
    ...over,
  })
}

export function isBlank(l: EditLine): boolean {
  return !l.sku_id
}

/** A decimal string: digits with an optional fraction (no sign, no exponent). */
export function isDecimal(s: string | null | undefined): boolean {
  return typeof s === 'string' && /^\d+(\.\d+)?$/.test(s.trim())
}

export function big(s: string | null | undefined): Big | null {
  if (!isDecimal(s)) return null
  return new Big((s as string).trim())
}

/** `12.0000` → `12` (display and editing); anything not a decimal is returned as it is. */
export function trimDec(s: string | null | undefined): string {
  if (s === null || s === undefined) return ''
  return big(s)?.toString() ?? s
}

export function ratioOf(l: EditLine): string | null {
  return l.units.find((u) => u.unit_id === l.unit_id)?.ratio ?? null
}

export function unitNameOf(l: EditLine): string {
  return l.units.find((u) => u.unit_id === l.unit_id)?.name ?? ''
}

/** qty × ratio of the line's unit, or null when either is missing or invalid. */
export function baseQty(l: EditLine): string | null {
  const q = big(l.qty)
  const r = big(ratioOf(l))
  if (!q || !r) return null
  return q.times(r).toString()
}

/** 金额 = 数量 × 单价, rounded half up to 2 decimals; '' when either is missing. */
export function lineAmount(l: EditLine): string {
  const q = big(l.qty)
  const c = big(l.unit_cost)
  if (!q || !c) return l.server_amount ?? ''
  return q.times(c).round(2, Big.roundHalfUp).toFixed(2)
}

export interface Totals {
  /** Σ base quantities */
  qty: string
  /** Σ line amounts (2 decimals) */
  amount: string
  /** lines with a product */
  count: number
}

export function totals(lines: EditLine[]): Totals {
  let qty = new Big(0)
  let amount = new Big(0)
  let count = 0
  for (const l of lines) {
    if (isBlank(l)) continue
    count += 1
    const b = baseQty(l)
    if (b !== null) qty = qty.plus(b)
    const a = lineAmount(l)
    if (a) amount = amount.plus(a)
  }
  return { qty: qty.toString(), amount: amount.toFixed(2), count }
}

const MAX_DP = 6

/**
 * The same physical quantity in another unit: qty × fromRatio ÷ toRatio. `exact` is false when the
 * result needs more than 6 decimals (it is then rounded half up to 6).
 */
export function convertQty(qty: string, fromRatio: string, toRatio: string): { qty: string; exact: boolean } {
  const q = big(qty)
  const f = big(fromRatio)
  const t = big(toRatio)
  if (!q || !f || !t || t.eq(0)) return { qty, exact: false }
  const base = q.times(f)
  const prevDp = Big.DP
  Big.DP = 30
  try {
    const raw = base.div(t)
    const rounded = raw.round(MAX_DP, Big.roundHalfUp)
    return { qty: rounded.toString(), exact: rounded.times(t).eq(base) }
  } finally {
    Big.DP = prevDp
  }
}

/** Unit price per the new unit (amount stays the same): cost × toRatio ÷ fromRatio, 6 decimals. */
export function convertCost(cost: string, fromRatio: string, toRatio: string): string {
  const c = big(cost)
  const f = big(fromRatio)
  const t = big(toRatio)
  if (!c || !f || !t || f.eq(0)) return cost
  const prevDp = Big.DP
  Big.DP = 30
  try {
    return c.times(t).div(f).round(MAX_DP, Big.roundHalfUp).toString()
  } finally {
    Big.DP = prevDp
  }
}

/** Switches a line to another of its units, converting qty and unit cost. Returns false when inexact. */
export function changeUnit(l: EditLine, unitId: number): boolean {
  const from = ratioOf(l)
  const to = l.units.find((u) => u.unit_id === unitId)?.ratio ?? null
  l.unit_id = unitId
  if (!from || !to || from === to) return true
  let exact = true
  if (l.qty.trim()) {
    const c = convertQty(l.qty, from, to)
    l.qty = c.qty
    exact = c.exact
  }
  if (l.unit_cost.trim()) l.unit_cost = convertCost(l.unit_cost, from, to)
  return exact
}

/** What a product search row gives a line (SkuPick-shaped). */
export interface SkuLike {
  sku_id: number
  code: string
  name: string
  spec?: string | null
  attributes_text?: string | null
  tracking: Tracking
  base_unit_id: number
  base_unit_name: string
  units: UnitOption[]
  purchase_price?: string | null
}

export function unitsOf(row: SkuLike): UnitOption[] {
  const units = [...row.units]
  if (!units.some((u) => u.unit_id === row.base_unit_id)) units.unshift({ unit_id: row.base_unit_id, name: row.base_unit_name, ratio: '1' })
  return units
}

/** Fills a line from a picked SKU (keeps qty; qty 1 when empty). */
export function applySku(l: EditLine, row: SkuLike, unitId?: number) {
  l.sku_id = row.sku_id
  l.sku_code = row.code
  l.product_name = row.name
  l.spec = row.spec ?? ''
  l.attributes_text = row.attributes_text ?? ''
  l.tracking = row.tracking
  l.base_unit_name = row.base_unit_name
  l.units = unitsOf(row)
  l.unitsLoaded = true
  l.unit_id = unitId && l.units.some((u) => u.unit_id === unitId) ? unitId : row.base_unit_id
  if (!l.qty.trim()) l.qty = '1'
  l.lot_id = null
  l.lot_no = ''
  l.production_date = ''
  l.expiry_date = ''
  l.server_amount = null
  l.text = row.name
}

/** Adds `qty` to a decimal string exactly. */
export function addQty(a: string, b: string): string {
  return (big(a) ?? new Big(0)).plus(big(b) ?? new Big(0)).toString()
}

/**
 * A scanned SKU + unit: adds `qty` to the first line with the same SKU and unit (and no lot chosen),
 * or inserts a new line before the trailing blank line. Returns the index of the line touched.
 */
export function mergeScan(lines: EditLine[], row: SkuLike, unitId: number, qty = '1'): { index: number; merged: boolean } {
  const i = lines.findIndex((l) => l.sku_id === row.sku_id && l.unit_id === unitId && !l.lot_no)
  if (i >= 0) {
    lines[i].qty = addQty(lines[i].qty, qty)
    return { index: i, merged: true }
  }
  const line = newLine()
  applySku(line, row, unitId)
  line.qty = qty
  let at = lines.length
  while (at > 0 && isBlank(lines[at - 1])) at -= 1
  // reuse the first blank line after the filled ones, if any
  if (at < lines.length) {
    const blankKey = lines[at].key
    lines.splice(at, 1, { ...line, key: blankKey })
  } else lines.splice(at, 0, line)
  return { index: at, merged: false }
}

/** Makes sure the grid ends with one blank line (for typing the next product). */
export function ensureTrailingBlank(lines: EditLine[]) {
  if (!lines.length || !isBlank(lines[lines.length - 1])) lines.push(newLine())
}

// ---------- keyboard navigation ----------

export interface CellPos {
  row: number
  col: LineColumnKey
}

/** Whether a cell takes input on that line (lot cells only on lot-tracked lines; blank lines only the product). */
export type EditablePredicate = (row: number, col: LineColumnKey) => boolean

/**
 * The next editable cell after `pos` (dir 1) or before it (dir -1), row by row. Past the last editable
 * cell of the last line: `append` is true and the position is the product cell of a new line.
 */
export function nextCell(
  pos: CellPos,
  cols: LineColumnKey[],
  rowCount: number,
  editable: EditablePredicate,
  dir: 1 | -1 = 1,
): { pos: CellPos; append: boolean } | null {
  let r = pos.row
  let c = cols.indexOf(pos.col)
  if (c < 0) return null
  for (;;) {
    c += dir
    if (c >= cols.length) {
      c = 0
      r += 1
    } else if (c < 0) {
      c = cols.length - 1
      r -= 1
    }
    if (r < 0) return null
    if (r >= rowCount) return { pos: { row: rowCount, col: cols[0] }, append: true }
    if (editable(r, cols[c])) return { pos: { row: r, col: cols[c] }, append: false }
  }
}

// ---------- server errors ----------

/** `lines.3.qty` / `body.lines.3` → 3; anything else → null. */
export function lineIndexOf(field: string): number | null {
  const m = /^(?:body\.)?lines\.(\d+)(?:\.|$)/.exec(field)
  return m ? Number(m[1]) : null
}

/**
 * Maps problem+json field errors to the grid: `lines.N` names the N-th line sent (blank lines are not
 * sent). Returns messages per line key, and the other (header) errors by field.
 */
export function mapLineErrors(
  errors: FieldError[] | undefined,
  lines: EditLine[],
): { byLine: Record<number, string[]>; rows: { no: number; messages: string[] }[]; header: Record<string, string> } {
  const sent = lines.filter((l) => !isBlank(l))
  const byLine: Record<number, string[]> = {}
  const header: Record<string, string> = {}
  for (const e of errors ?? []) {
    const i = lineIndexOf(e.field)
    if (i !== null && sent[i]) {
      const k = sent[i].key
      ;(byLine[k] ??= []).push(e.message)
    } else {
      const f = e.field.replace(/^(body|query|path)\./, '')
      header[f] = header[f] ? `${header[f]}；${e.message}` : e.message
    }
  }
  const rows = lines
    .map((l, i) => ({ no: i + 1, messages: byLine[l.key] ?? [] }))
    .filter((r) => r.messages.length > 0)
  return { byLine, rows, header }
}

// ---------- client checks before saving ----------

export type LineProblem = 'qty' | 'unit' | 'cost' | 'lot'

/** What is wrong with a filled line before it is sent, or null. */
export function lineProblem(l: EditLine, opts: { costRequired?: boolean; lotRequired?: boolean } = {}): LineProblem | null {
  if (!l.unit_id) return 'unit'
  const q = big(l.qty)
  if (!q || q.lte(0)) return 'qty'
  if (opts.costRequired && !big(l.unit_cost)) return 'cost'
  if (l.unit_cost.trim() && !big(l.unit_cost)) return 'cost'
  if (opts.lotRequired && l.tracking === 'lot' && !l.lot_no.trim()) return 'lot'
  return null
}

// ---------- helpers shared by the priced documents (purchasing, sales) ----------

/** The value of an editor's extra column on a line ('' when unset). */
export const ex = (l: EditLine, k: string): string => l.extra?.[k] ?? ''

/** A decimal with at most `dp` decimals (a leading minus is refused). */
export function decOk(s: string, dp: number): boolean {
  const v = s.trim()
  if (!/^\d+(\.\d+)?$/.test(v)) return false
  const frac = v.split('.')[1] ?? ''
  return frac.length <= dp
}

/** Base quantity as a quantity of a unit with `ratio`, rounded down to `dp` decimals. */
export function baseToUnit(baseQty: string, ratio: string, dp = 4): string {
  const b = big(baseQty)
  const r = big(ratio)
  if (!b || !r || r.eq(0)) return baseQty
  const prev = Big.DP
  Big.DP = 30
  try {
    return b.div(r).round(dp, Big.roundDown).toString()
  } finally {
    Big.DP = prev
  }
}
