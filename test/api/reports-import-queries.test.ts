import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database.ts'
import { isKnownMunicipality, listCurrentMunicipalities } from '../../src/domain/municipalities.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { assign, makeIndicator, makeVentureOrg } from '../helpers/outcome-data.ts'
import { QueryCounter } from '../helpers/query-counter.ts'

/**
 * The CSV import writes in a constant number of statements (issue 17): a file of 5,000 rows over
 * ten quarters costs what a file of one value costs, and stores every row, revision, transition
 * and audit event the import always stored.
 */
let t: TestContext
let base: Database
const counter = new QueryCounter()
const CODES = ['IMPQ-01', 'IMPQ-02', 'IMPQ-03', 'IMPQ-04', 'IMPQ-05']
const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']
const QUARTERS_2026 = ['2026-Q1', '2026-Q2']
const PLACES = listCurrentMunicipalities()
  .map((m) => m.code)
  .filter((c) => isKnownMunicipality(c, '2024-01-01'))
  .slice(0, 89)

beforeAll(async () => {
  base = await createTestDatabase()
  t = await createTestApp({ BODY_LIMIT_BYTES: 4 * 1024 * 1024 }, { ...base, db: base.db.withPlugin(counter) })
  t.clock.now = new Date('2026-11-27T10:00:00Z')
  for (const code of CODES) {
    await makeIndicator(base.db, { code, unit: 'people', aggregation: 'sum', personal: false })
  }
})
afterAll(() => t.close())

async function venture() {
  const id = await makeVentureOrg(base.db, { municipalities: ['3207'] })
  for (const code of CODES) await assign(base.db, id, code, 'quarterly')
  const editor = await makeMember(base.db, id, 'editor')
  return { id, token: (await makeToken(base.db, editor.id)).token }
}

/** Every value a total of 89 (+ shift), split into 4 genders, 6 age bands and 89 municipalities. */
function csv(periods: string[], codes: string[], shift = 0, places = PLACES): string {
  const lines = [
    'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level',
  ]
  const split = (total: number, n: number) =>
    Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0))
  for (const period of periods) {
    for (const code of codes) {
      const total = places.length + shift
      lines.push(
        `${period};${code};;;${total};;;Note of ${code};https://example.org/${code}.pdf;document_checked`,
      )
      const genders = ['female', 'male', 'other', 'unknown']
      const ages = ['0-15', '16-29', '30-49', '50-66', '67+', 'unknown']
      for (const [i, v] of split(total, 4).entries())
        lines.push(`${period};${code};gender;${genders[i]};${v};;;;;`)
      for (const [i, v] of split(total, 6).entries())
        lines.push(`${period};${code};age_band;${ages[i]};${v};;;;;`)
      for (const [i, v] of split(total, places.length).entries())
        lines.push(`${period};${code};municipality;${places[i]};${v};;;;;`)
    }
  }
  return `${lines.join('\r\n')}\r\n`
}

async function upload(v: { id: string; token: string }, body: string) {
  counter.count = 0
  const res = await call(t.app, 'POST', `/v1/ventures/${v.id}/reports/import`, {
    token: v.token,
    body,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  })
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200)
  return { body: res.body, statements: counter.count }
}

async function stored(ventureId: string) {
  const db = base.db
  const reports = await db.selectFrom('reports').select('id').where('ventureOrgId', '=', ventureId).execute()
  const ids = reports.map((r) => r.id)
  const count = async (
    table: 'reportValues' | 'reportValueBreakdowns' | 'reportRevisions' | 'reportTransitions',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('reportId', 'in', ids)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const audit = await db
    .selectFrom('auditEvents')
    .select(['action', 'entityId'])
    .where('organizationId', '=', ventureId)
    .where('entity', '=', 'report')
    .orderBy('seq')
    .execute()
  return {
    reports: ids.length,
    values: await count('reportValues'),
    cells: await count('reportValueBreakdowns'),
    revisions: await count('reportRevisions'),
    transitions: await count('reportTransitions'),
    audit,
  }
}

describe('CSV import statements', () => {
  it('imports 5,000 rows over ten quarters in as many statements as one value', async () => {
    const one = await upload(await venture(), csv(['2024-Q1'], ['IMPQ-01'], 0, PLACES.slice(0, 1)))
    const big = await venture()
    const file = csv([...QUARTERS, ...QUARTERS_2026], CODES)
    expect(file.trim().split('\r\n')).toHaveLength(1 + 5000)
    const many = await upload(big, file)
    expect(many.body.values).toBe(50)
    expect(many.body.reports).toHaveLength(10)
    expect(
      many.body.reports.every((r: { created: boolean; values: number }) => r.created && r.values === 5),
    ).toBe(true)
    // Authentication, access, the venture's assignments and reports, then the transaction's writes.
    expect(many.statements).toBe(one.statements)
    expect(many.statements).toBeLessThanOrEqual(25)

    const s = await stored(big.id)
    expect(s).toMatchObject({ reports: 10, values: 50, cells: 50 * 99, revisions: 10, transitions: 10 })
    // Per report, in period order: its creation, then the import.
    const reportIds = many.body.reports.map((r: { reportId: string }) => r.reportId)
    expect(s.audit.map((e) => [e.action, e.entityId])).toEqual(
      reportIds.flatMap((id: string) => [
        ['report.create', id],
        ['report.import', id],
      ]),
    )
    const value = await base.db
      .selectFrom('reportValues')
      .selectAll()
      .where('reportId', '=', reportIds[0])
      .orderBy('assignmentId')
      .executeTakeFirstOrThrow()
    expect(value.note).toMatch(/^Note of IMPQ-0\d$/)
    expect(value.evidence).toEqual([expect.stringMatching(/^https:\/\/example\.org\/IMPQ-0\d\.pdf$/)])
    expect(value.verificationLevel).toBe('document_checked')
    expect(value.total).toBe('89')
  })

  it('replaces the values of existing drafts, and starts only the missing reports, in the same statements', async () => {
    const v = await venture()
    await upload(v, csv(QUARTERS, CODES))
    const before = await stored(v.id)
    // Again with other totals, and two more quarters: eight reports replaced, two started.
    const again = await upload(v, csv([...QUARTERS, ...QUARTERS_2026], CODES, 11))
    expect(again.body.reports.filter((r: { created: boolean }) => r.created)).toHaveLength(2)
    expect(again.statements).toBeLessThanOrEqual(25)
    const after = await stored(v.id)
    expect(after).toMatchObject({ reports: 10, values: 50, cells: 50 * 99, revisions: 10, transitions: 10 })
    expect(after.audit.length - before.audit.length).toBe(8 + 2 * 2)
    const totals = await base.db
      .selectFrom('reportValues')
      .select('total')
      .distinct()
      .where(
        'reportId',
        'in',
        again.body.reports.map((r: { reportId: string }) => r.reportId),
      )
      .execute()
    expect(totals.map((r) => r.total)).toEqual(['100'])
    const versions = await base.db
      .selectFrom('reports')
      .select('version')
      .distinct()
      .where('ventureOrgId', '=', v.id)
      .where('period', 'in', QUARTERS)
      .execute()
    // Each import bumps the version once: the replaced drafts are at their second import.
    expect(versions).toHaveLength(1)
  })
})
