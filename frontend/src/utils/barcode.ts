// Client-side barcode checks for instant feedback in the product editor (the server decides).
// GTIN family (EAN-8, UPC-A = 12 digits, EAN-13, GTIN-14) carries a mod-10 check digit;
// other barcodes (internal codes, Code 128 text) are accepted as they are.

export type BarcodeProblem = 'empty' | 'scientific' | 'check_digit' | 'chars'

/** The mod-10 check digit for the digits before it (GS1 weights 3,1,3,… from the right). */
export function gtinCheckDigit(body: string): number {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48
    sum += d * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10
}

export function isGtinLength(code: string): boolean {
  return /^\d+$/.test(code) && [8, 12, 13, 14].includes(code.length)
}

/** True for a digit string of GTIN length whose last digit is right. */
export function validGtin(code: string): boolean {
  if (!isGtinLength(code)) return false
  return gtinCheckDigit(code.slice(0, -1)) === Number(code[code.length - 1])
}

/** What is wrong with a barcode, or null when it looks fine. */
export function barcodeProblem(raw: string): BarcodeProblem | null {
  const code = raw.trim()
  if (!code) return 'empty'
  // Excel turns long numbers into 6.9E+12
  if (/^\d+(\.\d+)?[eE][+-]?\d+$/.test(code)) return 'scientific'
  if (!/^[\x21-\x7e]+$/.test(code)) return 'chars'
  if (isGtinLength(code) && !validGtin(code)) return 'check_digit'
  return null
}

/** Appends the check digit to 7, 11, 12 or 13 digits. */
export function withCheckDigit(body: string): string {
  return body + String(gtinCheckDigit(body))
}
