import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import type { Statement } from '@/views/finance/reports/types'

const statement = (over: Partial<Statement> = {}): Statement => ({
  company_name: '示例商贸有限公司',
  partner_id: 7,
  partner_code: 'KH001',
  partner_name: '华联超市',
  side: 'ar',
  currency: 'CNY',
  date_from: '2026-03-01',
  date_to: '2026-03-31',
  opening_balance: '1000.00',
  rows: [
    { business_date: '2026-03-09', doc_kind: 'receipt', doc_kind_label: '收款单', doc_number: 'SKD001', remark: '', increase: '0.00', decrease: '300.00', balance: '700.00' },
  ],
  total_increase: '0.00',
  total_decrease: '300.00',
  closing_balance: '700.00',
  ...over,
})

function plugins(extra: unknown[] = []) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'admin', is_admin: true, permissions: [] } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return { global: { plugins: [pinia, i18n, [VueQueryPlugin, { queryClient: qc }], ...extra] as never[] } }
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('StatementSheet', () => {
  it('shows company, partner, period, opening, rows, totals, closing and the signature lines', async () => {
    const StatementSheet = (await import('@/views/finance/reports/StatementSheet.vue')).default
    const w = mount(StatementSheet, { props: { statement: statement() }, ...plugins() })
    expect(w.get('[data-testid="statement-company"]').text()).toBe('示例商贸有限公司')
    expect(w.get('[data-testid="statement-partner"]').text()).toBe('华联超市')
    expect(w.get('[data-testid="statement-period"]').text()).toBe('2026-03-01 ~ 2026-03-31')
    expect(w.get('[data-testid="statement-opening-balance"]').text()).toBe('1,000.00')
    const rows = w.findAll('[data-testid="statement-row"]')
    expect(rows).toHaveLength(1)
    expect(rows[0].get('[data-testid="statement-row-increase"]').text()).toBe('')
    expect(rows[0].get('[data-testid="statement-row-decrease"]').text()).toBe('300.00')
    expect(rows[0].get('[data-testid="statement-row-balance"]').text()).toBe('700.00')
    expect(w.get('[data-testid="statement-total-decrease"]').text()).toBe('300.00')
    expect(w.get('[data-testid="statement-closing-balance"]').text()).toBe('700.00')
    expect(w.get('[data-testid="statement-sentence"]').text()).toBe('截至 2026-03-31，贵单位尚欠我方 CNY 700.00。')
    expect(w.text()).toContain('对方确认')
    expect(w.text()).toContain('经办人')
  }, 30_000)
  it('words a supplier prepayment and a settled balance', async () => {
    const StatementSheet = (await import('@/views/finance/reports/StatementSheet.vue')).default
    const w = mount(StatementSheet, { props: { statement: statement({ side: 'ap', closing_balance: '-20.50' }) }, ...plugins() })
    expect(w.get('[data-testid="statement-sentence"]').text()).toBe('截至 2026-03-31，我方在贵单位尚有预付款 CNY 20.50。')
    expect(w.get('[data-testid="statement-closing-balance"]').classes()).toContain('neg')
    await w.setProps({ statement: statement({ closing_balance: '0.00', rows: [] }) })
    expect(w.get('[data-testid="statement-sentence"]').text()).toBe('截至 2026-03-31，双方往来款项已结清。')
    expect(w.text()).toContain('本期无往来单据')
  })
})

async function mountPublic(token: string) {
  const PublicStatementView = (await import('@/views/public/PublicStatementView.vue')).default
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/s/:token', component: PublicStatementView }] })
  router.push(`/s/${token}`)
  await router.isReady()
  const w = mount(PublicStatementView, { ...plugins([router]) })
  await flushPromises()
  return w
}

describe('PublicStatementView', () => {
  it('loads the statement of the token without credentials', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify(statement()), { status: 200, headers: { 'Content-Type': 'application/json' } }))
    vi.stubGlobal('fetch', fetchMock)
    const w = await mountPublic('tok_123')
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/public/statements/tok_123', expect.objectContaining({ credentials: 'omit' }))
    expect(w.find('[data-testid="statement-sheet"]').exists()).toBe(true)
    expect(w.get('[data-testid="statement-closing-balance"]').text()).toBe('700.00')
  }, 30_000)
  it('says 链接无效或已过期 on 404', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(new Response(JSON.stringify({ status: 404, code: 'statement_link_invalid' }), { status: 404 })),
    )
    const w = await mountPublic('gone')
    expect(w.find('[data-testid="statement-sheet"]').exists()).toBe(false)
    expect(w.get('[data-testid="public-statement-invalid"]').text()).toContain('链接无效或已过期')
  }, 30_000)
  it('offers a retry on other errors', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('offline')))
    const w = await mountPublic('x')
    expect(w.find('[data-testid="public-statement-error"]').exists()).toBe(true)
  }, 30_000)
})
