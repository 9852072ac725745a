// What a scanned (or typed) code names: a barcode (GET /skus/by-barcode, a 箱码 gives its unit), else a
// SKU or product code matched exactly among the search results (base unit).
import { ApiError } from '@/api/http'
import type { BarcodeHit, Page, SkuPickerRow } from '@/api/types'

export interface ScanDeps {
  byBarcode: (code: string) => Promise<BarcodeHit>
  search: (q: string) => Promise<Page<SkuPickerRow>>
}

export interface ScanHit {
  row: SkuPickerRow
  unitId: number
}

export async function resolveScan(raw: string, deps: ScanDeps): Promise<ScanHit | null> {
  const code = raw.trim()
  if (!code) return null
  try {
    const hit = await deps.byBarcode(code)
    return { row: hit.sku, unitId: hit.unit_id }
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 422)) throw e
  }
  const page = await deps.search(code)
  const lc = code.toLowerCase()
  const exact = page.items.filter((r) => r.code.toLowerCase() === lc || (r.barcode ?? '') === code)
  if (exact.length === 1) return { row: exact[0], unitId: exact[0].base_unit_id }
  return null
}

let ctx: AudioContext | null = null
/** A short low beep for an unknown code (when the browser allows sound). */
export function beep() {
  try {
    const AC = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
    if (!AC) return
    ctx ??= new AC()
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.type = 'square'
    osc.frequency.value = 220
    gain.gain.value = 0.05
    osc.connect(gain)
    gain.connect(ctx.destination)
    osc.start()
    osc.stop(ctx.currentTime + 0.25)
  } catch {
    /* no audio */
  }
}
