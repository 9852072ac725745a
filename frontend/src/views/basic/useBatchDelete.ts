// 删除 on the checked rows of a list (one DELETE per row; refusals such as *_in_use are shown
// with the server's message, the others still go).
import { ref, type Ref } from 'vue'
import { useQueryClient } from '@tanstack/vue-query'
import { ApiError } from '@/api/http'
import { t } from '@/i18n'
import { showError } from '@/utils/formErrors'

export function useBatchDelete<T extends { id: number; name?: string }>(opts: {
  remove: (id: number) => Promise<unknown>
  invalidate: string[][]
}) {
  const queryClient = useQueryClient()
  const selected = ref([]) as Ref<T[]>

  function onSelection(rows: T[]) {
    selected.value = rows
  }

  async function confirmAndDelete(rows: T[]) {
    if (rows.length === 0) {
      ElMessage.warning(t('common.selectRows'))
      return
    }
    const msg =
      rows.length === 1 ? t('common.confirmDelete', { name: rows[0].name ?? '' }) : t('common.confirmDeleteN', { n: rows.length })
    try {
      await ElMessageBox.confirm(msg, t('common.tip'), { type: 'warning' })
    } catch {
      return
    }
    let ok = 0
    const failures: string[] = []
    for (const r of rows) {
      try {
        await opts.remove(r.id)
        ok++
      } catch (e) {
        if (e instanceof ApiError && e.status !== 401 && e.status !== 403)
          failures.push(`${r.name ?? r.id}：${e.problem.detail || e.problem.title || e.status}`)
        else showError(e)
      }
    }
    if (ok) ElMessage.success(rows.length === 1 ? t('common.deleted') : t('common.deletedN', { n: ok }))
    if (failures.length) ElMessage.error({ message: failures.join('\n'), duration: 6000 })
    for (const key of opts.invalidate) queryClient.invalidateQueries({ queryKey: key })
  }

  return { selected, onSelection, confirmAndDelete }
}
