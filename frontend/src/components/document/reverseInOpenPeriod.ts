import { ApiError } from '@/api/http'
import { today } from '@/utils/date'

type Translate = (key: string, values?: Record<string, unknown>) => string

/**
 * 红冲 is dated like the original. When that period is closed (关账) the server answers `period_closed`:
 * ask for an open date (today by default) and try once more with it. Cancelling the prompt leaves the
 * `period_closed` error as the answer; any other error passes through untouched.
 */
export async function reverseInOpenPeriod<T>(reverse: (businessDate?: string) => Promise<T>, t: Translate): Promise<T> {
  try {
    return await reverse()
  } catch (e) {
    if (!(e instanceof ApiError && e.problem.code === 'period_closed')) throw e
    const answer = await ElMessageBox.prompt(t('invDoc.confirm.reverseDate', { detail: e.problem.detail ?? '' }), t('invDoc.action.reverse'), {
      inputValue: today(),
      inputPattern: /^\d{4}-\d{2}-\d{2}$/,
      inputErrorMessage: t('invDoc.confirm.reverseDateFormat'),
    }).catch(() => null)
    if (!answer) throw e
    return await reverse(answer.value)
  }
}
