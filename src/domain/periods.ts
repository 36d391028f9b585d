/**
 * Reporting periods (PRODUCT.md §1 Assignment, Report). A period is named by its key:
 * `2026-07` (month), `2026-Q3` (quarter), `2026` (year).
 *
 * Dates are plain `YYYY-MM-DD` strings with no time zone; all arithmetic is done on UTC calendar
 * days so that a server's local zone or daylight saving can never move a date. Years are limited
 * to 1000–9999 so that every date and key keeps its four-digit form (and sorts as text).
 *
 * Functions taking a key or a date throw a RangeError when it is malformed: services validate
 * user input first (`parsePeriod`, `isValidDate`), so a bad value here is a programming error.
 */
export type Frequency = 'monthly' | 'quarterly' | 'yearly'
export type Granularity = 'quarter' | 'year'

export interface Period {
  key: string
  frequency: Frequency
  /** First day, YYYY-MM-DD. */
  start: string
  /** Last day, inclusive, YYYY-MM-DD. */
  end: string
  year: number
}

const DAY_MS = 86_400_000
const MIN_YEAR = 1000
const MAX_YEAR = 9999

const pad2 = (n: number) => String(n).padStart(2, '0')
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()
const ymd = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`

function splitDate(date: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return null
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

function requireDate(date: string) {
  const parts = splitDate(date)
  if (!parts) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`)
  return parts
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-29 is not one). */
export function isValidDate(date: string): boolean {
  return splitDate(date) !== null
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`)
  const { year, month, day } = requireDate(date)
  const d = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS)
  const result = ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  if (!isValidDate(result)) throw new RangeError(`Date out of range: ${date} + ${days} days`)
  return result
}

function monthPeriod(year: number, month: number): Period {
  return {
    key: `${year}-${pad2(month)}`,
    frequency: 'monthly',
    start: ymd(year, month, 1),
    end: ymd(year, month, daysInMonth(year, month)),
    year,
  }
}

function quarterPeriod(year: number, quarter: number): Period {
  const lastMonth = quarter * 3
  return {
    key: `${year}-Q${quarter}`,
    frequency: 'quarterly',
    start: ymd(year, lastMonth - 2, 1),
    end: ymd(year, lastMonth, daysInMonth(year, lastMonth)),
    year,
  }
}

function yearPeriod(year: number): Period {
  return { key: String(year), frequency: 'yearly', start: ymd(year, 1, 1), end: ymd(year, 12, 31), year }
}

/** Parses `2026-07`, `2026-Q3` or `2026`; null for anything else (`2026-7`, `2026-q3`, `2026-13`). */
export function parsePeriod(key: string): Period | null {
  const m = /^(\d{4})(?:-(?:(\d{2})|Q(\d)))?$/.exec(key)
  if (!m) return null
  const year = Number(m[1])
  if (year < MIN_YEAR) return null
  if (m[2] !== undefined) {
    const month = Number(m[2])
    return month >= 1 && month <= 12 ? monthPeriod(year, month) : null
  }
  if (m[3] !== undefined) {
    const quarter = Number(m[3])
    return quarter >= 1 && quarter <= 4 ? quarterPeriod(year, quarter) : null
  }
  return yearPeriod(year)
}

/** Like parsePeriod, but a malformed key is a programming error. */
export function requirePeriod(key: string): Period {
  const period = parsePeriod(key)
  if (!period) throw new RangeError(`Not a period key: ${key}`)
  return period
}

function periodFor(year: number, month: number, frequency: Frequency): Period {
  if (frequency === 'monthly') return monthPeriod(year, month)
  if (frequency === 'quarterly') return quarterPeriod(year, Math.ceil(month / 3))
  return yearPeriod(year)
}

/** The key of the period of the given frequency that contains `date`. */
export function periodOf(date: string, frequency: Frequency): string {
  const { year, month } = requireDate(date)
  return periodFor(year, month, frequency).key
}

/** The period right after `key`, of the same frequency. */
export function nextPeriod(key: string): string {
  const p = requirePeriod(key)
  const next = addDays(p.end, 1)
  return periodOf(next, p.frequency)
}

/**
 * The periods an assignment running from `startDate` has completed by `endDate`: every period of
 * `frequency` from the one containing `startDate` (even when `startDate` falls mid-period) up to
 * and including the last one whose final day is on or before `endDate`. With `endDate` = today this
 * is the list of periods that can be reported now; the period in progress is left out. Sorted,
 * contiguous, non-overlapping; empty when no period has ended yet or `startDate` is after `endDate`.
 */
export function periodsBetween(startDate: string, endDate: string, frequency: Frequency): string[] {
  requireDate(endDate)
  const keys: string[] = []
  let period = requirePeriod(periodOf(startDate, frequency))
  while (period.end <= endDate) {
    keys.push(period.key)
    if (period.end === `${MAX_YEAR}-12-31`) break
    period = requirePeriod(nextPeriod(period.key))
  }
  return keys
}

/** The day a report for the period is due: its last day plus `dueDays`. */
export function dueDate(key: string, dueDays: number): string {
  if (!Number.isInteger(dueDays) || dueDays < 0) throw new RangeError(`dueDays must be a whole number ≥ 0`)
  return addDays(requirePeriod(key).end, dueDays)
}

/**
 * True once the due date has passed: a report is still on time on its due date itself. Whether a
 * report has already been submitted is the caller's concern.
 */
export function isOverdue(key: string, dueDays: number, today: string): boolean {
  requireDate(today)
  return today > dueDate(key, dueDays)
}

/**
 * The quarter or year a period falls in. A quarter asked for its quarter (or a year for its year)
 * is itself; a year has no quarter, which throws.
 */
export function parentPeriod(key: string, granularity: Granularity): string {
  const p = requirePeriod(key)
  if (granularity === 'year') return String(p.year)
  if (p.frequency === 'yearly') throw new RangeError(`A year has no quarter: ${key}`)
  return periodOf(p.start, 'quarterly')
}

/**
 * Orders periods by their last day, then by their first day, then by key. For one frequency this
 * is plain chronological order; across frequencies it orders by the date a value is "as of", which
 * is what "the latest period" means for a stock (2026-12, 2026-Q4 and 2026 all end on 31 December;
 * the longest one sorts first).
 */
export function comparePeriods(a: string, b: string): number {
  const pa = requirePeriod(a)
  const pb = requirePeriod(b)
  if (pa.end !== pb.end) return pa.end < pb.end ? -1 : 1
  if (pa.start !== pb.start) return pa.start < pb.start ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * True when the whole period lies inside the window [from, to] (both inclusive dates, either open
 * when omitted). A period only partly inside is out: summing a flow over a window must not count
 * outcomes from outside it.
 */
export function periodInWindow(key: string, from?: string, to?: string): boolean {
  const p = requirePeriod(key)
  if (from !== undefined) requireDate(from)
  if (to !== undefined) requireDate(to)
  return (from === undefined || p.start >= from) && (to === undefined || p.end <= to)
}
