import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h, type Component } from 'vue'
import { ElDialog } from 'element-plus'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { AccountRead, Me } from '@/api/types'
import PayDialog from '../parts/PayDialog.vue'
import TicketDialog from '../parts/TicketDialog.vue'
import { ticket } from './fixtures'

// 零售退货 by ticket number (lines, quantities, exact refund), the ticket dialog (红冲/退货 only with their
// permissions, profit only when the server sends it) and the split payment of the 结算 dialog.
const http = vi.hoisted(() => ({ request: vi.fn() }))
vi.mock('@/components/document/request', () => ({ request: http.request }))
const masters = vi.hoisted(() => ({ accounts: { list: vi.fn() } }))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), accountsApi: masters.accounts }))

const accounts = [
  { id: 1, code: 'C1', name: 'Cash box', kind: 'cash', is_active: true },
  { id: 2, code: 'W1', name: 'WeChat', kind: 'wechat', is_active: true },
  { id: 3, code: 'B1', name: 'Bank card', kind: 'bank', is_active: true },
] as AccountRead[]

function setup(perms: string[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'u', is_admin: false, permissions: perms } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return { pinia, qc }
}
async function mountRoute(comp: Component, name: string, path: string, perms: string[]) {
  const { pinia, qc } = setup(perms)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/retail/return', name, component: comp },
    ],
  })
  await router.push(path)
  const Root = defineComponent({ render: () => h('div', [h(RouterView)]) })
  const w = mount(Root, { global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] }, attachTo: document.body })
  await settle()
  return w
}
async function settle(ms = 40) {
  await flushPromises()
  await new Promise((r) => setTimeout(r, ms))
  await flushPromises()
}
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
async function type(sel: string, value: string) {
  const input = $(sel) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
  localStorage.clear()
  i18n.global.locale.value = 'en'
  window.print = vi.fn()
  masters.accounts.list.mockResolvedValue({ items: accounts, total: 3, page: 1, page_size: 200 })
})

describe('RetailReturn', { timeout: 60_000 }, () => {
  it('finds the ticket by number, returns 1 of 2 and refunds exactly', async () => {
    http.request.mockImplementation(async (method: string, path: string) => {
      if (method === 'GET' && path === '/retail/tickets/by-number/LSD-20261124-0001') return ticket()
      if (method === 'POST' && path === '/retail/returns') return ticket({ id: 8, number: 'LSTH-20261124-0001', kind: 'retail_return', total_amount: '2.70' })
      throw new Error(`unexpected ${method} ${path}`)
    })
    const View = (await import('../RetailReturnView.vue')).default
    const w = await mountRoute(View, 'RetailReturn', '/retail/return?number=LSD-20261124-0001', ['retail.return', 'retail.view'])
    expect($('[data-testid="ret-return-ticket"]')).not.toBeNull()
    await type('[data-testid="ret-return-qty-0"] input, input[data-testid="ret-return-qty-0"]', '1')
    // 5.40 for 2 → 2.70 for 1
    expect($('[data-testid="ret-return-refund"]')?.textContent).toBe('¥2.70')
    await type('input[data-testid="ret-return-qty-1"]', '3')
    expect(($('[data-testid="ret-return-submit"]') as HTMLButtonElement).disabled).toBe(true)
    // an impossible quantity: the maximum is shown and no refund is reckoned for it
    expect($('[data-testid="ret-return-qty-hint-1"]')?.textContent).toContain('1')
    expect($('[data-testid="ret-return-refund"]')?.textContent).toBe('—')
    expect($('[data-testid="ret-return-invalid"]')).not.toBeNull()
    await type('input[data-testid="ret-return-qty-1"]', '')
    ;($('[data-testid="ret-return-submit"]') as HTMLButtonElement).click()
    await settle()
    expect($('[data-testid="ret-pay-due"]')?.textContent).toBe('¥2.70')
    // refund wording in the refund dialog (实退, not 实收)
    expect($('[data-testid="ret-pay-dialog"]')?.textContent).toContain('Refunded')
    expect($('[data-testid="ret-pay-dialog"]')?.textContent).not.toContain('Tendered')
    ;($('[data-testid="ret-pay-confirm"]') as HTMLButtonElement).click()
    await settle()
    const post = http.request.mock.calls.find((c) => c[0] === 'POST')
    expect(post?.[2]).toEqual({ body: { ticket_id: 7, lines: [{ source_line_id: 1, qty: '1' }], payments: [{ account_id: 1, amount: '2.70' }] } })
    expect($('[data-testid="ret-return-ticket"]')).toBeNull()
    w.unmount()
  })
})

