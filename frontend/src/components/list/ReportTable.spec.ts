import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { h } from 'vue'
import { i18n } from '@/i18n'
import ReportTable from './ReportTable.vue'

// The table under the money reports (FinTable) and the stock pages (StockTable): lead and tail rows around the
// rows (highlighted, not numbered, not clickable, no actions), the server's totals labelled by `totalKey`, a
// column's own label, cell slots told which extra row they render, and sorting only when the caller asks.
type Row = { id: number; name: string; amount: string }

const cols = [
  { key: 'name', labelKey: 'invStock.field.productName', sortable: true },
  { key: 'amount', labelKey: 'invStock.field.onHand', label: 'Own label', type: 'money' as const },
]

function mountTable(props: Record<string, unknown> = {}, slots: Record<string, unknown> = {}) {
  return mount(ReportTable<Row>, {
    props: {
      rows: [
        { id: 1, name: 'Cola', amount: '1234.5' },
        { id: 2, name: 'Tea', amount: '-3' },
      ],
      columns: cols,
      visible: ['name', 'amount'],
      totalKey: 'finRep.common.total',
      ...props,
    },
    slots: slots as never,
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}

describe('ReportTable', () => {
  it('numbers the rows only, highlights the lead and tail rows and shows the totals', async () => {
    i18n.global.locale.value = 'en'
    const w = mountTable({
      leadRow: { id: 0, name: 'opening', amount: '3' },
      tailRow: { id: -1, name: 'closing', amount: '1234.5' },
      summary: { amount: '1231.5' },
      clickable: true,
      rowClass: (r: Row) => (r.id === 2 ? 'row-low' : ''),
      testid: 't',
    })
    await flushPromises()
    const trs = w.findAll('.el-table__body tr')
    expect(trs.map((tr) => tr.find('td').text())).toEqual(['', '1', '2', ''])
    expect(trs.map((tr) => tr.classes().filter((c) => !c.startsWith('el-')))).toEqual([
      ['extra-row', 'lead-row'],
      ['clickable'],
      ['row-low', 'clickable'],
      ['extra-row', 'tail-row'],
    ])
    expect(w.find('[data-testid="t"]').exists()).toBe(true)
    expect(w.text()).toContain('Own label')
    expect(w.text()).toContain(i18n.global.t('finRep.common.total'))
    expect(w.text()).toContain('1,231.50')
    await trs[0].trigger('click')
    await trs[3].trigger('click')
    expect(w.emitted('row-click')).toBeUndefined()
    await trs[1].trigger('click')
    expect(w.emitted('row-click')).toEqual([[{ id: 1, name: 'Cola', amount: '1234.5' }]])
    w.unmount()
  })

  it('tells a cell slot which extra row it renders and leaves the actions off the extra rows', async () => {
    const w = mountTable(
      { leadRow: { id: 0, name: 'opening', amount: '3' }, tailRow: { id: -1, name: 'closing', amount: '0' } },
      {
        'cell-name': ({ row, extra, lead }: { row: Row; extra: string; lead: boolean }) => h('i', { class: 'slot-cell' }, `${row.name}:${extra}:${lead}`),
        actions: ({ row }: { row: Row }) => h('b', { class: 'slot-act' }, row.name),
      },
    )
    await flushPromises()
    expect(w.findAll('.slot-cell').map((c) => c.text())).toEqual(['opening:lead:true', 'Cola::false', 'Tea::false', 'closing:tail:false'])
    expect(w.findAll('.el-table__body tr').map((tr) => tr.find('.slot-act').exists())).toEqual([false, true, true, false])
    w.unmount()
  })

  it('sorts on the sortable columns only when asked', async () => {
    const plain = mountTable()
    await flushPromises()
    expect(plain.findAll('th .caret-wrapper').length).toBe(0)
    plain.unmount()
    const sorted = mountTable({ sortable: true, sort: '-name', indexClass: 'idx' })
    await flushPromises()
    expect(sorted.findAll('th .caret-wrapper').length).toBe(1)
    expect(sorted.find('th.descending').exists()).toBe(true)
    expect(sorted.find('td.idx').exists()).toBe(true)
    sorted.unmount()
  })
})
