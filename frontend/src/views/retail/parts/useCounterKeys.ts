import { onActivated, onBeforeUnmount, onDeactivated, onMounted, type Ref } from 'vue'

function isTyping(el: EventTarget | null): boolean {
  const e = el as HTMLElement | null
  if (!e) return false
  return e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' || e.isContentEditable
}
export function inScanBox(el: EventTarget | null): boolean {
  const e = el as HTMLInputElement | null
  return !!e && e.tagName === 'INPUT' && e.dataset?.testid === 'ret-scan'
}
/** Another dialog (a confirmation, ＋新增会员 …) is open: the till's keys wait. */
function overlayShown(): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>('.el-overlay')).some((el) => el.style.display !== 'none' && getComputedStyle(el).display !== 'none')
}

export interface CounterKeysInput {
  /** one of the till's own dialogs (结算, the receipt, 取单) is open: it takes the keys */
  paused: () => boolean
  /** the number of lines on the ticket */
  count: () => number
  /** the line the arrows, Delete and +/− act on (-1: none) */
  current: Ref<number>
  checkout: () => void
  hold: () => void
  openHeld: () => void
  focusDiscount: () => void
  focusMember: () => void
  focusProduct: () => void
  refocus: () => void
  removeLine: (i: number) => void
  step: (i: number, s: number) => void
}

/**
 * The till's keys: F9 结算, F8 挂单, F7 取单, F6 整单优惠, F4 会员, F2 商品搜索, Esc back to the scan box; and,
 * outside a field (or in the empty scan box), ↑/↓ pick a line, Delete removes it, + and − change its quantity.
 * Listened to on the window (capture) while the till is shown, so they work wherever the focus is; a kept-alive
 * till that is hidden leaves the keys to the page shown.
 */
export function useCounterKeys(o: CounterKeysInput) {
  const { current } = o
  function onKey(e: KeyboardEvent) {
    if (o.paused() || overlayShown()) return
    const scanEmpty = inScanBox(e.target) && !(e.target as HTMLInputElement).value
    const free = !isTyping(e.target) || scanEmpty
    switch (e.key) {
      case 'F9':
        e.preventDefault()
        o.checkout()
        return
      case 'F8':
        e.preventDefault()
        o.hold()
        return
      case 'F7':
        e.preventDefault()
        o.openHeld()
        return
      case 'F6':
        e.preventDefault()
        o.focusDiscount()
        return
      case 'F4':
        e.preventDefault()
        o.focusMember()
        return
      case 'F2':
        e.preventDefault()
        o.focusProduct()
        return
      case 'Escape':
        if (!inScanBox(e.target)) o.refocus()
        return
    }
    if (!free) return
    if (e.key === 'Delete') {
      e.preventDefault()
      o.removeLine(current.value)
    } else if (e.key === 'ArrowUp' && o.count()) {
      e.preventDefault()
      current.value = Math.max(0, current.value - 1)
    } else if (e.key === 'ArrowDown' && o.count()) {
      e.preventDefault()
      current.value = Math.min(o.count() - 1, current.value + 1)
    } else if ((e.key === '+' || e.key === '-') && current.value >= 0) {
      e.preventDefault()
      o.step(current.value, e.key === '+' ? 1 : -1)
    }
  }
  let keysOn = false
  function keys(on: boolean) {
    if (on === keysOn) return
    keysOn = on
    if (on) window.addEventListener('keydown', onKey, true)
    else window.removeEventListener('keydown', onKey, true)
  }
  onMounted(() => keys(true))
  onActivated(() => keys(true))
  onDeactivated(() => keys(false))
  onBeforeUnmount(() => keys(false))
}
