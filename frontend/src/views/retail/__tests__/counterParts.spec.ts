import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import type { SkuPickerRow } from '@/api/types'
import { lineFromSku, lineProblem, type CartLine } from '../logic'
import { useCounterKeys, type CounterKeysInput } from '../parts/useCounterKeys'
import { useCounterQuote } from '../parts/useCounterQuote'

// The till's keys and live promotions, apart from the till: which key does what and when the keys wait; when
// the cart is quoted, and that a quote for a cart that changed meanwhile is not applied.
const api = vi.hoisted(() => ({ quote: vi.fn() }))
vi.mock('../api', () => ({ pricingApi: { quote: api.quote } }))

const row = { sku_id: 3, code: 'P001', name: 'Cola', spec: '', barcode: '690', base_unit_id: 10, base_unit_name: 'btl', units: [{ unit_id: 10, name: 'btl', ratio: '1' }], retail_price: '3.5', min_price: null } as unknown as SkuPickerRow

function withKeys(over: Partial<CounterKeysInput> = {}) {
  const calls: string[] = []
  const current = ref(1)
  const input: CounterKeysInput = {
    paused: () => false,
    count: () => 3,
    current,
    checkout: () => calls.push('checkout'),
    hold: () => calls.push('hold'),
    openHeld: () => calls.push('openHeld'),
    focusDiscount: () => calls.push('discount'),
    focusMember: () => calls.push('member'),
    focusProduct: () => calls.push('product'),
    refocus: () => calls.push('refocus'),
    removeLine: (i) => calls.push(`remove ${i}`),
    step: (i, s) => calls.push(`step ${i} ${s}`),
    ...over,
  }
  const w = mount(defineComponent({ setup: () => (useCounterKeys(input), () => h('div', [h('input', { 'data-testid': 'ret-scan' }), h('input', { 'data-testid': 'other' })])) }), { attachTo: document.body })
  return { w, calls, current }
}
const press = (key: string, target: EventTarget = document.body) => {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
  target.dispatchEvent(e)
  return e.defaultPrevented
}

describe('useCounterKeys', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('maps the function keys and, outside a field, the line keys', () => {
    const { w, calls, current } = withKeys()
    expect(['F9', 'F8', 'F7', 'F6', 'F4', 'F2'].map((k) => press(k))).toEqual([true, true, true, true, true, true])
    expect(calls).toEqual(['checkout', 'hold', 'openHeld', 'discount', 'member', 'product'])
    calls.length = 0
    press('ArrowUp')
    expect(current.value).toBe(0)
    press('ArrowUp')
    expect(current.value).toBe(0)
    press('ArrowDown')
    press('ArrowDown')
    press('ArrowDown')
    expect(current.value).toBe(2)
    press('+')
    press('-')
    press('Delete')
    expect(calls).toEqual(['step 2 1', 'step 2 -1', 'remove 2'])
    w.unmount()
  })

  it('leaves typing alone except in the empty scan box, and Escape goes back to the scan box', () => {
    const { w, calls } = withKeys()
    const other = document.querySelector('[data-testid="other"]') as HTMLInputElement
    const scan = document.querySelector('[data-testid="ret-scan"]') as HTMLInputElement
    expect(press('Delete', other)).toBe(false)
    expect(press('Delete', scan)).toBe(true)
    scan.value = '690'
    expect(press('-', scan)).toBe(false)
    press('Escape', scan)
    press('Escape', other)
    expect(calls).toEqual(['remove 1', 'refocus'])
    w.unmount()
  })

  it('waits while a dialog is open and stops listening once unmounted', () => {
    let paused = true
    const { w, calls } = withKeys({ paused: () => paused })
    press('F9')
    paused = false
    const overlay = document.createElement('div')
    overlay.className = 'el-overlay'
    document.body.appendChild(overlay)
    press('F9')
    overlay.style.display = 'none'
    press('F9')
    expect(calls).toEqual(['checkout'])
    w.unmount()
    press('F9')
    expect(calls).toEqual(['checkout'])
  })
})

describe('useCounterQuote', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    api.quote.mockReset()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function withQuote() {
    const lines = ref<CartLine[]>([])
    const customerId = ref<number | null>(null)
    let q!: ReturnType<typeof useCounterQuote>
    const w = mount(defineComponent({ setup: () => ((q = useCounterQuote({ lines, customerId, canSell: ref(true), problemOf: (l) => lineProblem(l) })), () => null) }))
    return { w, lines, customerId, q: () => q }
  }
  const answer = (price: string) => ({ lines: [{ index: 0, list_price: '3.500000', price, source: 'retail', promotion_id: 9, promotion_text: 'Spring', free_qty: '0', min_price: null }] })

  it('quotes the cart shortly after it changes, once per cart until told to forget it', async () => {
    api.quote.mockResolvedValue(answer('2.800000'))
    const { w, lines, customerId, q } = withQuote()
    lines.value = [lineFromSku(row, 10)]
    await flushPromises()
    expect(api.quote).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(150)
    expect(api.quote).toHaveBeenCalledTimes(1)
    expect(api.quote.mock.calls[0][0]).toMatchObject({ channel: 'retail', customer_id: null, lines: [{ sku_id: 3, unit_id: 10, qty: '1' }] })
    expect(lines.value[0].price).toBe('2.8')
    expect(lines.value[0].promotion_text).toBe('Spring')
    await q().quoteNow()
    expect(api.quote).toHaveBeenCalledTimes(1)
    q().forget()
    await q().quoteNow()
    expect(api.quote).toHaveBeenCalledTimes(2)
    customerId.value = 7
    await flushPromises()
    await vi.advanceTimersByTimeAsync(150)
    expect(api.quote).toHaveBeenCalledTimes(3)
    expect(api.quote.mock.calls[2][0]).toMatchObject({ customer_id: 7 })
    w.unmount()
  })

  it('skips a cart with a bad quantity and drops an answer for a cart that changed meanwhile', async () => {
    const { w, lines, q } = withQuote()
    lines.value = [lineFromSku(row, 10, 'x')]
    await vi.advanceTimersByTimeAsync(150)
    expect(api.quote).not.toHaveBeenCalled()
    let resolve!: (v: unknown) => void
    api.quote.mockReturnValue(new Promise((r) => (resolve = r)))
    lines.value[0].qty = '2'
    const pending = q().quoteNow()
    lines.value[0].qty = '3'
    resolve(answer('1.000000'))
    await pending
    expect(lines.value[0].price).toBe('3.5')
    w.unmount()
    await vi.advanceTimersByTimeAsync(500)
    expect(api.quote).toHaveBeenCalledTimes(1)
  })
})
