// Decimal formatting with big.js — money and quantities arrive as strings and are
// never converted to JS floats.
import Big from 'big.js'

export type Decimalish = string | number | Big | null | undefined

function toBig(value: Decimalish): Big | null {
  if (value === null || value === undefined || value === '') return null
  try {
    return value instanceof Big ? value : new Big(typeof value === 'number' ? String(value) : value.trim())
  } catch {
    return null
  }
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** `1234.5` → `1,234.50`; `-0.004` → `0.00` (rounds half up, no negative zero). */
export function formatDecimal(value: Decimalish, precision = 2, grouping = true): string {
  const b = toBig(value)
  if (b === null) return ''
  const fixed = b.round(precision, Big.roundHalfUp).toFixed(precision)
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed)
  const unsigned = fixed.replace(/^-/, '')
  const [intPart, frac] = unsigned.split('.')
  const body = (grouping ? groupThousands(intPart) : intPart) + (frac !== undefined ? `.${frac}` : '')
  return negative ? `-${body}` : body
}

/** `1234.5` → `¥1,234.50`, `-8` → `-¥8.00`. Empty input gives ''. */
export function formatMoney(value: Decimalish, precision = 2, symbol = '¥'): string {
  const s = formatDecimal(value, precision)
  if (s === '') return ''
  return s.startsWith('-') ? `-${symbol}${s.slice(1)}` : `${symbol}${s}`
}

/** Quantity with the company's precision, thousands separators included. */
export function formatQty(value: Decimalish, precision = 0): string {
  return formatDecimal(value, precision)
}

export function isNegative(value: Decimalish): boolean {
  const b = toBig(value)
  return b !== null && b.lt(0)
}

/** Sum decimal strings exactly. */
export function sumDecimals(values: Decimalish[]): string {
  return values.reduce<Big>((acc, v) => acc.plus(toBig(v) ?? 0), new Big(0)).toString()
}

/** A unit price as typed and printed: trailing zeros trimmed, but at least 2 decimals (`2.1000` → `2.10`,
 * `84` → `84.00`, `3.325000` → `3.325`). Not a number: given back as it is. */
export function formatUnitPrice(value: string | null | undefined): string {
  const b = toBig(value)
  if (b === null) return value ?? ''
  const plain = b.toString()
  const dot = plain.indexOf('.')
  return dot >= 0 && plain.length - dot - 1 >= 2 ? plain : b.toFixed(2)
}
