import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import CompaniesView from '@/views/system/CompaniesView.vue'

// 新建账套 carries the credit-control choice (信用控制) made in its dialog, not only the default.
const api = vi.hoisted(() => ({ list: vi.fn(), current: vi.fn(), updateCurrent: vi.fn(), create: vi.fn() }))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), companiesApi: api }))

const company = {
  id: 1,
  name: '甲公司',
  start_date: '2026-01-01',
  allow_negative_stock: false,
  allow_negative_cash: false,
  qty_precision: 2,
  price_precision: 2,
  credit_control: 'warn',
  closed_until: null,
  base_currency: 'CNY',
  is_active: true,
  version: 1,
}

describe('CompaniesView', () => {
  it('creates a company with the credit control chosen in the dialog', async () => {
    api.list.mockResolvedValue([company])
    api.current.mockResolvedValue(company)
    api.create.mockResolvedValue({ ...company, id: 2, name: '乙公司' })
    const pinia = createPinia()
    setActivePinia(pinia)
    const auth = useAuthStore()
    auth.setMe({ id: 1, username: 'admin', is_admin: true, permissions: [] } as unknown as Me, 'csrf')
    auth.fetchMe = vi.fn().mockResolvedValue(undefined) as never
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: CompaniesView }] })
    await router.push('/')
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const w = mount(CompaniesView, {
      global: { plugins: [pinia, i18n, router, [VueQueryPlugin, { queryClient: qc }]] as never[] },
      attachTo: document.body,
    })
    await flushPromises()
    await w.get('[data-testid="company-create"]').trigger('click')
    await flushPromises()
    const name = w.findAllComponents({ name: 'ElInput' }).find((c) => c.vm.$attrs['data-testid'] === 'new-company-name')
    name!.vm.$emit('update:modelValue', '乙公司')
    const select = w.findAllComponents({ name: 'ElSelect' }).find((c) => c.vm.$attrs['data-testid'] === 'new-company-credit-control')
    expect(select).toBeTruthy()
    select!.vm.$emit('update:modelValue', 'refuse')
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-testid="new-company-submit"]')!.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    await flushPromises()
    expect(api.create).toHaveBeenCalledTimes(1)
    expect(api.create.mock.calls[0][0]).toMatchObject({ name: '乙公司', credit_control: 'refuse' })
    w.unmount()
  })
})
