import { withTx } from '../../db/tx.ts'
import {
  type AnnualCapital,
  type AnnualKeyFigure,
  type AnnualNarrative,
  type AnnualReportDocument,
  type AnnualSroi,
  annualNotes,
  isSmallCount,
  type ReportLanguage,
} from '../../domain/annual-report.ts'
import { annualReportText } from '../../domain/annual-report-text.ts'
import { type InvestmentFigures, investmentFigures, sumFigures } from '../../domain/ledger.ts'
import { Decimal, formatMoney } from '../../domain/money.ts'
import { forbidden, invalid, isProblem } from '../../http/problem.ts'
import { hasRole, requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import {
  contributionsToVentures,
  groupBy,
  ledgerOfVentures,
  osloToday,
  supportSummary,
  toEntry,
} from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { getSroi, getVentureEconomics, sroiOut, ventureEconomicsOut } from '../economics/index.ts'
import { getReport, listReportsOf, timeSeries } from '../outcomes/index.ts'
import { figuresByYear, loadPortfolio, resolveInvestorOrg } from '../portfolio/index.ts'
import { getVenture } from '../ventures/index.ts'
import { type CommentaryRow, findCommentary, upsertCommentary } from './repo.ts'

export interface AnnualReportQuery {
  year: number
  lang: ReportLanguage
  /** Venture reports: whose attribution share and commentary (as GET …/economics `investor`). */
  investor?: string | undefined
  /** Portfolio reports: the investor organization (as GET /v1/portfolio `organization`). */
  organization?: string | undefined
}

const ZERO = new Decimal(0)
const yearWindow = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` })
const yearOfDate = (d: string) => Number(d.slice(0, 4))

/**
 * A year has a report from the first year with a ledger entry or a report period up to this
 * year (Oslo time); any other is `annual_report.unknown_year`, naming the years there are.
 */
function checkYear(year: number, dates: string[], today: string) {
  const last = yearOfDate(today)
  const first = dates.length ? Math.min(...dates.map(yearOfDate)) : last
  if (year < first || year > last)
    throw invalid(
      'year',
      'annual_report.unknown_year',
      first === last ? `The only year with a report is ${last}.` : `Choose a year from ${first} to ${last}.`,
      'query',
    )
}

function capitalOf(
  year: number,
  ledger: Awaited<ReturnType<typeof ledgerOfVentures>>,
  support: Awaited<ReturnType<typeof contributionsToVentures>>,
): AnnualCapital {
  const investments = [...groupBy(ledger, (t) => t.investmentId).values()].map((rows) => ({
    instrument: rows[0]!.instrument,
    rows,
  }))
  const inYear = figuresByYear(investments).find((y) => y.year === year)
  const toDate: InvestmentFigures = sumFigures(
    investments.map((i) => investmentFigures(i.rows.map(toEntry), [], i.instrument)),
  )
  const given = supportSummary(support.filter((c) => yearOfDate(c.date) === year))
  return {
    committedInYear: formatMoney(inYear?.committed ?? ZERO),
    disbursedInYear: formatMoney(inYear?.disbursed ?? ZERO),
    repaidInYear: formatMoney(inYear?.repaid ?? ZERO),
    outcomePaymentsInYear: formatMoney(inYear?.outcomePayments ?? ZERO),
    committedToDate: formatMoney(toDate.committed),
    disbursedToDate: formatMoney(toDate.disbursed),
    undisbursedToDate: formatMoney(toDate.undisbursed),
    outstandingToDate: formatMoney(toDate.outstanding),
    supportHoursInYear: given.hours.toFixed(2),
    supportValueInYear: formatMoney(given.value),
  }
}

const plain = (d: Decimal | null) => (d === null ? null : d.toFixed())
const statusOf = (s: string | null) => (s === 'green' || s === 'amber' || s === 'red' ? s : null)

/** The newest verified revision's narrative of each report in the year, by period. */
async function narrativeOf(
  ctx: Ctx,
  ventureName: string,
  ventureId: string,
  year: number,
  newestOnly = false,
) {
  const reports = (await listReportsOf(ctx.db, [ventureId])).filter(
    (r) => yearOfDate(r.periodEnd) === year && (r.status === 'verified' || r.revision > 1),
  )
  const chosen = newestOnly ? reports.slice(-1) : reports
  const result: AnnualNarrative[] = []
  for (const r of chosen) {
    const view = await getReport(ctx, r.id)
    const verified = view.revisions.filter((v) => v.status === 'verified').at(-1)
    if (!verified) continue
    const { highlights, challenges, nextSteps } = verified
    if (!highlights && !challenges && !nextSteps) continue
    result.push({ ventureName, period: r.period, highlights, challenges, nextSteps })
  }
  return result
}

async function commentaryOf(ctx: Ctx, investorOrgId: string | null, ventureId: string | null, year: number) {
  if (!investorOrgId) return null
  const row = await findCommentary(ctx.db, investorOrgId, ventureId, year)
  return row?.body ? { text: row.body, updatedAt: row.updatedAt.toISOString() } : null
}

/** People counted by outcome and impact indicators in the year (the portfolio's "people reached"). */
const peopleOf = (outcomes: { unit: string; units: string }[]) =>
  outcomes
    .filter((o) => o.unit === 'people')
    .reduce((sum, o) => sum.plus(o.units), ZERO)
    .toFixed()

/**
 * Each indicator of the venture for the year against its target and baseline, as GET
 * …/outcomes?from&to&granularity=year gives it, with the year's quarters for the chart.
 */
async function keyFiguresOf(
  ctx: Ctx,
  ventureId: string,
  q: AnnualReportQuery,
  ventureName: string | null,
  withPoints: boolean,
): Promise<AnnualKeyFigure[]> {
  const window = yearWindow(q.year)
  const [byYear, byQuarter] = await Promise.all([
    timeSeries(ctx, ventureId, { ...window, granularity: 'year', includeUnverified: false }),
    withPoints
      ? timeSeries(ctx, ventureId, { ...window, granularity: 'quarter', includeUnverified: false })
      : null,
  ])
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const quarters = new Map((byQuarter?.series ?? []).map((s) => [s.assignment.id, s.series.points]))
  return byYear.series
    .filter((s) => withPoints || s.series.window.value !== null)
    .map((s) => {
      const point = s.series.points.at(-1)
      const value = plain(s.series.window.value)
      return {
        ventureName,
        indicatorCode: s.indicator.code,
        name: q.lang === 'nb' ? s.indicator.nameNb : s.indicator.nameEn,
        unit: s.indicator.unit,
        value,
        baseline: plain(s.series.baseline),
        target: plain(point?.target ?? null),
        progress: point?.progress ? point.progress.toDecimalPlaces(4).toFixed() : null,
        status: statusOf(point?.status ?? null),
        smallCount: isSmallCount(s.indicator.unit, value, threshold, s.indicator.personal),
        points: (quarters.get(s.assignment.id) ?? []).map((p) => ({
          period: p.period,
          value: plain(p.value),
          target: plain(p.target),
        })),
      }
    })
}

/**
 * GET /v1/ventures/{id}/annual-report: detailed access to the venture (others 404). The figures
 * come from the venture page's services for the calendar year: economics (cost per outcome,
 * attribution, SROI) as GET …/economics?from&to, outcomes as GET …/outcomes, SROI assumptions as
 * GET …/sroi. The commentary shown is that of the investor whose share is shown: the caller's.
 */
export async function ventureAnnualReport(
  ctx: Ctx,
  ventureId: string,
  q: AnnualReportQuery,
): Promise<AnnualReportDocument> {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const text = annualReportText(q.lang)
  const nb = q.lang === 'nb'
  const [{ venture }, ledger, support, reports] = await Promise.all([
    getVenture(ctx, ventureId),
    ledgerOfVentures(ctx.db, [ventureId]),
    contributionsToVentures(ctx.db, [ventureId]),
    listReportsOf(ctx.db, [ventureId]),
  ])
  const today = osloToday(ctx.now)
  checkYear(q.year, [...ledger.map((t) => t.date), ...reports.map((r) => r.periodEnd)], today)
  const window = yearWindow(q.year)
  const economics = ventureEconomicsOut(
    await getVentureEconomics(ctx, ventureId, { ...window, investor: q.investor }),
  )
  const [keyFigures, sroiView, narrative] = await Promise.all([
    keyFiguresOf(ctx, ventureId, q, null, true),
    getSroi(ctx, ventureId).catch((e: unknown) => {
      if (isProblem(e) && e.code === 'sroi_model.not_found') return null
      throw e
    }),
    narrativeOf(ctx, venture.name, ventureId, q.year),
  ])
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const investorOrgId = economics.attribution?.investorOrgId ?? null
  const sroi: AnnualSroi[] = []
  if (sroiView && economics.sroi) {
    const s = sroiOut(sroiView)
    sroi.push({
      ventureName: null,
      version: s.version,
      window: s.window,
      inputs: economics.sroi.inputs,
      presentValue: economics.sroi.presentValue,
      ratio: economics.sroi.ratio,
      netRatio: economics.sroi.netRatio,
      discountRate: s.discountRate,
      assumptions: s.outcomes.map((o) => ({
        indicatorCode: o.indicatorCode,
        name: nb ? o.nameNb : o.nameEn,
        quantity: o.quantity,
        proxy: o.proxy,
        proxySource: o.proxySource,
        deadweight: o.deadweight,
        attribution: o.attribution,
        displacement: o.displacement,
        dropOff: o.dropOff,
        durationYears: o.durationYears,
      })),
    })
  }
  const investor = investorOrgId
    ? (requirePrincipal(ctx.principal).memberships.find((m) => m.organizationId === investorOrgId)
        ?.organizationName ?? null)
    : null
  return {
    kind: 'venture',
    year: q.year,
    language: q.lang,
    asOf: today,
    title: text.ventureTitle(venture.name, q.year),
    subject: { id: ventureId, name: venture.name },
    investor: investorOrgId && investor ? { id: investorOrgId, name: investor } : null,
    capital: capitalOf(q.year, ledger, support),
    cost: economics.cost,
    attributionShare: economics.attribution?.share ?? null,
    keyFigures,
    outcomeCosts: economics.outcomes.map((o) => ({
      ventureName: null,
      indicatorCode: o.indicatorCode,
      name: nb ? o.nameNb : o.nameEn,
      unit: o.unit,
      units: o.units,
      costPerUnit: o.costPerUnit,
      attributedUnits: o.attributedUnits,
    })),
    sroi,
    portfolioSroi: null,
    peopleReached: peopleOf(economics.outcomes),
    ventures: [],
    narrative,
    commentary: await commentaryOf(ctx, investorOrgId, ventureId, q.year),
    notes: annualNotes(q.lang, {
      threshold,
      smallCounts: keyFigures.some((k) => k.smallCount),
      portfolio: false,
    }),
  }
}

/**
 * GET /v1/portfolio/annual-report: the investor's portfolio for the year, from the same
 * loadPortfolio as GET /v1/portfolio?from&to (so its totals, cost per outcome and SROI are the
 * portfolio page's), with each venture's newest verified narrative of the year.
 */
export async function portfolioAnnualReport(ctx: Ctx, q: AnnualReportQuery): Promise<AnnualReportDocument> {
  const organization = await resolveInvestorOrg(ctx, q.organization)
  const text = annualReportText(q.lang)
  const nb = q.lang === 'nb'
  const window = yearWindow(q.year)
  const portfolio = await loadPortfolio(ctx, organization, window)
  const ventureIds = portfolio.ventures.map((v) => v.venture.id)
  const [ledger, support, reports] = await Promise.all([
    ledgerOfVentures(ctx.db, ventureIds),
    contributionsToVentures(ctx.db, ventureIds),
    listReportsOf(ctx.db, ventureIds),
  ])
  const own = ledger.filter((t) => t.investorOrgId === organization.id)
  const ownSupport = support.filter((c) => c.investorOrgId === organization.id)
  const today = osloToday(ctx.now)
  checkYear(q.year, [...own.map((t) => t.date), ...reports.map((r) => r.periodEnd)], today)
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const economics = portfolio.ventures.map((v) => ({ v, e: ventureEconomicsOut(v.economics) }))
  const yearsOf = groupBy(own, (t) => t.ventureOrgId)
  const narrative: AnnualNarrative[] = []
  for (const v of portfolio.ventures)
    narrative.push(...(await narrativeOf(ctx, v.venture.name, v.venture.id, q.year, true)))
  const keyFigures: AnnualKeyFigure[] = []
  for (const v of portfolio.ventures)
    keyFigures.push(...(await keyFiguresOf(ctx, v.venture.id, q, v.venture.name, false)))
  const total = portfolio.totals
  return {
    kind: 'portfolio',
    year: q.year,
    language: q.lang,
    asOf: today,
    title: text.portfolioTitle(organization.name, q.year),
    subject: organization,
    investor: organization,
    capital: capitalOf(q.year, own, ownSupport),
    cost: sumCost(economics.map(({ e }) => e.cost)),
    attributionShare: null,
    keyFigures,
    outcomeCosts: economics.flatMap(({ v, e }) =>
      e.outcomes
        .filter((o) => o.units !== '0')
        .map((o) => ({
          ventureName: v.venture.name,
          indicatorCode: o.indicatorCode,
          name: nb ? o.nameNb : o.nameEn,
          unit: o.unit,
          units: o.units,
          costPerUnit: o.costPerUnit,
          attributedUnits: o.attributedUnits,
        })),
    ),
    sroi: economics.flatMap(({ v, e }) =>
      e.sroi
        ? [
            {
              ventureName: v.venture.name,
              version: e.sroi.version,
              window: e.sroi.window,
              inputs: e.sroi.inputs,
              presentValue: e.sroi.presentValue,
              ratio: e.sroi.ratio,
              netRatio: e.sroi.netRatio,
              discountRate: null,
              assumptions: [],
            },
          ]
        : [],
    ),
    portfolioSroi: total.sroi,
    peopleReached: total.peopleReached.total,
    ventures: economics.map(({ v, e }) => {
      const year = figuresByYear(
        [...groupBy(yearsOf.get(v.venture.id) ?? [], (t) => t.investmentId).values()].map((rows) => ({
          instrument: rows[0]!.instrument,
          rows,
        })),
      ).find((y) => y.year === q.year)
      return {
        ventureId: v.venture.id,
        name: v.venture.name,
        committedInYear: formatMoney(year?.committed ?? ZERO),
        disbursedInYear: formatMoney(year?.disbursed ?? ZERO),
        disbursedToDate: formatMoney(v.figures.disbursed),
        peopleInYear: peopleOf(e.outcomes),
        sroiRatio: e.sroi?.ratio ?? null,
      }
    }),
    narrative,
    commentary: await commentaryOf(ctx, organization.id, null, q.year),
    notes: annualNotes(q.lang, {
      threshold,
      smallCounts: keyFigures.some((k) => k.smallCount),
      portfolio: true,
    }),
  }
}

function sumCost(costs: AnnualReportDocument['cost'][]): AnnualReportDocument['cost'] {
  const sum = (k: keyof AnnualReportDocument['cost']) =>
    formatMoney(costs.reduce((s, c) => s.plus(c[k]), ZERO))
  return {
    disbursed: sum('disbursed'),
    otherFunding: sum('otherFunding'),
    support: sum('support'),
    total: sum('total'),
  }
}

export interface CommentaryInput {
  year: number
  text: string
  investor?: string | undefined
}

export interface CommentaryView {
  investorOrgId: string
  ventureId: string | null
  year: number
  text: string
  updatedAt: string
  updatedBy: string | null
}

const viewOf = (row: CommentaryRow): CommentaryView => ({
  investorOrgId: row.investorOrgId,
  ventureId: row.ventureOrgId,
  year: row.year,
  text: row.body,
  updatedAt: row.updatedAt.toISOString(),
  updatedBy: row.updatedBy,
})

async function writeCommentary(
  ctx: Ctx,
  investorOrgId: string,
  ventureId: string | null,
  input: CommentaryInput,
): Promise<CommentaryView> {
  const principal = requirePrincipal(ctx.principal)
  const thisYear = yearOfDate(osloToday(ctx.now))
  if (input.year > thisYear)
    throw invalid('year', 'annual_report.unknown_year', `Write commentary for ${thisYear} or earlier.`)
  return withTx(ctx.db, async (trx) => {
    const before = await findCommentary(trx, investorOrgId, ventureId, input.year)
    const row = await upsertCommentary(
      trx,
      { id: crypto.randomUUID(), investorOrgId, ventureOrgId: ventureId, year: input.year, body: input.text },
      principal.userId,
      ctx.now,
    )
    await recordAudit(trx, ctx, {
      action: 'annual_commentary.write',
      entity: 'annual_commentary',
      entityId: row.id,
      organizationId: investorOrgId,
      before: before ? { year: before.year, text: before.body } : null,
      after: { year: row.year, ventureId, text: row.body },
    })
    return viewOf(row)
  })
}

/**
 * PUT /v1/ventures/{id}/annual-report/commentary: an editor or admin of an investor with standing
 * in the venture (the one named, or the caller's only one) writes its commentary for the year.
 * Members of the venture and other investors neither write nor read it: it is the investor's own
 * text for its board. Those who may not see the venture get 404.
 */
export async function putVentureCommentary(ctx: Ctx, ventureId: string, input: CommentaryInput) {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const writable = access.investorWriteOrgIds
  const investor = input.investor ?? (writable.length === 1 ? writable[0] : undefined)
  if (!investor || !writable.includes(investor)) throw forbidden('annual_report.commentary_not_permitted')
  return writeCommentary(ctx, investor, ventureId, input)
}

/** PUT /v1/portfolio/annual-report/commentary: an editor or admin of the portfolio's investor. */
export async function putPortfolioCommentary(
  ctx: Ctx,
  organization: string | undefined,
  input: CommentaryInput,
) {
  const org = await resolveInvestorOrg(ctx, organization)
  if (!hasRole(requirePrincipal(ctx.principal), org.id, 'editor'))
    throw forbidden('annual_report.commentary_not_permitted')
  return writeCommentary(ctx, org.id, null, input)
}

/**
 * Whether the caller may write the commentary shown in a report (for the dashboard's form): the
 * report's investor, where the caller is its editor or admin (and, for a venture, it has standing).
 */
export async function mayWriteCommentary(ctx: Ctx, report: AnnualReportDocument): Promise<boolean> {
  const principal = requirePrincipal(ctx.principal)
  if (!report.investor || !hasRole(principal, report.investor.id, 'editor')) return false
  if (report.kind === 'portfolio') return true
  const access = await requireVentureAccess(ctx.db, principal, report.subject.id, 'detailed')
  return access.investorWriteOrgIds.includes(report.investor.id)
}
