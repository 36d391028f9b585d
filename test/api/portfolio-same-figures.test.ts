import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { portfolioEconomics } from '../../src/modules/economics/portfolio-economics.ts'
import { portfolioOutcomes } from '../../src/modules/outcomes/portfolio-section.ts'
import { countedValues, latestVerifiedValues } from '../../src/modules/outcomes/series-repo.ts'
import { statusThresholds } from '../../src/modules/outcomes/thresholds.ts'
import { loadPortfolio } from '../../src/modules/portfolio/service.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { amendReport } from '../helpers/outcome-data.ts'

/**
 * Issue 17 loads the portfolio's sections from shared rows (and only the values they read); the
 * figures must be those the sections compute on their own queries. The demo portfolio has
 * amended reports, SROI models, stocks, rates and flows.
 */
let base: Database
let ctx: Ctx
let investor: { id: string; name: string }
beforeAll(async () => {
  base = await createTestDatabase()
  ctx = {
    db: base.db,
    principal: null,
    requestId: null,
    now: new Date('2026-11-27T10:00:00Z'),
    config: defaultConfig(),
  }
  await loadDemo({ ...ctx, now: new Date() })
  investor = await base.db
    .selectFrom('organizations as o')
    .innerJoin('memberships as m', 'm.organizationId', 'o.id')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['o.id', 'o.name'])
    .where('u.email', '=', 'investor@demo.effekt.no')
    .where('o.kind', '=', 'investor')
    .executeTakeFirstOrThrow()
})
afterAll(() => base.close())

describe('the portfolio from shared rows', () => {
  for (const window of [{}, { from: '2024-01-01', to: '2025-12-31', includeSupport: true }])
    it(`has the outcomes and economics the sections compute alone (window ${JSON.stringify(window)})`, async () => {
      const portfolio = await loadPortfolio(ctx, investor, window)
      const ids = portfolio.ventures.map((v) => v.venture.id)
      expect(ids.length).toBeGreaterThan(5)
      const outcomes = await portfolioOutcomes(
        base.db,
        ids,
        ctx.now,
        ctx.config.REPORT_DUE_DAYS,
        statusThresholds(ctx.config),
      )
      const economics = await portfolioEconomics(base.db, {
        investorOrgId: investor.id,
        ventureIds: ids,
        ...window,
      })
      expect(portfolio.ventures.map((v) => v.outcomes)).toEqual(outcomes)
      expect(portfolio.ventures.map((v) => v.economics)).toEqual(ids.map((id) => economics.get(id)))
      // the demo exercises what the shared rows must carry
      expect(portfolio.ventures.some((v) => v.economics.sroi)).toBe(true)
      expect(portfolio.ventures.some((v) => v.economics.outcomes.some((o) => o.periods.length > 1))).toBe(
        true,
      )
      expect(portfolio.ventures.some((v) => v.outcomes.indicators.some((i) => i.value !== null))).toBe(true)
    })
})

describe('the counted values of some ventures', () => {
  it('are theirs only, also beside reports under amendment elsewhere', async () => {
    // A verified report of one venture reopened as a draft: its verified revision still counts.
    const report = await base.db
      .selectFrom('reports as r')
      .innerJoin('reportValues as v', (j) =>
        j.onRef('v.reportId', '=', 'r.id').onRef('v.revision', '=', 'r.revision'),
      )
      .select(['r.id', 'r.ventureOrgId'])
      .where('r.status', '=', 'verified')
      .executeTakeFirstOrThrow()
    await amendReport(base.db, report.id, [], 'draft')
    const other = await base.db
      .selectFrom('ventures')
      .select('orgId')
      .where('orgId', '<>', report.ventureOrgId)
      .executeTakeFirstOrThrow()
    const own = await countedValues(base.db, [report.ventureOrgId], { includeUnverified: false })
    expect(own.some((r) => r.reportId === report.id)).toBe(true)
    // Before, a bare `… and a or b` let every report under amendment in the database through.
    for (const rows of [
      await countedValues(base.db, [other.orgId], { includeUnverified: false }),
      await countedValues(base.db, [other.orgId], { includeUnverified: true }),
      await latestVerifiedValues(base.db, [other.orgId]),
    ])
      expect(rows.filter((r) => r.ventureOrgId !== other.orgId)).toEqual([])
  })
})
