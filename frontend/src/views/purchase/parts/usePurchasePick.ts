import { computed, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { skusApi } from '@/api'
import { big, ensureTrailingBlank, isBlank, newLine, trimDec, type EditLine, type Tracking } from '@/components/document'
import { hydrateUnits } from '@/components/document/hydrateUnits'
import { showError } from '@/utils/formErrors'
import { PURCHASE_KINDS } from '../kinds'
import { X, ex, extraFromOpenLine, extraFromReturnable } from '../logic'
import type { PurchaseKind } from '../types'
import { fetchPickLines, pickedRow, sourceDocId, type PickedRow } from './pickLines'

// 选单 of a receipt (open order lines) or a return (returnable receipt lines), and the same fill for a whole
// source document at once: 生成入库单 on an order / 生成退货单 on a receipt open the new editor with
// `?from=<id>`, which picks every line still open with all that remains — as if checked in the dialog.

export interface PurchasePickOptions {
  kind: PurchaseKind
  /** the editor's route name: a `from` in another editor's route is not ours (kept-alive tabs) */
  routeName: string
  header: { supplier_id: number | null; warehouse_id: number | null; buyer_id: number | null }
  lines: Ref<EditLine[]>
  supplierName: Ref<string>
  warehouseName: Ref<string>
  loading: Ref<boolean>
  /** the editor's SKU:unit signature per line: a picked line must not look "changed" and lose its price */
  sigs: Map<number, string>
  resetNew: () => void
  /** asks before unsaved changes are thrown away; true when the caller may go on */
  guard: () => Promise<boolean>
}

export function usePurchasePick(o: PurchasePickOptions) {
  const mode = PURCHASE_KINDS[o.kind].pick
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const pickOpen = ref(false)
  const taken = computed(() => o.lines.value.map((l) => Number(ex(l, X.sourceLineId))).filter((n) => n > 0))

  function openPick() {
    if (!o.header.supplier_id) return void ElMessage.warning(t('pur.msg.supplierFirst'))
    if (mode === 'orders' && !o.header.warehouse_id) return void ElMessage.warning(t('invDoc.msg.warehouseFirst'))
    pickOpen.value = true
  }

  async function onPicked(rows: PickedRow[]) {
    const added: EditLine[] = []
    for (const r of rows) {
      if (r.open) {
        const x = r.open
        added.push(
          newLine({
            sku_id: x.sku_id,
            sku_code: x.sku_code,
            product_name: x.product_name,
            spec: x.spec ?? '',
            tracking: x.tracking as Tracking,
            units: [{ unit_id: x.unit_id, name: x.unit_name, ratio: trimDec(x.ratio) || '1' }],
            unit_id: x.unit_id,
            qty: r.qty,
            text: x.product_name,
            extra: extraFromOpenLine(x),
          }),
        )
      } else if (r.returnable) {
        const x = r.returnable
        let unitId = x.unit_id ?? null
        let unitName = x.unit_name ?? ''
        let ratio = x.ratio ? trimDec(x.ratio) : '1'
        if (!unitId) {
          // the look-up gives base quantities: use the SKU's base unit
          try {
            const page = await skusApi.search({ q: x.sku_code, page: 1, page_size: 50 })
            const row = page.items.find((s) => s.sku_id === x.sku_id)
            if (row) {
              unitId = row.base_unit_id
              unitName = row.base_unit_name
              ratio = '1'
            }
          } catch {
            /* the line will be refused with a message */
          }
        }
        added.push(
          newLine({
            sku_id: x.sku_id,
            sku_code: x.sku_code,
            product_name: x.product_name,
            spec: x.spec ?? '',
            tracking: (x.tracking ?? (x.lot_no ? 'lot' : 'none')) as Tracking,
            units: unitId ? [{ unit_id: unitId, name: unitName, ratio }] : [],
            unit_id: unitId,
            qty: r.qty,
            lot_no: x.lot_no ?? '',
            text: x.product_name,
            extra: extraFromReturnable(x),
          }),
        )
      }
    }
    for (const l of added) o.sigs.set(l.key, `${l.sku_id ?? ''}:${l.unit_id ?? ''}`)
    o.lines.value = [...o.lines.value.filter((l) => !isBlank(l)), ...added]
    ensureTrailingBlank(o.lines.value)
    void hydrateUnits(added)
  }

  /** Header and lines of a new document from every still-open line of order / receipt `id`. */
  async function fillFrom(id: number) {
    if (!mode) return
    o.loading.value = true
    try {
      const src = await PURCHASE_KINDS[mode === 'orders' ? 'order' : 'receipt'].api.get(id)
      const all = (await fetchPickLines(mode, { supplierId: src.supplier_id, warehouseId: src.warehouse_id, docIds: [id] })) ?? []
      // the dialog confirms only rows with a quantity: a remainder below one of the line's unit stays behind
      const open = all.filter((l) => sourceDocId(l) === id && big(l.fill)?.gt(0))
      if (!open.length) return void ElMessage.warning(t(mode === 'orders' ? 'pur.msg.nothingToReceive' : 'pur.msg.nothingToReturn', { number: src.number }))
      Object.assign(o.header, { supplier_id: src.supplier_id, warehouse_id: src.warehouse_id, buyer_id: src.buyer_id })
      o.supplierName.value = src.supplier_name
      o.warehouseName.value = src.warehouse_name
      await onPicked(open.map((l) => pickedRow(mode, l, l.fill)))
    } catch (e) {
      showError(e)
    } finally {
      o.loading.value = false
    }
  }

  // The tab is kept alive: a `from` arrives both when the editor is created and when it is shown again.
  const from = computed(() => (mode && route.name === o.routeName && !route.params.id ? String(route.query.from ?? '') : ''))
  watch(
    from,
    async (value) => {
      if (!value || !(await o.guard())) return
      o.resetNew()
      // Dropped before filling: the filled editor has unsaved changes, so dropping it afterwards would ask
      // whether to discard them; and a refresh must not fill the document twice.
      const { from: _from, ...query } = route.query
      await router.replace({ name: o.routeName, query })
      const id = Number(value)
      if (Number.isInteger(id) && id > 0) await fillFrom(id)
    },
    { immediate: true },
  )

  return { pickOpen, taken, openPick, onPicked }
}
