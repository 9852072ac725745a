import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { skusApi } from '@/api'
import { changeUnit, unitsOf, type SkuLike } from './lineMath'
import type { EditLine } from './types'

/**
 * The unit select of a line. A line loaded from a saved document knows only its own unit; the SKU's
 * other units are fetched the first time the select is touched.
 */
export function useLineUnits(changed: () => void) {
  const { t } = useI18n()
  const unitsLoading = reactive(new Set<number>())

  async function loadUnits(l: EditLine) {
    if (l.unitsLoaded || !l.sku_id || unitsLoading.has(l.key)) return
    unitsLoading.add(l.key)
    try {
      const page = await skusApi.search({ q: l.sku_code, page: 1, page_size: 50 })
      const row = page.items.find((r) => r.sku_id === l.sku_id)
      if (row) {
        const current = l.units.find((u) => u.unit_id === l.unit_id)
        const all = unitsOf(row as SkuLike)
        if (current && !all.some((u) => u.unit_id === current.unit_id)) all.push(current)
        l.units = all
      }
      l.unitsLoaded = true
    } catch {
      /* keep the known unit */
    } finally {
      unitsLoading.delete(l.key)
    }
  }

  function onUnit(l: EditLine, value: string) {
    const exact = changeUnit(l, Number(value))
    if (!exact) ElMessage.warning(t('invDoc.line.inexactUnit'))
    changed()
  }

  return { loadUnits, onUnit }
}
