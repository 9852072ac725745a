import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import { openOnRowClick, useDraftBatch } from '@/components/list'

const ui = vi.hoisted(() => {
  const message = Object.assign(vi.fn(), { warning: vi.fn(), error: vi.fn(), success: vi.fn() })
  return { message, confirm: vi.fn() }
})
vi.mock('element-plus/es', async (original) => ({
  ...(await original<object>()),
  ElMessage: ui.message,
  ElMessageBox: { confirm: ui.confirm },
}))

type Row = { id: number; status: string }

function batchOf(selected: Row[], approve = vi.fn(async (_id: number) => ({})), remove = vi.fn(async (_id: number) => ({}))) {
  const done = vi.fn()
  let run: (a: 'approve' | 'delete') => Promise<void> = async () => {}
  mount(
    defineComponent({
      setup() {
        run = useDraftBatch({ selected: ref(selected), approve, remove, done })
        return () => h('div')
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return { run: (a: 'approve' | 'delete') => run(a), approve, remove, done }
}

beforeEach(() => {
  vi.clearAllMocks()
  ui.confirm.mockResolvedValue('confirm')
})

describe('useDraftBatch (批量审核 / 删除)', () => {
  it('acts on the selected drafts only, one by one, and counts what went and what did not', async () => {
    const approve = vi.fn(async (id: number) => {
      if (id === 3) throw new ApiError({ status: 409, code: 'insufficient_stock' })
      return {}
    })
    const b = batchOf(
      [
        { id: 1, status: 'draft' },
        { id: 2, status: 'approved' },
        { id: 3, status: 'draft' },
      ],
      approve,
    )
    await b.run('approve')
    expect(approve.mock.calls.map((c) => c[0])).toEqual([1, 3])
    expect(ui.message).toHaveBeenCalledWith(expect.objectContaining({ type: 'warning' }))
    expect(String(ui.message.mock.calls[0][0].message)).toMatch(/1.*1/)
    expect(b.done).toHaveBeenCalledTimes(1)
  })

  it('nothing selected, no draft among them, or the confirmation cancelled: nothing is sent', async () => {
    const none = batchOf([])
    await none.run('delete')
    const noDraft = batchOf([{ id: 2, status: 'approved' }])
    await noDraft.run('delete')
    expect(ui.message.warning).toHaveBeenCalledTimes(2)
    ui.confirm.mockRejectedValueOnce('cancel')
    const cancelled = batchOf([{ id: 1, status: 'draft' }])
    await cancelled.run('delete')
    for (const b of [none, noDraft, cancelled]) {
      expect(b.remove).not.toHaveBeenCalled()
      expect(b.done).not.toHaveBeenCalled()
    }
  })
})

describe('openOnRowClick', () => {
  it('opens the clicked row, but not from its checkbox, a button or the pager', () => {
    const items = ref([{ n: 'a' }, { n: 'b' }])
    const open = vi.fn()
    const onClick = openOnRowClick(items, open)
    document.body.innerHTML = `<table><tbody>
      <tr class="el-table__row"><td id="a">a</td></tr>
      <tr class="el-table__row"><td id="b">b <button id="btn">x</button><span class="el-checkbox" id="cb"></span></td></tr>
    </tbody></table><div class="el-pagination"><span id="pg">2</span></div>`
    const click = (id: string) => onClick({ target: document.getElementById(id) } as unknown as MouseEvent)
    click('b')
    click('btn')
    click('cb')
    click('pg')
    click('a')
    expect(open.mock.calls.map((c) => c[0].n)).toEqual(['b', 'a'])
  })
})
