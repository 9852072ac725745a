import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { nextTick, ref } from 'vue'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import { newAllocLine, type AllocLine } from '@/views/finance/docs/logic'
import type { OpenItem } from '@/views/finance/docs/types'

const api = vi.hoisted(() => ({ openItems: vi.fn(), rate: vi.fn(), categories: vi.fn(), accounts: vi.fn() }))
vi.mock('@/views/finance/docs/api', async (orig) => ({ ...(await orig<typeof import('@/views/finance/docs/api')>()), moneyLookupApi: api }))

const item = (id: number, date: string, open: string, currency = 'CNY'): OpenItem => ({
  id,
  partner_id: 7,
  side: 'ar',
  doc_kind: 'opening',
  doc_number: `QCYE-${id}`,
  business_date: date,
  due_date: null,
  currency,
  amount: open,
  open_amount: open,
  base_amount: open,
})

function plugins() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'admin', is_admin: true, permissions: [] } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return { global: { plugins: [pinia, i18n, [VueQueryPlugin, { queryClient: qc }]] as never[] } }
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

describe('SettleLines (收款单 核销明细)', () => {
  async function mountSettle(amount: string, discount = '', lines: AllocLine[] = []) {
    const SettleLines = (await import('@/views/finance/docs/parts/SettleLines.vue')).default
    const model = ref(lines)
    const w = mount(SettleLines, {
      props: {
        side: 'ar',
        partnerId: 7,
        currency: 'CNY',
        amount,
        discount,
        readonly: false,
        errors: {},
        lines: model.value,
        'onUpdate:lines': (v: AllocLine[]) => {
          model.value = v
          void w.setProps({ lines: v })
        },
        autoAllocate: true,
        'onUpdate:autoAllocate': () => {},
      },
      ...plugins(),
      attachTo: document.body,
    })
    await flushPromises()
    return { w, model }
  }

  it('loads the partner open items and shows their total', async () => {
    api.openItems.mockResolvedValue([item(2, '2026-02-01', '200.00'), item(1, '2026-01-01', '1000.00'), item(3, '2026-01-01', '9.00', 'USD')])
    const { w } = await mountSettle('300')
    expect(api.openItems).toHaveBeenCalledWith(7, 'ar', 'debit')
    expect(w.find('[data-testid="fin-open-total"]').text()).toBe('1,200.00')
    expect(w.find('[data-testid="fin-capacity"]').text()).toBe('300.00')
    expect(w.find('[data-testid="fin-prepay"]').text()).toBe('300.00')
    w.unmount()
  })

  it('自动核销 fills the oldest first up to amount + discount; the rest is 预收', async () => {
    api.openItems.mockResolvedValue([item(2, '2026-02-01', '200.00'), item(1, '2026-01-01', '1000.00')])
    const { w, model } = await mountSettle('1100', '50')
    await w.find('[data-testid="fin-auto-fill"]').trigger('click')
    await flushPromises()
    await nextTick()
    expect(model.value.map((l) => [l.entry.id, l.amount])).toEqual([
      [1, '1000'],
      [2, '150'],
    ])
    expect(w.find('[data-testid="fin-alloc-total"]').text()).toBe('1,150.00')
    expect(w.find('[data-testid="fin-prepay"]').text()).toBe('0.00')
    w.unmount()
  })

  it('shows an over-allocation and the line above its open amount', async () => {
    const it1 = item(1, '2026-01-01', '100.00')
    api.openItems.mockResolvedValue([it1])
    const { w } = await mountSettle('50', '', [newAllocLine(it1, '120')])
    expect(w.find('[data-testid="fin-alloc-over"]').exists()).toBe(true)
    expect(w.text()).toContain(i18n.global.t('finDoc.line.problem_exceedsOpen'))
    w.unmount()
  })
})
