import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { loadDemoCapital } from '../../src/demo/capital.ts'
import { type DemoIdentity, loadDemoIdentity } from '../../src/demo/identity.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemoVentures } from '../../src/demo/ventures.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call, login } from '../helpers/http.ts'

let t: TestContext
let identity: DemoIdentity
const counts = async () => {
  const n = async (table: 'investments' | 'transactions' | 'valuations' | 'contributions' | 'otherFunding') =>
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n
  return {
    investments: Number(await n('investments')),
    transactions: Number(await n('transactions')),
    valuations: Number(await n('valuations')),
    contributions: Number(await n('contributions')),
    otherFunding: Number(await n('otherFunding')),
  }
}

beforeAll(async () => {
  t = await createTestApp()
  t.clock.now = new Date('2026-11-27T12:00:00Z')
  const ctx: Ctx = {
    db: t.database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  }
  identity = await loadDemoIdentity(ctx)
  await loadDemoVentures(ctx, identity)
  await loadDemoCapital(ctx, identity)
})
afterAll(() => t.close())

describe('demo capital', () => {
  it('gives every demo venture investments of mixed instruments, 2019–2026, and is loaded once', async () => {
    const first = await counts()
    expect(first).toEqual({
      investments: 16,
      transactions: 84,
      valuations: 5,
      contributions: 12,
      otherFunding: 5,
    })
    const ctx: Ctx = {
      db: t.database.db,
      principal: null,
      requestId: null,
      now: new Date(),
      config: defaultConfig(),
    }
    await loadDemoCapital(ctx, identity)
    expect(await counts()).toEqual(first)

    const db = t.database.db
    const investments = await db.selectFrom('investments').select(['ventureOrgId', 'instrument']).execute()
    expect(new Set(investments.map((i) => i.ventureOrgId)).size).toBe(12)
    expect(new Set(investments.map((i) => i.instrument))).toEqual(
      new Set(['grant', 'loan', 'equity', 'convertible', 'outcome_contract']),
    )
    const dates = await db.selectFrom('transactions').select(['date', 'currency', 'reversesId']).execute()
    expect(
      dates
        .map((d) => d.date)
        .toSorted()[0]!
        .slice(0, 4),
    ).toBe('2019')
    expect(dates.every((d) => d.date <= '2026-11-27')).toBe(true)
    expect(dates.some((d) => d.currency === 'EUR')).toBe(true)
    expect(dates.filter((d) => d.reversesId !== null)).toHaveLength(1)
    const audited = await db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', 'like', 'transaction.%')
      .execute()
    expect(audited).toHaveLength(84)
  })

  it('shows the demo investor a portfolio with a partly repaid loan and a valued equity stake', async () => {
    const cookie = await login(t.app, 'investor@demo.effekt.no', DEMO_PASSWORD)
    const res = await call(t.app, 'GET', '/v1/portfolio', { cookie })
    expect(res.status).toBe(200)
    expect(res.body.totals.ventureCount).toBe(12)
    const byName = Object.fromEntries(res.body.ventures.map((v: { name: string }) => [v.name, v]))
    expect(byName['Arbeidsglede AS'].figures).toMatchObject({
      committed: '2300000.00',
      disbursed: '2300000.00',
      repaid: '1300000.00',
      outstanding: '700000.00',
      supportHours: '12.00',
      supportValue: '68000.00',
    })
    expect(byName['Grønn Omstart'].figures.latestValuation).toEqual({
      date: '2025-12-31',
      value: '4500000.00',
    })
    expect(byName['Sykkelverkstedet Ski'].figures).toMatchObject({
      writtenOff: '150000.00',
      outstanding: '200000.00',
    })
    expect(byName['Helse i Arbeid'].figures.outstanding).toBe('0.00')
    // EUR: 60 000 × 10.0545 + 40 000 × 11.5180 = 603 270 + 460 720
    expect(byName['Digital Vei'].figures.disbursed).toBe('1063990.00')
    expect(byName['Kafé Inkludert'].figures.disbursed).toBe('600000.00')
    expect(res.body.disbursementsByYear.map((y: { year: number }) => y.year)).toEqual([
      2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ])
    const funding = await call(t.app, 'GET', `/v1/ventures/${identity.ventures.arbeidsglede}/funding`, {
      cookie,
    })
    expect(funding.body.capital).toEqual({
      investments: '2300000.00',
      otherFunding: '1750000.00',
      total: '4050000.00',
    })
  })
})
