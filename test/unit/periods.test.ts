import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  comparePeriods,
  dueDate,
  type Frequency,
  isOverdue,
  isValidDate,
  nextPeriod,
  parentPeriod,
  parsePeriod,
  periodInWindow,
  periodOf,
  periodsBetween,
} from '../../src/domain/periods.ts'

const frequencies: Frequency[] = ['monthly', 'quarterly', 'yearly']

/** Any real date 2000-01-01 … 2099-12-31, as YYYY-MM-DD. */
const dateArb = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10))

describe('parsePeriod', () => {
  it('parses a month', () => {
    expect(parsePeriod('2026-07')).toEqual({
      key: '2026-07',
      frequency: 'monthly',
      start: '2026-07-01',
      end: '2026-07-31',
      year: 2026,
    })
  })
  it('parses a quarter', () => {
    expect(parsePeriod('2026-Q3')).toEqual({
      key: '2026-Q3',
      frequency: 'quarterly',
      start: '2026-07-01',
      end: '2026-09-30',
      year: 2026,
    })
  })
  it('parses a year', () => {
    expect(parsePeriod('2026')).toEqual({
      key: '2026',
      frequency: 'yearly',
      start: '2026-01-01',
      end: '2026-12-31',
      year: 2026,
    })
  })
  it('knows February in leap and common years', () => {
    expect(parsePeriod('2024-02')?.end).toBe('2024-02-29')
    expect(parsePeriod('2026-02')?.end).toBe('2026-02-28')
    expect(parsePeriod('2100-02')?.end).toBe('2100-02-28')
    expect(parsePeriod('2000-02')?.end).toBe('2000-02-29')
    expect(parsePeriod('2026-Q1')?.end).toBe('2026-03-31')
    expect(parsePeriod('2026-Q2')?.end).toBe('2026-06-30')
    expect(parsePeriod('2026-Q4')?.start).toBe('2026-10-01')
  })
  it.each([
    '',
    '2026-7',
    '2026-00',
    '2026-13',
    '2026-Q0',
    '2026-Q5',
    '2026-q3',
    '26',
    '0999',
    '2026-07-01',
    ' 2026',
    '2026-H1',
  ])('refuses %j', (key) => {
    expect(parsePeriod(key)).toBeNull()
  })
})

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true)
    expect(isValidDate('2026-02-29')).toBe(false)
    expect(isValidDate('2026-04-31')).toBe(false)
    expect(isValidDate('2026-4-30')).toBe(false)
    expect(isValidDate('2026-04-30T00:00')).toBe(false)
  })
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2026-03-31', 30)).toBe('2026-04-30')
  })
  it('throws on a malformed date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError)
    expect(() => periodOf('yesterday', 'monthly')).toThrow(RangeError)
  })
})

describe('periodOf', () => {
  it('finds the month, quarter and year of a date', () => {
    expect(periodOf('2026-07-15', 'monthly')).toBe('2026-07')
    expect(periodOf('2026-07-15', 'quarterly')).toBe('2026-Q3')
    expect(periodOf('2026-07-15', 'yearly')).toBe('2026')
    expect(periodOf('2026-03-31', 'quarterly')).toBe('2026-Q1')
    expect(periodOf('2026-04-01', 'quarterly')).toBe('2026-Q2')
    expect(periodOf('2026-12-31', 'quarterly')).toBe('2026-Q4')
  })
  it('property: the period contains the date', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...frequencies), (date, frequency) => {
        const p = parsePeriod(periodOf(date, frequency))
        expect(p).not.toBeNull()
        expect(p!.frequency).toBe(frequency)
        expect(p!.start <= date && date <= p!.end).toBe(true)
      }),
    )
  })
})

describe('nextPeriod', () => {
  it('steps over year ends', () => {
    expect(nextPeriod('2026-12')).toBe('2027-01')
    expect(nextPeriod('2026-Q4')).toBe('2027-Q1')
    expect(nextPeriod('2026')).toBe('2027')
  })
})

