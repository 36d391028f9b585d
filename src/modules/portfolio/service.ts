import {
  INSTRUMENTS,
  type Instrument,
  type InvestmentFigures,
  investmentFigures,
  sumFigures,
} from '../../domain/ledger.ts'
import { Decimal } from '../../domain/money.ts'
import { badRequest } from '../../http/problem.ts'
import * as capitalRepo from '../capital/index.ts'
import {
  contributionsToVentures,
  fundingOfVentures,
  groupBy,
  osloToday,
  type SupportSummary,
  supportSummary,
  toEntry,
  toValuation,
} from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import {
  COUNTABLE,
  capitalFactsOf,
  economicsFromFacts,
  latestModelsWithOutcomes,
  outcomeFactsOf,
  type VentureEconomicsFigures as VentureEconomics,
} from '../economics/index.ts'
import {
  latestOfCounted,
  type PortfolioVentureOutcomes,
  portfolioOutcomesOf,
  statusThresholds,
} from '../outcomes/index.ts'
import { resolveInvestorOrg } from './investor-org.ts'
import {
  assignmentsOfVentures,
  type PortfolioVentureRow,
  portfolioValues,
  reportSummariesOf,
  venturesWithStanding,
} from './repo.ts'
import { type PeopleReached, type PortfolioSroi, peopleReached, portfolioSroi } from './totals.ts'

export interface PortfolioInvestment {
  investment: capitalRepo.InvestmentRow
  figures: InvestmentFigures
}

/** One venture of the portfolio. Other areas add their own fields (outcomes, reports) beside these. */
export interface PortfolioVenture {
  venture: PortfolioVentureRow
  /** By start date. */
  investments: PortfolioInvestment[]
  /** The instruments of its investments, in the order of INSTRUMENTS. */
  instruments: Instrument[]
  /** Sum of the investments' figures. */
  figures: InvestmentFigures
  support: SupportSummary
  /** Indicators against targets, reports awaiting verification and overdue reports. */
  outcomes: PortfolioVentureOutcomes
  /** Cost per outcome, the investor's share and attributed outcomes, latest SROI (for the window). */
  economics: VentureEconomics
}

/** The window for cost per outcome and attribution (PRODUCT.md §5). */
export interface EconomicsWindow {
  from?: string | undefined
  to?: string | undefined
  includeSupport?: boolean | undefined
}

export interface YearFigures {
  year: number
  committed: Decimal
  disbursed: Decimal
  repaid: Decimal
  outcomePayments: Decimal
}

export interface Portfolio {
  organization: { id: string; name: string }
  asOf: string
  ventures: PortfolioVenture[]
  totals: {
    ventureCount: number
    investmentCount: number
    figures: InvestmentFigures
    peopleReached: PeopleReached
    /** Null when no venture has an SROI model. */
    sroi: PortfolioSroi | null
  }
  byInstrument: {
    instrument: Instrument
    investmentCount: number
    ventureCount: number
    figures: InvestmentFigures
  }[]
  byYear: YearFigures[]
  support: SupportSummary
}

/** GET /v1/portfolio: the caller's investor organization (see resolveInvestorOrg for who may ask). */
export async function getPortfolio(
  ctx: Ctx,
  q: { organization?: string | undefined } & EconomicsWindow,
): Promise<Portfolio> {
  if (q.from && q.to && q.from > q.to) {
    throw badRequest('portfolio.window_reversed', [
      { in: 'query', path: 'to', message: 'Must not be before `from`.' },
    ])
  }
  return loadPortfolio(ctx, await resolveInvestorOrg(ctx, q.organization), q)
}

/**
 * One investor's portfolio in ten statements however many ventures it holds (issue 17): first the
 * ventures it has standing with, its investments and their valuations; then, for those ventures
 * at once, their assignments (with indicators and targets), reports, counted verified values,
 * ledger entries (every investor's: the investor's own figures and the ventures' capital for
 * attribution come from the same rows), other funding, support and newest SROI models. The
 * outcomes and economics sections are computed from these rows by their pure functions. The
 * caller has resolved (and so authorised) the organization.
 */
