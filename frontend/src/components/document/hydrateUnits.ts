import { skusApi } from '@/api'
import { unitsOf, type SkuLike } from './lineMath'
import type { EditLine } from './types'

/**
 * Lines read from a saved document carry only their own unit; the unit switch needs all of the SKU's
 * units. Looked up by SKU code, four at a time. A unit the SKU no longer offers stays on the line that
 * uses it; a failed look-up leaves the line with what it has.
 */
export async function hydrateUnits(ls: EditLine[]): Promise<void> {
  const codes = [...new Set(ls.filter((l) => l.sku_id && !l.unitsLoaded).map((l) => l.sku_code))]
  const work = async () => {
    for (let code = codes.shift(); code !== undefined; code = codes.shift()) {
      try {
        const page = await skusApi.search({ q: code, page: 1, page_size: 50 })
        for (const l of ls) {
          if (l.sku_code !== code) continue
          const row = page.items.find((r) => r.sku_id === l.sku_id)
          if (!row) continue
          const current = l.units.find((u) => u.unit_id === l.unit_id)
          const all = unitsOf(row as SkuLike)
          if (current && !all.some((u) => u.unit_id === current.unit_id)) all.push(current)
          l.units = all
          l.base_unit_name = row.base_unit_name
          l.unitsLoaded = true
        }
      } catch {
        /* units stay partial */
      }
    }
  }
  await Promise.all([work(), work(), work(), work()])
}
