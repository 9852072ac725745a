// 导出: the document's lines as an .xlsx built in the browser (codes stay text, numbers are numbers).
import { saveBlob } from '@/api'
import { buildXlsx, type XlsxCell } from '@/utils/xlsx'
import { formatDate } from '@/utils/date'

export interface ExportColumn<R> {
  label: string
  value: (row: R) => XlsxCell
  width?: number
}

export function exportLinesXlsx<R>(filenameBase: string, sheet: string, columns: ExportColumn<R>[], rows: R[]) {
  const blob = buildXlsx(
    sheet,
    columns.map((c) => c.label),
    rows.map((r) => columns.map((c) => c.value(r))),
    columns.map((c) => c.width ?? 14),
  )
  saveBlob(blob, `${filenameBase}-${formatDate(new Date())}.xlsx`)
}
