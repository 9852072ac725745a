import { useI18n } from 'vue-i18n'
import { useRouter, type RouteRecordNameGeneric } from 'vue-router'
import type { DocAction } from './permissions'
import { reverseInOpenPeriod } from './reverseInOpenPeriod'

/** The calls every document kind's API has for the lifecycle after saving. */
export interface LifecycleApi<D extends { id: number }> {
  get: (id: number) => Promise<D>
  /** absent where the kind has no 反审核 (money documents) */
  unapprove?: (id: number) => Promise<D>
  reverse: (id: number, businessDate?: string) => Promise<D>
  void: (id: number) => Promise<D>
  remove: (id: number) => Promise<unknown>
  copy: (id: number) => Promise<{ id: number }>
}

export interface LifecycleEditor<D extends { id: number }> {
  api: LifecycleApi<D>
  fill: (d: D) => void
  resetNew: () => void
  invalidateList: () => void
  listRoute: string
  editRoute: RouteRecordNameGeneric
}

/**
 * 反审核, 红冲 (into an open period when the original's is closed), 作废, 删除 and 复制新增 on the shown
 * document: the same in every editor. The answer runs one of them (true), or tells that the action is
 * the editor's own (false: save, approve, 结单 …). Errors are left to the editor, which maps them.
 */
export function useLifecycleActions<D extends { id: number }>(e: LifecycleEditor<D>): (a: DocAction, d: D | null) => Promise<boolean> {
  const { t } = useI18n()
  const router = useRouter()
  return async (a, d) => {
    if (!d) return ['unapprove', 'reverse', 'void', 'delete', 'copy'].includes(a)
    switch (a) {
      case 'unapprove':
        if (!e.api.unapprove) return false
        e.fill(await e.api.unapprove(d.id))
        ElMessage.success(t('invDoc.msg.unapproved'))
        return true
      case 'reverse': {
        const r = await reverseInOpenPeriod((day) => e.api.reverse(d.id, day), t)
        // the answer is the original (now 已红冲); should it be the red document, show the original again
        e.fill(r.id === d.id ? r : await e.api.get(d.id))
        ElMessage.success(t('invDoc.msg.reversed'))
        return true
      }
      case 'void':
        e.fill(await e.api.void(d.id))
        ElMessage.success(t('invDoc.msg.voided'))
        return true
      case 'delete':
        await e.api.remove(d.id)
        ElMessage.success(t('invDoc.msg.deleted'))
        e.resetNew()
        e.invalidateList()
        await router.push({ name: e.listRoute })
        return true
      case 'copy': {
        const c = await e.api.copy(d.id)
        ElMessage.success(t('invDoc.msg.copied'))
        await router.push({ name: e.editRoute, params: { id: c.id } })
        return true
      }
      default:
        return false
    }
  }
}
