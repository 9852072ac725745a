export interface DiffRow {
  field: string
  before: string
  after: string
  changed: boolean
}

function show(v: unknown): string {
  if (v === undefined) return ''
  if (v === null) return '—'
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** Field-by-field rows of an audit entry's before/after snapshots, changed fields first. */
export function auditDiff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  const rows = keys.map((field) => {
    const b = before ? before[field] : undefined
    const a = after ? after[field] : undefined
    return { field, before: show(b), after: show(a), changed: JSON.stringify(b) !== JSON.stringify(a) }
  })
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)]
}
