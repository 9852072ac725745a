import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { i18n } from '@/i18n'
import { newLine } from './lineMath'
import type { EditLine } from './types'
import { useDocErrors } from './useDocErrors'

// The end of every editor's check: header errors first, then "no lines", then the lines' problems.
function harness(lines: EditLine[]) {
  let api!: ReturnType<typeof useDocErrors>
  const w = mount(
    defineComponent({
      setup() {
        api = useDocErrors(ref(lines))
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return { api, w }
}

describe('useDocErrors', () => {
  it('stops at the first header error, then at no filled line, then at the first line problem', () => {
    const spy = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close: () => undefined }) as never)
    const bad = newLine({ sku_id: 1, qty: '' })
    const { api } = harness([newLine(), bad])
    api.headerErrors.warehouse_id = 'pick a warehouse'
    expect(api.checkFilled(() => 'never asked')).toBe(false)
    expect(spy).toHaveBeenLastCalledWith('pick a warehouse')

    api.clearErrors()
    expect(api.checkFilled((l) => (l.qty ? null : 'qty missing'))).toBe(false)
    expect(api.errorRows.value).toEqual([{ no: 2, messages: ['qty missing'] }])
    expect(api.lineErrors.value).toEqual({ [bad.key]: ['qty missing'] })

    api.clearErrors()
    expect(api.errorRows.value).toEqual([])
    expect(api.checkFilled(() => null)).toBe(true)

    const empty = harness([newLine()]).api
    expect(empty.checkFilled(() => null)).toBe(false)
    expect(spy).toHaveBeenLastCalledWith(i18n.global.t('invDoc.line.empty'))
    spy.mockRestore()
  })

  it('places the server field errors on lines, rows and header fields', () => {
    const { api } = harness([newLine({ sku_id: 1, qty: '1' })])
    api.showFieldErrors({ byLine: { 5: ['short'] }, rows: [{ no: 1, messages: ['short'] }], header: { customer_id: 'gone' } })
    expect(api.lineErrors.value).toEqual({ 5: ['short'] })
    expect(api.errorRows.value).toEqual([{ no: 1, messages: ['short'] }])
    expect(api.headerErrors.customer_id).toBe('gone')
  })
})
