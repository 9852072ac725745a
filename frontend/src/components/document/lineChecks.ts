import { isBlank } from './lineMath'
import type { EditLine } from './types'

/** Problems found on the lines before saving: by line key (for the grid's cells) and by row number (1-based,
 * for the editor's error list). */
export interface LineProblemRows {
  byLine: Record<number, string[]>
  rows: { no: number; messages: string[] }[]
}

/** Each filled line's problem as a message; blank lines are skipped but keep their row numbers, so the
 * numbers match what the user sees in the grid. */
export function lineProblemRows(lines: EditLine[], messageOf: (l: EditLine) => string | null): LineProblemRows {
  const out: LineProblemRows = { byLine: {}, rows: [] }
  lines.forEach((l, i) => {
    if (isBlank(l)) return
    const msg = messageOf(l)
    if (!msg) return
    out.byLine[l.key] = [msg]
    out.rows.push({ no: i + 1, messages: [msg] })
  })
  return out
}
