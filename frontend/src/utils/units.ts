// Multi-unit helpers (基本单位 + 辅助单位 with a ratio). Ratios and quantities are decimal
// strings; all arithmetic goes through big.js.
import Big from 'big.js'

export interface UnitRatio {
  unit_id: number
  name: string
  /** how many base units one of this unit holds ("1" for the base unit) */
  ratio: string
}

/** A ratio must be > 0 with at most 6 decimals. */
export function ratioProblem(ratio: string): 'required' | 'invalid' | 'positive' | 'decimals' | null {
  const s = (ratio ?? '').trim()
  if (!s) return 'required'
  if (!/^\d+(\.\d+)?$/.test(s)) return 'invalid'
  if (new Big(s).lte(0)) return 'positive'
  const frac = s.split('.')[1] ?? ''
  if (frac.replace(/0+$/, '').length > 6) return 'decimals'
  return null
}

/** `24.000000` → `24`, `0.500` → `0.5`. */
export function trimDecimal(v: string): string {
  try {
    return new Big(v).toString()
  } catch {
    return v
  }
}

/** "1 箱 = 24 瓶" */
export function ratioText(unitName: string, ratio: string, baseName: string): string {
  return `1 ${unitName} = ${trimDecimal(ratio)} ${baseName}`
}

/** Base quantity of `qty` in `unit` (qty × ratio). */
export function toBase(qty: string, ratio: string): string {
  return new Big(qty).times(new Big(ratio)).toString()
}

/**
 * A base quantity split over the units, largest first: 50 瓶 with 箱 = 24 → "2箱2瓶".
 * Only whole larger units are taken; the remainder stays in the base unit.
 */
export function splitQty(baseQty: string, units: UnitRatio[]): string {
  let rest = new Big(baseQty)
  const negative = rest.lt(0)
  rest = rest.abs()
  const sorted = [...units].sort((a, b) => new Big(b.ratio).cmp(new Big(a.ratio)))
  const base = sorted.find((u) => new Big(u.ratio).eq(1))
  const parts: string[] = []
  for (const u of sorted) {
    const r = new Big(u.ratio)
    if (r.eq(1)) continue
    if (r.lte(1)) continue
    const n = rest.div(r).round(0, Big.roundDown)
    if (n.gt(0)) {
      parts.push(`${n.toString()}${u.name}`)
      rest = rest.minus(n.times(r))
    }
  }
  if (rest.gt(0) || parts.length === 0) parts.push(`${rest.toString()}${base?.name ?? ''}`)
  return (negative ? '-' : '') + parts.join('')
}
