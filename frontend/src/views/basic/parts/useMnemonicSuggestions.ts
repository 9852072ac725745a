import { ref, watch } from 'vue'
import { productsApi } from '@/api'
import type { ProductRead } from '@/api/types'
import type { ProductDraft } from '../productForm'

/**
 * 助记码 from the product name: the server's pinyin initials are offered as suggestions and the
 * first one fills the mnemonic until the user types their own (then the name no longer drives it).
 * `active` is false while the dialog is closed or a product is loading, so filling the form from a
 * saved product does not overwrite its mnemonic.
 */
export function useMnemonicSuggestions(pd: ProductDraft, active: () => boolean) {
  const suggestions = ref<string[]>([])
  const mnemonicAuto = ref(true)
  let pinyinTimer: ReturnType<typeof setTimeout> | null = null
  // only the answer to the latest name counts: typing sends several requests
  let pinyinSeq = 0
  watch(
    () => pd.name,
    (name) => {
      if (pinyinTimer) clearTimeout(pinyinTimer)
      if (!active()) return
      const text = name.trim()
      if (!text) {
        suggestions.value = []
        if (mnemonicAuto.value) pd.mnemonic = ''
        return
      }
      pinyinTimer = setTimeout(async () => {
        const mine = ++pinyinSeq
        try {
          const r = await productsApi.pinyin(text)
          if (mine !== pinyinSeq) return
          const all = [...r.initials]
          if (r.full && !all.includes(r.full)) all.push(r.full)
          suggestions.value = all
          if (mnemonicAuto.value && r.initials.length) pd.mnemonic = r.initials[0]
        } catch {
          /* suggestion only */
        }
      }, 250)
    },
  )

  function onMnemonicInput(v: string) {
    pd.mnemonic = v
    mnemonicAuto.value = v === ''
  }
  function pickSuggestion(s: string) {
    pd.mnemonic = s
    mnemonicAuto.value = false
  }
  /** A new form: no suggestions, the name drives the mnemonic. */
  function reset() {
    suggestions.value = []
    mnemonicAuto.value = true
  }
  /** A saved product keeps its mnemonic; its stored alternatives are offered. */
  function fromProduct(p: ProductRead) {
    mnemonicAuto.value = false
    suggestions.value = [...new Set([p.mnemonic, ...(p.mnemonic_alternatives ?? [])].filter(Boolean))] as string[]
  }

  return { suggestions, mnemonicAuto, onMnemonicInput, pickSuggestion, reset, fromProduct }
}
