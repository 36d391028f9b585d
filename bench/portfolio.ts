import { createApp } from '../src/app.ts'
import { defaultConfig } from '../src/config.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { demoOrgNumber } from '../src/demo/ids.ts'
import { createPgliteDatabase } from '../src/entry/node-database.ts'
import { createLogger } from '../src/http/logger.ts'
import { newApiToken, sha256Hex } from '../src/modules/identity/secrets.ts'
import { QueryCounter } from '../test/helpers/query-counter.ts'

const ventures = Number(process.argv[2] ?? 500)
const rounds = Number(process.argv[3] ?? 5)

const base = await createPgliteDatabase('memory://')
await migrateToLatest(base.db)
const db = base.db
const investorId = crypto.randomUUID()
await db
  .insertInto('organizations')
  .values({ id: investorId, kind: 'investor', name: 'Bench Invest', orgNumber: demoOrgNumber(11_000_000) })
  .execute()

const seedStart = performance.now()
const chunk = 100
for (let from = 0; from < ventures; from += chunk) {
  const ids = Array.from({ length: Math.min(chunk, ventures - from) }, () => crypto.randomUUID())
  await db
    .insertInto('organizations')
    .values(
      ids.map((id, i) => ({ id, kind: 'venture' as const, name: `Venture ${from + i}`, orgNumber: null })),
    )
    .execute()
  await db
    .insertInto('ventures')
    .values(ids.map((orgId) => ({ orgId, createdByOrgId: investorId })))
    .execute()
  const loans = ids.map((v) => ({ id: crypto.randomUUID(), v }))
  const stakes = ids.map((v) => ({ id: crypto.randomUUID(), v }))
  await db
    .insertInto('investments')
    .values([
      ...loans.map((l) => ({
        id: l.id,
        investorOrgId: investorId,
        ventureOrgId: l.v,
        name: 'Loan',
        instrument: 'loan' as const,
        currency: 'NOK',
        startDate: '2022-01-01',
      })),
      ...stakes.map((s) => ({
        id: s.id,
        investorOrgId: investorId,
        ventureOrgId: s.v,
        name: 'Shares',
        instrument: 'equity' as const,
        currency: 'NOK',
        startDate: '2022-01-01',
      })),
    ])
    .execute()
  const entry = (investmentId: string, type: 'commitment', date: string, amount: string) => ({
    id: crypto.randomUUID(),
    investmentId,
    type,
    date,
    amount,
    currency: 'NOK',
    rateToNok: null,
  })
  await db
    .insertInto('transactions')
    .values(
      loans.flatMap((l) => [
        entry(l.id, 'commitment', '2022-01-01', '1000000.00'),
        { ...entry(l.id, 'commitment', '2022-02-01', '500000.00'), type: 'disbursement' as const },
        { ...entry(l.id, 'commitment', '2023-02-01', '500000.00'), type: 'disbursement' as const },
        { ...entry(l.id, 'commitment', '2024-06-30', '100000.10'), type: 'repayment' as const },
        { ...entry(l.id, 'commitment', '2024-12-31', '35000.00'), type: 'interest' as const },
      ]),
    )
    .execute()
  await db
    .insertInto('valuations')
    .values(
      stakes.flatMap((s) => [
        { id: crypto.randomUUID(), investmentId: s.id, date: '2023-12-31', value: '2000000.00' },
        { id: crypto.randomUUID(), investmentId: s.id, date: '2024-12-31', value: '2500000.00' },
      ]),
    )
    .execute()
  await db
    .insertInto('contributions')
    .values(
      ids.flatMap((v) => [
        {
          id: crypto.randomUUID(),
          investorOrgId: investorId,
          ventureOrgId: v,
          kind: 'competence' as const,
          date: '2024-03-01',
          hours: '7.5',
          hourlyValue: '1500.00',
        },
        {
          id: crypto.randomUUID(),
          investorOrgId: investorId,
          ventureOrgId: v,
          kind: 'network' as const,
          date: '2024-04-01',
          introducedParty: 'Customer AS',
          value: '10000.00',
        },
      ]),
    )
    .execute()
}
const userId = crypto.randomUUID()
await db
  .insertInto('users')
  .values({ id: userId, email: 'bench@example.test', name: 'Bench', passwordHash: null })
  .execute()
await db.insertInto('memberships').values({ userId, organizationId: investorId, role: 'viewer' }).execute()
const token = newApiToken()
await db
  .insertInto('apiTokens')
  .values({
    id: crypto.randomUUID(),
    userId,
    name: 'bench',
    tokenHash: await sha256Hex(token),
    prefix: token.slice(0, 10),
    expiresAt: new Date(Date.now() + 86_400_000),
  })
  .execute()
console.log(`seeded ${ventures} ventures in ${Math.round(performance.now() - seedStart)} ms`)

const counter = new QueryCounter()
const app = createApp({
  database: { ...base, db: base.db.withPlugin(counter) },
  config: defaultConfig(),
  logger: createLogger('error'),
})
const times: number[] = []
let body = ''
for (let i = 0; i < rounds; i++) {
  counter.count = 0
  const start = performance.now()
  const res = await app.request('/v1/portfolio', { headers: { authorization: `Bearer ${token}` } })
  body = await res.text()
  times.push(performance.now() - start)
  if (res.status !== 200) throw new Error(`${res.status} ${body}`)
}
const parsed = JSON.parse(body) as {
  ventures: unknown[]
  totals: { figures: { disbursed: string; outstanding: string } }
}
times.sort((a, b) => a - b)
console.log(
  JSON.stringify({
    ventures: parsed.ventures.length,
    queries: counter.count,
    bytes: body.length,
    medianMs: Math.round(times[Math.floor(times.length / 2)]!),
    minMs: Math.round(times[0]!),
    disbursed: parsed.totals.figures.disbursed,
    outstanding: parsed.totals.figures.outstanding,
  }),
)
await base.close()
