import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'

/** Queries of the impact area. The facts and national rows are maintained by the database. */

export type Basis = 'verified' | 'unverified'

/** Municipality organizations whose numbers include any of `codes` (old or current numbers). */
export async function municipalityOrgsCovering(db: Db, codes: string[]) {
  if (codes.length === 0) return []
  return db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('kind', '=', 'municipality')
    .where(sql<boolean>`municipality_numbers && ${sql.val(codes)}::text[]`)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

/** The opted-in subset of `orgIds`. */
export async function openDataOrgs(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return []
  return db
    .selectFrom('municipalityOpenData')
    .select('organizationId')
    .where('organizationId', 'in', orgIds)
    .execute()
    .then((rows) => rows.map((r) => r.organizationId))
}

/** Ventures with an active data share (aggregate or detailed) with any of `orgIds`. */
export async function sharingVentures(db: Db, orgIds: string[], opts: { openDataOnly: boolean }) {
  if (orgIds.length === 0) return []
  let q = db
    .selectFrom('ventures as v')
    .select(['v.orgId', 'v.municipalities'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('dataShares as s')
          .select('s.id')
          .whereRef('s.ventureOrgId', '=', 'v.orgId')
          .where('s.granteeOrgId', 'in', orgIds)
          .where('s.revokedAt', 'is', null),
      ),
    )
  if (opts.openDataOnly) q = q.where('v.publishOpenData', '=', true)
  return q.orderBy('v.orgId').execute()
}

export async function shareableIndicators(db: Db, theme: string | undefined) {
  let q = db.selectFrom('indicators').selectAll().where('shareable', '=', true)
  if (theme) q = q.where(sql<boolean>`${theme} = any(themes)`)
  return q.orderBy('code').execute()
}

export type IndicatorRow = Awaited<ReturnType<typeof shareableIndicators>>[number]

const YEARS_ALL: [number, number] = [1000, 9999]

const placeColumns = sql`indicator_code, period_key, dimension, category, value, numerator, denominator,
  ventures::integer, yearly::integer, unverified::integer`

/**
 * One municipality's figures per indicator, period and cell, summed by the database: read from
 * the organization's rollup when one municipality organization's shares decide (a member's view),
 * else computed from the facts of the ventures given (several organizations; open data).
 */
export async function municipalRows(
  db: Db,
  f: {
    code: string
    /** The one organization whose shares decide, when there is one and all its ventures count. */
    orgId: string | null
    ventureIds: string[]
    servesOnly: string[]
    indicatorCodes: string[]
    basis: Basis
    years: [number, number] | null
  },
): Promise<NationalRow[]> {
  if (f.ventureIds.length === 0 || f.indicatorCodes.length === 0) return []
  const [from, to] = f.years ?? YEARS_ALL
  const { rows } = f.orgId
    ? await sql<NationalRow>`
        select ${placeColumns} from impact_org_rollup
        where org_id = ${f.orgId} and code = ${f.code} and basis = ${f.basis}
          and indicator_code = any (${sql.val(f.indicatorCodes)}::text[]) and year between ${from} and ${to}`.execute(
        db,
      )
    : await sql<NationalRow>`
        select ${placeColumns}
        from impact_place(${f.code}, ${sql.val(f.ventureIds)}::uuid[], ${sql.val(f.servesOnly)}::uuid[], null)
        where basis = ${f.basis} and indicator_code = any (${sql.val(f.indicatorCodes)}::text[])
          and year between ${from} and ${to}`.execute(db)
  return rows
}

/** Values left out: no municipality breakdown, and a venture that serves other municipalities too. */
export async function unattributed(
  db: Db,
  f: {
    ventureIds: string[]
    servesOnly: string[]
    indicatorCodes: string[]
    basis: Basis
    years: [number, number] | null
  },
) {
  if (f.ventureIds.length === 0 || f.indicatorCodes.length === 0) return { values: 0, ventures: 0 }
  const [from, to] = f.years ?? YEARS_ALL
  let q = db
    .selectFrom('impactFacts')
    .select([
      sql<number>`count(*)::int`.as('values'),
      sql<number>`count(distinct venture_org_id)::int`.as('ventures'),
    ])
    .where('ventureOrgId', 'in', f.ventureIds)
    .where('scope', '=', '*')
    .where('hasMunicipality', '=', false)
    .where('indicatorCode', 'in', f.indicatorCodes)
    .where(f.basis === 'verified' ? 'inVerified' : 'inUnverified', '=', true)
    .where('year', '>=', from)
    .where('year', '<=', to)
  if (f.servesOnly.length > 0) q = q.where('ventureOrgId', 'not in', f.servesOnly)
  return (await q.executeTakeFirst()) ?? { values: 0, ventures: 0 }
}

/** The national rollup rows of some indicators. */
export async function nationalRows(
  db: Db,
  f: { indicatorCodes: string[]; basis: Basis; years: [number, number] | null },
) {
  if (f.indicatorCodes.length === 0) return []
  let q = db
    .selectFrom('impactNational')
    .select([
      'indicatorCode',
      'periodKey',
      'dimension',
      'category',
      'value',
      'numerator',
      'denominator',
      'ventures',
      'yearly',
      'unverified',
    ])
    .where('basis', '=', f.basis)
    .where('indicatorCode', 'in', f.indicatorCodes)
  if (f.years) q = q.where('year', '>=', f.years[0]).where('year', '<=', f.years[1])
  return q.execute()
}

export type NationalRow = Awaited<ReturnType<typeof nationalRows>>[number]

export const findOpenData = (db: Db, organizationId: string) =>
  db
    .selectFrom('municipalityOpenData')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()

export async function insertOpenData(db: Db, organizationId: string, by: string | null, now: Date) {
  await db
    .insertInto('municipalityOpenData')
    .values({ organizationId, publishedBy: by, publishedAt: now })
    .onConflict((oc) => oc.column('organizationId').doNothing())
    .execute()
}

export async function deleteOpenData(db: Db, organizationId: string) {
  await db.deleteFrom('municipalityOpenData').where('organizationId', '=', organizationId).execute()
}

/** The numbers every municipality organization lists. */
export const municipalityNumbersInUse = (db: Db) =>
  db.selectFrom('organizations').select('municipalityNumbers').where('kind', '=', 'municipality').execute()

/** Changes with every commit that changes what an impact view can show (migration 2026-12-07-0010). */
export async function impactDataVersion(db: Db): Promise<string> {
  const { rows } = await sql<{
    version: string
  }>`select version::text as version from impact_data_version`.execute(db)
  return rows[0]?.version ?? '0'
}

/** municipalityOrgsCovering with whether each organization publishes open data: one query. */
export async function municipalityOrgsWithOpenData(db: Db, codes: string[]) {
  if (codes.length === 0) return []
  return db
    .selectFrom('organizations as o')
    .leftJoin('municipalityOpenData as d', 'd.organizationId', 'o.id')
    .select(['o.id', 'o.name', sql<boolean>`d.organization_id is not null`.as('openData')])
    .where('o.kind', '=', 'municipality')
    .where(sql<boolean>`o.municipality_numbers && ${sql.val(codes)}::text[]`)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute()
}

/**
 * The ventures with an active data share with any of `orgIds`, each with the organizations (of
 * those) it shares with: sharingVentures for every organization of a place in one query.
 */
export async function sharingVenturesByGrantee(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return []
  return db
    .selectFrom('ventures as v')
    .innerJoin('dataShares as s', 's.ventureOrgId', 'v.orgId')
    .select([
      'v.orgId',
      'v.municipalities',
      'v.publishOpenData',
      sql<string[]>`array_agg(distinct s.grantee_org_id::text)`.as('grantees'),
    ])
    .where('s.granteeOrgId', 'in', orgIds)
    .where('s.revokedAt', 'is', null)
    .groupBy(['v.orgId', 'v.municipalities', 'v.publishOpenData'])
    .orderBy('v.orgId')
    .execute()
}

/** The rollup rows of several organizations of one place, both bases: municipalRows' read for each, at once. */
export async function orgRollupRows(
  db: Db,
  f: { code: string; orgIds: string[]; indicatorCodes: string[]; years: [number, number] | null },
) {
  if (f.orgIds.length === 0 || f.indicatorCodes.length === 0) return []
  const [from, to] = f.years ?? YEARS_ALL
  const { rows } = await sql<NationalRow & { orgId: string; basis: Basis }>`
    select org_id, basis, ${placeColumns} from impact_org_rollup
    where org_id = any (${sql.val(f.orgIds)}::uuid[]) and code = ${f.code}
      and indicator_code = any (${sql.val(f.indicatorCodes)}::text[]) and year between ${from} and ${to}`.execute(
    db,
  )
  return rows
}
