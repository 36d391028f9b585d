import { type Insertable, type Selectable, sql } from 'kysely'
import type {
  ContractDecision,
  OutcomeContractAcceptancesTable,
  OutcomeContractMetricsTable,
  OutcomeContractPartiesTable,
  OutcomeContractsTable,
  OutcomeStatementLinesTable,
  OutcomeStatementsTable,
} from '../../db/schema-economics.ts'
import type { Db } from '../../db/tx.ts'
import type { CursorKey } from '../../http/pagination.ts'

const contractColumns = [
  'c.id',
  'c.name',
  'c.description',
  'c.payerOrgId',
  'po.name as payerName',
  'po.kind as payerKind',
  'c.providerOrgId',
  'vo.name as providerName',
  'c.investmentId',
  'c.frequency',
  'c.startDate',
  'c.endDate',
  'c.totalCap',
  'c.currency',
  'c.createdAt',
  'c.createdBy',
] as const

const contracts = (db: Db) =>
  db
    .selectFrom('outcomeContracts as c')
    .innerJoin('organizations as po', 'po.id', 'c.payerOrgId')
    .innerJoin('organizations as vo', 'vo.id', 'c.providerOrgId')
    .select(contractColumns)

export type ContractRow = NonNullable<Awaited<ReturnType<typeof findContract>>>
export type PartyRow = Awaited<ReturnType<typeof partiesOf>>[number]
export type MetricRow = Selectable<OutcomeContractMetricsTable>
export type StatementRow = Selectable<OutcomeStatementsTable>
export type LineRow = Selectable<OutcomeStatementLinesTable>

export const findContract = (db: Db, id: string) => contracts(db).where('c.id', '=', id).executeTakeFirst()

/** Serialises approvals of one contract, so a period is approved once even when requests race. */
export const lockContract = (db: Db, id: string) =>
  db.selectFrom('outcomeContracts').select('id').where('id', '=', id).forUpdate().executeTakeFirst()

/**
 * Contracts where one of the organizations is payer, provider, investor or partner (all when
 * `orgIds` is null: platform admins), by name then id, `limit + 1` rows after the cursor.
 */
export async function listContracts(
  db: Db,
  f: { orgIds: string[] | null; after: CursorKey | null; limit: number },
) {
  let q = contracts(db)
  if (f.orgIds !== null) {
    const orgIds = f.orgIds
    if (orgIds.length === 0) return []
    q = q.where((eb) =>
      eb.or([
        eb('c.payerOrgId', 'in', orgIds),
        eb('c.providerOrgId', 'in', orgIds),
        eb.exists(
          eb
            .selectFrom('outcomeContractParties as p')
            .select(sql`1`.as('one'))
            .whereRef('p.contractId', '=', 'c.id')
            .where('p.orgId', 'in', orgIds),
        ),
      ]),
    )
  }
  if (f.after) {
    const [name, id] = f.after
    q = q.where((eb) =>
      eb.or([eb('c.name', '>', name), eb.and([eb('c.name', '=', name), eb('c.id', '>', id)])]),
    )
  }
  return q
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(f.limit + 1)
    .execute()
}

export const partiesOf = (db: Db, contractIds: string[]) =>
  contractIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('outcomeContractParties as p')
        .innerJoin('organizations as o', 'o.id', 'p.orgId')
        .select(['p.contractId', 'p.orgId', 'p.role', 'p.position', 'o.name', 'o.kind'])
        .where('p.contractId', 'in', contractIds)
        .orderBy('p.contractId')
        .orderBy('p.role')
        .orderBy('p.position')
        .execute()

export type AcceptanceRow = Awaited<ReturnType<typeof acceptancesOf>>[number]

/** Each named party's decision, payer and provider first, then investors and partners in order. */
export const acceptancesOf = (db: Db, contractIds: string[]) =>
  contractIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('outcomeContractAcceptances as a')
        .innerJoin('organizations as o', 'o.id', 'a.orgId')
        .select([
          'a.contractId',
          'a.orgId',
          'a.role',
          'a.decision',
          'a.decidedAt',
          'a.decidedBy',
          'a.reason',
          'o.name',
          'o.kind',
        ])
        .where('a.contractId', 'in', contractIds)
        .orderBy('a.contractId')
        .orderBy(
          sql`case a.role when 'payer' then 0 when 'provider' then 1 when 'investor' then 2 else 3 end`,
        )
        .orderBy('o.name')
        .orderBy('a.orgId')
        .execute()