export async function loadPortfolio(
  ctx: Ctx,
  organization: { id: string; name: string },
  window: EconomicsWindow = {},
): Promise<Portfolio> {
  const [ventureRows, investmentRows, valuationRows] = await Promise.all([
    venturesWithStanding(ctx.db, organization.id),
    capitalRepo.investmentsOfInvestor(ctx.db, organization.id),
    capitalRepo.valuationsOfInvestor(ctx.db, organization.id),
  ])
  const ventureIds = ventureRows.map((v) => v.id)
  const [assigned, reports, counted, ledger, funding, support, models] = await Promise.all([
    assignmentsOfVentures(ctx.db, ventureIds),
    reportSummariesOf(ctx.db, ventureIds),
    portfolioValues(ctx.db, ventureIds, COUNTABLE),
    capitalRepo.ledgerOfVentures(ctx.db, ventureIds),
    fundingOfVentures(ctx.db, ventureIds),
    contributionsToVentures(ctx.db, ventureIds),
    latestModelsWithOutcomes(ctx.db, ventureIds),
  ])
  // The investor's own rows, as transactionsOfInvestor and contributionsOfInvestor would give
  // them for the ventures of the portfolio (the only ones its figures are read for).
  const transactionRows = ledger.filter((t) => t.investorOrgId === organization.id)
  const contributionRows = support.filter((c) => c.investorOrgId === organization.id)
  const entries = groupBy(transactionRows, (t) => t.investmentId)
  const values = groupBy(valuationRows, (v) => v.investmentId)
  const investmentsByVenture = groupBy(investmentRows, (i) => i.ventureOrgId)
  const contributionsByVenture = groupBy(contributionRows, (c) => c.ventureOrgId)
  const assignments = assigned.map((a) => a.assignment)
  const indicators = new Map(assigned.map((a) => [a.indicator.code, a.indicator]))
  const outcomes = portfolioOutcomesOf(
    {
      assignments,
      indicators,
      targets: assigned.flatMap((a) => a.targets),
      reports,
      latest: latestOfCounted(counted),
    },
    ventureIds,
    ctx.now,
    ctx.config.REPORT_DUE_DAYS,
    statusThresholds(ctx.config),
  )
  const outcomesByVenture = new Map(outcomes.map((o) => [o.ventureId, o]))
  const economics = economicsFromFacts(
    { investorOrgId: organization.id, ventureIds, ...window },
    capitalFactsOf(ventureIds, ledger, funding, support),
    outcomeFactsOf(ventureIds, assignments, indicators, counted),
    models,
  )

  const ventures: PortfolioVenture[] = ventureRows.map((venture) => {
    const investments = (investmentsByVenture.get(venture.id) ?? []).map((investment) => ({
      investment,
      figures: investmentFigures(
        (entries.get(investment.id) ?? []).map(toEntry),
        (values.get(investment.id) ?? []).map(toValuation),
        investment.instrument,
      ),
    }))
    const held = new Set(investments.map((i) => i.investment.instrument))
    return {
      venture,
      investments,
      instruments: INSTRUMENTS.filter((i) => held.has(i)),
      figures: sumFigures(investments.map((i) => i.figures)),
      support: supportSummary(contributionsByVenture.get(venture.id) ?? []),
      outcomes: outcomesByVenture.get(venture.id)!,
      economics: economics.get(venture.id)!,
    }
  })
  const all = ventures.flatMap((v) => v.investments)
  const inPortfolio = new Set(ventureRows.map((v) => v.id))
  return {
    organization,
    asOf: osloToday(ctx.now),
    ventures,
    totals: {
      ventureCount: ventures.length,
      investmentCount: all.length,
      figures: sumFigures(all.map((i) => i.figures)),
      peopleReached: peopleReached(ventures),
      sroi: portfolioSroi(ventures),
    },
    byInstrument: INSTRUMENTS.map((instrument) => {
      const list = all.filter((i) => i.investment.instrument === instrument)
      return {
        instrument,
        investmentCount: list.length,
        ventureCount: new Set(list.map((i) => i.investment.ventureOrgId)).size,
        figures: sumFigures(list.map((i) => i.figures)),
      }
    }),
    byYear: figuresByYear(
      all.map((i) => ({ instrument: i.investment.instrument, rows: entries.get(i.investment.id) ?? [] })),
    ),
    support: supportSummary(contributionRows.filter((c) => inPortfolio.has(c.ventureOrgId))),
  }
}

/**
 * Flows per calendar year of the entry date, from the first year with an entry to the last, with
 * empty years present (a chart's axis has no gaps). Each investment-year is rounded once, as the
 * investment's own figures are, and then summed; a reversal counts in the year it is dated.
 */
export function figuresByYear(
  investments: { instrument: Instrument; rows: Parameters<typeof toEntry>[0][] }[],
): YearFigures[] {
  const years = new Map<number, YearFigures>()
  const yearOf = (date: string) => Number(date.slice(0, 4))
  for (const { instrument, rows } of investments) {
    for (const [year, list] of groupBy(rows, (r) => String(yearOf(r.date)))) {
      const f = investmentFigures(list.map(toEntry), [], instrument)
      const y = years.get(Number(year)) ?? blankYear(Number(year))
      y.committed = y.committed.plus(f.committed)
      y.disbursed = y.disbursed.plus(f.disbursed)
      y.repaid = y.repaid.plus(f.repaid)
      y.outcomePayments = y.outcomePayments.plus(f.outcomePayments)
      years.set(Number(year), y)
    }
  }
  if (years.size === 0) return []
  const first = Math.min(...years.keys())
  const last = Math.max(...years.keys())
  return Array.from({ length: last - first + 1 }, (_, i) => years.get(first + i) ?? blankYear(first + i))
}

const blankYear = (year: number): YearFigures => ({
  year,
  committed: new Decimal(0),
  disbursed: new Decimal(0),
  repaid: new Decimal(0),
  outcomePayments: new Decimal(0),
})
