const OSLO_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/**
 * Today's date in Norway (YYYY-MM-DD): a report due on 30 April is overdue from 1 May in Oslo,
 * not from whenever UTC midnight falls.
 */
export const todayInNorway = (now: Date): string => OSLO_DATE.format(now)
