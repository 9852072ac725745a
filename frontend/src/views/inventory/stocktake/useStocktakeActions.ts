import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { reverseInOpenPeriod } from '@/components/document/reverseInOpenPeriod'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/formErrors'
import { stocktakeApi } from '../stock/api'
import type { StocktakeRead } from '../stock/types'

/** Which stocktake actions the user may take now, and 红冲 / 作废 with their confirmations. */
export function useStocktakeActions(doc: Ref<StocktakeRead | null | undefined>, onDone: (d: StocktakeRead) => void) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const status = computed(() => doc.value?.status)
  const canCount = computed(() => status.value === 'draft' && auth.can('inventory.stocktake.create'))
  const canApprove = computed(() => status.value === 'draft' && auth.can('inventory.stocktake.approve'))
  const canReverse = computed(() => status.value === 'approved' && auth.can('inventory.stocktake.reverse'))
  const canVoid = computed(() => status.value === 'draft' && auth.can('inventory.stocktake.create'))

  async function reverse() {
    const d = doc.value
    if (!d) return
    try {
      await ElMessageBox.confirm(t('invStock.stocktake.confirmReverse', { number: d.number }), t('common.tip'), { type: 'warning' })
    } catch {
      return
    }
    try {
      onDone(await reverseInOpenPeriod((day) => stocktakeApi.reverse(d.id, day), t))
      ElMessage.success(t('invStock.stocktake.reversed'))
    } catch (e) {
      showError(e)
    }
  }

  async function voidIt() {
    const d = doc.value
    if (!d) return
    try {
      await ElMessageBox.confirm(t('invStock.stocktake.confirmVoid', { number: d.number }), t('common.tip'), { type: 'warning' })
    } catch {
      return
    }
    try {
      onDone(await stocktakeApi.void(d.id))
      ElMessage.success(t('invStock.stocktake.voided'))
    } catch (e) {
      showError(e)
    }
  }

  return { canCount, canApprove, canReverse, canVoid, reverse, voidIt }
}
