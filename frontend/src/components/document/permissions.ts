// Which document actions a user may see for a document in a given status. `prefix` is the kind's
// permission prefix, e.g. `inventory.other_in` (→ inventory.other_in.create, .approve, …).
import type { EditorStatus } from './types'

export type DocAction =
  | 'add'
  | 'save'
  | 'saveApprove'
  | 'approve'
  | 'unapprove'
  | 'reverse'
  | 'void'
  | 'delete'
  | 'copy'
  | 'print'
  | 'export'

export const DOC_ACTIONS: DocAction[] = [
  'add',
  'save',
  'saveApprove',
  'approve',
  'unapprove',
  'reverse',
  'void',
  'delete',
  'copy',
  'print',
  'export',
]

export function allowedActions(status: EditorStatus, prefix: string, can: (perm: string) => boolean): DocAction[] {
  const p = (a: string) => can(`${prefix}.${a}`)
  const editable = status === 'new' || status === 'draft'
  const saved = status !== 'new'
  const out: DocAction[] = []
  if (p('create')) out.push('add')
  if (editable && p('create')) out.push('save')
  if (editable && p('create') && p('approve')) out.push('saveApprove')
  if (status === 'draft' && p('approve')) out.push('approve')
  if (status === 'approved' && p('unapprove')) out.push('unapprove')
  if (status === 'approved' && p('reverse')) out.push('reverse')
  if (status === 'draft' && p('create')) out.push('void', 'delete')
  if (saved && p('create')) out.push('copy')
  out.push('print')
  if (p('export')) out.push('export')
  return out
}
