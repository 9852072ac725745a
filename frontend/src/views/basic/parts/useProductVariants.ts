import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { splitValues } from '@/utils/variants'
import { applyMatrix, type ProductDraft } from '../productForm'

export interface ProductVariantsOptions {
  /** the editor's draft: one reactive object for the editor's lifetime, filled in place */
  pd: ProductDraft
  /** the text typed into each attribute's "add values" box, by attribute index */
  attrInputs: Ref<string[]>
  /** how many SKUs of the saved product the current matrix drops (deleted on save) */
  removedSkus: Ref<number>
  /** ids of the saved product's SKUs (none for a new product) */
  savedSkuIds: () => number[]
}

/** 规格 (colour/size) editing: attributes and their values rebuild the SKU matrix. */
export function useProductVariants(o: ProductVariantsOptions) {
  const { t } = useI18n()
  const { pd, attrInputs, removedSkus } = o

  function addAttribute(name = '') {
    pd.attributes.push({ name, values: [] })
    attrInputs.value.push('')
  }
  function presetColorSize() {
    if (!pd.attributes.some((a) => a.name === t('product.color'))) addAttribute(t('product.color'))
    if (!pd.attributes.some((a) => a.name === t('product.size'))) addAttribute(t('product.size'))
  }
  function removeAttribute(i: number) {
    pd.attributes.splice(i, 1)
    attrInputs.value.splice(i, 1)
    rebuild()
  }
  function addValues(i: number) {
    const vals = splitValues(attrInputs.value[i] ?? '')
    const a = pd.attributes[i]
    for (const v of vals) if (!a.values.includes(v)) a.values.push(v)
    attrInputs.value[i] = ''
    rebuild()
  }
  function removeValue(i: number, v: string) {
    pd.attributes[i].values = pd.attributes[i].values.filter((x) => x !== v)
    rebuild()
  }
  function rebuild() {
    applyMatrix(pd)
    // SKUs of the saved product that the matrix no longer has are deleted on save
    const keep = new Set(pd.skus.map((s) => s.id).filter((x) => x !== undefined))
    removedSkus.value = o.savedSkuIds().filter((id) => !keep.has(id)).length
  }

  /** The first base-unit barcode of a SKU, edited from the matrix. */
  function skuBarcode(key: string): string {
    return pd.barcodes.find((b) => b.sku === key && b.unit_id === pd.base_unit_id)?.barcode ?? ''
  }
  function setSkuBarcode(key: string, v: string) {
    const row = pd.barcodes.find((b) => b.sku === key && b.unit_id === pd.base_unit_id)
    if (row) row.barcode = v
    else pd.barcodes.push({ sku: key, unit_id: pd.base_unit_id, barcode: v })
  }
  /** The barcodes row the matrix edits for a SKU, or -1. */
  function skuBarcodeIndex(key: string): number {
    return pd.barcodes.findIndex((b) => b.sku === key && b.unit_id === pd.base_unit_id)
  }

  return { addAttribute, presetColorSize, removeAttribute, addValues, removeValue, rebuild, skuBarcode, setSkuBarcode, skuBarcodeIndex }
}
