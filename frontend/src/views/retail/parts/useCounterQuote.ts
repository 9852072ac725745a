import { computed, onBeforeUnmount, watch, type Ref } from 'vue'
import { pricingApi } from '../api'
import { applyQuote, linesToQuote, quoteKey, type CartLine, type LineProblem } from '../logic'

export interface CounterQuoteInput {
  lines: Ref<CartLine[]>
  customerId: Ref<number | null>
  canSell: Ref<boolean>
  problemOf: (l: CartLine) => LineProblem | null
}

/**
 * The till's live promotions: POST /sales-prices/quote for the cart, shortly after it changes (member, SKU, unit,
 * quantity or a typed price), and `quoteNow` before 结算 so the amount due is the server's. A cart with a bad
 * quantity is not quoted; the same cart is not quoted twice unless `forget` says the cart was replaced.
 */
export function useCounterQuote(o: CounterQuoteInput) {
  const { lines } = o
  let lastQuote = ''
  let quoteTimer: ReturnType<typeof setTimeout> | null = null
  const quoteInput = computed(() => quoteKey(lines.value, o.customerId.value))
  watch(quoteInput, () => {
    if (quoteTimer) clearTimeout(quoteTimer)
    quoteTimer = setTimeout(() => void runQuote(), 150)
  })
  async function runQuote() {
    quoteTimer = null
    const key = quoteInput.value
    if (!lines.value.length || key === lastQuote || !o.canSell.value) return
    const valid = lines.value.every((l) => {
      const p = o.problemOf(l)
      return p !== 'qty' && p !== 'qtyFraction'
    })
    if (!valid) return
    try {
      const res = await pricingApi.quote({ channel: 'retail', customer_id: o.customerId.value, lines: linesToQuote(lines.value) })
      if (quoteInput.value !== key) return // the cart changed meanwhile: the next quote follows
      applyQuote(lines.value, res.lines)
      lastQuote = quoteInput.value
    } catch {
      // the local retail prices stay; the server prices the ticket anyway
    }
  }
  async function quoteNow() {
    if (quoteTimer) {
      clearTimeout(quoteTimer)
      quoteTimer = null
    }
    await runQuote()
  }
  /** The cart was emptied, resumed or priced otherwise by the server: its next quote must go out. */
  function forget() {
    lastQuote = ''
  }
  onBeforeUnmount(() => {
    if (quoteTimer) clearTimeout(quoteTimer)
  })
  return { quoteNow, forget }
}
