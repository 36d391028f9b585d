import { describe, expect, it } from 'vitest'
import {
  annualNotes,
  formatDecimal,
  formatNok,
  formatPercentOf,
  isSmallCount,
} from '../../src/domain/annual-report.ts'

describe('annual report formatting', () => {
  it('groups thousands and uses the language’s decimal mark, rounding half-even on the decimal', () => {
    expect(formatDecimal('5519707.27', 'nb', 2)).toBe('5\u00a0519\u00a0707,27')
    expect(formatDecimal('5519707.27', 'en', 2)).toBe('5,519,707.27')
    expect(formatDecimal('2.765', 'en', 2)).toBe('2.76')
    expect(formatDecimal('2.775', 'en', 2)).toBe('2.78')
    expect(formatDecimal('999.5', 'nb')).toBe('1\u00a0000')
    expect(formatDecimal('-1200', 'en')).toBe('−1,200')
    expect(formatDecimal('-0.001', 'en', 2)).toBe('0.00')
    expect(formatDecimal(null, 'nb')).toBe('–')
    expect(formatNok('2300000.00', 'nb')).toBe('2\u00a0300\u00a0000 kr')
    expect(formatPercentOf('0.7778', 'en')).toBe('78 %')
  })

  it('marks only small counts of people, and says so in the notes', () => {
    expect(isSmallCount('people', '3', 4, true)).toBe(true)
    expect(isSmallCount('people', '0', 4, true)).toBe(false)
    expect(isSmallCount('people', '4', 4, true)).toBe(false)
    expect(isSmallCount('count', '2', 4, true)).toBe(false)
    expect(isSmallCount('people', '2', 4, false)).toBe(false)
    const codes = (smallCounts: boolean, portfolio: boolean) =>
      annualNotes('nb', { threshold: 4, smallCounts, portfolio }).map((n) => n.code)
    expect(codes(false, false)).toEqual(['verified-only', 'disclosure-control'])
    expect(codes(true, true)).toEqual([
      'verified-only',
      'disclosure-control',
      'small-counts',
      'double-counting',
    ])
    expect(annualNotes('nb', { threshold: 4, smallCounts: false, portfolio: false })[1]?.text).toContain(
      'fra 1 til 3',
    )
  })
})
