// Pure helpers of the stock views and stocktakes (unit-tested in src/__tests__/stock*.spec.ts).
import Big from 'big.js'
import type { AlertKind, StocktakeCount, StocktakeStatus } from './types'

function big(v: string | number | null | undefined): Big | null {
  if (v === null || v === undefined || v === '') return null
  try {
    return new Big(typeof v === 'number' ? String(v) : v.trim())
  } catch {
    return null
  }
}

/** Phones and narrow windows get the card / counting layout. */
export const MOBILE_MAX_WIDTH = 767

export function isMobileWidth(width: number): boolean {
  return width > 0 && width <= MOBILE_MAX_WIDTH
}

/** 盘亏 (counted < book) red, 盘盈 green, nothing for no variance or not counted. */
export function varianceClass(v: string | null | undefined): 'loss' | 'gain' | '' {
  const b = big(v)
  if (b === null || b.eq(0)) return ''
  return b.lt(0) ? 'loss' : 'gain'
}

/** `3` → `+3`, `-1.5` → `-1.5`, `0` → `0`, null → ``. Trailing zeros dropped. */
export function signedQty(v: string | null | undefined): string {
  const b = big(v)
  if (b === null) return ''
  const s = b.toFixed().replace(/^-0$/, '0')
  return b.gt(0) ? `+${s}` : s
}

/** A decimal string without trailing zeros: `9.0000` → `9`. */
export function plainQty(v: string | null | undefined): string {
  const b = big(v)
  return b === null ? '' : b.toFixed().replace(/^-0$/, '0')
}

/** The 建议入库/建议出库 text of an alert row: i18n key + quantity. */
export function alertSuggestion(kind: AlertKind, suggested: string | null | undefined): { key: string; qty: string } | null {
  const b = big(suggested)
  if (b === null || b.lte(0)) return null
  return { key: kind === 'low' ? 'invStock.alerts.suggestIn' : 'invStock.alerts.suggestOut', qty: b.toFixed() }
}

export type ExpiryState = 'expired' | 'today' | 'near'

export function expiryState(daysLeft: number): ExpiryState {
  if (daysLeft < 0) return 'expired'
  if (daysLeft === 0) return 'today'
  return 'near'
}

/** Move kinds (`kind` of GET /stock-moves) that have a label; anything else shows its code. */
export const MOVE_KINDS = [
  'opening',
  'other_in',
  'other_out',
  'transfer_out',
  'transfer_in',
  'stocktake_gain',
  'stocktake_loss',
  'purchase_receipt',
  'purchase_return',
  'sales_delivery',
  'sales_return',
  'retail',
] as const

export type MoveSuffix = 'undo' | 'reversal'

/**
 * The i18n key of a move kind and of its suffix: `stocktake_loss_reversal` →
 * { key: 'invStock.kinds.stocktake_loss', suffix: 'reversal' }; null when unknown.
 */
export function moveKind(kind: string): { key: string; suffix: MoveSuffix | null } | null {
  const m = /^(.*?)(?:_(undo|reversal))?$/.exec(kind)
  const base = m?.[1] ?? kind
  if (!(MOVE_KINDS as readonly string[]).includes(base)) return null
  return { key: `invStock.kinds.${base}`, suffix: (m?.[2] as MoveSuffix | undefined) ?? null }
}

export const STOCKTAKE_STATUS_TAG: Record<StocktakeStatus, 'warning' | 'success' | 'danger' | 'info'> = {
  draft: 'warning',
  approved: 'success',
  reversed: 'danger',
  void: 'info',
}

export interface Who {
  display_name: string
  username: string
}

function isMine(c: StocktakeCount, me: Who | null | undefined): boolean {
  return !!me && (c.user_name === me.display_name || c.user_name === me.username)
}

/** The current user's count on a line ("0" when none). */
export function myCount(counts: StocktakeCount[] | undefined, me: Who | null | undefined): string {
  return (counts ?? [])
    .filter((c) => isMine(c, me))
    .reduce((acc, c) => acc.plus(big(c.qty) ?? 0), new Big(0))
    .toFixed()
}

/** Σ of the other counters' counts. */
export function othersCount(counts: StocktakeCount[] | undefined, me: Who | null | undefined): string {
  return (counts ?? [])
    .filter((c) => !isMine(c, me))
    .reduce((acc, c) => acc.plus(big(c.qty) ?? 0), new Big(0))
    .toFixed()
}

/**
 * Editing the 实盘数量 of a line sets the total; the API sets the current user's share
 * (counted = Σ counters). Returns the user's new count, or null when the total is not a number
 * or is below what the others counted.
 */
export function myShareForTotal(total: string, counts: StocktakeCount[] | undefined, me: Who | null | undefined): string | null {
  const want = big(total)
  if (want === null || want.lt(0)) return null
  const share = want.minus(new Big(othersCount(counts, me)))
  return share.lt(0) ? null : share.toFixed()
}

/** The user's count after a +/− step, never below zero. */
export function stepCount(current: string, delta: number): string {
  const next = (big(current) ?? new Big(0)).plus(delta)
  return next.lt(0) ? '0' : next.toFixed()
}

/** A counting quantity typed by hand: a non-negative number, at most 4 decimals. */
export function validCount(v: string): boolean {
  return /^\d+(\.\d{1,4})?$/.test(v.trim())
}

/**
 * Runs scans one after another, in the order they were typed (a scanner is faster than the
 * server): `push` never blocks the input, `pending` counts what is still to send.
 */
export class ScanQueue<T> {
  private chain: Promise<unknown> = Promise.resolve()
  pending = 0
  constructor(
    private readonly send: (code: string) => Promise<T>,
    private readonly onChange: (pending: number) => void = () => {},
  ) {}

  push(code: string): Promise<T> {
    this.pending++
    this.onChange(this.pending)
    const run = this.chain.then(() => this.send(code))
    this.chain = run.then(
      () => this.done(),
      () => this.done(),
    )
    return run
  }

  private done() {
    this.pending--
    this.onChange(this.pending)
  }
}
