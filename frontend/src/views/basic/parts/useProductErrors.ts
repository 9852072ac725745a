import { computed, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FieldError } from '@/api/types'
import { barcodeProblem } from '@/utils/barcode'
import { fieldKey } from '@/utils/formErrors'
import { ratioProblem } from '@/utils/units'
import { serverKeyToDraftKey, tabOf, validateDraft, type ProductDraft } from '../productForm'

/** The error texts the product editor's tabs show, by draft key (see validateDraft). */
export interface ProductFieldErrors {
  err: (key: string) => string
  liveBarcodeError: (i: number) => string
  liveRatioError: (i: number) => string
}

/**
 * The product editor's errors: client checks (productForm.validateDraft) and the server's field
 * errors mapped onto draft keys. Live errors (barcodes, ratios, numbers) show at once, "required"
 * ones only after the first 保存 (`submitted`), so a new product does not open all red.
 */
export function useProductErrors(pd: ProductDraft) {
  const { t } = useI18n()
  const submitted = ref(false)
  const server = reactive<Record<string, string>>({})

  function clearServer() {
    for (const k of Object.keys(server)) delete server[k]
  }
  // a server error on a barcode or a field goes away once the user edits that value
  watch(
    () => pd.barcodes.map((b) => b.barcode),
    (now, before) => {
      now.forEach((v, i) => {
        if (before && v !== before[i]) delete server[`barcodes.${i}`]
      })
    },
  )
  watch(
    () => [pd.code, pd.name, pd.mnemonic] as const,
    ([code, name, mnemonic], before) => {
      if (!before) return
      if (code !== before[0]) delete server.code
      if (name !== before[1]) delete server.name
      if (mnemonic !== before[2]) delete server.mnemonic
    },
  )

  const client = computed(() => validateDraft(pd))
  function err(key: string): string {
    if (server[key]) return server[key]
    const c = client.value[key]
    if (!c) return ''
    if (!submitted.value && c === 'product.required') return ''
    return t(c)
  }
  const tabErrors = computed(() => {
    const out = new Set<string>()
    for (const k of Object.keys(server)) out.add(tabOf(k))
    for (const [k, v] of Object.entries(client.value)) if (submitted.value || v !== 'product.required') out.add(tabOf(k))
    return out
  })

  function liveBarcodeError(i: number): string {
    const b = pd.barcodes[i]
    if (server[`barcodes.${i}`]) return server[`barcodes.${i}`]
    if (!b.barcode.trim()) return submitted.value ? t('barcode.empty') : ''
    const p = barcodeProblem(b.barcode)
    return p ? t(`barcode.${p}`) : err(`barcodes.${i}`)
  }
  function liveRatioError(i: number): string {
    if (server[`units.${i}.ratio`]) return server[`units.${i}.ratio`]
    const r = pd.units[i].ratio
    if (!r.trim() && !submitted.value) return ''
    const p = ratioProblem(r)
    return p ? t(`ratio.${p}`) : ''
  }

  /** Puts the server's field errors on the draft keys (several on one key are joined). */
  function addServerErrors(errors: FieldError[]) {
    for (const fe of errors) {
      const k = serverKeyToDraftKey(pd, fieldKey(fe.field), fe.message)
      server[k] = server[k] ? `${server[k]}；${fe.message}` : fe.message
    }
  }

  const fieldErrors: ProductFieldErrors = { err, liveBarcodeError, liveRatioError }
  return { submitted, server, client, clearServer, tabErrors, fieldErrors, addServerErrors }
}
