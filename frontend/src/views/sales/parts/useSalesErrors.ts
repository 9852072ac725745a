import { type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { big, useDocErrors, type EditLine } from '@/components/document'
import { decOk } from '@/components/document/lineMath'
import { formatMoney } from '@/utils/money'
import { showError } from '@/utils/formErrors'
import { mapSalesErrors, salesLineProblem } from '../logic'
import type { CreditProblem, SalesKind } from '../types'
import type { SalesHeader } from './salesDocForm'

export interface SalesErrorsInput {
  kind: SalesKind
  header: SalesHeader
  lines: Ref<EditLine[]>
  /** the document's total (含税): what is paid on a delivery or a return cannot pass it */
  total: () => string
  /** the credit refusal, kept on the header until the customer changes or the document is approved */
  creditNotice: Ref<string>
}

/**
 * What is wrong with a sales document, by header field and by line: checked before saving (`check`), and the
 * server's refusals (`applyError`) — field errors, a refusal for credit (its figures spelled out) and a
 * blocked reverse get their own dialogs; anything else goes to the usual error message.
 */
export function useSalesErrors(o: SalesErrorsInput) {
  const { t } = useI18n()
  const { header, lines, creditNotice } = o
  const { lineErrors, errorRows, headerErrors, clearErrors, checkFilled, showFieldErrors } = useDocErrors(lines)

  function check(): boolean {
    clearErrors()
    const h = headerErrors
    if (!header.business_date) h.business_date = t('invDoc.msg.dateRequired')
    if (!header.customer_id) h.customer_id = t('sal.msg.customerFirst')
    if (!header.warehouse_id) h.warehouse_id = t('invDoc.msg.warehouseFirst')
    const p = header.paid_amount.trim()
    if (p && !decOk(p, 2)) h.paid_amount = t('sal.msg.amountInvalid')
    else if (p && big(p)?.gt(0) && !header.account_id) h.account_id = t('sal.msg.accountRequired')
    else if (p && o.kind !== 'order' && big(p)?.gt(o.total())) h.paid_amount = t('sal.msg.paidTooMuch')
    return checkFilled((l) => {
      const pr = salesLineProblem(l)
      return pr ? t(`sal.problem.${pr}`) : null
    })
  }

  async function applyError(e: unknown) {
    if (e instanceof ApiError && e.problem.errors?.length) showFieldErrors(mapSalesErrors(e.problem.errors, lines.value))
    if (e instanceof ApiError && e.problem.code === 'credit_limit_exceeded') {
      // the figures come in errors[0] (outstanding, credit_limit, adding, overdue_amount), its message says it all
      const first = (e.problem.errors?.[0] ?? {}) as CreditProblem & { message?: string }
      const c: CreditProblem = { ...(e.problem as unknown as CreditProblem), ...first }
      const amount = (v: string | undefined) => (v !== undefined && big(v) ? formatMoney(v) : (v ?? ''))
      const parts = first.message
        ? []
        : [
            c.outstanding !== undefined ? `${t('sal.credit.outstanding')}: ${amount(c.outstanding)}` : '',
            c.credit_limit !== undefined ? `${t('sal.credit.limit')}: ${amount(c.credit_limit)}` : '',
            c.adding !== undefined ? `${t('sal.credit.adding')}: ${amount(c.adding)}` : '',
            c.overdue_amount !== undefined && big(c.overdue_amount)?.gt(0) ? `${t('sal.credit.overdue')}: ${amount(c.overdue_amount)}` : '',
          ].filter(Boolean)
      creditNotice.value = [first.message || e.problem.detail || '', ...parts].filter(Boolean).join('；')
      await ElMessageBox.alert(creditNotice.value, t('sal.credit.refusedTitle'), { type: 'error', confirmButtonText: t('common.confirm') }).catch(() => undefined)
      return
    }
    if (e instanceof ApiError && e.problem.code === 'reverse_blocked') {
      await ElMessageBox.alert(e.problem.detail ?? '', t('sal.msg.reverseBlocked'), { type: 'warning', confirmButtonText: t('common.confirm') }).catch(() => undefined)
      return
    }
    showError(e)
  }

  return { lineErrors, errorRows, headerErrors, clearErrors, check, applyError }
}