export async function insertAcceptances(db: Db, rows: Insertable<OutcomeContractAcceptancesTable>[]) {
  await db.insertInto('outcomeContractAcceptances').values(rows).execute()
}

/** Records one party's decision while it is still pending; false when it was decided already. */
export async function decide(
  db: Db,
  contractId: string,
  orgId: string,
  d: { decision: Exclude<ContractDecision, 'pending'>; by: string | null; at: Date; reason: string },
): Promise<boolean> {
  const row = await db
    .updateTable('outcomeContractAcceptances')
    .set({ decision: d.decision, decidedBy: d.by, decidedAt: d.at, reason: d.reason })
    .where('contractId', '=', contractId)
    .where('orgId', '=', orgId)
    .where('decision', '=', 'pending')
    .returning('orgId')
    .executeTakeFirst()
  return !!row
}

export const metricsOf = (db: Db, contractIds: string[]) =>
  contractIds.length === 0
    ? Promise.resolve([] as MetricRow[])
    : db
        .selectFrom('outcomeContractMetrics')
        .selectAll()
        .where('contractId', 'in', contractIds)
        .orderBy('contractId')
        .orderBy('position')
        .execute()

/** Approved statements, in period order. */
export const statementsOf = (db: Db, contractIds: string[]) =>
  contractIds.length === 0
    ? Promise.resolve([] as StatementRow[])
    : db
        .selectFrom('outcomeStatements')
        .selectAll()
        .where('contractId', 'in', contractIds)
        .orderBy('contractId')
        .orderBy('periodEnd')
        .execute()

export const linesOf = (db: Db, statementIds: string[]) =>
  statementIds.length === 0
    ? Promise.resolve([] as LineRow[])
    : db
        .selectFrom('outcomeStatementLines')
        .selectAll()
        .where('statementId', 'in', statementIds)
        .orderBy('statementId')
        .orderBy('position')
        .execute()

export const findStatement = (db: Db, contractId: string, period: string) =>
  db
    .selectFrom('outcomeStatements')
    .selectAll()
    .where('contractId', '=', contractId)
    .where('period', '=', period)
    .executeTakeFirst()

export async function insertContract(
  db: Db,
  contract: Insertable<OutcomeContractsTable>,
  parties: Omit<Insertable<OutcomeContractPartiesTable>, 'contractId'>[],
  metrics: Omit<Insertable<OutcomeContractMetricsTable>, 'contractId'>[],
) {
  await db.insertInto('outcomeContracts').values(contract).execute()
  if (parties.length > 0) {
    await db
      .insertInto('outcomeContractParties')
      .values(parties.map((p) => ({ ...p, contractId: contract.id })))
      .execute()
  }
  await db
    .insertInto('outcomeContractMetrics')
    .values(metrics.map((m) => ({ ...m, contractId: contract.id })))
    .execute()
}

export async function insertStatement(
  db: Db,
  statement: Insertable<OutcomeStatementsTable>,
  lines: Omit<Insertable<OutcomeStatementLinesTable>, 'statementId'>[],
) {
  await db.insertInto('outcomeStatements').values(statement).execute()
  if (lines.length > 0) {
    await db
      .insertInto('outcomeStatementLines')
      .values(lines.map((l) => ({ ...l, statementId: statement.id })))
      .execute()
  }
}

/** The venture exists as a venture (for a contract's provider). */
export const ventureExists = async (db: Db, id: string) =>
  !!(await db.selectFrom('ventures').select('orgId').where('orgId', '=', id).executeTakeFirst())

export const organizationsByIds = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('organizations').select(['id', 'kind', 'name']).where('id', 'in', ids).execute()

export const findInvestmentRow = (db: Db, id: string) =>
  db
    .selectFrom('investments')
    .select(['id', 'investorOrgId', 'ventureOrgId', 'instrument', 'currency'])
    .where('id', '=', id)
    .executeTakeFirst()
