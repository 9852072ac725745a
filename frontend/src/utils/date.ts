// Dates are shown as YYYY-MM-DD, times as YYYY-MM-DD HH:mm:ss (in the browser's time zone).
const pad = (n: number) => String(n).padStart(2, '0')

function parse(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return value
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number)
    return new Date(y, m - 1, d)
  }
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

export function formatDate(value: string | Date | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && value.length <= 10) return value.slice(0, 10)
  const d = parse(value)
  if (!d) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function formatDateTime(value: string | Date | null | undefined): string {
  const d = parse(value)
  if (!d) return ''
  return `${formatDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function today(): string {
  return formatDate(new Date())
}

/** [first day of this month, today] as YYYY-MM-DD strings — the default 本月 range. */
export function thisMonthRange(now = new Date()): [string, string] {
  return [formatDate(new Date(now.getFullYear(), now.getMonth(), 1)), formatDate(now)]
}

export function lastMonthRange(now = new Date()): [string, string] {
  return [
    formatDate(new Date(now.getFullYear(), now.getMonth() - 1, 1)),
    formatDate(new Date(now.getFullYear(), now.getMonth(), 0)),
  ]
}

export function lastDaysRange(days: number, now = new Date()): [string, string] {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1))
  return [formatDate(from), formatDate(now)]
}
