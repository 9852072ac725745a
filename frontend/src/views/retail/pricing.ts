// Pure logic of the pricing screens (价目表, 促销, 清仓): edit rows, the request bodies, client checks that mirror
// the server's rules (docs/contracts/sales-api.md) and the short promotion text (8折, 买2送1 …).
import Big from 'big.js'
import type { UnitOption } from '@/components/document/types'
import { dec } from './logic'
import type { PriceListWrite, PromotionKind, PromotionScope, PromotionWrite } from './types'

let seq = 0
export function itemKey(): number {
  seq += 1
  return seq
}

export interface EditItem {
  key: number
  sku_id: number
  sku_code: string
  name: string
  spec: string
  unit_id: number
  unit_name: string
  /** the SKU's units (known for rows added here; loaded rows keep their unit) */
  units: UnitOption[]
  price: string
}

/** A price must be a decimal ≥ 0 with at most 6 decimals. */
export function priceProblem(price: string | null | undefined): boolean {
  const v = (price ?? '').trim()
  if (!/^\d+(\.\d{1,6})?$/.test(v)) return true
  return false
}

export function priceListBody(
  h: { name: string; price_level_id: number | null; date_from: string; date_to: string | null; is_active: boolean; remark: string },
  items: EditItem[],
): PriceListWrite {
  return {
    name: h.name.trim(),
    price_level_id: h.price_level_id,
    date_from: h.date_from,
    date_to: h.date_to || null,
    is_active: h.is_active,
    remark: h.remark,
    items: items.map((i) => ({ sku_id: i.sku_id, unit_id: i.unit_id, price: new Big(i.price.trim()).toString() })),
  }
}

// ---------- promotions ----------

export const PROMOTION_KINDS: PromotionKind[] = ['percent_off', 'fixed_price', 'buy_n_get_m', 'markdown']
export const PROMOTION_SCOPES: PromotionScope[] = ['all', 'category', 'sku']

export interface PromoItem {
  key: number
  sku_id: number | null
  category_id: number | null
  code: string
  name: string
  spec: string
  unit_name: string
  fixed_price: string
  /** the SKU's retail price per base unit (a hint next to 特价) */
  retail_price: string
}

export interface PromoHeader {
  name: string
  kind: PromotionKind
  scope: PromotionScope
  date_from: string
  date_to: string
  percent_off: string
  buy_qty: string
  free_qty: string
  retail_only: boolean
  is_active: boolean
  remark: string
}

export type PromoProblem =
  | 'name'
  | 'dates'
  | 'percent'
  | 'buyQty'
  | 'freeQty'
  | 'items'
  | 'fixedPrice'
  | 'fixedScope'

/** What is wrong before saving (the server checks the same rules). */
export function promotionProblems(h: PromoHeader, items: PromoItem[]): PromoProblem[] {
  const out: PromoProblem[] = []
  if (!h.name.trim()) out.push('name')
  if (!h.date_from || !h.date_to || h.date_to < h.date_from) out.push('dates')
  if (h.kind === 'percent_off' || h.kind === 'markdown') {
    const p = dec(h.percent_off)
    if (!p || p.lte(0) || p.gt(100)) out.push('percent')
  }
  if (h.kind === 'buy_n_get_m') {
    const b = dec(h.buy_qty)
    const f = dec(h.free_qty)
    if (!b || b.lte(0)) out.push('buyQty')
    if (!f || f.lte(0)) out.push('freeQty')
  }
  if (h.kind === 'fixed_price' && h.scope !== 'sku') out.push('fixedScope')
  if (h.scope !== 'all' && !items.length) out.push('items')
  if (h.kind === 'fixed_price' && items.some((i) => !dec(i.fixed_price)?.gt(0))) out.push('fixedPrice')
  return out
}

