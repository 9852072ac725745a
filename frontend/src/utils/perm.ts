// Permission checks. `is_admin` users have every permission.
export interface PermSubject {
  is_admin: boolean
  permissions: readonly string[]
}

/**
 * True when the subject holds `code`. An array means "any of these"; an empty or
 * missing code means "no permission needed".
 */
export function hasPerm(subject: PermSubject | null | undefined, code?: string | readonly string[] | null): boolean {
  if (!code || (Array.isArray(code) && code.length === 0)) return !!subject
  if (!subject) return false
  if (subject.is_admin) return true
  const codes = typeof code === 'string' ? [code] : code
  return codes.some((c) => subject.permissions.includes(c))
}

/** Purchase prices (参考进价, purchase document prices): buyers see them with purchase.price.view, and whoever
 * sees costs anyway. The server drops them for everyone else; the screens hide their columns to match. */
export const PURCHASE_PRICE_PERMS = ['purchase.price.view', 'cost.view'] as const
