import type { Insertable } from 'kysely'
import type { InvestmentsTable } from '../../db/schema.ts'
import type { TransactionsTable, ValuationsTable } from '../../db/schema-capital.ts'
import type { Db } from '../../db/tx.ts'
import type { CursorKey } from '../../http/pagination.ts'

/** A page position in a dated ledger: the date and recording order of the last row seen. */
export type DateSeqKey = [date: string, seq: number]

const investmentColumns = [
  'i.id',
  'i.investorOrgId',
  'io.name as investorName',
  'i.ventureOrgId',
  'vo.name as ventureName',
  'i.name',
  'i.instrument',
  'i.currency',
  'i.interestRate',
  'i.maturityDate',
  'i.ownershipPct',
  'i.startDate',
  'i.description',
  'i.createdAt',
  'i.createdBy',
  'i.consent',
  'i.consentDecidedAt',
] as const

const investments = (db: Db) =>
  db
    .selectFrom('investments as i')
    .innerJoin('organizations as io', 'io.id', 'i.investorOrgId')
    .innerJoin('organizations as vo', 'vo.id', 'i.ventureOrgId')
    .select(investmentColumns)

export type InvestmentRow = Awaited<ReturnType<typeof findInvestment>> & {}

export const findInvestment = (db: Db, id: string) =>
  investments(db).where('i.id', '=', id).executeTakeFirst()

/** Decides a pending investment; false when it was no longer pending. */
export async function decideInvestment(
  db: Db,
  id: string,
  decision: 'accepted' | 'declined',
  by: string | null,
  at: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('investments')
    .set({ consent: decision, consentDecidedBy: by, consentDecidedAt: at })
    .where('id', '=', id)
    .where('consent', '=', 'pending')
    .returning('id')
    .executeTakeFirst()
  return !!row
}

/** Serialises writers of one investment's ledger, so rules like "not beyond committed" hold under concurrency. */
export const lockInvestment = (db: Db, id: string) =>
  db.selectFrom('investments').select('id').where('id', '=', id).forUpdate().executeTakeFirst()

export async function insertInvestment(db: Db, row: Insertable<InvestmentsTable>) {
  await db.insertInto('investments').values(row).execute()
}

export async function listInvestments(
  db: Db,
  f: { ventureId: string; investorOrgId?: string | undefined; after: CursorKey | null; limit: number },
) {
  let q = investments(db).where('i.ventureOrgId', '=', f.ventureId)
  if (f.investorOrgId) q = q.where('i.investorOrgId', '=', f.investorOrgId)
  if (f.after) {
    const [startDate, id] = f.after
    q = q.where((eb) =>
      eb.or([
        eb('i.startDate', '>', startDate),
        eb.and([eb('i.startDate', '=', startDate), eb('i.id', '>', id)]),
      ]),
    )
  }
  return q
    .orderBy('i.startDate')
    .orderBy('i.id')
    .limit(f.limit + 1)
    .execute()
}

/** Investments of one investor, in any number of ventures (the portfolio's one query). */
/** The investor's accepted investments: a pending one grants nothing, not even a portfolio line. */
export const investmentsOfInvestor = (db: Db, investorOrgId: string) =>
  investments(db)
    .where('i.investorOrgId', '=', investorOrgId)
    .where('i.consent', '=', 'accepted')
    .orderBy('i.startDate')
    .orderBy('i.id')
    .execute()

// ── transactions ─────────────────────────────────────────────────────────────────────────────
const transactionColumns = [
  't.id',
  't.seq',
  't.investmentId',
  't.type',
  't.date',
  't.amount',
  't.currency',
  't.rateToNok',
  't.reversesId',
  't.overCommitment',
  't.note',
  't.createdAt',
  't.createdBy',
  't.payerOrgId',
] as const

export type TransactionRow = Awaited<ReturnType<typeof transactionsOf>>[number]

/** Every entry of the given investments in recording order, each with the id of its reversal. */
export async function transactionsOf(db: Db, investmentIds: string[]) {
  if (investmentIds.length === 0) return []
  return db
    .selectFrom('transactions as t')
    .leftJoin('transactions as r', 'r.reversesId', 't.id')
    .select([...transactionColumns, 'r.id as reversedById'])
    .where('t.investmentId', 'in', investmentIds)
    .orderBy('t.seq')
    .execute()
}

