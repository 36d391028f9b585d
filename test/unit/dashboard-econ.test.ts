import { describe, expect, it } from 'vitest'
import { translator } from '../../web/i18n/index.ts'
import { portfolioVentures } from '../../web/portfolio/portfolio-investors.ts'
import {
  daysLate,
  overdueReports,
  reportHref,
  reportsAwaitingVerification,
  sharedIndicatorCosts,
  statusCounts,
} from '../../web/portfolio/portfolio-outcomes-data.ts'
import { economicsWindowFrom } from '../../web/ui/economics-window.ts'
import { formatterFor } from '../../web/ui/format.ts'
import { indicatorValue, unitLabel } from '../../web/ui/indicator-format.ts'
import { navFor } from '../../web/ui/nav.ts'
import { assumptionValue, pointText } from '../../web/ventures/venture-sroi.tsx'

const nb = { ...translator('nb'), fmt: formatterFor('nb') }
const en = { ...translator('en'), fmt: formatterFor('en') }
/** Intl groups Norwegian thousands with a no-break space; people read it as a space. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

const report = (period: string, reportId: string | null = `r-${period}`) => ({
  reportId,
  period,
  dueDate: '2026-01-30',
  status: 'submitted' as const,
  revision: 1,
  updatedAt: null,
})
const venture = (id: string, name: string, awaiting: string[], overdue: string[] = []) => ({
  venture: { id, name, status: 'active' as const, themes: [], municipalities: [] },
  outcomes: {
    ventureId: id,
    indicators: [],
    awaitingVerification: awaiting.map((p) => report(p)),
    overdue: overdue.map((p) => report(p, null)),
  },
})

describe('the review queue', () => {
  const ventures = [
    venture('b', 'Språkbro', ['2026-Q3']),
    venture('a', 'Arbeidsglede', ['2026-Q3', '2026-Q2'], ['2026-Q1']),
  ]

  it('lists submitted reports oldest period first, then by venture name', () => {
    expect(reportsAwaitingVerification(ventures).map((r) => `${r.period} ${r.ventureName}`)).toEqual([
      '2026-Q2 Arbeidsglede',
      '2026-Q3 Arbeidsglede',
      '2026-Q3 Språkbro',
    ])
    expect(overdueReports(ventures).map((r) => [r.ventureId, r.period])).toEqual([['a', '2026-Q1']])
  })

  it('links a report to its own page, and a report not started to the venture’s reports', () => {
    expect(reportHref('v1', 'r1')).toBe('/ventures/v1/reports/r1')
    expect(reportHref('v1', null)).toBe('/ventures/v1#reports')
  })

  it('counts whole days late, never negative', () => {
    expect(daysLate('2026-10-30', '2026-11-27')).toBe(28)
    expect(daysLate('2026-03-01', '2026-03-31')).toBe(30)
    expect(daysLate('2026-12-01', '2026-11-27')).toBe(0)
  })

  it('counts indicators by status, those without one as none', () => {
    expect(
      statusCounts([{ status: 'green' }, { status: null }, { status: 'red' }, { status: 'green' }]),
    ).toEqual({
      green: 2,
      amber: 0,
      red: 1,
      none: 1,
    })
  })
})

describe('the economics window from the page’s query', () => {
  it('takes calendar dates and the support choice, and ignores what is not a date', () => {
    expect(economicsWindowFrom({ from: '2025-01-01', to: '2025-12-31', support: 'true' })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      includeSupport: true,
      reversed: false,
    })
    expect(economicsWindowFrom({ from: '2025-02-30', to: 'soon' })).toEqual({
      from: undefined,
      to: undefined,
      includeSupport: false,
      reversed: false,
    })
  })

  it('drops a window that ends before it starts, and says so', () => {
    expect(economicsWindowFrom({ from: '2025-12-01', to: '2025-01-31' })).toEqual({
      includeSupport: false,
      reversed: true,
    })
  })
})

describe('indicator values and SROI assumptions in the page language', () => {
  it('formats by unit: kroner, rates stored in percent, and plain numbers', () => {
    expect(plain(indicatorValue(nb, '1250000.00', 'NOK'))).toBe('1 250 000 kr')
    expect(plain(indicatorValue(nb, '12.5', 'percent'))).toBe('12,5 %')
    expect(indicatorValue(en, '12.5', 'percent')).toBe('12.5%')
    expect(indicatorValue(nb, '28.6', 'tonnes')).toBe('28,6')
    expect(indicatorValue(nb, null, 'people')).toBe('–')
    expect(unitLabel(nb, 'people')).toBe('personer')
    expect(unitLabel(en, 'litres')).toBe('litres')
  })

  it('shows each moved assumption as people read it', () => {
    expect(plain(assumptionValue(nb, 'deadweight', '25'))).toBe('25 %')
    expect(plain(assumptionValue(nb, 'proxy', '250000.00'))).toBe('250 000 kr')
    expect(assumptionValue(en, 'durationYears', '1')).toBe('1 year')
    expect(assumptionValue(en, 'durationYears', '3')).toBe('3 years')
    expect(plain(pointText(nb, 'dropOff', { value: null, outcomeValues: ['30', '20'] }))).toBe('30 % / 20 %')
    expect(plain(pointText(nb, 'discountRate', { value: '4', outcomeValues: [] }))).toBe('4 %')
  })
})

describe('the cost-per-outcome comparison', () => {
  const row = (id: string, outcomes: [string, string | null][]) => ({
    id,
    name: `Venture ${id}`,
    e: {
      outcomes: outcomes.map(([indicatorCode, costPerUnit]) => ({
        indicatorCode,
        nameNb: indicatorCode,
        nameEn: indicatorCode,
        unit: 'people',
        units: '1',
        periods: [],
        costPerUnit,
        attributedUnits: null,
      })),
    } as unknown as Parameters<typeof sharedIndicatorCosts>[0][number]['e'],
  })

  it('picks the indicator most ventures have a cost for, cheapest first', () => {
    const result = sharedIndicatorCosts([
      row('a', [
        ['NO-WORK-01', '16666.67'],
        ['NO-WORK-08', '100.00'],
      ]),
      row('b', [['NO-WORK-01', '3809.52']]),
      row('c', [
        ['NO-WORK-01', '42016.81'],
        ['NO-WORK-08', null],
      ]),
      row('d', [['NO-YOUTH-01', '5555.56']]),
    ])
    expect(result?.indicatorCode).toBe('NO-WORK-01')
    expect(result?.ventures.map((v) => [v.id, v.costPerUnit])).toEqual([
      ['b', '3809.52'],
      ['a', '16666.67'],
      ['c', '42016.81'],
    ])
  })

  it('draws nothing when fewer than three ventures share an indicator', () => {
    expect(
      sharedIndicatorCosts([row('a', [['NO-WORK-01', '1.00']]), row('b', [['NO-WORK-01', '2.00']])]),
    ).toBeNull()
  })
})

describe('a platform admin looking into a portfolio', () => {
  it('reaches the portfolio from the menu', () => {
    const admin = {
      userId: 'u',
      email: 'admin@example.no',
      name: 'Admin',
      isPlatformAdmin: true,
      memberships: [],
      via: 'session' as const,
      readOnly: false,
    }
    expect(navFor(admin, '/portfolio').find((i) => i.current)?.href).toBe('/portfolio')
  })

  it('sees the investor’s ventures only; a member sees the ventures it may see', () => {
    const item = (id: string) => ({ venture: { id } }) as Parameters<typeof portfolioVentures>[1][number]
    const visible = [item('a'), item('b'), item('c')]
    const portfolio = { ventures: [{ venture: { id: 'b' } }] } as Parameters<typeof portfolioVentures>[2]
    const investor = { organizationId: 'i', organizationName: 'I' }
    expect(
      portfolioVentures({ ...investor, member: false }, visible, portfolio).map((x) => x.venture.id),
    ).toEqual(['b'])
    expect(portfolioVentures({ ...investor, member: true }, visible, portfolio)).toHaveLength(3)
  })
})
