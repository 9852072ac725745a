import { big } from './lineMath'

// 选单 (pick lines from a source document): the rows of `PickSourceLinesDialog` and what it does with them,
// kept free of Vue so that purchasing and sales share one behaviour.

/** One source line as the dialog shows it; `source` is the caller's own record (order line, receipt line …). */
export interface PickSourceLine<S> {
  /** source line id (compared with `taken`) */
  id: number
  /** the source document's number */
  number: string
  date: string
  code: string
  name: string
  spec: string
  /** the line's unit name (suffix of the quantity input) */
  unit: string
  lot: string
  /** shown only when the dialog has a price column */
  price?: string
  /** 原数量 (ordered / received / delivered) */
  ordered: string
  /** 已入库 / 已出库 / 已退 */
  done: string
  /** 剩余, in base units */
  remaining: string
  /** remaining in the row's unit: what a checked row is filled with */
  fill: string
  source: S
}

/** A row of the dialog: a source line plus the user's choice. */
export interface PickRow<S> extends PickSourceLine<S> {
  checked: boolean
  /** quantity in the row's unit */
  qty: string
}

/** A picked line handed back on 确定. */
export interface PickedLine<S> {
  line: PickSourceLine<S>
  /** quantity in the line's unit, trimmed */
  qty: string
}

/** Translated texts of one dialog (the caller's i18n keys). */
export interface PickLabels {
  title: string
  search: string
  all: string
  none: string
  empty: string
  /** the source document number column */
  number: string
  date: string
  ordered: string
  done: string
  remaining: string
  qty: string
  /** the price column; none when omitted */
  price?: string
  /** footer count */
  chosen: (n: number) => string
}

export function toPickRows<S>(lines: PickSourceLine<S>[]): PickRow<S>[] {
  return lines.map((l) => ({ ...l, checked: false, qty: '' }))
}

/** Checking a row fills it with what remains (a quantity already typed is kept); unchecking clears it. */
export function checkRow<S>(r: PickRow<S>, on: boolean) {
  r.checked = on
  r.qty = on ? r.qty || r.fill : ''
}

/** 全选 / 全不选: every row except those already on the document. */
export function checkAllRows<S>(rows: PickRow<S>[], taken: readonly number[], on: boolean) {
  for (const r of rows) if (!taken.includes(r.id)) checkRow(r, on)
}

/** A checked row asking for more than remains (`fill`, in the row's unit): marked at once, never confirmed. */
export function isOver<S>(r: PickRow<S>): boolean {
  if (!r.checked) return false
  const q = big(r.qty)
  const max = big(r.fill)
  return !!q && !!max && q.gt(max)
}

/** Checked rows asking for more than remains. */
export function overRows<S>(rows: PickRow<S>[]): PickRow<S>[] {
  return rows.filter((r) => isOver(r))
}

/** Checked rows with a quantity above zero. */
export function chosenRows<S>(rows: PickRow<S>[]): PickRow<S>[] {
  return rows.filter((r) => r.checked && big(r.qty)?.gt(0))
}

export function pickedLines<S>(rows: PickRow<S>[]): PickedLine<S>[] {
  return chosenRows(rows).map(({ checked: _c, qty, ...line }) => ({ line, qty: qty.trim() }))
}
