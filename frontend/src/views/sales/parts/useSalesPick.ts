import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { skusApi } from '@/api'
import { ensureTrailingBlank, isBlank, newLine, trimDec, type EditLine, type Tracking } from '@/components/document'
import { ex, big } from '@/components/document/lineMath'
import { hydrateUnits } from '@/components/document/hydrateUnits'
import { salesApi } from '../api'
import { SALES_KINDS } from '../kinds'
import { X, extraFromOpenLine, extraFromReturnable, openLineQty, returnableQty } from '../logic'
import type { SalesDocRead, SalesKind } from '../types'
import type { SalesPickedRow } from './SalesPickDialog.vue'
import { oneWarehouse } from './oneWarehouse'

/** The header fields a document takes over from the one it is made from. */
export interface PickHeader {
  customer_id: number | null
  warehouse_id: number | null
  channel_id: number | null
  salesperson_id: number | null
}

export interface SalesPickOptions {
  kind: SalesKind
  header: PickHeader
  lines: Ref<EditLine[]>
  customerName: Ref<string>
  warehouseName: Ref<string>
  /** the editor's SKU:unit signature per line key: picked lines keep their source's price (no default asked) */
  sigs: Map<number, string>
}

/**
 * 选单 and 生成出库单/生成退货单 of a sales editor: lines taken from the customer's approved orders (a delivery)
 * or deliveries (a return) carry their source line, price, discount and tax, and what remains to deliver or
 * return. Making a document from one source (`fillFrom`) is the same as picking all of that source's
 * remaining lines by hand, so both paths give the same lines.
 */
export function useSalesPick(o: SalesPickOptions) {
  const { t } = useI18n()
  const def = SALES_KINDS[o.kind]
  const pickOpen = ref(false)
  const taken = computed(() => o.lines.value.map((l) => Number(ex(l, X.sourceLineId))).filter((n) => n > 0))

  function openPick() {
    if (!o.header.customer_id) return void ElMessage.warning(t('sal.msg.customerFirst'))
    // no warehouse yet: the lines of every warehouse are offered and the picked order's warehouse is taken
    pickOpen.value = true
  }

  function keepOneWarehouse(rows: SalesPickedRow[]): SalesPickedRow[] {
    // with a warehouse chosen, 选单 only offered that warehouse's orders
    if (o.header.warehouse_id) return rows
    const one = oneWarehouse(rows)
    if (!one.warehouse) return rows
    o.header.warehouse_id = one.warehouse.id
    o.warehouseName.value = one.warehouse.name
    if (one.left.length) ElMessage.warning(t('sal.msg.pickOtherWarehouse', { numbers: one.left.join('、'), warehouse: one.warehouse.name }))
    return one.kept
  }

  async function baseUnitOf(skuId: number, code: string): Promise<{ unit_id: number; name: string } | null> {
    try {
      const page = await skusApi.search({ q: code, page: 1, page_size: 50 })
      const row = page.items.find((s) => s.sku_id === skuId)
      return row ? { unit_id: row.base_unit_id, name: row.base_unit_name } : null
    } catch {
      return null
    }
  }

  async function lineOf(r: SalesPickedRow): Promise<EditLine | null> {
    if (r.open) {
      const p = r.open
      return newLine({
        sku_id: p.sku_id,
        sku_code: p.sku_code,
        product_name: p.product_name,
        spec: p.spec ?? '',
        tracking: (p.tracking || 'none') as Tracking,
        units: [{ unit_id: p.unit_id, name: p.unit_name, ratio: trimDec(p.ratio) || '1' }],
        unit_id: p.unit_id,
        qty: r.qty,
        text: p.product_name,
        extra: extraFromOpenLine(p),
      })
    }
    if (!r.returnable) return null
    const x = r.returnable
    let unit = x.unit_id ? { unit_id: x.unit_id, name: x.unit_name ?? '' } : null
    const ratio = x.unit_id && x.ratio ? trimDec(x.ratio) : '1'
    // the look-up may give base quantities only: use the SKU's base unit
    if (!unit) unit = await baseUnitOf(x.sku_id, x.sku_code)
    return newLine({
      sku_id: x.sku_id,
      sku_code: x.sku_code,
      product_name: x.product_name,
      spec: x.spec ?? '',
      tracking: (x.tracking ?? (x.lot_no ? 'lot' : 'none')) as Tracking,
      units: unit ? [{ unit_id: unit.unit_id, name: unit.name, ratio }] : [],
      unit_id: unit?.unit_id ?? null,
      qty: r.qty,
      lot_no: x.lot_no ?? '',
      text: x.product_name,
      extra: extraFromReturnable(x),
    })
  }

  async function onPicked(picked: SalesPickedRow[]) {
    const rows = def.pick === 'orders' ? keepOneWarehouse(picked) : picked
    const added: EditLine[] = []
    for (const r of rows) {
      const l = await lineOf(r)
      if (l) added.push(l)
    }
    for (const l of added) o.sigs.set(l.key, `${l.sku_id ?? ''}:${l.unit_id ?? ''}`)
    o.lines.value = [...o.lines.value.filter((l) => !isBlank(l)), ...added]
    ensureTrailingBlank(o.lines.value)
    void hydrateUnits(added)
  }

  /** Every line of `source` (an order for a delivery, a delivery for a return) with what it has left. */
  async function remainingRows(source: SalesDocRead): Promise<SalesPickedRow[]> {
    const customer = source.customer_id
    if (!customer) return []
    if (def.pick === 'orders') {
      const open = await salesApi.openLines({ customer_id: customer, order_ids: String(source.id) })
      return open.map((p) => ({ open: p, qty: openLineQty(p) }))
    }
    const back = await salesApi.returnableLines({ customer_id: customer, delivery_ids: String(source.id) })
    return back.filter((r) => big(r.returnable_qty)?.gt(0)).map((r) => ({ returnable: r, qty: returnableQty(r) }))
  }

  /**
   * 生成出库单 / 生成退货单: a new document for the source's customer, warehouse, channel and salesperson with
   * all the source still has to deliver or take back. Answers whether anything was left to take.
   */
  async function fillFrom(sourceId: number): Promise<boolean> {
    const sourceKind = def.pick === 'orders' ? 'order' : 'delivery'
    const source = await SALES_KINDS[sourceKind].api.get(sourceId)
    Object.assign(o.header, {
      customer_id: source.customer_id,
      warehouse_id: source.warehouse_id,
      channel_id: source.channel_id,
      salesperson_id: source.salesperson_id,
    })
    o.customerName.value = source.customer_name
    o.warehouseName.value = source.warehouse_name
    const rows = await remainingRows(source)
    if (!rows.length) {
      ElMessage.warning(t(def.pick === 'orders' ? 'sal.msg.nothingToDeliver' : 'sal.msg.nothingToReturn', { number: source.number }))
      return false
    }
    await onPicked(rows)
    return true
  }

  return { pickOpen, taken, openPick, onPicked, fillFrom }
}
