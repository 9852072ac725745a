import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import { newLine } from '@/components/document/lineMath'
import type { EditLine, ExtraColumn } from '@/components/document/types'

// The line grid's extra columns (used by the purchasing editors for 拒收/单价/折扣/税率 and computed amounts):
// inputs bound to line.extra, read-only texts, and Enter moving qty → extra inputs → remark.
vi.mock('@/components/document/stockApi', () => ({ stockLookupApi: { availability: vi.fn(async () => []), lots: vi.fn(async () => []), suggestLots: vi.fn() } }))

function plugins() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe({ id: 1, username: 'admin', is_admin: true, permissions: [] } as unknown as Me, 'csrf')
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return { global: { plugins: [pinia, i18n, [VueQueryPlugin, { queryClient: qc }]] as never[] } }
}

describe('LineGrid extra columns', { timeout: 120_000 }, () => {
  it('binds inputs to line.extra, shows texts and navigates through the inputs', async () => {
    const lines: EditLine[] = [
      newLine({ sku_id: 1, sku_code: 'A', product_name: 'A', text: 'A', unit_id: 1, units: [{ unit_id: 1, name: 'pc', ratio: '1' }], qty: '2', extra: { price: '3' } }),
    ]
    const extra: ExtraColumn[] = [
      { key: 'price', title: 'Price', input: true, invalid: (l) => (l.extra?.price ?? '') === 'x' },
      { key: 'amount', title: 'Amount', text: (l) => String(Number(l.qty) * Number(l.extra?.price ?? 0)) },
      { key: 'tax_rate', title: 'Tax', input: true },
    ]
    const LineGrid = (await import('@/components/document/LineGrid.vue')).default
    const w = mount(LineGrid, {
      props: { lines, columns: ['product', 'qty', 'remark'], extraColumns: extra, 'onUpdate:lines': () => {} },
      attachTo: document.body,
      ...plugins(),
    })
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    const price = w.find('[data-testid="line-price-1"]')
    expect((price.element as HTMLInputElement).value).toBe('3')
    expect(w.find('[data-testid="line-amount-1"]').text()).toBe('6')
    await price.setValue('4')
    expect(lines[0].extra?.price).toBe('4')
    await flushPromises()
    expect(w.find('[data-testid="line-amount-1"]').text()).toBe('8')
    await price.setValue('x')
    await flushPromises()
    expect(w.find('[data-testid="line-price-1"]').classes()).toContain('invalid')

    await w.find(`[data-cell="${lines[0].key}:qty"]`).trigger('keydown', { key: 'Enter' })
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
    expect((document.activeElement as HTMLElement).dataset.cell).toBe(`${lines[0].key}:price`)
    await w.find(`[data-cell="${lines[0].key}:price"]`).trigger('keydown', { key: 'Enter' })
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
    expect((document.activeElement as HTMLElement).dataset.cell).toBe(`${lines[0].key}:tax_rate`)
    await w.find(`[data-cell="${lines[0].key}:tax_rate"]`).trigger('keydown', { key: 'Enter' })
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
    expect((document.activeElement as HTMLElement).dataset.cell).toBe(`${lines[0].key}:remark`)
    w.unmount()
  })
})
