import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, reactive, ref, type Ref } from 'vue'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import { newLine, type EditLine } from '@/components/document'
import { doc } from '@/__tests__/salesFixtures'
import { X } from '../logic'
import { docPayload, emptyHeader, headerFromRead, lineFromRead, linePayload } from '../parts/salesDocForm'
import { useSalesColumns } from '../parts/useSalesColumns'
import { useSalesErrors } from '../parts/useSalesErrors'
import type { SalesDocRead, SalesKind } from '../types'

// The sales editor's parts apart from the editor: a saved document read into the form and written back, what
// is checked before saving and how a refusal for credit is spelled out, and which columns the grid gets.
const tr = (k: string, p: Record<string, unknown> = {}) => i18n.global.t(k, p)

/** runs a composable inside a component, as the editor does (it needs i18n) */
function inSetup<T>(use: () => T): T {
  let out!: T
  mount(defineComponent({ setup: () => ((out = use()), () => null) }), { global: { plugins: [i18n] } })
  return out
}

beforeEach(() => {
  i18n.global.locale.value = 'en'
  document.body.innerHTML = ''
})

describe('salesDocForm', () => {
  it('reads a saved line and leaves its default price to the server, a picked or typed price is sent', () => {
    const l = lineFromRead(doc().lines[0])
    expect(l.units).toEqual([{ unit_id: 11, name: 'case', ratio: '12' }])
    expect(l.qty).toBe('2')
    expect(l.extra?.[X.price]).toBe('113')
    expect(linePayload(l)).toEqual({ sku_id: 3, unit_id: 11, qty: '2', discount_rate: '0', tax_rate: '13', lot_no: '', remark: '', price: '113' })
    const promoted = lineFromRead({ ...doc().lines[0], promotion_id: 9, source_line_id: null })
    expect(linePayload(promoted).price).toBeUndefined()
    const picked = lineFromRead({ ...doc().lines[0], promotion_id: 9, source_line_id: 40 })
    expect(linePayload(picked)).toMatchObject({ price: '113', source_line_id: 40 })
  })

  it('writes the header and the filled lines; the expected date only on an order; no payment reads as empty', () => {
    const d = doc({ paid_amount: '0.00', expected_date: '2026-05-09' })
    const header = headerFromRead(d)
    expect(header).toMatchObject({ customer_id: 7, warehouse_id: 1, paid_amount: '', expected_date: '2026-05-09' })
    expect(headerFromRead(doc({ paid_amount: '50.50' })).paid_amount).toBe('50.5')
    const lines = [lineFromRead(d.lines[0]), newLine()]
    const order = docPayload('order', header, lines)
    expect(order).toMatchObject({ customer_id: 7, paid_amount: '0', expected_date: '2026-05-09' })
    expect(order.lines).toHaveLength(1)
    expect(docPayload('delivery', header, lines)).not.toHaveProperty('expected_date')
    expect(emptyHeader()).toMatchObject({ customer_id: null, paid_amount: '', expected_date: '' })
  })
})

describe('useSalesErrors', () => {
  function errorsOf(kind: SalesKind, lines: EditLine[], total = '226.00') {
    const header = reactive(emptyHeader())
    const creditNotice = ref('')
    const e = inSetup(() => useSalesErrors({ kind, header, lines: ref(lines), total: () => total, creditNotice }))
    return { ...e, header, creditNotice }
  }

  it('checks the header first, then the lines, marking the rows at fault', () => {
    const bad = lineFromRead({ ...doc().lines[0], qty: '0' })
    const e = errorsOf('delivery', [lineFromRead(doc().lines[0]), bad, newLine()])
    expect(e.check()).toBe(false)
    expect(e.headerErrors).toMatchObject({ customer_id: tr('sal.msg.customerFirst'), warehouse_id: tr('invDoc.msg.warehouseFirst') })
    Object.assign(e.header, { customer_id: 7, warehouse_id: 1, paid_amount: '300' })
    expect(e.check()).toBe(false)
    expect(e.headerErrors).toEqual({ account_id: tr('sal.msg.accountRequired') })
    e.header.account_id = 2
    expect(e.check()).toBe(false)
    expect(e.headerErrors).toEqual({ paid_amount: tr('sal.msg.paidTooMuch') })
    e.header.paid_amount = '100'
    expect(e.check()).toBe(false)
    expect(e.headerErrors).toEqual({})
    expect(e.errorRows.value.map((r) => r.no)).toEqual([2])
    expect(Object.keys(e.lineErrors.value)).toEqual([String(bad.key)])
    e.clearErrors()
    expect(e.errorRows.value).toEqual([])
  })

  it('spells out a refusal for credit with its figures and keeps it as the notice', async () => {
    const e = errorsOf('order', [])
    const refusal = new ApiError({ status: 409, code: 'credit_limit_exceeded', detail: 'refused', errors: [{ field: 'customer_id', code: 'credit_limit_exceeded', message: '' }] })
    Object.assign(refusal.problem, { outstanding: '900', credit_limit: '1000', adding: '226' })
    const done = e.applyError(refusal)
    await flushPromises()
    expect(e.creditNotice.value).toBe(`refused；${tr('sal.credit.outstanding')}: ¥900.00；${tr('sal.credit.limit')}: ¥1,000.00；${tr('sal.credit.adding')}: ¥226.00`)
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement | null)?.click()
    await done
  })
})

describe('useSalesColumns', () => {
  function columnsOf(kind: SalesKind, lines: EditLine[], d: SalesDocRead | null, readonly = false, showCost = false) {
    const r: Ref<boolean> = ref(readonly)
    return inSetup(() => useSalesColumns({ kind, outbound: kind !== 'return', lines: ref(lines), readonly: r, doc: ref(d), showCost: ref(showCost) }))
  }
  const keys = (cols: { key: string }[]) => cols.map((c) => c.key)

  it('offers availability while editing an outbound kind, lots off orders, tax and the price check only when needed', () => {
    const taxed = lineFromRead(doc().lines[0])
    const order = columnsOf('order', [taxed], null)
    expect(order.columns.value).toEqual(['code', 'product', 'unit', 'available', 'qty', 'remark'])
    expect(keys(order.extraColumns.value)).toEqual([X.price, X.discount, X.taxRate, 'total', 'tax', X.promo])
    const below = lineFromRead({ ...doc().lines[0], tax_rate: '0', below_min_price: true })
    const ret = columnsOf('return', [below], doc({ kind: 'return', status: 'approved' }), true, true)
    expect(ret.columns.value).toEqual(['code', 'product', 'unit', 'qty', 'lot', 'remark'])
    expect(keys(ret.extraColumns.value)).toEqual([X.sourceNumber, X.price, X.discount, X.taxRate, 'total', X.promo, X.belowMin, X.cost, X.profit])
    expect(ret.profitOf('80.00')).toBe('-80')
    const profit = ret.extraColumns.value.find((c) => c.key === X.profit)!
    expect(profit.title).toBe(tr('sal.line.profitReturn'))
  })
})
