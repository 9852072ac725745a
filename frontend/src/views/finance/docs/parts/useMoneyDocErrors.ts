import { reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { formatDecimal } from '@/utils/money'
import { showError } from '@/utils/formErrors'
import type { MoneyKindDef } from '../kinds'
import {
  accountOpeningBlank,
  accountOpeningProblem,
  allocLineProblem,
  allocSummary,
  blockingDocs,
  capacityOf,
  categoryBlank,
  categoryProblem,
  dec,
  pairProblems,
  partnerOpeningBlank,
  partnerOpeningProblem,
  sentKeys,
  splitErrors,
  tooPrecise,
  type MoneyHeader,
  type MoneyLinesState,
} from '../logic'

export interface MoneyDocErrorsOptions {
  def: MoneyKindDef
  header: MoneyHeader
  lines: MoneyLinesState
  foreign: Ref<boolean>
}

interface RowError {
  key: number
  no: number
  message: string
}

/**
 * The money editor's errors: the client check before saving and the server's problem+json, put on
 * header fields (by field name) and on lines (by line key, so they follow the line when rows move).
 */
export function useMoneyDocErrors(o: MoneyDocErrorsOptions) {
  const { t } = useI18n()
  const { def, header, lines } = o
  const lineErrors = ref<Record<number, string[]>>({})
  const errorRows = ref<{ no: number; messages: string[] }[]>([])
  const headerErrors = reactive<Record<string, string>>({})

  function clearErrors() {
    lineErrors.value = {}
    errorRows.value = []
    for (const k of Object.keys(headerErrors)) delete headerErrors[k]
  }

  function setLineErrors(rows: RowError[]) {
    const byKey: Record<number, string[]> = {}
    for (const r of rows) (byKey[r.key] ??= []).push(r.message)
    lineErrors.value = byKey
    errorRows.value = rows.map((r) => ({ no: r.no, messages: [r.message] }))
  }

  function check(): boolean {
    clearErrors()
    const h = headerErrors
    if (!header.business_date) h.business_date = t('invDoc.msg.dateRequired')
    const amountOk = (s: string, positive: boolean) => {
      const v = dec(s)
      return !!v && (positive ? v.gt(0) : v.gte(0)) && !tooPrecise(s)
    }
    switch (def.layout) {
      case 'settle': {
        if (!header.partner_id) h.partner_id = t('finDoc.msg.partnerFirst')
        if (!header.account_id) h.account_id = t('finDoc.msg.accountFirst')
        if (!amountOk(header.amount || '0', false)) h.amount = t('finDoc.msg.amountInvalid')
        if (header.discount.trim() && !amountOk(header.discount, false)) h.discount = t('finDoc.msg.amountInvalid')
        if (!h.amount && !h.discount && !capacityOf(header.amount, header.discount).gt(0)) h.amount = t('finDoc.msg.amountRequired')
        if (o.foreign.value && header.rate.trim() && !dec(header.rate)?.gt(0)) h.rate = t('finDoc.msg.rateInvalid')
        break
      }
      case 'pairs':
        if (!header.partner_id) h.partner_id = t('finDoc.msg.partnerFirst')
        break
      case 'transfer':
        if (!header.account_id) h.account_id = t('finDoc.msg.fromAccountFirst')
        if (!header.to_account_id) h.to_account_id = t('finDoc.msg.toAccountFirst')
        else if (header.to_account_id === header.account_id) h.to_account_id = t('finDoc.msg.sameAccount')
        if (!amountOk(header.amount, true)) h.amount = t('finDoc.msg.amountRequired')
        break
      case 'categories':
        if (!header.account_id) h.account_id = t('finDoc.msg.accountFirst')
        break
    }
    const first = Object.values(h)[0]
    if (first) {
      ElMessage.error(first)
      return false
    }

    const rows: RowError[] = []
    switch (def.layout) {
      case 'settle': {
        lines.alloc.forEach((l, i) => {
          const p = allocLineProblem(l)
          if (p) rows.push({ key: l.key, no: i + 1, message: t(`finDoc.line.problem_${p}`) })
        })
        const s = allocSummary(header.amount, header.discount, lines.alloc)
        if (!rows.length && s.over) {
          ElMessage.error(t('finDoc.msg.exceedsPayment', { allocated: formatDecimal(s.allocated, 2), capacity: formatDecimal(s.capacity, 2) }))
          return false
        }
        break
      }
      case 'pairs': {
        if (!lines.pairs.length && !header.auto_allocate) {
          ElMessage.error(t('finDoc.msg.pairsEmpty'))
          return false
        }
        // the editor's open lists are in PairLines; here: amounts and currencies
        const probs = pairProblems([], [], lines.pairs)
        lines.pairs.forEach((l, i) => {
          const p = probs.get(l.key)
          if (p) rows.push({ key: l.key, no: i + 1, message: t(`finDoc.line.problem_${p}`) })
        })
        break
      }
      case 'categories': {
        const filled = lines.categories.filter((l) => !categoryBlank(l))
        if (!filled.length) {
          ElMessage.error(t('finDoc.msg.linesEmpty'))
          return false
        }
        lines.categories.forEach((l, i) => {
          if (categoryBlank(l)) return
          const p = categoryProblem(l)
          if (p) rows.push({ key: l.key, no: i + 1, message: t(`finDoc.line.problem_${p}`) })
        })
        break
      }
      case 'opening': {
        const ps = lines.partnerLines.filter((l) => !partnerOpeningBlank(l))
        const as = lines.accountLines.filter((l) => !accountOpeningBlank(l))
        if (!ps.length && !as.length) {
          ElMessage.error(t('finDoc.msg.linesEmpty'))
          return false
        }
        lines.partnerLines.forEach((l, i) => {
          if (partnerOpeningBlank(l)) return
          const p = partnerOpeningProblem(l)
          if (p) rows.push({ key: l.key, no: i + 1, message: t(`finDoc.line.problem_${p}`) })
        })
        lines.accountLines.forEach((l, i) => {
          if (accountOpeningBlank(l)) return
          const p = accountOpeningProblem(l)
          if (p) rows.push({ key: l.key, no: i + 1, message: `${t('finDoc.opening.accountsShort')} · ${t(`finDoc.line.problem_${p}`)}` })
        })
        break
      }
    }
    if (rows.length) {
      setLineErrors(rows)
      ElMessage.error(t('invDoc.line.rowError', { no: rows[0].no, message: rows[0].message }))
      return false
    }
    return true
  }

  function lineNo(key: number): number {
    for (const list of [lines.alloc, lines.pairs, lines.categories, lines.partnerLines, lines.accountLines] as { key: number }[][]) {
      const i = list.findIndex((l) => l.key === key)
      if (i >= 0) return i + 1
    }
    return 0
  }

  async function applyError(e: unknown) {
    if (!(e instanceof ApiError)) return showError(e)
    if (e.problem.errors?.length) {
      const { byIndex, header: hdr } = splitErrors(e.problem.errors)
      const keys = sentKeys(def, lines)
      const rows: RowError[] = []
      for (const [i, msgs] of byIndex) {
        const key = keys[i]
        if (key === undefined) continue
        for (const m of msgs) rows.push({ key, no: lineNo(key), message: m })
      }
      if (rows.length) setLineErrors(rows)
      for (const [k, v] of Object.entries(hdr)) headerErrors[k] = v
    }
    if (e.problem.code === 'reverse_blocked') {
      const docs = blockingDocs(e.problem)
      await ElMessageBox.alert(
        docs.length ? `${e.problem.detail ?? ''}\n${t('finDoc.msg.reverseFirst', { docs: docs.join(', ') })}` : (e.problem.detail ?? ''),
        t('finDoc.msg.reverseBlockedTitle'),
        { type: 'warning', confirmButtonText: t('common.confirm') },
      ).catch(() => undefined)
      return
    }
    showError(e)
  }

  return { lineErrors, errorRows, headerErrors, clearErrors, check, applyError }
}
