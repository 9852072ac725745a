import { describe, expect, it } from 'vitest'
import { defaultVisible, sanitizeVisible, storageKey, type ColumnDef } from '@/components/list/columns'
import { formatCell, isNegativeCell } from '@/components/list/format'
import { buildQuery } from '@/api/http'
import { fieldKey } from '@/utils/formErrors'
import { formatDate, formatDateTime, thisMonthRange } from '@/utils/date'
import { auditDiff } from '@/views/system/auditDiff'

const cols: ColumnDef[] = [
  { key: 'code', labelKey: 'a', required: true },
  { key: 'name', labelKey: 'b' },
  { key: 'cost', labelKey: 'c', type: 'money', defaultHidden: true },
]
const t = (k: string) => k

describe('list helpers', () => {
  it('default and stored column choices', () => {
    expect(defaultVisible(cols)).toEqual(['code', 'name'])
    expect(sanitizeVisible(['name', 'bogus', 'cost'], cols)).toEqual(['code', 'name', 'cost'])
    expect(sanitizeVisible('nope', cols)).toBeNull()
    expect(storageKey(7, 'system.users')).toBe('jxc.columns.7.system.users')
  })
  it('formats cells by type, negatives flagged red', () => {
    expect(formatCell(cols[2], '-1234.5', t)).toBe('-¥1,234.50')
    expect(isNegativeCell(cols[2], '-1')).toBe(true)
    expect(isNegativeCell(cols[1], '-1')).toBe(false)
    expect(formatCell({ key: 'd', labelKey: 'd', type: 'date' }, '2026-03-05', t)).toBe('2026-03-05')
  })
  it('builds query strings without empty values; arrays comma-joined', () => {
    expect(buildQuery({ q: '', page: 1, columns: ['a', 'b'], x: null, format: 'xlsx' })).toBe(
      '?page=1&columns=a%2Cb&format=xlsx',
    )
  })
  it('maps problem field paths to form fields', () => {
    expect(fieldKey('body.username')).toBe('username')
    expect(fieldKey('query.page_size')).toBe('page_size')
    expect(fieldKey('name')).toBe('name')
  })
  it('formats dates', () => {
    expect(formatDateTime(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05')
    expect(formatDate(new Date(2026, 11, 31))).toBe('2026-12-31')
    expect(thisMonthRange(new Date(2026, 1, 17))).toEqual(['2026-02-01', '2026-02-17'])
  })
  it('diffs audit snapshots, changed fields first', () => {
    const rows = auditDiff({ a: 1, b: 'x' }, { a: 1, b: 'y', c: true })
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['b', true],
      ['c', true],
      ['a', false],
    ])
    expect(auditDiff(null, { a: null })[0]).toEqual({ field: 'a', before: '', after: '—', changed: true })
  })
})

describe('export columns', () => {
  it('leaves out noExport columns and maps exportKey', async () => {
    const { exportColumns } = await import('@/components/list/columns')
    const defs = [
      { key: 'code', labelKey: 'a' },
      { key: 'barcodes', labelKey: 'b', exportKey: ['barcode', 'unit2'] },
      { key: 'base_unit_name', labelKey: 'c', exportKey: 'base_unit' },
      { key: 'sku_count', labelKey: 'd', noExport: true },
    ]
    expect(exportColumns(defs, ['code', 'sku_count', 'base_unit_name', 'barcodes'])).toEqual([
      'code',
      'base_unit',
      'barcode',
      'unit2',
    ])
  })
})

describe('problem bodies', () => {
  it('uses the error body already read by openapi-fetch', async () => {
    const { problemFrom } = await import('@/api/http')
    const res = new Response('', { status: 409 })
    await res.text() // the body is used up, as after openapi-fetch
    const err = await problemFrom(res, {}, { code: 'category_has_children', detail: '该分类下还有子分类，不能删除。' })
    expect(err.status).toBe(409)
    expect(err.code).toBe('category_has_children')
    expect(err.message).toBe('该分类下还有子分类，不能删除。')
  })
})
