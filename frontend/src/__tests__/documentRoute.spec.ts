import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, KeepAlive, ref } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import { hydrateUnits } from '@/components/document/hydrateUnits'
import { newLine } from '@/components/document/lineMath'
import type { UnitOption } from '@/components/document/types'
import { useDocumentRoute } from '@/components/document/useDocumentRoute'

const skus = vi.hoisted(() => ({ search: vi.fn() }))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), skusApi: skus }))

type Doc = { id: number; n: string }

function harness(get: (id: number) => Promise<Doc>) {
  const seen = { fill: [] as Doc[], reset: 0, mark: 0 }
  const dirty = ref(false)
  const Editor = defineComponent({
    name: 'Editor',
    setup() {
      const doc = ref<Doc | null>(null)
      const loading = ref(false)
      useDocumentRoute({
        routeName: 'Edit',
        doc,
        loading,
        get,
        fill: (d) => {
          doc.value = d
          seen.fill.push(d)
        },
        resetNew: () => {
          doc.value = null
          seen.reset += 1
        },
        mark: () => (seen.mark += 1),
        reloadOnActivate: { dirty, busy: ref('') },
      })
      return () => h('div', doc.value?.n ?? 'new')
    },
  })
  const Other = defineComponent({ render: () => h('p', 'other') })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/edit/:id?', name: 'Edit', component: Editor },
      { path: '/other', name: 'Other', component: Other },
    ],
  })
  const App = defineComponent({
    render: () => h(RouterView, null, { default: ({ Component }: { Component: unknown }) => h(KeepAlive, null, [Component ? h(Component as never) : null]) }),
  })
  return { seen, dirty, router, App }
}

beforeEach(() => vi.clearAllMocks())

describe('useDocumentRoute', () => {
  it('loads the document of the URL, keeps it when another route shows, reloads it when shown again', async () => {
    const get = vi.fn(async (id: number) => ({ id, n: `doc ${id}` }))
    const { seen, router, App, dirty } = harness(get)
    await router.push('/edit/7')
    const w = mount(App, { global: { plugins: [router, i18n] } })
    await flushPromises()
    expect(w.text()).toBe('doc 7')
    expect(get).toHaveBeenCalledTimes(1)

    await router.push('/other')
    await flushPromises()
    expect(get).toHaveBeenCalledTimes(1) // another editor's route: this one is left alone
    await router.push('/edit/7')
    await flushPromises()
    expect(get).toHaveBeenCalledTimes(2) // the kept-alive tab shown again: reloaded

    dirty.value = true
    await router.push('/other')
    await router.push('/edit/7')
    await flushPromises()
    expect(get).toHaveBeenCalledTimes(2) // unsaved changes are never thrown away by a reload
    expect(seen.fill.map((d) => d.id)).toEqual([7, 7])
  })

  it('a blank route resets a shown document; a missing one says so', async () => {
    const get = vi.fn(async (id: number) => {
      if (id === 404) throw new ApiError({ status: 404, code: 'document_not_found' })
      return { id, n: `doc ${id}` }
    })
    const { seen, router, App } = harness(get)
    await router.push('/edit/3')
    const w = mount(App, { global: { plugins: [router, i18n] } })
    await flushPromises()
    await router.push('/edit')
    await flushPromises()
    expect(seen.reset).toBe(1)
    expect(w.text()).toBe('new')
    const warning = vi.spyOn(ElMessage, 'warning')
    await router.push('/edit/404')
    await flushPromises()
    expect(warning).toHaveBeenCalled()
    expect(w.text()).toBe('new')
  })
})

describe('hydrateUnits', () => {
  it("fills every line's units by its SKU code, keeps a unit the SKU no longer has, survives a failed look-up", async () => {
    skus.search.mockImplementation(async ({ q }: { q: string }) => {
      if (q === 'BAD') throw new Error('offline')
      return {
        items: [{ sku_id: 1, code: 'P1', base_unit_id: 10, base_unit_name: '瓶', units: [{ unit_id: 10, name: '瓶', ratio: '1' }, { unit_id: 11, name: '箱', ratio: '24' }] }],
        total: 1,
        page: 1,
        page_size: 50,
      }
    })
    const a = { ...newLine(), sku_id: 1, sku_code: 'P1', unit_id: 12, units: [{ unit_id: 12, name: '打', ratio: '12' }] }
    const b = { ...newLine(), sku_id: 1, sku_code: 'P1', unit_id: 10, units: [] as UnitOption[] }
    const c = { ...newLine(), sku_id: 2, sku_code: 'BAD', unit_id: 20, units: [{ unit_id: 20, name: '个', ratio: '1' }] }
    await hydrateUnits([a, b, c])
    expect(skus.search).toHaveBeenCalledTimes(2) // once per code
    expect(a.units.map((u) => u.unit_id)).toEqual([10, 11, 12])
    expect(b.units.map((u) => u.unit_id)).toEqual([10, 11])
    expect([a.unitsLoaded, b.unitsLoaded, c.unitsLoaded]).toEqual([true, true, false])
    expect(c.units.map((u) => u.unit_id)).toEqual([20])
  })
})
