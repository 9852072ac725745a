import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { computed, defineComponent, h, reactive, ref } from 'vue'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import { MONEY_DOC_KINDS } from '@/views/finance/docs/kinds'
import { BASE_CURRENCY, emptyHeader, emptyLines, newAllocLine, type MoneyHeader, type MoneyLinesState } from '@/views/finance/docs/logic'
import type { MoneyDocKind, OpenItem } from '@/views/finance/docs/types'
import { useMoneyDocErrors } from '@/views/finance/docs/parts/useMoneyDocErrors'
import { useMoneyDocPrint } from '@/views/finance/docs/parts/useMoneyDocPrint'

// The money editor's two composables on their own: what the client check puts on the header and
// the lines, where server errors land, and what a document prints.
const ui = vi.hoisted(() => ({ message: Object.assign(vi.fn(), { success: vi.fn(), warning: vi.fn(), error: vi.fn(), info: vi.fn() }), alert: vi.fn() }))
vi.mock('element-plus/es', async (original) => ({ ...(await original<object>()), ElMessage: ui.message, ElMessageBox: { alert: ui.alert } }))

const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named)

const entry: OpenItem = {
  id: 41,
  partner_id: 7,
  side: 'ar',
  doc_kind: 'opening',
  doc_number: 'QCYE-20260101-001',
  business_date: '2026-01-01',
  due_date: null,
  currency: 'CNY',
  amount: '1000.00',
  open_amount: '200.00',
  base_amount: '1000.00',
}

function withSetup<T>(fn: () => T): T {
  let out: T | undefined
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  mount(
    defineComponent({
      setup() {
        out = fn()
        return () => h('div')
      },
    }),
    { global: { plugins: [i18n, [VueQueryPlugin, { queryClient: qc }]] as never[] } },
  )
  return out as T
}

function state(kind: MoneyDocKind) {
  const def = MONEY_DOC_KINDS[kind]
  const header = reactive<MoneyHeader>(emptyHeader(def, '2026-05-01'))
  const lines = reactive<MoneyLinesState>(emptyLines())
  const foreign = computed(() => def.layout === 'settle' && header.currency !== BASE_CURRENCY)
  return { def, header, lines, foreign }
}

beforeEach(() => {
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

describe('useMoneyDocErrors', () => {
  it('stops at the header: a transfer between one account names the to-account field', () => {
    const s = state('transfer')
    Object.assign(s.header, { account_id: 3, to_account_id: 3, amount: '10' })
    const e = withSetup(() => useMoneyDocErrors(s))
    expect(e.check()).toBe(false)
    expect({ ...e.headerErrors }).toEqual({ to_account_id: t('finDoc.msg.sameAccount') })
    expect(ui.message.error).toHaveBeenCalledWith(t('finDoc.msg.sameAccount'))
  })

  it('puts a line problem on the line key and numbers it by position; a clean document passes', () => {
    const s = state('receipt')
    const good = newAllocLine(entry, '100')
    const bad = newAllocLine(entry, '300')
    Object.assign(s.header, { partner_id: 7, account_id: 3, amount: '400' })
    s.lines.alloc = [good, bad]
    const e = withSetup(() => useMoneyDocErrors(s))
    expect(e.check()).toBe(false)
    const message = t('finDoc.line.problem_exceedsOpen')
    expect(e.lineErrors.value).toEqual({ [bad.key]: [message] })
    expect(e.errorRows.value).toEqual([{ no: 2, messages: [message] }])
    expect(ui.message.error).toHaveBeenCalledWith(t('invDoc.line.rowError', { no: 2, message }))

    s.lines.alloc = [good]
    expect(e.check()).toBe(true)
    expect(e.lineErrors.value).toEqual({})
    expect(e.errorRows.value).toEqual([])
  })

  it('maps server errors to the line sent at that index and to header fields', async () => {
    const s = state('receipt')
    const first = newAllocLine(entry, '50')
    const second = newAllocLine(entry, '60')
    s.lines.alloc = [first, second]
    const e = withSetup(() => useMoneyDocErrors(s))
    await e.applyError(
      new ApiError({
        status: 422,
        code: 'validation_error',
        detail: 'bad',
        errors: [
          { field: 'lines.1', message: 'too much', code: 'x' },
          { field: 'body.amount', message: 'amount wrong', code: 'y' },
        ],
      }),
    )
    expect(e.lineErrors.value).toEqual({ [second.key]: ['too much'] })
    expect(e.errorRows.value).toEqual([{ no: 2, messages: ['too much'] }])
    expect(e.headerErrors.amount).toBe('amount wrong')
  })

  it('explains a blocked reversal with the documents to reverse first', async () => {
    const s = state('receipt')
    ui.alert.mockResolvedValue(undefined)
    const e = withSetup(() => useMoneyDocErrors(s))
    const problem = { status: 409, code: 'reverse_blocked', detail: 'used', docs: ['HXD-1'] }
    await e.applyError(new ApiError(problem))
    expect(ui.alert).toHaveBeenCalledWith(`used\n${t('finDoc.msg.reverseFirst', { docs: 'HXD-1' })}`, t('finDoc.msg.reverseBlockedTitle'), {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
    })
  })
})

describe('useMoneyDocPrint', () => {
  function print(kind: MoneyDocKind) {
    const s = state(kind)
    const names = { partner: ref('ACME'), account: ref('Cash'), toAccount: ref('Bank') }
    const side = computed(() => (s.header.side || 'ar') as 'ar' | 'ap')
    const p = withSetup(() => useMoneyDocPrint({ ...s, doc: ref(null), side, names, fallbackName: () => 'title' }))
    return { ...s, p }
  }

  it('prints a transfer as one row between the two accounts', () => {
    const { header, p } = print('transfer')
    Object.assign(header, { amount: '1234.5', remark: 'move' })
    expect(p.layoutColumns.value.map((c) => c.key)).toEqual(['from', 'to', 'amount', 'remark'])
    expect(p.layoutRows.value).toEqual([{ from: 'Cash', to: 'Bank', amount: '1,234.50', remark: 'move' }])
    expect(p.printFields.value.map((f) => f.value)).toEqual(['2026-05-01', 'Cash', 'Bank', 'move'])
  })

  it('prints a foreign receipt with its currency, rate, amount and discount', () => {
    const { header, lines, p } = print('receipt')
    Object.assign(header, { partner_id: 7, currency: 'USD', rate: '7.1', amount: '100', discount: '5' })
    lines.alloc = [newAllocLine(entry, '105', 'r')]
    expect(p.printFields.value).toEqual([
      { label: t('invDoc.field.businessDate'), value: '2026-05-01' },
      { label: t('finDoc.field.partner'), value: 'ACME' },
      { label: t('finDoc.field.account'), value: 'Cash' },
      { label: t('finDoc.field.currency'), value: 'USD × 7.1' },
      { label: t('finDoc.field.amount_receipt'), value: '100.00' },
      { label: t('finDoc.field.discount'), value: '5.00' },
    ])
    expect(p.layoutRows.value).toEqual([{ number: 'QCYE-20260101-001', date: '2026-01-01', docAmount: '1,000.00', amount: '105.00', remark: 'r' }])
  })
})
