import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import { reverseInOpenPeriod } from '@/components/document/reverseInOpenPeriod'

const prompt = vi.hoisted(() => vi.fn())
vi.mock('element-plus/es', async (original) => ({ ...(await original<object>()), ElMessageBox: { prompt } }))

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)
const closed = () => new ApiError({ status: 422, code: 'period_closed', detail: '已关账至 2026-10-31' })

describe('reverseInOpenPeriod (红冲 into an open period)', () => {
  beforeEach(() => prompt.mockReset())

  it('reverses on the original date when its period is open, without asking', async () => {
    const reverse = vi.fn(async (day?: string) => ({ id: 1, day }))
    expect(await reverseInOpenPeriod(reverse, t)).toEqual({ id: 1, day: undefined })
    expect(reverse).toHaveBeenCalledTimes(1)
    expect(prompt).not.toHaveBeenCalled()
  })

  it('asks for an open date when the period is closed and retries with it', async () => {
    prompt.mockResolvedValue({ value: '2026-11-24' })
    const reverse = vi.fn(async (day?: string) => {
      if (!day) throw closed()
      return { id: 1, day }
    })
    expect(await reverseInOpenPeriod(reverse, t)).toEqual({ id: 1, day: '2026-11-24' })
    expect(reverse.mock.calls).toEqual([[], ['2026-11-24']])
    expect(prompt.mock.calls[0][0]).toContain('已关账至 2026-10-31')
    expect(prompt.mock.calls[0][2].inputPattern.test('2026-11-24')).toBe(true)
  })

  it('cancelling leaves the period_closed error; other errors pass through without a prompt', async () => {
    prompt.mockRejectedValue('cancel')
    await expect(reverseInOpenPeriod(async () => Promise.reject(closed()), t)).rejects.toMatchObject({ code: 'period_closed' })
    prompt.mockReset()
    const other = new ApiError({ status: 409, code: 'doc_has_followers' })
    await expect(reverseInOpenPeriod(async () => Promise.reject(other), t)).rejects.toBe(other)
    expect(prompt).not.toHaveBeenCalled()
  })
})
