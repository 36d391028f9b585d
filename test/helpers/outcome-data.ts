import { sql } from 'kysely'
import type { ReportStatus } from '../../src/db/schema-outcomes.ts'
import type { Db } from '../../src/db/tx.ts'
import { requirePeriod } from '../../src/domain/periods.ts'
import { makeOrg } from './factories.ts'

/**
 * Builders that write ventures, shares, indicators, assignments and reports with their values
 * straight into the tables (no API, no audit), for the impact tests and the property test. Reports
 * go in as drafts with their values and then move to their status, as the workflow does, so the
 * frozen-revision rule and the impact trigger see what they see in production.
 */
export type Cells = Record<string, number | string>

export interface ValueSpec {
  assignmentId: string
  total: number | string
  numerator?: number | string
  denominator?: number | string
  gender?: Cells
  age?: Cells
  municipality?: Cells
  /** Ratio breakdown cells: category → [numerator, denominator] (the rate is derived). */
  ratioGender?: Record<string, [number, number]>
  ratioMunicipality?: Record<string, [number, number]>
}

const str = (v: number | string) => String(v)

export async function makeVentureOrg(
  db: Db,
  opts: { name?: string; municipalities?: string[]; publishOpenData?: boolean; themes?: string[] } = {},
): Promise<string> {
  const org = await makeOrg(db, { kind: 'venture', ...(opts.name ? { name: opts.name } : {}) })
  await db
    .insertInto('ventures')
    .values({
      orgId: org.id,
      municipalities: opts.municipalities ?? [],
      publishOpenData: opts.publishOpenData ?? false,
      themes: opts.themes ?? ['employment'],
    })
    .execute()
  return org.id
}

/**
 * A fresh municipality organization holding `numbers`. A number belongs to one organization
 * (PRODUCT.md §10), so the fresh one takes its numbers over from the fixtures made before it in
 * the same database, as an operator would move them; those keep their other numbers.
 */
export async function makeMunicipalityOrg(
  db: Db,
  numbers: string[],
  opts: { name?: string; openData?: boolean } = {},
): Promise<string> {
  const holders = await db
    .selectFrom('organizationMunicipalities')
    .select('organizationId')
    .distinct()
    .where('number', 'in', numbers)
    .execute()
  for (const h of holders) {
    await db
      .updateTable('organizations')
      .set({
        municipalityNumbers: sql<
          string[]
        >`array(select n from unnest(municipality_numbers) as n where not (n = any(${sql.val(numbers)}::text[])))`,
      })
      .where('id', '=', h.organizationId)
      .execute()
  }
  const org = await makeOrg(db, {
    kind: 'municipality',
    municipalityNumbers: numbers,
    ...(opts.name ? { name: opts.name } : {}),
  })
  if (opts.openData)
    await db
      .insertInto('municipalityOpenData')
      .values({ organizationId: org.id, publishedBy: null })
      .execute()
  return org.id
}

export async function shareData(
  db: Db,
  ventureId: string,
  granteeId: string,
  level: 'aggregate' | 'detailed' = 'aggregate',
): Promise<string> {
  const id = crypto.randomUUID()
  await db
    .insertInto('dataShares')
    .values({
      id,
      ventureOrgId: ventureId,
      granteeOrgId: granteeId,
      level,
      createdBy: null,
      revokedAt: null,
      revokedBy: null,
    })
    .execute()
  return id
}

export async function revokeShareData(db: Db, shareId: string): Promise<void> {
  await db.updateTable('dataShares').set({ revokedAt: new Date() }).where('id', '=', shareId).execute()
}

/** An own indicator (the catalogue ones exist already). */
export async function makeIndicator(
  db: Db,
  i: {
    code: string
    unit: 'people' | 'count' | 'NOK' | 'hours' | 'percent'
    aggregation: 'sum' | 'last' | 'ratio'
    personal: boolean
    shareable?: boolean
    allowedBreakdowns?: string[]
    themes?: string[]
  },
): Promise<string> {
  await db
    .insertInto('indicators')
    .values({
      code: i.code,
      ownerOrgId: null,
      nameNb: `${i.code} nb`,
      nameEn: `${i.code} en`,
      definition: `Definition of ${i.code}.`,
      unit: i.unit,
      level: 'outcome',
      direction: 'increase',
      aggregation: i.aggregation,
      themes: i.themes ?? ['employment'],
      sdgTargets: [],
      irisMetricId: null,
      irisVersion: null,
      personal: i.personal,
      allowedBreakdowns: i.allowedBreakdowns ?? ['gender', 'age_band', 'municipality'],
      shareable: i.shareable ?? true,
    })
    .execute()
  return i.code
}

