import { computed, ref, watch, type Ref } from 'vue'
import Big from 'big.js'
import { formatDecimal } from '@/utils/money'
import { baseQty } from './lineMath'
import { stockLookupApi } from './stockApi'
import type { Availability, EditLine } from './types'

/**
 * 可用 (available) per SKU in the document's warehouse, for the grid's 可用 column and its shortage mark.
 * Reloaded a moment after the warehouse or the set of SKUs changes, so typing a run of lines asks once;
 * an answer overtaken by a newer request is dropped.
 */
export function useLineAvailability(
  props: Readonly<{ warehouseId: number | null; outbound: boolean }>,
  lines: Ref<EditLine[]>,
  wanted: () => boolean,
) {
  const availability = ref<Record<number, Availability>>({})
  const skuIds = computed(() => [...new Set(lines.value.filter((l) => l.sku_id).map((l) => l.sku_id as number))].sort((a, b) => a - b))
  let availTimer: ReturnType<typeof setTimeout> | null = null
  let availSeq = 0
  watch(
    () => [props.warehouseId, skuIds.value.join(','), wanted()] as const,
    ([wh, ids, want]) => {
      if (availTimer) clearTimeout(availTimer)
      if (!wh || !ids || !want) {
        availability.value = {}
        return
      }
      availTimer = setTimeout(async () => {
        const mine = ++availSeq
        try {
          const rows = await stockLookupApi.availability(wh, ids.split(',').map(Number))
          if (mine === availSeq) availability.value = Object.fromEntries(rows.map((r) => [r.sku_id, r]))
        } catch {
          /* informational only */
        }
      }, 250)
    },
    { immediate: true },
  )

  function availText(l: EditLine): string {
    if (!l.sku_id) return ''
    const a = availability.value[l.sku_id]
    return a ? formatDecimal(a.available, 0).replace(/\.0+$/, '') || '0' : ''
  }

  /** the base quantity asked for this SKU over all lines exceeds what is available */
  function isShort(l: EditLine): boolean {
    if (!props.outbound || !l.sku_id) return false
    const a = availability.value[l.sku_id]
    if (!a) return false
    let need = new Big(0)
    for (const x of lines.value) if (x.sku_id === l.sku_id) need = need.plus(baseQty(x) ?? 0)
    return need.gt(a.available)
  }

  return { availability, availText, isShort }
}