describe('TicketDialog', { timeout: 60_000 }, () => {
  async function open(perms: string[], t = ticket()) {
    http.request.mockResolvedValue(t)
    const { pinia, qc } = setup(perms)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] })
    const w = mount(TicketDialog, {
      props: { id: 7, modelValue: true },
      global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] },
      attachTo: document.body,
    })
    await settle()
    return w
  }

  it('offers reverse and return only with their permissions', async () => {
    let w = await open(['retail.view'])
    expect($('[data-testid="ret-ticket-number"]')?.textContent).toBe('LSD-20261124-0001')
    expect($('[data-testid="ret-ticket-reverse"]')).toBeNull()
    expect($('[data-testid="ret-ticket-return"]')).toBeNull()
    expect($('[data-testid="ret-ticket-reprint"]')).not.toBeNull()
    expect(document.body.textContent).not.toContain('Gross profit')
    w.unmount()
    document.body.innerHTML = ''
    w = await open(['retail.view', 'retail.reverse', 'retail.return'], ticket({ profit_amount: '3.10' }))
    expect($('[data-testid="ret-ticket-reverse"]')).not.toBeNull()
    expect($('[data-testid="ret-ticket-return"]')).not.toBeNull()
    expect(document.body.textContent).toContain('Gross profit')
    w.unmount()
  })
})

describe('PayDialog', () => {
  it('focuses the amount when it has opened, unless the cashier already clicked into the dialog', async () => {
    const w = mount(PayDialog, { props: { modelValue: false, due: '12.00', accounts }, global: { plugins: [i18n] }, attachTo: document.body })
    await w.setProps({ modelValue: true })
    await settle(10)
    const amount = () => $('input[data-testid="ret-pay-amount"]')
    ;(document.activeElement as HTMLElement | null)?.blur()
    w.findComponent(ElDialog).vm.$emit('opened')
    await settle(10)
    expect(document.activeElement).toBe(amount())

    await w.setProps({ modelValue: false })
    await settle(10)
    await w.setProps({ modelValue: true })
    await settle(10)
    ;(document.activeElement as HTMLElement | null)?.blur()
    $('[data-testid="ret-pay-account"]')?.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    w.findComponent(ElDialog).vm.$emit('opened')
    await settle(10)
    expect(document.activeElement).not.toBe(amount())
    w.unmount()
  })
  it('splits over cash and WeChat; WeChat above the due is refused', async () => {
    const w = mount(PayDialog, { props: { modelValue: false, due: '12.00', accounts }, global: { plugins: [i18n] }, attachTo: document.body })
    await w.setProps({ modelValue: true })
    await settle(10)
    ;($('[data-testid="ret-pay-method-wechat"]') as HTMLButtonElement).click()
    await settle(10)
    expect(($('input[data-testid="ret-pay-amount"]') as HTMLInputElement).value).toBe('12.00')
    ;($('[data-testid="ret-pay-method-split"]') as HTMLButtonElement).click()
    await settle(10)
    await type('input[data-testid="ret-split-amount-1"]', '13')
    expect($('[data-testid="ret-pay-error"]')?.textContent).toContain('Non-cash')
    await type('input[data-testid="ret-split-amount-1"]', '7')
    ;($('[data-testid="ret-split-rest-0"]') as HTMLButtonElement).click()
    await settle(10)
    expect(($('input[data-testid="ret-split-amount-0"]') as HTMLInputElement).value).toBe('5.00')
    expect($('[data-testid="ret-pay-error"]')).toBeNull()
    ;($('[data-testid="ret-pay-confirm"]') as HTMLButtonElement).click()
    expect(w.emitted('confirm')?.[0]).toEqual([
      [
        { account_id: 1, amount: '5.00' },
        { account_id: 2, amount: '7.00' },
      ],
    ])
    w.unmount()
  })
})
