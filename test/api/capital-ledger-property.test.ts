import DecimalJs from 'decimal.js'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { INSTRUMENTS, TRANSACTION_TYPES } from '../../src/domain/ledger.ts'
import { isProblem } from '../../src/http/problem.ts'
import { insertInvestmentAudited } from '../../src/modules/capital/investments-service.ts'
import { recordTransaction } from '../../src/modules/capital/ledger-service.ts'
import { findInvestment } from '../../src/modules/capital/repo.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

/** An independent decimal with room to spare, so the check does not share the code it checks. */
const D = DecimalJs.clone({ precision: 60 })

let t: TestContext
let admin: string
let ctx: Ctx
let investorId: string
let ventureId: string
beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  admin = (await makeToken(db, (await makeUser(db, { platformAdmin: true })).id)).token
  ctx = {
    db,
    principal: null,
    requestId: null,
    now: new Date('2026-11-27T10:00:00Z'),
    config: defaultConfig(),
  }
  investorId = (await makeOrg(db, { kind: 'investor' })).id
  ventureId = (await makeOrg(db, { kind: 'venture' })).id
  await db.insertInto('ventures').values({ orgId: ventureId, createdByOrgId: investorId }).execute()
})
afterAll(() => t.close())

const START = Date.UTC(2019, 0, 1)
const date = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10)
const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`

const entryOp = fc.record({
  op: fc.constant('entry' as const),
  // Commitments first-heavy so disbursements have room; every type appears.
  type: fc.oneof(
    { weight: 3, arbitrary: fc.constant('commitment' as const) },
    { weight: 3, arbitrary: fc.constant('disbursement' as const) },
    { weight: 4, arbitrary: fc.constantFrom(...TRANSACTION_TYPES) },
  ),
  amount: fc.integer({ min: 1, max: 5_000_000_00 }).map(cents),
  currency: fc.constantFrom('NOK', 'NOK', 'EUR', 'SEK'),
  rate: fc.integer({ min: 1, max: 20_000_000 }).map((n) => new D(n).div(1_000_000).toFixed()),
  overCommitment: fc.boolean(),
  day: fc.integer({ min: 0, max: 2_887 }),
})
const reverseOp = fc.record({
  op: fc.constant('reverse' as const),
  pick: fc.nat(),
  day: fc.integer({ min: 0, max: 2_887 }),
})

describe('ledger property', () => {
  it('the figures equal the sums of the entries after any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INSTRUMENTS),
        fc.array(fc.oneof(entryOp, reverseOp), { minLength: 1, maxLength: 12 }),
        async (instrument, ops) => {
          const created = await insertInvestmentAudited(ctx, investorId, ventureId, {
            name: 'Property',
            instrument,
            currency: 'NOK',
            startDate: '2019-01-01',
          })
          const investment = (await findInvestment(ctx.db, created.id))!
          const accepted: string[] = []
          for (const op of ops) {
            const input =
              op.op === 'entry'
                ? {
                    type: op.type,
                    date: date(op.day),
                    amount: op.amount,
                    currency: op.currency,
                    ...(op.currency === 'NOK' ? {} : { rateToNok: op.rate }),
                    overCommitment: op.overCommitment && op.type === 'disbursement',
                  }
                : {
                    reversesId: accepted[op.pick % Math.max(accepted.length, 1)] ?? crypto.randomUUID(),
                    date: date(op.day),
                    overCommitment: false,
                  }
            try {
              accepted.push((await recordTransaction(ctx, investment, input)).id)
            } catch (e) {
              // A refused operation is a 422 naming fields, and leaves the ledger as it was.
              if (!isProblem(e) || e.status !== 422) throw e
              expect(e.extra.errors?.length).toBeGreaterThan(0)
            }
            const stored = await ctx.db
              .selectFrom('transactions')
              .select('id')
              .where('investmentId', '=', investment.id)
              .execute()
            expect(stored.length).toBe(accepted.length)
          }

          const rows = await ctx.db
            .selectFrom('transactions')
            .selectAll()
            .where('investmentId', '=', investment.id)
            .execute()
          const sum = (type: string) =>
            rows
              .filter((r) => r.type === type)
              .reduce(
                (acc, r) => acc.plus(new D(r.amount).times(r.rateToNok ?? 1).times(r.reversesId ? -1 : 1)),
                new D(0),
              )
              .toDecimalPlaces(2, D.ROUND_HALF_EVEN)
          const res = await call(t.app, 'GET', `/v1/investments/${investment.id}`, { token: admin })
          const f = res.body.figures
          const committed = sum('commitment')
          const disbursed = sum('disbursement')
          const repaid = sum('repayment')
          const writtenOff = sum('write_off')
          const money = (d: InstanceType<typeof D>) => (d.isZero() ? '0.00' : d.toFixed(2))
          expect(f).toEqual({
            committed: money(committed),
            disbursed: money(disbursed),
            undisbursed: money(D.max(committed.minus(disbursed), 0)),
            overDisbursed: money(D.max(disbursed.minus(committed), 0)),
            repaid: money(repaid),
            interest: money(sum('interest')),
            writtenOff: money(writtenOff),
            outstanding: ['loan', 'convertible'].includes(instrument)
              ? money(disbursed.minus(repaid).minus(writtenOff))
              : '0.00',
            equityPurchased: money(sum('equity_purchase')),
            equitySold: money(sum('equity_sale')),
            outcomePayments: money(sum('outcome_payment')),
            latestValuation: null,
          })
          // In one currency, disbursed never exceeds committed unless someone said so.
          if (rows.every((r) => r.currency === 'NOK') && disbursed.gt(committed)) {
            expect(rows.some((r) => r.overCommitment)).toBe(true)
          }
        },
      ),
      { numRuns: 40 },
    )
  }, 120_000)
})
