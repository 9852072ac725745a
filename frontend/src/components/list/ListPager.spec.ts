import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import ListPager from './ListPager.vue'

// The pager under DataTable and ReportTable: a new page size starts again at page 1 (page 7 of 20 rows is
// not where the same rows are at 100); a page click moves the page only.
describe('ListPager', () => {
  it('starts again at page 1 when the page size changes, and moves pages as clicked', async () => {
    const w = mount(ListPager, { props: { total: 500, page: 7, pageSize: 20 }, global: { plugins: [i18n] } })
    const pagination = w.findComponent({ name: 'ElPagination' })
    expect(pagination.props('pageSizes')).toEqual([20, 50, 100, 200])
    pagination.vm.$emit('update:page-size', 50)
    await w.vm.$nextTick()
    expect(w.emitted('update:pageSize')).toEqual([[50]])
    expect(w.emitted('update:page')).toEqual([[1]])
    pagination.vm.$emit('update:current-page', 3)
    await w.vm.$nextTick()
    expect(w.emitted('update:page')).toEqual([[1], [3]])
    expect(w.emitted('update:pageSize')).toEqual([[50]])
  })
})
