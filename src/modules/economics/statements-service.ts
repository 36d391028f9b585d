import { withTx } from '../../db/tx.ts'
import { formatMoney } from '../../domain/money.ts'
import { type OutcomeStatement, toApprovedStatement } from '../../domain/outcome-contracts.ts'
import type { Period } from '../../domain/periods.ts'
import { conflict, type Problem } from '../../http/problem.ts'
import { recordAudit } from '../audit/index.ts'
import { findInvestment, osloToday, recordTransaction } from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { requireActiveContract, requireContractApprover } from './contracts-access.ts'
import * as repo from './contracts-repo.ts'
import { computeFor, contractPeriod, loadStatementFacts, type StatementFacts } from './statement-engine.ts'
import { approvedOut, draftOut, type StatementOut, statementBody } from './statement-serialize.ts'

/**
 * Statements of an outcome contract. Reading computes what is payable from verified values
 * (computeStatement); approving freezes that statement, exactly once per period, and records the
 * payment in the ledger of the contract's outcome_contract investment.
 *
 * Negative totals (clawback) are set off, never approved: a downward amendment after payment
 * shows as negative adjustment lines; when they outweigh the period's own payments the total is
 * negative, approval is refused (409), and the next statement — which recomputes against
 * approved statements only — carries the same adjustments again and nets them against its own
 * payments. The ledger never holds a negative outcome payment. A clawback still open when the
 * contract ends is settled outside Effekt (or recorded by the investor as a reversal).
 */

/** Why the statement cannot be approved now, or null. */
function blocker(s: OutcomeStatement, period: Period, today: string): Problem | null {
  if (period.end >= today) {
    return conflict(
      'statement.period_open',
      `The period ends on ${period.end}: approve its statement after it has ended.`,
    )
  }
  if (s.total.isNeg()) {
    return conflict(
      'statement.total_negative',
      `The total is negative (NOK ${formatMoney(s.clawback)} owed back): it is set off against the next statement instead of being approved.`,
    )
  }
  return null
}

/** An approved statement for a later period means this one was caught up there, not approved. */
function assertNotSuperseded(facts: StatementFacts, period: Period) {
  const later = facts.approved.find((s) => s.periodEnd > period.end)
  if (later) {
    throw conflict(
      'statement.caught_up',
      `No statement was approved for ${period.key}; what it pays was caught up in the statement for ${later.period}, approved later.`,
    )
  }
}

/** GET /v1/contracts/{id}/statements?period=: the approved statement, or the draft computed now. */
export async function getStatement(
  ctx: Ctx,
  id: string,
  key: string,
): Promise<StatementOut | ReturnType<typeof draftOut>> {
  const { contract } = await requireActiveContract(ctx, id)
  const period = contractPeriod(contract, key, 'query')
  const approved = await repo.findStatement(ctx.db, id, period.key)
  if (approved) return approvedOut(approved)
  const facts = await loadStatementFacts(ctx.db, contract)
  assertNotSuperseded(facts, period)
  const statement = computeFor(facts, period.key)
  return draftOut(
    statementBody(facts, statement),
    blocker(statement, period, osloToday(ctx.now))?.detail ?? null,
  )
}

/**
 * POST /v1/contracts/{id}/statements/{period}/approve: the payer's editors and admins. A second
 * approval of the same period returns the statement approved first and records nothing
 * (`created` false).
 */
export async function approveStatement(
  ctx: Ctx,
  id: string,
  key: string,
): Promise<{ statement: StatementOut; created: boolean }> {
  const { contract } = await requireContractApprover(ctx, id)
  return approveStatementAudited(ctx, contract, key)
}

/**
 * Approves the period's statement of a loaded contract, with its ledger entry and audit event in
 * one transaction. The caller has checked permission (the API above; the demo loader by
 * construction).
 */
export async function approveStatementAudited(
  ctx: Ctx,
  contract: repo.ContractRow,
  key: string,
): Promise<{ statement: StatementOut; created: boolean }> {
  const id = contract.id
  const period = contractPeriod(contract, key, 'path')
  const today = osloToday(ctx.now)
  return withTx(ctx.db, async (trx) => {
    await repo.lockContract(trx, id)
    const existing = await repo.findStatement(trx, id, period.key)
    if (existing) return { statement: approvedOut(existing), created: false }
    const facts = await loadStatementFacts(trx, contract)
    assertNotSuperseded(facts, period)
    const statement = computeFor(facts, period.key)
    const blocked = blocker(statement, period, today)
    if (blocked) throw blocked

    let transactionId: string | null = null
    if (statement.total.gt(0)) {
      const investment = (await findInvestment(trx, contract.investmentId))!
      const entry = await recordTransaction({ ...ctx, db: trx }, investment, {
        type: 'outcome_payment',
        date: today,
        amount: statement.total.toFixed(2),
        currency: 'NOK',
        overCommitment: false,
        note: `Outcome contract “${contract.name}”, statement ${period.key}`,
      })
      transactionId = entry.id
    }
    const body = statementBody(facts, statement)
    const statementId = crypto.randomUUID()
    // Stored as the domain wants them back: non-zero lines, each naming the period it paid for.
    const lines = toApprovedStatement(statement).lines
    await repo.insertStatement(
      trx,
      {
        id: statementId,
        contractId: id,
        period: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        currentTotal: statement.currentTotal.toFixed(2),
        adjustmentTotal: statement.adjustmentTotal.toFixed(2),
        total: statement.total.toFixed(2),
        transactionId,
        snapshot: JSON.stringify(body),
        approvedAt: ctx.now,
        approvedBy: ctx.principal?.userId ?? null,
        approvedByLabel: ctx.principal?.email ?? 'system',
      },
      lines.map((l, position) => ({
        position,
        kind: l.forPeriod === period.key ? ('current' as const) : ('adjustment' as const),
        indicatorCode: l.indicatorCode,
        forPeriod: l.forPeriod ?? period.key,
        units: l.units.toFixed(),
        amount: l.amount.toFixed(2),
      })),
    )
    await recordAudit(trx, ctx, {
      action: 'outcome_statement.approve',
      entity: 'outcome_statement',
      entityId: statementId,
      organizationId: contract.payerOrgId,
      after: {
        contractId: id,
        period: period.key,
        total: body.total,
        transactionId,
        lines: body.lines,
        adjustments: body.adjustments,
      },
    })
    const row = (await repo.findStatement(trx, id, period.key))!
    return { statement: approvedOut(row), created: true }
  })
}
