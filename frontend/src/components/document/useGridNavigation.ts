import { computed, nextTick, type Ref } from 'vue'
import { isBlank, newLine, nextCell } from './lineMath'
import type { EditLine, ExtraColumn, LineColumnKey } from './types'

/** The line grid's props that decide which cells exist and which take input. */
export interface GridNavProps {
  columns: LineColumnKey[]
  readonly: boolean
  lotMode: 'in' | 'out'
  costEditable: boolean
  extraColumns: ExtraColumn[]
}

export interface ScrollingTable {
  scrollToRow: (row: unknown) => Promise<unknown>
}

// The cells Enter/Tab may stop at, in order; an editor's extra inputs follow 数量 (qty).
const NAV: LineColumnKey[] = ['product', 'unit', 'qty', 'lot', 'production_date', 'expiry_date', 'unit_cost', 'remark']

/**
 * Cell focus and keys of the line grid. Cells are found by `data-cell="<line key>:<column>"` rather than
 * by vxe's own API so that virtual scrolling and the editors' extra columns need nothing special.
 */
export function useGridNavigation(
  props: Readonly<GridNavProps>,
  lines: Ref<EditLine[]>,
  root: Ref<HTMLElement | undefined>,
  table: Ref<ScrollingTable | undefined>,
) {
  const shown = computed(() => props.columns.filter((c) => c !== 'production_date' && c !== 'expiry_date' ? true : props.lotMode === 'in'))
  const extraInputs = computed(() => props.extraColumns.filter((c) => c.input))
  const navCols = computed(() => {
    const out: string[] = []
    for (const c of shown.value) {
      if (NAV.includes(c)) out.push(c)
      if (c === 'qty') out.push(...extraInputs.value.map((x) => x.key))
    }
    return out as LineColumnKey[]
  })
  const has = (c: LineColumnKey) => shown.value.includes(c)

  function editable(row: number, col: LineColumnKey): boolean {
    if (props.readonly) return false
    const l = lines.value[row]
    if (!l) return false
    if (isBlank(l)) return col === 'product'
    const extra = extraInputs.value.find((x) => x.key === (col as string))
    if (extra) return extra.editableOn ? extra.editableOn(l) : true
    switch (col) {
      case 'product':
      case 'unit':
      case 'qty':
      case 'remark':
        return true
      case 'lot':
        return l.tracking === 'lot'
      case 'production_date':
      case 'expiry_date':
        return l.tracking === 'lot' && props.lotMode === 'in'
      case 'unit_cost':
        return props.costEditable
      default:
        return false
    }
  }

  const indexByKey = computed(() => new Map(lines.value.map((l, i) => [l.key, i])))

  async function focusCell(key: number, col: LineColumnKey) {
    await nextTick()
    const row = lines.value.find((l) => l.key === key)
    if (row && table.value) {
      try {
        await table.value.scrollToRow(row)
      } catch {
        /* not rendered yet */
      }
    }
    await nextTick()
    const el = root.value?.querySelector<HTMLElement>(`[data-cell="${key}:${col}"]`)
    const input = el?.matches('input,select,textarea') ? el : el?.querySelector<HTMLElement>('input,select,textarea')
    if (input) {
      input.focus()
      if (input instanceof HTMLInputElement && input.type === 'text') input.select()
    }
  }

  function focusFirst() {
    const l = lines.value.find((x) => isBlank(x)) ?? lines.value[lines.value.length - 1]
    if (l) void focusCell(l.key, 'product')
  }

  function cellOf(target: EventTarget | null): { key: number; col: LineColumnKey } | null {
    const el = (target as HTMLElement | null)?.closest?.('[data-cell]') as HTMLElement | null
    if (!el) return null
    const [k, c] = (el.dataset.cell ?? '').split(':')
    return { key: Number(k), col: c as LineColumnKey }
  }

  function move(key: number, col: LineColumnKey, dir: 1 | -1) {
    const row = indexByKey.value.get(key)
    if (row === undefined) return
    const next = nextCell({ row, col }, navCols.value, lines.value.length, editable, dir)
    if (!next) return
    if (next.append) {
      const last = lines.value[lines.value.length - 1]
      if (last && isBlank(last)) return void focusCell(last.key, 'product')
      const l = newLine()
      lines.value.push(l)
      return void focusCell(l.key, next.pos.col)
    }
    void focusCell(lines.value[next.pos.row].key, next.pos.col)
  }

  function onKeydown(e: KeyboardEvent) {
    if (props.readonly || e.isComposing) return
    const cell = cellOf(e.target)
    if (!cell) return
    const l = lines.value[indexByKey.value.get(cell.key) ?? -1]
    if (!l) return
    if (e.key === 'Enter' || e.key === 'Tab') {
      if (cell.col === 'product' && e.key === 'Enter') {
        // typed text: the picker searches / picks; an unchanged product moves on
        const typed = l.text.trim()
        if (typed && (isBlank(l) || typed !== l.product_name)) return
        if (!typed && isBlank(l)) return
      }
      e.preventDefault()
      e.stopPropagation()
      move(cell.key, cell.col, e.key === 'Tab' && e.shiftKey ? -1 : 1)
      return
    }
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && cell.col !== 'product' && cell.col !== 'unit' && cell.col !== 'lot') {
      const row = indexByKey.value.get(cell.key) ?? 0
      const target = lines.value[row + (e.key === 'ArrowDown' ? 1 : -1)]
      if (target) {
        e.preventDefault()
        void focusCell(target.key, editable(row + (e.key === 'ArrowDown' ? 1 : -1), cell.col) ? cell.col : 'product')
      }
    }
  }

  return { shown, has, editable, indexByKey, focusCell, focusFirst, onKeydown }
}
