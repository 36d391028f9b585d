import type pg from 'pg'

/** One SQL statement the app sent (recorded by capture.ts; here so the two files do not import each other). */
export interface Statement {
  sql: string
  parameters: readonly unknown[]
}

export interface Scenario {
  name: string
  method: 'GET' | 'PUT'
  path: string
  headers: Record<string, string>
  body?: string
  /**
   * Which of Effekt's statements the floor runs: the floor is bare node:http + pg doing only the
   * work the answer needs. `resource` keeps the statements that read the resource itself (a
   * single read: the one row); `data` drops only authentication and access checks (aggregates,
   * exports and writes: their data statements, replayed as Effekt sent them).
   */
  floor: 'resource' | 'data'
  /**
   * Connections for this line, when not the run's default: saves of one report are serialised by
   * its version (a concurrent save answers 412, as it must), so the write line runs one at a time.
   */
  connections?: number
  /** The floor's one statement for a `resource` line, when Effekt's cannot be picked out. */
  resource?: Statement
  /** Single authenticated reads carry the ≥ 60 % of the floor target. */
  target?: 'single-read'
}

/** Statements about who is asking, not about the answer. */
const AUTH_OR_ACCESS = /"(api_tokens|sessions|users|memberships|data_shares|auth_failures)"/

/**
 * The venture row as findVenture selects it: the floor of a single read. Effekt itself reads the
 * row together with the caller's relations to it in one statement (getVenture), which names the
 * shares table, so the floor's statement is given here rather than picked from Effekt's.
 */
export const ventureRow = (id: string): Statement => ({
  sql: `select "v"."org_id" as "id", "o"."name", "o"."org_number", "v"."description", "v"."founded",
    "v"."themes", "v"."sdg_goals", "v"."municipalities", "v"."status", "v"."theory_of_change",
    "v"."depth_of_change", "v"."website", "v"."publish_open_data", "v"."version", "v"."created_at",
    "v"."updated_at" from "ventures" as "v" inner join "organizations" as "o" on "o"."id" = "v"."org_id"
    where "v"."org_id" = $1`,
  parameters: [id],
})

export function floorStatements(s: Scenario, statements: Statement[]): Statement[] {
  if (s.resource) return [s.resource]
  const data = statements.filter((st) => !AUTH_OR_ACCESS.test(st.sql))
  if (s.floor === 'data') return data
  // The resource read: the statement that selects the venture row by its id.
  const row = data.filter((st) => /from "ventures"/.test(st.sql) && st.parameters.length > 0)
  return row.length ? [row[row.length - 1] as Statement] : data.slice(-1)
}

export interface Fixture {
  ventureId: string
  reportId: string
  reportBody: string
  indicatorCode: string
  municipality: string
}

/** Finds the demo's venture, a draft report with its current values and an assigned indicator. */
export async function findFixture(client: pg.Client): Promise<Fixture> {
  const venture = await client.query<{ org_id: string }>(
    `select v.org_id from ventures v join organizations o on o.id = v.org_id
      where o.name like 'Arbeidsglede%' limit 1`,
  )
  const ventureId = venture.rows[0]?.org_id
  if (!ventureId) throw new Error('no demo venture Arbeidsglede: load the demo first')
  const report = await client.query<{ id: string; revision: number }>(
    `select id, revision from reports where venture_org_id = $1 and status = 'draft' order by period desc limit 1`,
    [ventureId],
  )
  const draft = report.rows[0]
  if (!draft) throw new Error('the demo venture has no draft report')
  const values = await client.query<{
    indicator_code: string
    total: string
    numerator: string | null
    denominator: string | null
  }>(
    `select a.indicator_code, rv.total::text, rv.numerator::text, rv.denominator::text
       from report_values rv join assignments a on a.id = rv.assignment_id
      where rv.report_id = $1 and rv.revision = $2 order by a.indicator_code`,
    [draft.id, draft.revision],
  )
  const first = values.rows[0]
  if (!first) throw new Error('the draft report has no values')
  const body = {
    values: values.rows.map((v) =>
      v.numerator !== null
        ? { indicatorCode: v.indicator_code, numerator: v.numerator, denominator: v.denominator }
        : { indicatorCode: v.indicator_code, total: v.total },
    ),
  }
  return {
    ventureId,
    reportId: draft.id,
    reportBody: JSON.stringify(body),
    indicatorCode: first.indicator_code,
    municipality: '3207',
  }
}

export interface Credentials {
  investorToken: string
  investorCookie: string
  ventureToken: string
  municipalityToken: string
  adminToken: string
}

export function scenarios(f: Fixture, c: Credentials): Scenario[] {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  return [
    {
      name: 'venture read (token)',
      method: 'GET',
      path: `/v1/ventures/${f.ventureId}`,
      headers: bearer(c.investorToken),
      floor: 'resource',
      resource: ventureRow(f.ventureId),
      target: 'single-read',
    },
    {
      name: 'venture read (cookie)',
      method: 'GET',
      path: `/v1/ventures/${f.ventureId}`,
      headers: { cookie: c.investorCookie },
      floor: 'resource',
      resource: ventureRow(f.ventureId),
      target: 'single-read',
    },
    {
      name: 'portfolio',
      method: 'GET',
      path: '/v1/portfolio',
      headers: bearer(c.investorToken),
      floor: 'data',
    },
    {
      name: 'outcome series',
      method: 'GET',
      path: `/v1/ventures/${f.ventureId}/outcomes?indicator=${f.indicatorCode}&granularity=quarter`,
      headers: bearer(c.investorToken),
      floor: 'data',
    },
    {
      name: 'report save (PUT, 1 connection)',
      method: 'PUT',
      path: `/v1/reports/${f.reportId}/values`,
      headers: { ...bearer(c.ventureToken), 'content-type': 'application/json', 'if-match': '*' },
      body: f.reportBody,
      floor: 'data',
      connections: 1,
    },
    {
      name: 'impact 3207',
      method: 'GET',
      path: `/v1/impact?municipality=${f.municipality}`,
      headers: bearer(c.municipalityToken),
      floor: 'data',
    },
    {
      name: 'impact national',
      method: 'GET',
      path: '/v1/impact?municipality=all',
      headers: bearer(c.adminToken),
      floor: 'data',
    },
    {
      name: 'open data 3207.json',
      method: 'GET',
      path: `/v1/open/impact/${f.municipality}.json`,
      headers: {},
      floor: 'data',
    },
    {
      name: 'export outcomes.csv',
      method: 'GET',
      path: '/v1/exports/outcomes.csv',
      headers: bearer(c.investorToken),
      floor: 'data',
    },
    {
      name: 'export transactions.csv',
      method: 'GET',
      path: '/v1/exports/transactions.csv',
      headers: bearer(c.investorToken),
      floor: 'data',
    },
    {
      name: 'export portfolio.csv',
      method: 'GET',
      path: '/v1/exports/portfolio.csv',
      headers: bearer(c.investorToken),
      floor: 'data',
    },
  ]
}
