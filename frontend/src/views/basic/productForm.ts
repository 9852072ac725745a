// The product editor's state and its mapping to and from the API (ProductRead → draft → ProductWrite),
// plus the client-side checks that give instant feedback (the server has the last word).
import Big from 'big.js'
import type { ProductRead, ProductWrite, SkuPrice, StockLimit, Tracking } from '@/api/types'
import { barcodeProblem, type BarcodeProblem } from '@/utils/barcode'
import { ratioProblem } from '@/utils/units'
import { comboKey, rebuildSkus, type AttrValues, type Attribute } from '@/utils/variants'
import { validPrice, type LevelPrice } from '@/utils/priceLevels'

export const ALL_SKUS = '*'

export interface SkuDraft {
  key: string
  id?: number
  code: string
  attributes: AttrValues
  is_active: boolean
}
export interface UnitDraft {
  unit_id: number | null
  ratio: string
}
export interface BarcodeDraft {
  sku: string
  unit_id: number | null
  barcode: string
}
export interface PriceDraft {
  retail_price: string
  wholesale_price: string
  min_price: string
  purchase_price: string
  level_prices: LevelPrice[]
}
export interface LimitDraft {
  /** SKU key, or ALL_SKUS */
  sku: string
  warehouse_id: number | null
  min_qty: string
  max_qty: string
}
export interface ProductDraft {
  code: string
  name: string
  spec: string
  model: string
  brand: string
  category_id: number | null
  base_unit_id: number | null
  mnemonic: string
  tracking: Tracking
  shelf_life_days: number | null
  location: string
  default_supplier_id: number | null
  image_url: string
  remark: string
  is_active: boolean
  units: UnitDraft[]
  attributes: Attribute[]
  skus: SkuDraft[]
  barcodes: BarcodeDraft[]
  /** `${skuKey}|${unitId}` → prices */
  prices: Record<string, PriceDraft>
  limits: LimitDraft[]
}

export const priceKey = (sku: string, unitId: number) => `${sku}|${unitId}`

export function emptyPrice(): PriceDraft {
  return { retail_price: '', wholesale_price: '', min_price: '', purchase_price: '', level_prices: [] }
}

export function newSku(attrs: AttrValues = {}): SkuDraft {
  return { key: comboKey(attrs), code: '', attributes: attrs, is_active: true }
}

export function emptyDraft(): ProductDraft {
  return {
    code: '',
    name: '',
    spec: '',
    model: '',
    brand: '',
    category_id: null,
    base_unit_id: null,
    mnemonic: '',
    tracking: 'none',
    shelf_life_days: null,
    location: '',
    default_supplier_id: null,
    image_url: '',
    remark: '',
    is_active: true,
    units: [],
    attributes: [],
    skus: [newSku()],
    barcodes: [],
    prices: {},
    limits: [],
  }
}

const str = (v: string | null | undefined) => v ?? ''
const dec = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '' : new Big(v).toString())

export function draftFrom(p: ProductRead): ProductDraft {
  const skus: SkuDraft[] = p.skus.map((s) => ({
    key: comboKey(s.attributes),
    id: s.id,
    code: s.code,
    attributes: { ...s.attributes },
    is_active: s.is_active,
  }))
  const barcodes: BarcodeDraft[] = []
  const prices: Record<string, PriceDraft> = {}
  const perSku: LimitDraft[] = []
  p.skus.forEach((s, i) => {
    const key = skus[i].key
    for (const b of s.barcodes) barcodes.push({ sku: key, unit_id: b.unit_id, barcode: b.barcode })
    for (const pr of s.prices)
      prices[priceKey(key, pr.unit_id)] = {
        retail_price: dec(pr.retail_price),
        wholesale_price: dec(pr.wholesale_price),
        min_price: dec(pr.min_price),
        purchase_price: dec(pr.purchase_price),
        level_prices: pr.level_prices.map((l) => ({ price_level_id: l.price_level_id, price: dec(l.price) })),
      }
    for (const l of s.stock_limits)
      perSku.push({ sku: key, warehouse_id: l.warehouse_id, min_qty: dec(l.min_qty), max_qty: dec(l.max_qty) })
  })
  return {
    code: p.code,
    name: p.name,
    spec: str(p.spec),
    model: str(p.model),
    brand: str(p.brand),
    category_id: p.category_id,
    base_unit_id: p.base_unit_id,
    mnemonic: str(p.mnemonic),
    tracking: p.tracking,
    shelf_life_days: p.shelf_life_days,
    location: str(p.location),
    default_supplier_id: p.default_supplier_id,
    image_url: str(p.image_url),
    remark: str(p.remark),
    is_active: p.is_active,
    units: p.units.filter((u) => !u.is_base).map((u) => ({ unit_id: u.unit_id, ratio: dec(u.ratio) })),
    attributes: p.attributes.map((a) => ({ name: a.name, values: [...a.values] })),
    skus: skus.length ? skus : [newSku()],
    barcodes,
    prices,
    limits: collapseLimits(perSku, skus.map((s) => s.key)),
  }
}

