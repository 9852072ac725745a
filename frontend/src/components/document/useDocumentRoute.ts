import { onActivated, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { ApiError } from '@/api/http'
import { showError } from '@/utils/formErrors'

export interface DocumentRouteOptions<D extends { id: number }> {
  /** the editor's own route name: another editor's route in the URL leaves this one alone (kept-alive tabs) */
  routeName: unknown
  doc: Ref<D | null>
  loading: Ref<boolean>
  get: (id: number) => Promise<D>
  fill: (d: D) => void
  resetNew: () => void
  /** marks the shown state as saved (the unsaved-changes snapshot) */
  mark: () => void
  /**
   * When given, a kept-alive tab shown again reloads its document (later deliveries, receipts, returns or
   * 结单 may have changed it) — unless it has unsaved changes or an action is running.
   */
  reloadOnActivate?: { dirty: Ref<boolean>; busy: Ref<unknown> }
}

/**
 * The document an editor shows follows its route: `…/edit/:id` loads that document (a 404 says so),
 * `…/new` resets a shown document to a blank one. Answers `load`, for the editor's own reloads.
 */
export function useDocumentRoute<D extends { id: number }>(o: DocumentRouteOptions<D>): { load: (id: number) => Promise<void> } {
  const route = useRoute()
  const { t } = useI18n()

  async function load(id: number) {
    o.loading.value = true
    try {
      o.fill(await o.get(id))
    } catch (e) {
      showError(e)
      if (e instanceof ApiError && e.status === 404) ElMessage.warning(t('invDoc.msg.notFound'))
    } finally {
      o.loading.value = false
    }
  }

  watch(
    () => (route.name === o.routeName ? String(route.params.id ?? '') : null),
    (id) => {
      if (id === null) return
      if (id) {
        if (o.doc.value?.id !== Number(id)) void load(Number(id))
      } else if (o.doc.value) o.resetNew()
    },
    { immediate: true },
  )
  if (!route.params.id) o.mark()

  const again = o.reloadOnActivate
  if (again) {
    let activations = 0
    onActivated(() => {
      activations += 1
      const d = o.doc.value
      if (activations > 1 && d && !again.dirty.value && !again.busy.value && route.name === o.routeName) void load(d.id)
    })
  }
  return { load }
}
