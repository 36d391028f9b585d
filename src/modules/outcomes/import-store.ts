import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { conflict, invalidMany } from '../../http/problem.ts'
import { type AuditInput, recordAudits } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import type * as repo from './reports-repo.ts'
import type { StoredValue } from './value-input.ts'

/**
 * Writing a checked import in a constant number of statements, whatever the number of periods and
 * rows (issue 17: a statement per row or per report made 100,000 values take 13 s): the new
 * reports, their first revisions and transitions, the values and their breakdown cells, the
 * version bumps and the audit events each go in one statement. Rows travel as one array per
 * column (`unnest`), so a statement has a dozen parameters, not one per cell. Runs inside the
 * import's transaction; what is stored is what the one-report-at-a-time path stored.
 */
export interface ImportTarget {
  periodKey: string
  /** The report found before the transaction (re-read and re-checked inside it), or none. */
  existing: repo.ReportRow | undefined
  values: StoredValue[]
}

export interface StoredReport {
  periodKey: string
  report: repo.ReportRow
  created: boolean
  values: number
}

/** Starts the missing reports as `insertReportFor` does: draft, revision 1, a create transition. */
async function createReports(trx: Db, ctx: Ctx, ventureId: string, periodKeys: string[]) {
  if (periodKeys.length === 0) return []
  const rows = periodKeys.map((key) => {
    const period = requirePeriod(key)
    return {
      id: crypto.randomUUID(),
      ventureOrgId: ventureId,
      period: period.key,
      frequency: period.frequency,
      periodStart: period.start,
      periodEnd: period.end,
      status: 'draft' as const,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
  })
  const created = await trx.insertInto('reports').values(rows).returningAll().execute()
  const userId = ctx.principal?.userId ?? null
  await trx
    .insertInto('reportRevisions')
    .values(
      rows.map((r) => ({
        reportId: r.id,
        revision: 1,
        reason: null,
        openedAt: ctx.now,
        openedByUserId: userId,
      })),
    )
    .execute()
  await trx
    .insertInto('reportTransitions')
    .values(
      rows.map((r) => ({
        reportId: r.id,
        revision: 1,
        action: 'create' as const,
        fromStatus: null,
        toStatus: 'draft' as const,
        reason: null,
        actorUserId: userId,
        actorLabel: ctx.principal?.email ?? 'system',
        actorOrgId: ventureId,
        valuesSnapshot: null,
        at: ctx.now,
      })),
    )
    .execute()
  const byId = new Map(created.map((r) => [r.id, r]))
  return rows.map((r) => byId.get(r.id)!)
}

/** The file's indicators' values of these drafts go; cells follow by ON DELETE CASCADE. */
async function deleteReplaced(trx: Db, targets: { report: repo.ReportRow; values: StoredValue[] }[]) {
  const keys = targets.flatMap((t) =>
    t.values.map((v) => [t.report.id, t.report.revision, v.assignmentId] as const),
  )
  if (keys.length === 0) return
  await sql`
    delete from report_values v
    using unnest(${keys.map((k) => k[0])}::uuid[], ${keys.map((k) => k[1])}::int[], ${keys.map((k) => k[2])}::uuid[])
      as d(report_id, revision, assignment_id)
    where v.report_id = d.report_id and v.revision = d.revision and v.assignment_id = d.assignment_id
  `.execute(trx)
}

async function insertAll(trx: Db, targets: { report: repo.ReportRow; values: StoredValue[] }[]) {
  const values = targets.flatMap((t) => t.values.map((v) => ({ report: t.report, v })))
  if (values.length === 0) return
  await sql`
    insert into report_values
      (report_id, revision, assignment_id, total, numerator, denominator, note, evidence, verification_level)
    select d.report_id, d.revision, d.assignment_id, d.total, d.numerator, d.denominator, d.note,
      array(select jsonb_array_elements_text(d.evidence)), d.verification_level
    from unnest(
      ${values.map((x) => x.report.id)}::uuid[], ${values.map((x) => x.report.revision)}::int[],
      ${values.map((x) => x.v.assignmentId)}::uuid[], ${values.map((x) => x.v.total)}::numeric[],
      ${values.map((x) => x.v.numerator)}::numeric[], ${values.map((x) => x.v.denominator)}::numeric[],
      ${values.map((x) => x.v.note)}::text[], ${values.map((x) => JSON.stringify(x.v.evidence))}::jsonb[],
      ${values.map((x) => x.v.verificationLevel)}::text[]
    ) as d(report_id, revision, assignment_id, total, numerator, denominator, note, evidence, verification_level)
  `.execute(trx)
  const cells = values.flatMap(({ report, v }) =>
    v.breakdowns.map((b) => ({
      reportId: report.id,
      revision: report.revision,
      assignmentId: v.assignmentId,
      b,
    })),
  )
  if (cells.length === 0) return
  await sql`
    insert into report_value_breakdowns
      (report_id, revision, assignment_id, dimension, category, value, numerator, denominator)
    select * from unnest(
      ${cells.map((c) => c.reportId)}::uuid[], ${cells.map((c) => c.revision)}::int[],
      ${cells.map((c) => c.assignmentId)}::uuid[], ${cells.map((c) => c.b.dimension)}::text[],
      ${cells.map((c) => c.b.category)}::text[], ${cells.map((c) => c.b.value)}::numeric[],
      ${cells.map((c) => c.b.numerator)}::numeric[], ${cells.map((c) => c.b.denominator)}::numeric[]
    )
  `.execute(trx)
}

/**
 * Bumps each report's version if it is still the one read (as `advanceReport` does, one statement
 * for all); a report changed meanwhile makes the whole import a 409.
 */
async function advanceAll(trx: Db, reports: repo.ReportRow[], now: Date) {
  const { rows } = await sql<repo.ReportRow>`
    update reports r set version = r.version + 1, updated_at = ${now}
    from unnest(${reports.map((r) => r.id)}::uuid[], ${reports.map((r) => r.version)}::int[]) as d(id, version)
    where r.id = d.id and r.version = d.version
    returning r.*
  `.execute(trx)
  if (rows.length !== reports.length)
    throw conflict(
      'import.concurrent_change',
      'A report of this file changed while it was being imported; nothing was imported.',
    )
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Stores every period's values, in period order, and records per report what the single-report
 * path records: `report.create` for a report the import started, then `report.import`.
 * `lockedReason` is asked again inside the transaction for the reports found before it.
 */
export async function storeImport(
  trx: Db,
  ctx: Ctx,
  ventureId: string,
  targets: ImportTarget[],
  lockedReason: (r: repo.ReportRow) => string | null,
): Promise<StoredReport[]> {
  const sorted = [...targets].sort((a, b) => (a.periodKey < b.periodKey ? -1 : 1))
  const existingIds = sorted.flatMap((t) => (t.existing ? [t.existing.id] : []))
  const current = new Map(
    existingIds.length
      ? (await trx.selectFrom('reports').selectAll().where('id', 'in', existingIds).execute()).map((r) => [
          r.id,
          r,
        ])
      : [],
  )
  const fresh = await createReports(
    trx,
    ctx,
    ventureId,
    sorted.filter((t) => !t.existing).map((t) => t.periodKey),
  )
  let next = 0
  const placed = sorted.map((t) => {
    const report = t.existing ? current.get(t.existing.id) : fresh[next++]
    if (!report)
      throw conflict(
        'import.concurrent_change',
        `The report for ${t.periodKey} was removed meanwhile; nothing was imported.`,
      )
    const locked = lockedReason(report)
    if (locked)
      throw invalidMany(
        [{ in: 'csv', path: 'period', message: `${t.periodKey}: ${locked}`, code: 'report.locked' }],
        'import.invalid',
      )
    return { ...t, report, created: !t.existing }
  })
  await deleteReplaced(
    trx,
    placed.filter((p) => !p.created),
  )
  await insertAll(trx, placed)
  const advanced = await advanceAll(
    trx,
    placed.map((p) => p.report),
    ctx.now,
  )
  const events: AuditInput[] = placed.flatMap((p) => [
    ...(p.created
      ? [
          {
            action: 'report.create',
            entity: 'report',
            entityId: p.report.id,
            organizationId: ventureId,
            after: p.report,
          },
        ]
      : []),
    {
      action: 'report.import',
      entity: 'report',
      entityId: p.report.id,
      organizationId: ventureId,
      after: { revision: p.report.revision, values: p.values },
    },
  ])
  await recordAudits(trx, ctx, events)
  return placed.map((p) => ({
    periodKey: p.periodKey,
    report: advanced.get(p.report.id)!,
    created: p.created,
    values: p.values.length,
  }))
}