/** The same for every investment of one investor, joined rather than listed (constant queries). */
export const transactionsOfInvestor = (db: Db, investorOrgId: string) =>
  db
    .selectFrom('transactions as t')
    .innerJoin('investments as i', 'i.id', 't.investmentId')
    .leftJoin('transactions as r', 'r.reversesId', 't.id')
    .select([...transactionColumns, 'r.id as reversedById'])
    .where('i.investorOrgId', '=', investorOrgId)
    .orderBy('t.seq')
    .execute()

export const findTransaction = (db: Db, id: string) =>
  db
    .selectFrom('transactions as t')
    .leftJoin('transactions as r', 'r.reversesId', 't.id')
    .select([...transactionColumns, 'r.id as reversedById'])
    .where('t.id', '=', id)
    .executeTakeFirst()

export async function listTransactions(
  db: Db,
  f: { investmentId: string; after: DateSeqKey | null; limit: number },
) {
  let q = db
    .selectFrom('transactions as t')
    .leftJoin('transactions as r', 'r.reversesId', 't.id')
    // The payer's name, for the dashboard's ledger table (the API answers the id).
    .leftJoin('organizations as po', 'po.id', 't.payerOrgId')
    .select([...transactionColumns, 'r.id as reversedById', 'po.name as payerName'])
    .where('t.investmentId', '=', f.investmentId)
  if (f.after) {
    const [date, seq] = f.after
    q = q.where((eb) =>
      eb.or([eb('t.date', '>', date), eb.and([eb('t.date', '=', date), eb('t.seq', '>', seq)])]),
    )
  }
  return q
    .orderBy('t.date')
    .orderBy('t.seq')
    .limit(f.limit + 1)
    .execute()
}

export async function insertTransaction(db: Db, row: Insertable<TransactionsTable>) {
  await db.insertInto('transactions').values(row).execute()
}

// ── valuations ───────────────────────────────────────────────────────────────────────────────
const valuationColumns = [
  'v.id',
  'v.seq',
  'v.investmentId',
  'v.date',
  'v.value',
  'v.note',
  'v.createdAt',
  'v.createdBy',
] as const

export type ValuationRow = Awaited<ReturnType<typeof valuationsOf>>[number]

export async function valuationsOf(db: Db, investmentIds: string[]) {
  if (investmentIds.length === 0) return []
  return db
    .selectFrom('valuations as v')
    .select(valuationColumns)
    .where('v.investmentId', 'in', investmentIds)
    .orderBy('v.seq')
    .execute()
}

export const valuationsOfInvestor = (db: Db, investorOrgId: string) =>
  db
    .selectFrom('valuations as v')
    .innerJoin('investments as i', 'i.id', 'v.investmentId')
    .select(valuationColumns)
    .where('i.investorOrgId', '=', investorOrgId)
    .orderBy('v.seq')
    .execute()

export const findValuation = (db: Db, id: string) =>
  db.selectFrom('valuations as v').select(valuationColumns).where('v.id', '=', id).executeTakeFirst()

export async function listValuations(
  db: Db,
  f: { investmentId: string; after: DateSeqKey | null; limit: number },
) {
  let q = db
    .selectFrom('valuations as v')
    .select(valuationColumns)
    .where('v.investmentId', '=', f.investmentId)
  if (f.after) {
    const [date, seq] = f.after
    q = q.where((eb) =>
      eb.or([eb('v.date', '>', date), eb.and([eb('v.date', '=', date), eb('v.seq', '>', seq)])]),
    )
  }
  return q
    .orderBy('v.date')
    .orderBy('v.seq')
    .limit(f.limit + 1)
    .execute()
}

export async function insertValuation(db: Db, row: Insertable<ValuationsTable>) {
  await db.insertInto('valuations').values(row).execute()
}

/**
 * Every entry of every investment in the given ventures, by any investor, in recording order:
 * the ledger columns with the id of its reversal, and the investment's venture, investor and
 * instrument. One query serves both the investor's own figures (filter on investorOrgId) and the
 * ventures' capital for attribution (the portfolio's data statements).
 */
export async function ledgerOfVentures(db: Db, ventureIds: string[]) {
  if (ventureIds.length === 0) return []
  return db
    .selectFrom('transactions as t')
    .innerJoin('investments as i', 'i.id', 't.investmentId')
    .leftJoin('transactions as r', 'r.reversesId', 't.id')
    .select([
      ...transactionColumns,
      'r.id as reversedById',
      'i.ventureOrgId',
      'i.investorOrgId',
      'i.instrument',
    ])
    .where('i.ventureOrgId', 'in', ventureIds)
    .orderBy('t.seq')
    .execute()
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerOfVentures>>[number]

/** Whether an organization with this id exists (a recorded payer must). */
export const organizationExists = async (db: Db, id: string) =>
  !!(await db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst())
