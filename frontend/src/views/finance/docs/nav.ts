// Keyboard entry in the money line grids: Enter moves to the next field marked `data-nav` (in DOM order,
// inside the grid); Enter on the last one calls `onLast` (append a line). Selects keep their own Enter
// (it picks the highlighted option) while their dropdown is open.
export function navInputs(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('input[data-nav], [data-nav] input')).filter(
    (el) => !(el as HTMLInputElement).disabled && el.offsetParent !== null,
  )
}

export function onGridEnter(e: KeyboardEvent, root: HTMLElement | undefined, onLast?: () => void): void {
  if (e.key !== 'Enter' || e.isComposing || !root) return
  const target = e.target as HTMLElement
  if (target.getAttribute('aria-expanded') === 'true') return
  const inputs = navInputs(root)
  const i = inputs.indexOf(target)
  if (i < 0) return
  e.preventDefault()
  const next = inputs[i + 1]
  if (next) {
    next.focus()
    if (next instanceof HTMLInputElement) next.select()
  } else onLast?.()
}
