import type { ColumnDef } from './columns'
import { formatDate, formatDateTime } from '@/utils/date'
import { formatDecimal, formatMoney, isNegative } from '@/utils/money'

type T = (key: string) => string

export function formatCell(c: ColumnDef, v: unknown, t: T): string {
  if (v === null || v === undefined || v === '') return ''
  switch (c.type) {
    case 'date':
      return formatDate(String(v))
    case 'datetime':
      return formatDateTime(String(v))
    case 'money':
      return formatMoney(v as string, c.precision ?? 2)
    case 'qty':
    case 'number':
      return formatDecimal(v as string, c.precision ?? 0)
    case 'bool':
      return v ? t('common.yes') : t('common.no')
    default:
      return String(v)
  }
}

export function isNegativeCell(c: ColumnDef, v: unknown): boolean {
  if (c.type !== 'money' && c.type !== 'qty' && c.type !== 'number') return false
  return isNegative(v as string)
}
