import type { Insertable } from 'kysely'
import type { ContributionKind, ContributionsTable, OtherFundingTable } from '../../db/schema-capital.ts'
import type { Db } from '../../db/tx.ts'
import type { DateSeqKey } from './repo.ts'

const contributionColumns = [
  'c.id',
  'c.seq',
  'c.investorOrgId',
  'io.name as investorName',
  'c.ventureOrgId',
  'c.kind',
  'c.date',
  'c.description',
  'c.introducedParty',
  'c.purpose',
  'c.result',
  'c.value',
  'c.hours',
  'c.hourlyValue',
  'c.topic',
  'c.givenBy',
  'c.createdAt',
  'c.createdBy',
] as const

const contributions = (db: Db) =>
  db
    .selectFrom('contributions as c')
    .innerJoin('organizations as io', 'io.id', 'c.investorOrgId')
    .select(contributionColumns)

export type ContributionRow = Awaited<ReturnType<typeof findContribution>> & {}

export const findContribution = (db: Db, id: string) =>
  contributions(db).where('c.id', '=', id).executeTakeFirst()

export interface ContributionFilter {
  ventureId: string
  investorOrgId?: string | undefined
  kind?: ContributionKind | undefined
}

const filtered = (db: Db, f: ContributionFilter) => {
  let q = contributions(db).where('c.ventureOrgId', '=', f.ventureId)
  if (f.investorOrgId) q = q.where('c.investorOrgId', '=', f.investorOrgId)
  if (f.kind) q = q.where('c.kind', '=', f.kind)
  return q
}

export async function listContributions(
  db: Db,
  f: ContributionFilter & { after: DateSeqKey | null; limit: number },
) {
  let q = filtered(db, f)
  if (f.after) {
    const [date, seq] = f.after
    q = q.where((eb) =>
      eb.or([eb('c.date', '>', date), eb.and([eb('c.date', '=', date), eb('c.seq', '>', seq)])]),
    )
  }
  return q
    .orderBy('c.date')
    .orderBy('c.seq')
    .limit(f.limit + 1)
    .execute()
}

/** Every contribution matching the filter, for the totals beside a page. */
export const allContributions = (db: Db, f: ContributionFilter) => filtered(db, f).orderBy('c.seq').execute()

/** Every contribution an investor gave, in any venture (the portfolio's one query). */
export const contributionsOfInvestor = (db: Db, investorOrgId: string) =>
  contributions(db).where('c.investorOrgId', '=', investorOrgId).orderBy('c.seq').execute()

/**
 * Every contribution to the ventures, by any investor, as full rows (supportSummary takes them):
 * the portfolio's one query for its own support figures and the ventures' support in economics.
 */
export async function contributionsToVentures(db: Db, ventureIds: string[]) {
  if (ventureIds.length === 0) return []
  return contributions(db).where('c.ventureOrgId', 'in', ventureIds).orderBy('c.seq').execute()
}

export async function insertContribution(db: Db, row: Insertable<ContributionsTable>) {
  await db.insertInto('contributions').values(row).execute()
}

// ── other funding ────────────────────────────────────────────────────────────────────────────
const fundingColumns = [
  'f.id',
  'f.seq',
  'f.ventureOrgId',
  'f.funderName',
  'f.funderOrgId',
  'f.instrument',
  'f.amountNok',
  'f.date',
  'f.note',
  'f.createdAt',
  'f.createdBy',
] as const

export type FundingRow = Awaited<ReturnType<typeof findFunding>> & {}

export const findFunding = (db: Db, id: string) =>
  db.selectFrom('otherFunding as f').select(fundingColumns).where('f.id', '=', id).executeTakeFirst()

export async function listFunding(db: Db, f: { ventureId: string; after: DateSeqKey | null; limit: number }) {
  let q = db.selectFrom('otherFunding as f').select(fundingColumns).where('f.ventureOrgId', '=', f.ventureId)
  if (f.after) {
    const [date, seq] = f.after
    q = q.where((eb) =>
      eb.or([eb('f.date', '>', date), eb.and([eb('f.date', '=', date), eb('f.seq', '>', seq)])]),
    )
  }
  return q
    .orderBy('f.date')
    .orderBy('f.seq')
    .limit(f.limit + 1)
    .execute()
}

export async function insertFunding(db: Db, row: Insertable<OtherFundingTable>) {
  await db.insertInto('otherFunding').values(row).execute()
}

/** Other funding of several ventures at once. */
export async function fundingOfVentures(db: Db, ventureIds: string[]) {
  if (ventureIds.length === 0) return []
  return db
    .selectFrom('otherFunding as f')
    .select(fundingColumns)
    .where('f.ventureOrgId', 'in', ventureIds)
    .orderBy('f.seq')
    .execute()
}

/** Every ledger entry of every investment in the given ventures, with its investor. */
export async function transactionsOfVentures(db: Db, ventureIds: string[]) {
  if (ventureIds.length === 0) return []
  return db
    .selectFrom('transactions as t')
    .innerJoin('investments as i', 'i.id', 't.investmentId')
    .select([
      't.id',
      't.investmentId',
      'i.ventureOrgId',
      'i.investorOrgId',
      'i.instrument',
      't.type',
      't.date',
      't.amount',
      't.currency',
      't.rateToNok',
      't.reversesId',
      't.overCommitment',
    ])
    .where('i.ventureOrgId', 'in', ventureIds)
    .orderBy('t.seq')
    .execute()
}

/** Whether the organization records investments of its own in the venture. */
export const hasInvestmentIn = async (db: Db, investorOrgId: string, ventureId: string) =>
  !!(await db
    .selectFrom('investments')
    .select('id')
    .where('investorOrgId', '=', investorOrgId)
    .where('ventureOrgId', '=', ventureId)
    .limit(1)
    .executeTakeFirst())
