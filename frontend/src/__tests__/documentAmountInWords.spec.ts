import { describe, expect, it } from 'vitest'
import Big from 'big.js'
import { amountInWords } from '@/utils/amountInWords'
import vectors from '@/utils/amountInWords.vectors.json'

describe('amountInWords (人民币大写)', () => {
  it('has many shared vectors', () => {
    expect(vectors.vectors.length).toBeGreaterThanOrEqual(40)
  })

  for (const v of vectors.vectors) {
    it(`${JSON.stringify(v.amount)} → ${v.words || "''"}`, () => {
      expect(amountInWords(v.amount)).toBe(v.words)
    })
  }

  it('accepts numbers and Big values, and null/undefined give empty', () => {
    expect(amountInWords(12345.67)).toBe(amountInWords('12345.67'))
    expect(amountInWords(new Big('20'))).toBe(amountInWords('20.00'))
    expect(amountInWords(null)).toBe('')
    expect(amountInWords(undefined)).toBe('')
  })

  it('ends with 整 exactly when there are no 角 and 分', () => {
    for (const v of vectors.vectors) {
      if (!v.words) continue
      const cents = new Big(v.amount).abs().round(2, Big.roundHalfUp).mod(1)
      expect(v.words.endsWith('\u6574'), v.amount).toBe(cents.eq(0))
    }
  })
})
