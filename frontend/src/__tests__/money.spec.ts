import { describe, expect, it } from 'vitest'
import { formatDecimal, formatMoney, formatQty, isNegative, sumDecimals } from '@/utils/money'

describe('formatMoney', () => {
  it('formats with ¥, thousands separators and 2 decimals', () => {
    expect(formatMoney('1234.5')).toBe('¥1,234.50')
    expect(formatMoney('1234567.891')).toBe('¥1,234,567.89')
    expect(formatMoney('0')).toBe('¥0.00')
    expect(formatMoney(12)).toBe('¥12.00')
  })
  it('puts the minus sign before the currency symbol', () => {
    expect(formatMoney('-1234.5')).toBe('-¥1,234.50')
  })
  it('rounds half up without float error', () => {
    expect(formatMoney('1.005')).toBe('¥1.01') // 1.005 as a JS float rounds to 1.00
    expect(formatMoney('2.675')).toBe('¥2.68')
    expect(formatMoney('-0.004')).toBe('¥0.00') // no negative zero
  })
  it('keeps precision of large amounts', () => {
    expect(formatMoney('12345678901234567.89')).toBe('¥12,345,678,901,234,567.89')
  })
  it('returns empty for empty or invalid input', () => {
    expect(formatMoney(null)).toBe('')
    expect(formatMoney(undefined)).toBe('')
    expect(formatMoney('')).toBe('')
    expect(formatMoney('abc')).toBe('')
  })
  it('supports other precisions', () => {
    expect(formatMoney('3.14159', 4)).toBe('¥3.1416')
    expect(formatDecimal('1000', 0)).toBe('1,000')
  })
})

describe('quantities', () => {
  it('formats with the company precision', () => {
    expect(formatQty('1500.125', 2)).toBe('1,500.13')
    expect(formatQty('3', 0)).toBe('3')
  })
  it('detects negatives for red display', () => {
    expect(isNegative('-0.01')).toBe(true)
    expect(isNegative('0')).toBe(false)
    expect(isNegative('5')).toBe(false)
    expect(isNegative(null)).toBe(false)
  })
  it('sums decimal strings exactly', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3')
    expect(sumDecimals(['1.10', null, '-0.10'])).toBe('1')
  })
})
