// Logic of the ProductPicker (kept out of the component so it can be tested without a DOM):
// debounced search through GET /skus?q=, an exact barcode match through GET /skus/by-barcode/{code}
// that picks at once, arrow keys to move the highlight, Enter to pick, Esc to close.
import { ref } from 'vue'
import { ApiError } from '@/api/http'
import type { BarcodeHit, Page, SkuPickerRow } from '@/api/types'

export interface Pick {
  row: SkuPickerRow
  unitId: number
  ratio: string
  /** true when a barcode picked the row */
  scanned: boolean
}

/** A line from the 选择商品 dialog. */
export interface SelectedLine {
  row: SkuPickerRow
  unitId: number
  qty: string
}

export interface ProductSearchDeps {
  search: (q: string) => Promise<Page<SkuPickerRow>>
  byBarcode: (code: string) => Promise<BarcodeHit>
  onPick: (p: Pick) => void
  onNotFound?: (code: string) => void
  debounceMs?: number
}

/** Digits only, 8–14 long: what a scanner sends for EAN/UPC/GTIN (or an internal numeric code). */
export function isBarcodeLike(q: string): boolean {
  return /^\d{8,14}$/.test(q.trim())
}

export function useProductSearch(deps: ProductSearchDeps) {
  const results = ref<SkuPickerRow[]>([])
  const highlighted = ref(-1)
  const open = ref(false)
  const loading = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  let seq = 0

  function close() {
    open.value = false
    highlighted.value = -1
  }

  function pickRow(row: SkuPickerRow) {
    deps.onPick({ row, unitId: row.base_unit_id, ratio: '1', scanned: false })
    close()
  }

  /** Tries the exact barcode; true when it picked. */
  async function tryBarcode(code: string): Promise<boolean> {
    try {
      const hit = await deps.byBarcode(code)
      deps.onPick({ row: hit.sku, unitId: hit.unit_id, ratio: hit.ratio, scanned: true })
      close()
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return false
      throw e
    }
  }

  async function run(q: string) {
    const mine = ++seq
    const text = q.trim()
    if (!text) {
      results.value = []
      close()
      return
    }
    loading.value = true
    try {
      if (isBarcodeLike(text) && (await tryBarcode(text))) {
        results.value = []
        return
      }
      if (mine !== seq) return
      const page = await deps.search(text)
      if (mine !== seq) return
      results.value = page.items
      highlighted.value = page.items.length ? 0 : -1
      open.value = true
      if (!page.items.length && isBarcodeLike(text)) deps.onNotFound?.(text)
    } catch {
      if (mine === seq) {
        results.value = []
        close()
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** Call on every input change. */
  function input(q: string) {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      void run(q)
    }, deps.debounceMs ?? 250)
  }

  /** Returns true when the key was handled. */
  function keydown(key: string, q: string): boolean {
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      if (!open.value || !results.value.length) return false
      const n = results.value.length
      highlighted.value = (highlighted.value + (key === 'ArrowDown' ? 1 : -1) + n) % n
      return true
    }
    if (key === 'Enter') {
      if (timer) {
        // a scanner types faster than the debounce: look the code up now
        clearTimeout(timer)
        timer = null
        void run(q)
        return true
      }
      if (open.value && highlighted.value >= 0 && results.value[highlighted.value]) {
        pickRow(results.value[highlighted.value])
        return true
      }
      if (q.trim()) {
        void run(q)
        return true
      }
      return false
    }
    if (key === 'Escape' && open.value) {
      close()
      return true
    }
    return false
  }

  return { results, highlighted, open, loading, input, keydown, pickRow, close, run }
}
