// Price table rows of the product editor: one row per SKU × unit, one column per price level.

export interface PriceLevel {
  id: number
  name: string
  sort_order: number
}

export interface LevelPrice {
  price_level_id: number
  price: string
}

export interface PriceColumn {
  key: string
  label: string
  /** `level:<id>` columns edit level_prices; the others edit the field of the same name */
  levelId?: number
  cost?: boolean
}

/** The price columns: 零售价, 批发价, 最低售价, [参考进价 with purchase.price.view or cost.view], then one per level by sort_order. */
export function priceColumns(
  levels: PriceLevel[],
  canPurchasePrice: boolean,
  label: (key: string) => string,
): PriceColumn[] {
  const cols: PriceColumn[] = [
    { key: 'retail_price', label: label('retail_price') },
    { key: 'wholesale_price', label: label('wholesale_price') },
    { key: 'min_price', label: label('min_price') },
  ]
  if (canPurchasePrice) cols.push({ key: 'purchase_price', label: label('purchase_price'), cost: true })
  for (const l of [...levels].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id))
    cols.push({ key: `level:${l.id}`, label: l.name, levelId: l.id })
  return cols
}

/** Reads a level price from a price row (empty string when not set). */
export function levelPrice(levelPrices: LevelPrice[], levelId: number): string {
  return levelPrices.find((p) => p.price_level_id === levelId)?.price ?? ''
}

/** Sets (or clears, with '') a level price, returning the new list. */
export function setLevelPrice(levelPrices: LevelPrice[], levelId: number, price: string): LevelPrice[] {
  const rest = levelPrices.filter((p) => p.price_level_id !== levelId)
  return price.trim() === '' ? rest : [...rest, { price_level_id: levelId, price: price.trim() }]
}

/** A price: empty, or a non-negative decimal with at most 6 decimals. */
export function validPrice(v: string | null | undefined): boolean {
  const s = (v ?? '').trim()
  return s === '' || /^\d{1,14}(\.\d{1,6})?$/.test(s)
}
