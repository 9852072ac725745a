import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import type { DocAction } from '@/components/document'
import { useLifecycleActions, type LifecycleApi } from '@/components/document/lifecycleActions'

const ui = vi.hoisted(() => ({ message: Object.assign(vi.fn(), { success: vi.fn(), warning: vi.fn(), error: vi.fn() }), prompt: vi.fn() }))
vi.mock('element-plus/es', async (original) => ({ ...(await original<object>()), ElMessage: ui.message, ElMessageBox: { prompt: ui.prompt } }))

type Doc = { id: number; status: string }

function setup(api: Partial<LifecycleApi<Doc>> = {}) {
  const full = {
    get: vi.fn(async (id: number) => ({ id, status: 'reversed' })),
    unapprove: vi.fn(async (id: number) => ({ id, status: 'draft' })),
    reverse: vi.fn(async (id: number, _day?: string) => ({ id, status: 'reversed' })),
    void: vi.fn(async (id: number) => ({ id, status: 'void' })),
    remove: vi.fn(async () => undefined),
    copy: vi.fn(async () => ({ id: 99 })),
    ...api,
  }
  const seen = { fill: [] as Doc[], reset: 0, invalidated: 0 }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/list', name: 'List', component: { render: () => null } },
      { path: '/edit/:id?', name: 'Edit', component: { render: () => null } },
    ],
  })
  let run: (a: DocAction, d: Doc | null) => Promise<boolean> = async () => false
  mount(
    defineComponent({
      setup() {
        run = useLifecycleActions<Doc>({
          api: full,
          fill: (d) => seen.fill.push(d),
          resetNew: () => (seen.reset += 1),
          invalidateList: () => (seen.invalidated += 1),
          listRoute: 'List',
          editRoute: 'Edit',
        })
        return () => h('div')
      },
    }),
    { global: { plugins: [router, i18n] } },
  )
  return { api: full, seen, router, run: (a: DocAction, d: Doc | null) => run(a, d) }
}

beforeEach(() => vi.clearAllMocks())

describe('useLifecycleActions', () => {
  it('红冲 shows the original; a red document as the answer is exchanged for the original', async () => {
    const s = setup({ reverse: vi.fn(async () => ({ id: 8, status: 'approved' })) })
    expect(await s.run('reverse', { id: 7, status: 'approved' })).toBe(true)
    expect(s.api.get).toHaveBeenCalledWith(7)
    expect(s.seen.fill).toEqual([{ id: 7, status: 'reversed' }])
  })

  it('红冲 in a closed period asks for a date and retries with it', async () => {
    ui.prompt.mockResolvedValue({ value: '2026-11-30' })
    const reverse = vi.fn(async (id: number, day?: string) => {
      if (!day) throw new ApiError({ status: 422, code: 'period_closed' })
      return { id, status: 'reversed' }
    })
    const s = setup({ reverse })
    await s.run('reverse', { id: 7, status: 'approved' })
    expect(reverse.mock.calls).toEqual([[7, undefined], [7, '2026-11-30']])
    expect(s.seen.fill).toEqual([{ id: 7, status: 'reversed' }])
  })

  it('删除 resets the editor and goes to the list; 复制新增 opens the copy', async () => {
    const s = setup()
    await s.run('delete', { id: 7, status: 'draft' })
    await flushPromises()
    expect(s.api.remove).toHaveBeenCalledWith(7)
    expect([s.seen.reset, s.seen.invalidated]).toEqual([1, 1])
    expect(s.router.currentRoute.value.name).toBe('List')
    await s.run('copy', { id: 7, status: 'approved' })
    await flushPromises()
    expect(s.router.currentRoute.value.fullPath).toBe('/edit/99')
  })

  it("leaves the editor's own actions, and 反审核 where the kind has none, to the editor", async () => {
    const s = setup({ unapprove: undefined })
    expect(await s.run('save', { id: 7, status: 'draft' })).toBe(false)
    expect(await s.run('approve', { id: 7, status: 'draft' })).toBe(false)
    expect(await s.run('unapprove', { id: 7, status: 'approved' })).toBe(false)
    expect(await s.run('void', null)).toBe(true) // nothing shown: nothing to do
    expect(s.api.void).not.toHaveBeenCalled()
  })
})