describe('periodsBetween', () => {
  it('lists only completed periods, starting with the one containing the start date', () => {
    // Assignment from 15 Feb 2026, asked on 10 Oct 2026: Q1 (though started mid-quarter), Q2 and
    // Q3 are complete; Q4 is in progress.
    expect(periodsBetween('2026-02-15', '2026-10-10', 'quarterly')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3'])
    expect(periodsBetween('2026-02-15', '2026-05-31', 'monthly')).toEqual([
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
    ])
    expect(periodsBetween('2024-06-01', '2026-12-30', 'yearly')).toEqual(['2024', '2025'])
    expect(periodsBetween('2024-06-01', '2026-12-31', 'yearly')).toEqual(['2024', '2025', '2026'])
  })
  it('is empty when nothing has ended yet or the range is reversed', () => {
    expect(periodsBetween('2026-07-01', '2026-09-29', 'quarterly')).toEqual([])
    expect(periodsBetween('2026-07-01', '2026-01-01', 'monthly')).toEqual([])
  })
  it('includes a period ending exactly on the end date', () => {
    expect(periodsBetween('2026-07-01', '2026-09-30', 'quarterly')).toEqual(['2026-Q3'])
  })
  it('property: sorted, contiguous, non-overlapping, within the range', () => {
    fc.assert(
      fc.property(dateArb, dateArb, fc.constantFrom(...frequencies), (start, end, frequency) => {
        const keys = periodsBetween(start, end, frequency)
        const periods = keys.map((k) => parsePeriod(k)!)
        periods.forEach((p, i) => {
          expect(p.frequency).toBe(frequency)
          expect(p.end <= end).toBe(true)
          if (i === 0) expect(p.key).toBe(periodOf(start, frequency))
          else {
            const previous = periods[i - 1]!
            expect(comparePeriods(previous.key, p.key)).toBe(-1)
            expect(p.start).toBe(addDays(previous.end, 1))
          }
        })
        // Complete: the next period would not have ended by the end date.
        const after = keys.length ? nextPeriod(keys.at(-1)!) : periodOf(start, frequency)
        expect(parsePeriod(after)!.end > end).toBe(true)
      }),
    )
  })
})

describe('due dates', () => {
  it('is the period end plus the due days', () => {
    expect(dueDate('2026-Q3', 30)).toBe('2026-10-30')
    expect(dueDate('2026-02', 14)).toBe('2026-03-14')
    expect(dueDate('2026', 0)).toBe('2026-12-31')
  })
  it('is overdue from the day after the due date', () => {
    expect(isOverdue('2026-Q3', 30, '2026-10-30')).toBe(false)
    expect(isOverdue('2026-Q3', 30, '2026-10-31')).toBe(true)
    expect(isOverdue('2026-Q3', 30, '2026-08-01')).toBe(false)
  })
  it('refuses negative or fractional due days', () => {
    expect(() => dueDate('2026-Q3', -1)).toThrow(RangeError)
    expect(() => dueDate('2026-Q3', 1.5)).toThrow(RangeError)
    expect(() => dueDate('2026-Q9', 1)).toThrow(RangeError)
  })
})

describe('parentPeriod', () => {
  it('places months and quarters in quarters and years', () => {
    expect(parentPeriod('2026-07', 'quarter')).toBe('2026-Q3')
    expect(parentPeriod('2026-03', 'quarter')).toBe('2026-Q1')
    expect(parentPeriod('2026-07', 'year')).toBe('2026')
    expect(parentPeriod('2026-Q3', 'year')).toBe('2026')
    expect(parentPeriod('2026-Q3', 'quarter')).toBe('2026-Q3')
    expect(parentPeriod('2026', 'year')).toBe('2026')
  })
  it('throws for a year asked for its quarter', () => {
    expect(() => parentPeriod('2026', 'quarter')).toThrow(RangeError)
  })
})

describe('comparePeriods', () => {
  it('sorts chronologically, across frequencies by end date', () => {
    const keys = ['2027-01', '2026', '2026-Q4', '2026-12', '2025-Q1', '2026-11']
    expect([...keys].sort(comparePeriods)).toEqual([
      '2025-Q1',
      '2026-11',
      '2026',
      '2026-Q4',
      '2026-12',
      '2027-01',
    ])
    expect(comparePeriods('2026-Q1', '2026-Q1')).toBe(0)
  })
})

describe('periodInWindow', () => {
  it('keeps periods wholly inside the window', () => {
    expect(periodInWindow('2026-Q1', '2026-01-01', '2026-12-31')).toBe(true)
    expect(periodInWindow('2026-Q1', '2026-02-01', '2026-12-31')).toBe(false)
    expect(periodInWindow('2026-Q4', '2026-01-01', '2026-12-30')).toBe(false)
    expect(periodInWindow('2026', '2026-01-01', '2026-12-31')).toBe(true)
  })
  it('treats a missing bound as open', () => {
    expect(periodInWindow('1999-01')).toBe(true)
    expect(periodInWindow('1999-01', undefined, '2000-01-01')).toBe(true)
    expect(periodInWindow('1999-01', '2000-01-01')).toBe(false)
  })
})
