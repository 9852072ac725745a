import type { Ref } from 'vue'

/**
 * A click anywhere on a list row opens it — except on its checkbox, a button in it or the pager. Put on
 * the element around the DataTable; the row is found by its place among the table's rows.
 */
export function openOnRowClick<R>(items: Ref<R[]>, open: (row: R) => void): (e: MouseEvent) => void {
  return (e: MouseEvent) => {
    const el = e.target as HTMLElement
    if (el.closest('.el-checkbox, button, .el-table-column--selection, .el-pagination')) return
    const tr = el.closest('tr.el-table__row') as HTMLTableRowElement | null
    if (!tr?.parentElement) return
    const rows = Array.from(tr.parentElement.children).filter((x) => x.classList.contains('el-table__row'))
    const row = items.value[rows.indexOf(tr)]
    if (row) open(row)
  }
}
