import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { i18n } from '@/i18n'
import { filenameOf } from '@/api/files'

const api = vi.hoisted(() => ({ template: vi.fn(), run: vi.fn(), errorFile: vi.fn() }))
vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), importApi: api, saveBlob: vi.fn() }))

const result = (errors: { row: number; column: string; message: string }[], committed = false) => ({
  total: 3,
  valid: 3 - errors.length,
  created: committed ? 3 : 0,
  updated: 0,
  committed,
  errors,
})

async function choose(w: ReturnType<typeof mount>, name: string) {
  const input = w.find('input[type="file"]')
  const file = new File(['x'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

describe('ImportDialog', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
  })

  it('previews, lists the errors, allows 导入 only without errors, then reports the result', async () => {
    const ImportDialog = (await import('@/components/import/ImportDialog.vue')).default
    api.run
      .mockResolvedValueOnce(result([{ row: 4, column: '名称', message: '必填' }]))
      .mockResolvedValueOnce(result([]))
      .mockResolvedValueOnce(result([], true))
    const w = mount(ImportDialog, {
      props: { modelValue: true, entity: 'products' },
      global: { plugins: [i18n], stubs: { teleport: true } },
      attachTo: document.body,
    })
    await flushPromises()
    await choose(w, 'bad.xlsx')
    expect(api.run).toHaveBeenLastCalledWith('products', expect.any(File), 'preview')
    expect(w.find('[data-testid="import-error-count"]').text()).toBe('1')
    expect(w.find('[data-testid="import-errors"]').text()).toContain('必填')
    expect(w.find('[data-testid="import-commit"]').attributes('disabled')).toBeDefined()

    await choose(w, 'good.xlsx')
    expect(w.find('[data-testid="import-error-count"]').text()).toBe('0')
    const commit = w.find('[data-testid="import-commit"]')
    expect(commit.attributes('disabled')).toBeUndefined()
    await commit.trigger('click')
    await flushPromises()
    expect(api.run).toHaveBeenLastCalledWith('products', expect.any(File), 'commit')
    expect(w.emitted('imported')?.[0]?.[0]).toMatchObject({ committed: true, created: 3 })
    expect(w.find('[data-testid="import-created"]').text()).toBe('3')
    w.unmount()
  }, 30_000)

  it('reads file names from Content-Disposition', () => {
    expect(filenameOf("attachment; filename*=UTF-8''%E5%95%86%E5%93%81.xlsx")).toBe('商品.xlsx')
    expect(filenameOf('attachment; filename="a.xlsx"')).toBe('a.xlsx')
    expect(filenameOf(null)).toBeNull()
  })
})
