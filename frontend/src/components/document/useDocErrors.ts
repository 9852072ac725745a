import { reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { isBlank } from './lineMath'
import { lineProblemRows, type LineProblemRows } from './lineChecks'
import type { EditLine } from './types'

/**
 * A document editor's errors: by header field, by line (the grid's cells) and by row (the editor's list).
 * `checkFilled` is the check every editor ends its own header checks with; `showFieldErrors` places the
 * server's field errors once they are mapped to lines and header fields.
 */
export function useDocErrors(lines: Ref<EditLine[]>) {
  const { t } = useI18n()
  const lineErrors = ref<LineProblemRows['byLine']>({})
  const errorRows = ref<LineProblemRows['rows']>([])
  const headerErrors = reactive<Record<string, string>>({})

  function clearErrors() {
    lineErrors.value = {}
    errorRows.value = []
    for (const k of Object.keys(headerErrors)) delete headerErrors[k]
  }

  /** After the header checks: the first header error, else no filled line, else each line's problem
   * (`messageOf`) — the first of them as a message. True when there is nothing to show. */
  function checkFilled(messageOf: (l: EditLine) => string | null): boolean {
    const first = Object.values(headerErrors)[0]
    if (first) {
      ElMessage.error(first)
      return false
    }
    if (!lines.value.some((l) => !isBlank(l))) {
      ElMessage.error(t('invDoc.line.empty'))
      return false
    }
    const { byLine, rows } = lineProblemRows(lines.value, messageOf)
    if (!rows.length) return true
    lineErrors.value = byLine
    errorRows.value = rows
    ElMessage.error(t('invDoc.line.rowError', { no: rows[0].no, message: rows[0].messages[0] }))
    return false
  }

  function showFieldErrors(m: LineProblemRows & { header: Record<string, string> }) {
    lineErrors.value = m.byLine
    errorRows.value = m.rows
    for (const [k, v] of Object.entries(m.header)) headerErrors[k] = v
  }

  return { lineErrors, errorRows, headerErrors, clearErrors, checkFilled, showFieldErrors }
}