export async function assign(
  db: Db,
  ventureId: string,
  indicatorCode: string,
  frequency: 'monthly' | 'quarterly' | 'yearly' = 'quarterly',
): Promise<string> {
  const id = crypto.randomUUID()
  await db
    .insertInto('assignments')
    .values({
      id,
      ventureOrgId: ventureId,
      indicatorCode,
      frequency,
      startDate: '2015-01-01',
      endDate: null,
      baselineValue: null,
      baselineDate: null,
      createdByOrgId: null,
    })
    .execute()
  return id
}

async function insertValues(db: Db, reportId: string, revision: number, values: readonly ValueSpec[]) {
  if (values.length === 0) return
  await db
    .insertInto('reportValues')
    .values(
      values.map((v) => ({
        reportId,
        revision,
        assignmentId: v.assignmentId,
        total: str(v.total),
        numerator: v.numerator === undefined ? null : str(v.numerator),
        denominator: v.denominator === undefined ? null : str(v.denominator),
        evidence: [],
      })),
    )
    .execute()
  const cells = values.flatMap((v) => [
    ...(
      [
        ['gender', v.gender],
        ['age_band', v.age],
        ['municipality', v.municipality],
      ] as const
    ).flatMap(([dimension, cats]) =>
      Object.entries(cats ?? {}).map(([category, value]) => ({
        reportId,
        revision,
        assignmentId: v.assignmentId,
        dimension,
        category,
        value: str(value),
        numerator: null,
        denominator: null,
      })),
    ),
    ...(
      [
        ['gender', v.ratioGender],
        ['municipality', v.ratioMunicipality],
      ] as const
    ).flatMap(([dimension, cats]) =>
      Object.entries(cats ?? {}).map(([category, [n, d]]) => ({
        reportId,
        revision,
        assignmentId: v.assignmentId,
        dimension,
        category,
        value: d === 0 ? '0' : String(Math.round((n * 10000) / d) / 100),
        numerator: str(n),
        denominator: str(d),
      })),
    ),
  ])
  if (cells.length > 0) await db.insertInto('reportValueBreakdowns').values(cells).execute()
}

/** A report for one period with its values, moved to `status` (draft → submitted → …). */
export async function makeReport(
  db: Db,
  r: { ventureId: string; period: string; status?: ReportStatus; values: readonly ValueSpec[] },
): Promise<string> {
  const p = requirePeriod(r.period)
  const id = crypto.randomUUID()
  await db
    .insertInto('reports')
    .values({
      id,
      ventureOrgId: r.ventureId,
      period: p.key,
      frequency: p.frequency,
      periodStart: p.start,
      periodEnd: p.end,
      status: 'draft',
    })
    .execute()
  await db
    .insertInto('reportRevisions')
    .values({ reportId: id, revision: 1, reason: null, openedByUserId: null })
    .execute()
  await insertValues(db, id, 1, r.values)
  const status = r.status ?? 'verified'
  if (status !== 'draft') await setReportStatus(db, id, status)
  return id
}

export async function setReportStatus(db: Db, reportId: string, status: ReportStatus): Promise<void> {
  await db.updateTable('reports').set({ status }).where('id', '=', reportId).execute()
}

/** Amends a verified report: a new draft revision with these values, then moved to `status`. */
export async function amendReport(
  db: Db,
  reportId: string,
  values: readonly ValueSpec[],
  status: ReportStatus = 'verified',
): Promise<void> {
  const current = await db
    .selectFrom('reports')
    .select(['revision', 'status'])
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow()
  if (current.status !== 'verified') throw new Error(`amend needs a verified report, not ${current.status}`)
  const revision = current.revision + 1
  await db.updateTable('reports').set({ status: 'draft', revision }).where('id', '=', reportId).execute()
  await db
    .insertInto('reportRevisions')
    .values({ reportId, revision, reason: 'correction', openedByUserId: null })
    .execute()
  await insertValues(db, reportId, revision, values)
  if (status !== 'draft') await setReportStatus(db, reportId, status)
}
