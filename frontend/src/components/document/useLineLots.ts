import { ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatDecimal } from '@/utils/money'
import { showError } from '@/utils/formErrors'
import { baseQty, big, convertQty, newLine } from './lineMath'
import { stockLookupApi } from './stockApi'
import type { EditLine, LotOption } from './types'

/**
 * Lots of outbound lines: the lots in stock of the line's SKU in the document's warehouse (cached per
 * SKU and warehouse, loaded for every lot-tracked line), choosing one, and the server's FEFO suggestion,
 * which may split a line over several lots. Inbound documents type their lots and need none of this.
 */
export function useLineLots(props: Readonly<{ lotMode: 'in' | 'out'; warehouseId: number | null }>, lines: Ref<EditLine[]>, changed: () => void) {
  const { t } = useI18n()
  const lotCache = ref<Record<string, LotOption[]>>({})
  const lotKey = (l: EditLine) => `${l.sku_id}:${props.warehouseId}`

  async function loadLots(l: EditLine, force = false) {
    if (props.lotMode !== 'out' || !l.sku_id || !props.warehouseId || l.tracking !== 'lot') return
    const k = lotKey(l)
    if (lotCache.value[k] && !force) return
    try {
      lotCache.value = { ...lotCache.value, [k]: await stockLookupApi.lots(l.sku_id, props.warehouseId) }
    } catch {
      lotCache.value = { ...lotCache.value, [k]: [] }
    }
  }
  watch(
    () => [props.warehouseId, lines.value.filter((l) => l.tracking === 'lot').map((l) => l.sku_id).join(',')],
    () => {
      for (const l of lines.value) if (l.tracking === 'lot') void loadLots(l)
    },
    { immediate: true },
  )

  // A saved line's lot may be out of stock by now: it stays in the list so the select still shows it.
  function lotsOf(l: EditLine): LotOption[] {
    const list = lotCache.value[lotKey(l)] ?? []
    if (l.lot_no && !list.some((o) => o.lot_no === l.lot_no))
      return [{ lot_id: l.lot_id ?? 0, lot_no: l.lot_no, production_date: l.production_date || null, expiry_date: l.expiry_date || null, on_hand: '' }, ...list]
    return list
  }
  function lotLabel(o: LotOption): string {
    return t('invDoc.line.lotOption', { lot: o.lot_no, expiry: o.expiry_date ?? t('invDoc.line.noExpiry'), qty: o.on_hand === '' ? '-' : formatDecimal(o.on_hand, 0) })
  }
  function onLot(l: EditLine, lotNo: string) {
    const o = lotsOf(l).find((x) => x.lot_no === lotNo)
    l.lot_no = lotNo
    l.lot_id = o?.lot_id ?? null
    l.expiry_date = o?.expiry_date ?? ''
    l.production_date = o?.production_date ?? ''
    changed()
  }

  const suggesting = ref<number | null>(null)
  async function suggest(l: EditLine) {
    if (!l.sku_id || !props.warehouseId) return
    const need = baseQty(l)
    if (!need || !big(need)?.gt(0)) return
    suggesting.value = l.key
    try {
      const allocs = await stockLookupApi.suggestLots(l.sku_id, props.warehouseId, need)
      const ratio = l.units.find((u) => u.unit_id === l.unit_id)?.ratio ?? '1'
      const base = l.units.find((u) => big(u.ratio)?.eq(1))
      const out: EditLine[] = allocs.map((a, i) => {
        const x: EditLine = i === 0 ? l : { ...l, key: newLine().key }
        if (base) {
          x.unit_id = base.unit_id
          x.qty = a.qty
        } else x.qty = convertQty(a.qty, '1', ratio).qty
        x.lot_no = a.lot_no
        x.lot_id = a.lot_id
        x.expiry_date = a.expiry_date ?? ''
        return x
      })
      const i = lines.value.indexOf(l)
      if (i >= 0 && out.length) {
        lines.value.splice(i, 1, ...out)
        if (out.length > 1) ElMessage.success(t('invDoc.line.splitByLots', { n: out.length }))
      }
      changed()
    } catch (e) {
      showError(e)
    } finally {
      suggesting.value = null
    }
  }

  return { loadLots, lotsOf, lotLabel, onLot, suggesting, suggest }
}
