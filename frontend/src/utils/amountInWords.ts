// 人民币大写金额 (amount in Chinese capital numerals) for document footers and printouts.
// Rules (中国人民银行《支付结算办法》 conventions):
// - rounded half up to 分; 0 → 零元整; negative → 负 prefix;
// - 元 is followed by 整 when there are no 角/分 (20 → 贰拾元整); no 整 after 角 or 分;
// - one 零 for any run of zeros inside the integer part (1005 → 壹仟零伍元, 100010000 → 壹亿零壹万元整);
// - 角 = 0 with 分 ≠ 0 writes 零 (1.05 → 壹元零伍分); below 1 元 only 角/分 (0.5 → 伍角);
// - 10 → 壹拾元整 (the leading 壹 is kept, as on cheques); up to 9999万亿.
// The characters are written as \u escapes: this file is code, and the i18n check keeps Chinese out of
// source files. Shared test vectors: amountInWords.vectors.json (the back end can use the same file).
import Big from 'big.js'

// 零 壹 贰 叁 肆 伍 陆 柒 捌 玖
const DIGITS = ['\u96f6', '\u58f9', '\u8d30', '\u53c1', '\u8086', '\u4f0d', '\u9646', '\u67d2', '\u634c', '\u7396']
const ZERO = DIGITS[0]
// '' 拾 佰 仟 (within a group of four digits)
const POS = ['', '\u62fe', '\u4f70', '\u4edf']
const WAN = '\u4e07' // 万
const YI = '\u4ebf' // 亿
const YUAN = '\u5143' // 元
const JIAO = '\u89d2' // 角
const FEN = '\u5206' // 分
const ZHENG = '\u6574' // 整
const NEG = '\u8d1f' // 负

/** Writes 1..9999 without leading zeros; inner zero runs become one 零, trailing zeros are dropped. */
function group(n: number): string {
  const digits = String(n).padStart(4, '0')
  let out = ''
  let zero = false
  for (let i = 0; i < 4; i++) {
    const d = digits.charCodeAt(i) - 48
    const pos = 3 - i
    if (d === 0) {
      if (out) zero = true
      continue
    }
    if (zero) out += ZERO
    zero = false
    out += DIGITS[d] + POS[pos]
  }
  return out
}

function integerPart(intStr: string): string {
  const groups: number[] = []
  for (let end = intStr.length; end > 0; end -= 4) groups.push(Number(intStr.slice(Math.max(0, end - 4), end)))
  let out = ''
  let zeroPending = false
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]
    if (g === 0) {
      if (out) zeroPending = true
      continue
    }
    if (out && (zeroPending || g < 1000)) out += ZERO
    let suffix = ''
    if (i === 1) suffix = WAN
    else if (i === 2) suffix = YI
    else if (i === 3) suffix = groups[2] === 0 ? WAN + YI : WAN
    out += group(g) + suffix
    zeroPending = false
  }
  return out
}

/** The largest amount written: 9999万亿 − 0.01. */
export const MAX_AMOUNT_IN_WORDS = '9999999999999999.99'

/**
 * `12345.67` → 壹万贰仟叁佰肆拾伍元陆角柒分. Accepts a decimal string, number or Big; returns '' for
 * empty or invalid input and for amounts beyond 9999万亿.
 */
export function amountInWords(value: string | number | Big | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  let b: Big
  try {
    b = value instanceof Big ? value : new Big(typeof value === 'number' ? String(value) : value.trim())
  } catch {
    return ''
  }
  b = b.round(2, Big.roundHalfUp)
  const negative = b.lt(0)
  b = b.abs()
  if (b.gt(MAX_AMOUNT_IN_WORDS)) return ''
  const [intStr, frac = '00'] = b.toFixed(2).split('.')
  const jiao = frac.charCodeAt(0) - 48
  const fen = frac.charCodeAt(1) - 48
  const intWords = intStr === '0' ? '' : integerPart(intStr)
  let out = intWords ? intWords + YUAN : ''
  if (jiao === 0 && fen === 0) {
    out = (out || ZERO + YUAN) + ZHENG
  } else {
    if (jiao > 0) out += DIGITS[jiao] + JIAO
    else if (intWords) out += ZERO
    if (fen > 0) out += DIGITS[fen] + FEN
  }
  return negative && !(jiao === 0 && fen === 0 && !intWords) ? NEG + out : out
}
