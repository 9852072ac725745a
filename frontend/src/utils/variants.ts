// SKU matrix for products with attributes (颜色 × 尺码 …): every combination of the attribute
// values is one SKU. Existing SKUs are kept (matched by their attribute values).

export interface Attribute {
  name: string
  values: string[]
}

export type AttrValues = Record<string, string>

/** Cartesian product of the attribute values, in attribute order (first attribute varies slowest). */
export function combinations(attributes: Attribute[]): AttrValues[] {
  const attrs = attributes.filter((a) => a.name.trim() && a.values.length > 0)
  if (attrs.length === 0) return []
  let out: AttrValues[] = [{}]
  for (const a of attrs) {
    const next: AttrValues[] = []
    for (const combo of out) for (const v of a.values) next.push({ ...combo, [a.name.trim()]: v })
    out = next
  }
  return out
}

/** Stable key of one combination (independent of the object's key order). */
export function comboKey(attrs: AttrValues): string {
  return JSON.stringify(
    Object.keys(attrs)
      .sort()
      .map((k) => [k, attrs[k]]),
  )
}

/** "红色 / M" */
export function comboText(attrs: AttrValues, order?: string[]): string {
  const keys = order ?? Object.keys(attrs)
  return keys
    .filter((k) => k in attrs)
    .map((k) => attrs[k])
    .join(' / ')
}

/** `<product code>-01`, `-02`, … (empty when the product code is not known yet). */
export function skuCode(productCode: string, index: number, digits = 2): string {
  if (!productCode.trim()) return ''
  return `${productCode.trim()}-${String(index + 1).padStart(digits, '0')}`
}

export interface SkuLike {
  key: string
  attributes: AttrValues
}

/**
 * The SKU list for the attributes: existing SKUs whose combination still exists keep their
 * data; new combinations get `make(attrs, index)`. Returns the rows in matrix order and the
 * existing ones that no longer fit (they will be deleted on save).
 */
export function rebuildSkus<T extends SkuLike>(
  attributes: Attribute[],
  existing: T[],
  make: (attrs: AttrValues, index: number) => T,
): { skus: T[]; removed: T[] } {
  const combos = combinations(attributes)
  const byKey = new Map(existing.map((s) => [s.key, s]))
  if (combos.length === 0) {
    const plain = byKey.get(comboKey({}))
    const skus = [plain ?? make({}, 0)]
    return { skus, removed: existing.filter((s) => s !== skus[0]) }
  }
  const skus = combos.map((c, i) => byKey.get(comboKey(c)) ?? make(c, i))
  const kept = new Set(skus)
  return { skus, removed: existing.filter((s) => !kept.has(s)) }
}

/** Splits "S, M、L ，XL" into unique trimmed values. */
export function splitValues(text: string): string[] {
  const out: string[] = []
  for (const v of text.split(/[,，、;；\s]+/)) {
    const s = v.trim()
    if (s && !out.includes(s)) out.push(s)
  }
  return out
}
