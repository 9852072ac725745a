import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { showError } from '@/utils/formErrors'

export interface DraftBatchOptions<R extends { id: number; status: string }> {
  selected: Ref<R[]>
  approve: (id: number) => Promise<unknown>
  remove: (id: number) => Promise<unknown>
  /** runs once the batch is done (a refetch of the list) */
  done: () => void
  /** the message when the selection holds no draft */
  draftsOnlyKey?: string
}

/**
 * 批量审核 / 删除 on a document list: only the selected drafts, after one confirmation, one by one (each
 * document's own error is shown; the others still go), then a count of what went and what did not.
 */
export function useDraftBatch<R extends { id: number; status: string }>(o: DraftBatchOptions<R>): (action: 'approve' | 'delete') => Promise<void> {
  const { t } = useI18n()
  return async (action) => {
    if (!o.selected.value.length) return void ElMessage.warning(t('common.selectRows'))
    const rows = o.selected.value.filter((r) => r.status === 'draft')
    if (!rows.length) return void ElMessage.warning(t(o.draftsOnlyKey ?? 'invDoc.msg.draftsOnly'))
    try {
      await ElMessageBox.confirm(t(action === 'approve' ? 'invDoc.confirm.approveN' : 'invDoc.confirm.deleteN', { n: rows.length }), t('common.tip'), { type: 'warning' })
    } catch {
      return
    }
    let ok = 0
    let failed = 0
    for (const r of rows) {
      try {
        if (action === 'approve') await o.approve(r.id)
        else await o.remove(r.id)
        ok += 1
      } catch (e) {
        failed += 1
        showError(e)
      }
    }
    ElMessage({ type: failed ? 'warning' : 'success', message: t('invDoc.msg.batchDone', { ok, failed }) })
    o.done()
  }
}