/** Limits that every SKU has identically become one ALL_SKUS row. */
export function collapseLimits(rows: LimitDraft[], skuKeys: string[]): LimitDraft[] {
  if (skuKeys.length <= 1) return rows.map((r) => ({ ...r, sku: ALL_SKUS }))
  const sig = (r: LimitDraft) => `${r.warehouse_id}|${r.min_qty}|${r.max_qty}`
  const out: LimitDraft[] = []
  const done = new Set<string>()
  for (const r of rows) {
    const s = sig(r)
    if (done.has(s)) continue
    const holders = new Set(rows.filter((x) => sig(x) === s).map((x) => x.sku))
    if (skuKeys.every((k) => holders.has(k))) {
      out.push({ ...r, sku: ALL_SKUS })
      done.add(s)
    } else out.push(r)
  }
  return out
}

/** All unit ids of the product: the base unit first, then the extra units. */
export function unitIds(d: ProductDraft): number[] {
  const ids: number[] = []
  if (d.base_unit_id) ids.push(d.base_unit_id)
  for (const u of d.units) if (u.unit_id && !ids.includes(u.unit_id)) ids.push(u.unit_id)
  return ids
}

/** Applies the attribute matrix to the SKU list (keeps the data of SKUs that still exist). */
export function applyMatrix(d: ProductDraft): { removed: SkuDraft[] } {
  const { skus, removed } = rebuildSkus(d.attributes, d.skus, (attrs) => newSku(attrs))
  d.skus = skus
  const keys = new Set(skus.map((s) => s.key))
  d.barcodes = d.barcodes.filter((b) => keys.has(b.sku))
  d.limits = d.limits.filter((l) => l.sku === ALL_SKUS || keys.has(l.sku))
  return { removed: removed.filter((s) => s.id !== undefined) }
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim())

export function toWrite(d: ProductDraft, opts: { canPurchasePrice: boolean; version?: number }): ProductWrite {
  const units = unitIds(d)
  const skus = d.skus.map((s) => {
    const prices: SkuPrice[] = []
    for (const u of units) {
      const p = d.prices[priceKey(s.key, u)]
      if (!p) continue
      const row: SkuPrice = {
        unit_id: u,
        retail_price: orNull(p.retail_price),
        wholesale_price: orNull(p.wholesale_price),
        min_price: orNull(p.min_price),
        level_prices: p.level_prices.filter((l) => l.price.trim() !== ''),
      }
      if (opts.canPurchasePrice) row.purchase_price = orNull(p.purchase_price)
      const empty = !row.retail_price && !row.wholesale_price && !row.min_price && !row.purchase_price && !row.level_prices?.length
      if (!empty) prices.push(row)
    }
    const limits = new Map<number, StockLimit>()
    for (const l of d.limits) {
      if (!l.warehouse_id || (l.sku !== ALL_SKUS && l.sku !== s.key)) continue
      // a row for this SKU overrides the ALL_SKUS row of the same warehouse
      if (l.sku === ALL_SKUS && limits.has(l.warehouse_id)) continue
      limits.set(l.warehouse_id, { warehouse_id: l.warehouse_id, min_qty: orNull(l.min_qty), max_qty: orNull(l.max_qty) })
    }
    return {
      ...(s.id !== undefined ? { id: s.id } : {}),
      code: orNull(s.code),
      attributes: s.attributes,
      is_active: s.is_active,
      barcodes: d.barcodes
        .filter((b) => b.sku === s.key && b.barcode.trim() && b.unit_id)
        .map((b) => ({ barcode: b.barcode.trim(), unit_id: b.unit_id as number })),
      prices,
      stock_limits: [...limits.values()],
    }
  })
  return {
    code: orNull(d.code),
    name: d.name.trim(),
    spec: d.spec.trim(),
    model: d.model.trim(),
    brand: d.brand.trim(),
    category_id: d.category_id,
    base_unit_id: d.base_unit_id as number,
    mnemonic: orNull(d.mnemonic),
    tracking: d.tracking,
    shelf_life_days: d.shelf_life_days,
    location: d.location.trim(),
    default_supplier_id: d.default_supplier_id,
    image_url: orNull(d.image_url),
    remark: d.remark.trim(),
    is_active: d.is_active,
    units: d.units.filter((u) => u.unit_id).map((u) => ({ unit_id: u.unit_id as number, ratio: u.ratio.trim() })),
    attributes: d.attributes
      .filter((a) => a.name.trim() && a.values.length)
      .map((a) => ({ name: a.name.trim(), values: a.values })),
    skus,
    ...(opts.version !== undefined ? { version: opts.version } : {}),
  }
}