export function promotionBody(h: PromoHeader, items: PromoItem[]): PromotionWrite {
  const pct = h.kind === 'percent_off' || h.kind === 'markdown'
  const bnm = h.kind === 'buy_n_get_m'
  return {
    name: h.name.trim(),
    kind: h.kind,
    scope: h.scope,
    date_from: h.date_from,
    date_to: h.date_to,
    percent_off: pct ? new Big(h.percent_off.trim()).toString() : null,
    buy_qty: bnm ? new Big(h.buy_qty.trim()).toString() : null,
    free_qty: bnm ? new Big(h.free_qty.trim()).toString() : null,
    retail_only: h.retail_only,
    is_active: h.is_active,
    remark: h.remark,
    items:
      h.scope === 'all'
        ? []
        : items.map((i) =>
            h.scope === 'category'
              ? { category_id: i.category_id }
              : { sku_id: i.sku_id, fixed_price: h.kind === 'fixed_price' ? new Big(i.fixed_price.trim()).toString() : null },
          ),
  }
}

/** 20 (% off) → '8' (8折); 15 → '8.5'; 12.5 → '8.75'. */
export function zhe(percentOff: string | null | undefined): string {
  const p = dec(percentOff)
  if (!p) return ''
  return new Big(100).minus(p).div(10).toString()
}

/** The short text of a promotion: an i18n key under ret.promo.text and its parameters. */
export function promotionText(p: {
  kind: PromotionKind
  percent_off?: string | null
  buy_qty?: string | null
  free_qty?: string | null
}): { key: string; params: Record<string, string> } {
  const n = (v: string | null | undefined) => (dec(v)?.toString() ?? '')
  switch (p.kind) {
    case 'percent_off':
      return { key: 'ret.promo.text.percent_off', params: { zhe: zhe(p.percent_off), pct: n(p.percent_off) } }
    case 'markdown':
      return { key: 'ret.promo.text.markdown', params: { zhe: zhe(p.percent_off), pct: n(p.percent_off) } }
    case 'buy_n_get_m':
      return { key: 'ret.promo.text.buy_n_get_m', params: { n: n(p.buy_qty), m: n(p.free_qty) } }
    default:
      return { key: 'ret.promo.text.fixed_price', params: {} }
  }
}

/** Whether a promotion runs on a day (inclusive dates, active). */
export function runsOn(p: { date_from: string; date_to: string; is_active: boolean }, day: string): boolean {
  return p.is_active && p.date_from <= day && day <= p.date_to
}

/** 清仓: a markdown promotion over the chosen SKUs. */
export function markdownBody(
  skus: number[],
  opts: { name: string; percent_off: string; date_from: string; date_to: string; retail_only: boolean },
): PromotionWrite {
  return {
    name: opts.name.trim(),
    kind: 'markdown',
    scope: 'sku',
    date_from: opts.date_from,
    date_to: opts.date_to,
    percent_off: new Big(opts.percent_off.trim()).toString(),
    retail_only: opts.retail_only,
    is_active: true,
    remark: '',
    items: skus.map((sku_id) => ({ sku_id })),
  }
}

/** The slow movers answer as rows, whether the server sends a list or a page, flat or with a nested `sku`. */
export function slowRows(data: unknown): Record<string, unknown>[] {
  const list = Array.isArray(data) ? data : ((data as { items?: unknown[] } | null)?.items ?? [])
  return (list as Record<string, unknown>[]).map((r) => {
    const sku = (r.sku && typeof r.sku === 'object' ? r.sku : {}) as Record<string, unknown>
    return {
      ...r,
      sku_id: r.sku_id ?? sku.sku_id ?? sku.id,
      sku_code: r.sku_code ?? sku.code ?? sku.sku_code ?? '',
      product_name: r.product_name ?? sku.product_name ?? sku.name ?? '',
      spec: r.spec ?? sku.spec ?? '',
      unit_name: r.unit_name ?? r.base_unit_name ?? sku.base_unit_name ?? sku.unit_name ?? '',
      retail_price: r.retail_price ?? sku.retail_price ?? null,
    }
  })
}

/** Days since a date (YYYY-MM-DD) to `today`, or null. */
export function daysSince(date: string | null | undefined, today: string): number | null {
  if (!date) return null
  const a = Date.parse(`${date.slice(0, 10)}T00:00:00Z`)
  const b = Date.parse(`${today}T00:00:00Z`)
  if (Number.isNaN(a) || Number.isNaN(b)) return null
  return Math.round((b - a) / 86_400_000)
}
