import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { listCurrentMunicipalities } from '../../src/domain/municipalities.ts'
import { insertInvestmentAudited } from '../../src/modules/capital/investments-service.ts'
import { recordTransaction, recordValuation } from '../../src/modules/capital/ledger-service.ts'
import { findInvestment } from '../../src/modules/capital/repo.ts'
import { insertContributionAudited } from '../../src/modules/capital/support-service.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { registerInteropExportRoutes } from '../../src/modules/exports/interop-register.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { makeMember, makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import {
  assign,
  makeMunicipalityOrg,
  makeReport,
  makeVentureOrg,
  shareData,
} from '../helpers/outcome-data.ts'

/**
 * Issue 17: every portfolio, export, impact and open-data read sends the same statements for N
 * ventures as for 3N, and at most ten of them that read data. Statements about who is asking
 * (tokens, users, memberships, sessions) are counted apart: another change reduces those.
 */
const AUTH_TABLES = /"name":"(api_tokens|apiTokens|users|memberships|sessions)"/

class StatementCounter implements KyselyPlugin {
  data = 0
  auth = 0
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (AUTH_TABLES.test(JSON.stringify(args.node))) this.auth++
    else this.data++
    return args.node
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

let t: TestContext
let base: Database
const counter = new StatementCounter()
let adminToken: string
beforeAll(async () => {
  base = await createTestDatabase()
  t = await createTestApp({}, { ...base, db: base.db.withPlugin(counter) })
  registerInteropExportRoutes(t.app)
  adminToken = (await makeToken(base.db, (await makeUser(base.db, { platformAdmin: true })).id)).token
})
afterAll(() => t.close())

const ctxOf = (db: Database['db']): Ctx => ({
  db,
  principal: null,
  requestId: null,
  now: new Date('2026-11-27T10:00:00Z'),
  config: defaultConfig(),
})

const token = async (orgId: string) =>
  (await makeToken(base.db, (await makeMember(base.db, orgId, 'viewer')).id)).token

/**
 * A municipality (publishing open data) and an investor with `n` ventures there: each with a loan
 * and an equity stake (entries, a valuation, support), sharing with the municipality, reporting a
 * count with gender and municipality cells and a rate over four verified quarters and a submitted
 * fifth.
 */
async function world(n: number, code: string) {
  const db = base.db
  const ctx = ctxOf(db)
  const kommune = await makeMunicipalityOrg(db, [code], { openData: true })
  const investor = await makeOrg(db, { kind: 'investor' })
  for (let i = 0; i < n; i++) {
    const venture = await makeVentureOrg(db, { municipalities: [code], publishOpenData: true })
    await shareData(db, venture, kommune)
    for (const instrument of ['loan', 'equity'] as const) {
      const inv = await insertInvestmentAudited(
        ctx,
        investor.id,
        venture,
        { name: instrument, instrument, currency: 'NOK', startDate: '2024-01-01' },
        'accepted',
      )
      const row = (await findInvestment(db, inv.id))!
      for (const [type, date, amount] of [
        ['commitment', '2024-01-01', '1000.00'],
        ['disbursement', '2024-02-01', '400.00'],
      ] as const)
        await recordTransaction(ctx, row, { type, date, amount, overCommitment: false })
      if (instrument === 'equity') await recordValuation(ctx, row, { date: '2024-12-31', value: '900.00' })
    }
    await insertContributionAudited(ctx, investor.id, venture, {
      kind: 'competence',
      date: '2024-03-01',
      hours: '2',
    })
    const count = await assign(db, venture, 'NO-WORK-01')
    const rate = await assign(db, venture, 'PI3527')
    for (const [q, total] of [
      ['2024-Q1', 12],
      ['2024-Q2', 14],
      ['2024-Q3', 9],
      ['2024-Q4', 15],
    ] as const)
      await makeReport(db, {
        ventureId: venture,
        period: q,
        values: [
          {
            assignmentId: count,
            total,
            gender: { female: 5, male: total - 5 },
            municipality: { [code]: total },
          },
          { assignmentId: rate, total: '50.00', numerator: 6, denominator: 12 },
        ],
      })
    await makeReport(db, {
      ventureId: venture,
      period: '2025-Q1',
      status: 'submitted',
      values: [{ assignmentId: count, total: 20 }],
    })
  }
  // A venture that has not (yet) accepted the investor's investment: it is in no read of the
  // investor's, and its ledger entry stays out of transactions.csv.
  const pending = await makeVentureOrg(db, { municipalities: [code] })
  const inv = await insertInvestmentAudited(
    ctx,
    investor.id,
    pending,
    { name: 'pending', instrument: 'grant', currency: 'NOK', startDate: '2024-01-01' },
    'pending',
  )
  await recordTransaction(ctx, (await findInvestment(db, inv.id))!, {
    type: 'commitment',
    date: '2024-01-01',
    amount: '777.00',
    overCommitment: false,
  })
  return { code, ventures: n, investor: await token(investor.id), municipality: await token(kommune) }
}

type Counts = Record<string, { data: number; auth: number }>

/** Each read twice (a cold and a warm answer: the impact views are memoised per data version). */
async function countsFor(w: Awaited<ReturnType<typeof world>>): Promise<Counts> {
  const reads: [string, string, string | undefined][] = [
    ['portfolio', '/v1/portfolio', w.investor],
    ['portfolio.csv', '/v1/exports/portfolio.csv', w.investor],
    ['transactions.csv', '/v1/exports/transactions.csv', w.investor],
    ['outcomes.csv', '/v1/exports/outcomes.csv', w.investor],
    ['iati.xml', '/v1/exports/iati.xml', w.investor],
    ['impact', `/v1/impact?municipality=${w.code}`, w.municipality],
    ['impact national', '/v1/impact?municipality=all', adminToken],
    ['open data json', `/v1/open/impact/${w.code}.json`, undefined],
    ['open data csv', `/v1/open/impact/${w.code}.csv`, undefined],
  ]
  const out: Counts = {}
  for (const round of ['cold', 'warm'])
    for (const [name, path, tok] of reads) {
      counter.data = 0
      counter.auth = 0
      const res = await call(t.app, 'GET', path, tok ? { token: tok } : {})
      expect(res.status, `${name}: ${res.text.slice(0, 300)}`).toBe(200)
      out[`${name} (${round})`] = { data: counter.data, auth: counter.auth }
      if (name === 'transactions.csv') expect(res.text).not.toContain('777.00')
      if (name === 'portfolio') expect(res.body.ventures).toHaveLength(w.ventures)
    }
  return out
}

describe('reads in a constant number of statements (issue 17)', () => {
  it('sends the same statements, at most ten reading data, for 3 ventures as for 9', async () => {
    const [a, b] = listCurrentMunicipalities()
      .map((m) => m.code)
      .filter((c) => c !== '3207')
    const small = await countsFor(await world(3, a!))
    const large = await countsFor(await world(9, b!))
    // Data statements are the same; authentication's vary with the token (its first use is recorded).
    const data = (c: Counts) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.data]))
    expect(data(large)).toEqual(data(small))
    if (process.env.SHOW_COUNTS) console.log(data(small))
    for (const [read, { data, auth }] of Object.entries(small)) {
      expect(data, read).toBeLessThanOrEqual(10)
      expect(data, read).toBeGreaterThanOrEqual(1)
      expect(auth, read).toBeLessThanOrEqual(read.startsWith('open data') ? 0 : 4)
    }
    // the portfolio's ten: ventures, investments, valuations; then for its ventures at once
    // assignments (with indicators and targets), reports, counted values, ledger, other
    // funding, support and SROI models
    expect(small['portfolio (warm)']!.data).toBe(10)
  })
})