export type ClientErrors = Record<string, string>

/**
 * Client checks, keyed like server field errors (`name`, `units.0.ratio`, `barcodes.3`,
 * `prices.<skuKey>|<unit>.retail_price`, `limits.2`). Values are i18n keys.
 */
export function validateDraft(d: ProductDraft): ClientErrors {
  const e: ClientErrors = {}
  if (!d.name.trim()) e.name = 'product.required'
  if (!d.base_unit_id) e.base_unit_id = 'product.required'
  const seenUnits = new Set<number>(d.base_unit_id ? [d.base_unit_id] : [])
  d.units.forEach((u, i) => {
    if (!u.unit_id) e[`units.${i}.unit_id`] = 'product.required'
    else if (seenUnits.has(u.unit_id)) e[`units.${i}.unit_id`] = 'product.duplicateUnit'
    else seenUnits.add(u.unit_id)
    const rp = ratioProblem(u.ratio)
    if (rp) e[`units.${i}.ratio`] = `ratio.${rp}`
  })
  const seenCodes = new Map<string, number>()
  d.barcodes.forEach((b, i) => {
    const p: BarcodeProblem | null = barcodeProblem(b.barcode)
    if (p) e[`barcodes.${i}`] = `barcode.${p}`
    else if (seenCodes.has(b.barcode.trim())) e[`barcodes.${i}`] = 'product.duplicateBarcode'
    else seenCodes.set(b.barcode.trim(), i)
    if (!b.unit_id) e[`barcodes.${i}`] = e[`barcodes.${i}`] ?? 'product.required'
  })
  for (const [k, p] of Object.entries(d.prices)) {
    for (const f of ['retail_price', 'wholesale_price', 'min_price', 'purchase_price'] as const)
      if (!validPrice(p[f])) e[`prices.${k}.${f}`] = 'product.invalidNumber'
    for (const l of p.level_prices) if (!validPrice(l.price)) e[`prices.${k}.level:${l.price_level_id}`] = 'product.invalidNumber'
  }
  d.limits.forEach((l, i) => {
    if (!l.warehouse_id) e[`limits.${i}`] = 'product.required'
    else if (!validPrice(l.min_qty) || !validPrice(l.max_qty)) e[`limits.${i}`] = 'product.invalidNumber'
    else if (l.min_qty.trim() && l.max_qty.trim() && new Big(l.min_qty).gt(new Big(l.max_qty))) e[`limits.${i}`] = 'product.minGtMax'
  })
  return e
}

/** Which editor tab a client or server error key belongs to. */
export function tabOf(key: string): 'basic' | 'units' | 'prices' | 'variants' | 'stock' {
  if (/^(units|barcodes)\b/.test(key) || /^skus\.\d+\.barcodes/.test(key)) return 'units'
  if (/^prices\b/.test(key) || /^skus\.\d+\.prices/.test(key)) return 'prices'
  if (/^limits\b/.test(key) || /^skus\.\d+\.stock_limits/.test(key)) return 'stock'
  if (/^(attributes|skus)\b/.test(key)) return 'variants'
  return 'basic'
}

/**
 * Maps a server error path of the ProductWrite body (`skus.1.barcodes.0.barcode`) to the
 * editor's key (`barcodes.<row index>`), using the same order toWrite() produced.
 */
export function serverKeyToDraftKey(d: ProductDraft, path: string, message = ''): string {
  // `skus.0.barcodes` without an index (barcode_taken): the row whose barcode the message names
  const whole = /^skus\.(\d+)\.barcodes$/.exec(path)
  if (whole) {
    const sku = d.skus[Number(whole[1])]
    const rows = d.barcodes.map((b, i) => ({ b, i })).filter(({ b }) => sku && b.sku === sku.key && b.barcode.trim())
    const hit = rows.find(({ b }) => message.includes(b.barcode.trim())) ?? rows[0]
    return hit ? `barcodes.${hit.i}` : path
  }
  const m = /^skus\.(\d+)\.barcodes\.(\d+)/.exec(path)
  if (m) {
    const sku = d.skus[Number(m[1])]
    if (!sku) return path
    const rows = d.barcodes.map((b, i) => ({ b, i })).filter(({ b }) => b.sku === sku.key && b.barcode.trim() && b.unit_id)
    const hit = rows[Number(m[2])]
    return hit ? `barcodes.${hit.i}` : path
  }
  const c = /^skus\.(\d+)\.code/.exec(path)
  if (c) return `skus.${c[1]}.code`
  return path
}
