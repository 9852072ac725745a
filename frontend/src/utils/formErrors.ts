import { reactive } from 'vue'
import { ApiError } from '@/api/http'
import { t } from '@/i18n'

/** `body.username` → `username`; `body.lines.0.qty` → `lines.0.qty`. */
export function fieldKey(field: string): string {
  return field.replace(/^(body|query|path)\./, '')
}

/** Shows an API error's `detail` in an ElMessage. */
export function showError(err: unknown) {
  if (err instanceof ApiError) {
    // 401 is handled globally (redirect to /login), 403 shows its own message.
    if (err.status === 401 || err.status === 403) return
    ElMessage.error(err.problem.detail || err.problem.title || t('errors.unknown', { status: err.status }))
  } else {
    console.error(err)
    ElMessage.error(t('errors.unknown', { status: '?' }))
  }
}

/**
 * Per-field server errors for an el-form: bind `:error="serverErrors.username"` on each
 * el-form-item, call `apply(err)` in the catch block.
 */
export function useServerErrors() {
  const errors = reactive<Record<string, string>>({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  function apply(err: unknown) {
    clear()
    if (err instanceof ApiError && err.problem.errors?.length) {
      for (const e of err.problem.errors) {
        const k = fieldKey(e.field)
        errors[k] = errors[k] ? `${errors[k]}；${e.message}` : e.message
      }
    }
    showError(err)
  }
  return { errors, clear, apply }
}
