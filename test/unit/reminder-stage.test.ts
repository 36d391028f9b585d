import { describe, expect, it } from 'vitest'
import { osloClock, reminderStage } from '../../src/modules/notifications/index.ts'

describe('reminderStage', () => {
  const due = '2026-10-30'
  it('reminds from N days before until the day before, with one key for the whole window', () => {
    expect(reminderStage('2026-10-22', due, 7)).toBeNull()
    expect(reminderStage('2026-10-23', due, 7)).toEqual({ kind: 'report_due_soon', key: 'before' })
    expect(reminderStage('2026-10-29', due, 7)).toEqual({ kind: 'report_due_soon', key: 'before' })
    expect(reminderStage('2026-10-01', due, 30)).toEqual({ kind: 'report_due_soon', key: 'before' })
  })
  it('reminds on the due date, and once for every full week past it', () => {
    expect(reminderStage(due, due, 7)).toEqual({ kind: 'report_due', key: 'due' })
    expect(reminderStage('2026-10-31', due, 7)).toBeNull()
    expect(reminderStage('2026-11-05', due, 7)).toBeNull()
    expect(reminderStage('2026-11-06', due, 7)).toEqual({
      kind: 'report_overdue',
      key: 'overdue-1',
      weeks: 1,
    })
    expect(reminderStage('2026-11-12', due, 7)).toEqual({
      kind: 'report_overdue',
      key: 'overdue-1',
      weeks: 1,
    })
    expect(reminderStage('2026-11-13', due, 7)).toEqual({
      kind: 'report_overdue',
      key: 'overdue-2',
      weeks: 2,
    })
    // Across the end of a year and a daylight-saving change the days still count whole.
    expect(reminderStage('2027-01-08', '2026-12-31', 7)).toMatchObject({ key: 'overdue-1' })
  })
})

describe('osloClock', () => {
  it('gives the hour and weekday in Norway, summer and winter time', () => {
    expect(osloClock(new Date('2026-10-20T05:00:00Z'))).toEqual({ hour: 7, weekday: 'Tue' })
    expect(osloClock(new Date('2026-11-09T05:59:00Z'))).toEqual({ hour: 6, weekday: 'Mon' })
    expect(osloClock(new Date('2026-11-08T23:30:00Z'))).toEqual({ hour: 0, weekday: 'Mon' })
  })
})
