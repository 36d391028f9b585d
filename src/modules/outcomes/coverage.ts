import type { Frequency, Granularity, Period } from '../../domain/periods.ts'
import { parentPeriod, periodOf, periodsBetween, requirePeriod } from '../../domain/periods.ts'

/**
 * Which periods an assignment covers: every period of its frequency from the one containing the
 * start date up to the one containing the end date (open-ended without one). Pure.
 */
export interface AssignmentSpan {
  frequency: Frequency
  startDate: string
  endDate: string | null
}

export function coversPeriod(a: AssignmentSpan, period: Period): boolean {
  return (
    period.frequency === a.frequency &&
    period.end >= a.startDate &&
    (a.endDate === null || period.start <= a.endDate)
  )
}

/** The covered periods that have ended by `today`: the reports the venture owes. */
export function duePeriods(a: AssignmentSpan, today: string): string[] {
  const lastDay =
    a.endDate === null ? today : minDate(today, requirePeriod(periodOf(a.endDate, a.frequency)).end)
  return periodsBetween(a.startDate, lastDay, a.frequency)
}

const minDate = (x: string, y: string) => (x < y ? x : y)

/** Months in each frequency, to compare and count periods. */
const MONTHS: Record<Frequency, number> = { monthly: 1, quarterly: 3, yearly: 12 }
const GRANULARITY_MONTHS: Record<Granularity, number> = { quarter: 3, year: 12 }

/** A target may be set for a period of the assignment's frequency or a coarser one (a year). */
export function targetPeriodAllowed(frequency: Frequency, period: Period): boolean {
  return MONTHS[period.frequency] >= MONTHS[frequency]
}

/** How many reporting periods of `frequency` one `granularity` period holds (4 quarters a year). */
export function periodsPerGroup(frequency: Frequency, granularity: Granularity): number {
  return Math.max(1, GRANULARITY_MONTHS[granularity] / MONTHS[frequency])
}

/** The granularity a series can be shown at: a yearly assignment has no quarters. */
export function effectiveGranularity(frequency: Frequency, asked: Granularity): Granularity {
  return frequency === 'yearly' ? 'year' : asked
}

/** The reporting periods of `frequency` inside a period of a coarser (or the same) frequency. */
export function subPeriods(key: string, frequency: Frequency): string[] {
  const p = requirePeriod(key)
  return periodsBetween(p.start, p.end, frequency)
}

/**
 * The reporting period whose verification locks a target for `targetKey`: the last period of the
 * assignment's frequency inside it (Q4 for a yearly target on a quarterly assignment).
 */
export function lockingPeriod(frequency: Frequency, targetKey: string): string {
  return periodOf(requirePeriod(targetKey).end, frequency)
}

/** The period of `granularity` that a reporting period belongs to. */
export const groupOf = (key: string, granularity: Granularity): string => parentPeriod(key, granularity)

/** How many reporting periods of `frequency` one period of `outer` holds (3 months in a quarter). */
export function reportingPeriodsIn(frequency: Frequency, outer: Frequency): number {
  return Math.max(1, MONTHS[outer] / MONTHS[frequency])
}

/** True when the period overlaps the assignment's span (a target outside it would never be met). */
export function overlapsSpan(a: AssignmentSpan, period: Period): boolean {
  return period.end >= a.startDate && (a.endDate === null || period.start <= a.endDate)
}
