import { type Db, withTx } from '../../db/tx.ts'
import { type LedgerEntry, validateNewEntry } from '../../domain/ledger.ts'
import { BASE_CURRENCY, Decimal } from '../../domain/money.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { conflict, type FieldError, invalid, invalidMany } from '../../http/problem.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { assertNotTooLate, requireInvestment, requireInvestmentWriter } from './access.ts'
import { dateSeqKey, osloToday, toEntry } from './ledger-rows.ts'
import * as repo from './repo.ts'
import type { CreateTransactionInput, CreateValuationInput } from './schemas.ts'

type Investment = repo.InvestmentRow

/** The caller has checked permission. Fields left out of a reversal are taken from the entry it reverses. */
export async function recordTransaction(ctx: Ctx, investment: Investment, input: CreateTransactionInput) {
  return withTx(ctx.db, async (trx) => {
    // One writer per ledger at a time: the rules below read the ledger they are about to extend.
    await repo.lockInvestment(trx, investment.id)
    const rows = await repo.transactionsOf(trx, [investment.id])
    const existing = rows.map(toEntry)
    const candidate = candidateEntry(investment, existing, input)
    const errors =
      'errors' in candidate
        ? candidate.errors
        : validateNewEntry(
            {
              instrument: investment.instrument,
              existing,
              today: osloToday(ctx.now),
              horizonDays: ctx.config.FUTURE_DATE_HORIZON_DAYS,
            },
            candidate.entry,
          ).map((e) => ({ in: 'body', ...e }))
    if (errors.length || 'errors' in candidate) throw invalidMany(errors)
    const e = candidate.entry
    const payerOrgId = await checkedPayer(trx, e, input.payerOrgId)
    await repo.insertTransaction(trx, {
      id: e.id,
      investmentId: investment.id,
      type: e.type,
      date: e.date,
      amount: e.amount.toFixed(2),
      currency: e.currency,
      // A NOK amount is stored without a rate (the rules accept an explicit 1).
      rateToNok: e.currency === BASE_CURRENCY || e.rateToNok === null ? null : e.rateToNok.toFixed(),
      reversesId: e.reversesId,
      overCommitment: e.overCommitment,
      note: input.note ?? '',
      createdBy: ctx.principal?.userId ?? null,
      payerOrgId,
    })
    const stored = (await repo.findTransaction(trx, e.id))!
    await recordAudit(trx, ctx, {
      action: e.reversesId ? 'transaction.reverse' : 'transaction.create',
      entity: 'transaction',
      entityId: e.id,
      organizationId: investment.investorOrgId,
      after: { ...stored, ventureId: investment.ventureOrgId },
    })
    return stored
  })
}

/**
 * Who paid, given only on an outcome payment that is not a reversal (a reversal has its
 * original's payer: the export follows reversesId). An unknown id is a field error (422), not a
 * 404: the path names the investment, which exists.
 */
async function checkedPayer(db: Db, e: LedgerEntry, payerOrgId: string | undefined) {
  if (payerOrgId === undefined) return null
  if (e.type !== 'outcome_payment' || e.reversesId)
    throw invalid('payerOrgId', 'transaction.payer_not_applicable')
  if (!(await repo.organizationExists(db, payerOrgId)))
    throw invalid('payerOrgId', 'transaction.payer_unknown')
  return payerOrgId
}

/** The entry the request describes, or the field errors that keep it from being one. */
function candidateEntry(
  investment: Investment,
  existing: LedgerEntry[],
  input: CreateTransactionInput,
): { entry: LedgerEntry } | { errors: FieldError[] } {
  const errors: FieldError[] = []
  const original = input.reversesId ? existing.find((x) => x.id === input.reversesId) : undefined
  if (input.reversesId && !original) {
    return {
      errors: [
        { in: 'body', path: 'reversesId', message: 'No transaction with this id on this investment.' },
      ],
    }
  }
  const type = input.type ?? original?.type
  if (!type) errors.push({ in: 'body', path: 'type', message: 'Required (unless reversesId is given).' })
  if (input.amount === undefined && !original) {
    errors.push({ in: 'body', path: 'amount', message: 'Required (unless reversesId is given).' })
  }
  const currency = input.currency ?? original?.currency ?? investment.currency
  const rate =
    input.rateToNok !== undefined
      ? new Decimal(input.rateToNok)
      : original && original.currency === currency
        ? original.rateToNok
        : null
  const mayExceed = type === 'disbursement' || (type === 'commitment' && !!original)
  if (input.overCommitment && !mayExceed) {
    errors.push({
      in: 'body',
      path: 'overCommitment',
      message: 'Only a disbursement, or the reversal of a commitment, can go beyond what is committed.',
    })
  }
  if (errors.length || !type) return { errors }
  return {
    entry: {
      id: crypto.randomUUID(),
      type,
      date: input.date,
      amount: input.amount !== undefined ? new Decimal(input.amount) : original!.amount,
      currency,
      rateToNok: rate,
      reversesId: original?.id ?? null,
      overCommitment: input.overCommitment ?? false,
    },
  }
}

export async function createTransaction(ctx: Ctx, investmentId: string, input: CreateTransactionInput) {
  const { investment } = await requireInvestmentWriter(ctx, investmentId)
  return recordTransaction(ctx, investment, input)
}

export async function listTransactions(
  ctx: Ctx,
  investmentId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  await requireInvestment(ctx, investmentId)
  const rows = await repo.listTransactions(ctx.db, {
    investmentId,
    after: dateSeqKey(decodeCursor(q.cursor)),
    limit: q.limit,
  })
  return toPage(rows, q.limit, (t) => [t.date, String(t.seq)])
}

const VALUED_INSTRUMENTS = new Set(['equity', 'convertible'])

/** The caller has checked permission. Valuations are append-only: a newer one supersedes. */
export async function recordValuation(ctx: Ctx, investment: Investment, input: CreateValuationInput) {
  if (!VALUED_INSTRUMENTS.has(investment.instrument)) {
    throw conflict(
      'investment.valuation_not_applicable',
      `Valuations are recorded for equity and convertible investments; this one is a ${investment.instrument}.`,
    )
  }
  assertNotTooLate(ctx, input.date)
  return withTx(ctx.db, async (trx) => {
    const id = crypto.randomUUID()
    await repo.insertValuation(trx, {
      id,
      investmentId: investment.id,
      date: input.date,
      value: new Decimal(input.value).toFixed(2),
      note: input.note ?? '',
      createdBy: ctx.principal?.userId ?? null,
    })
    const stored = (await repo.findValuation(trx, id))!
    await recordAudit(trx, ctx, {
      action: 'valuation.create',
      entity: 'valuation',
      entityId: id,
      organizationId: investment.investorOrgId,
      after: { ...stored, ventureId: investment.ventureOrgId },
    })
    return stored
  })
}

export async function createValuation(ctx: Ctx, investmentId: string, input: CreateValuationInput) {
  const { investment } = await requireInvestmentWriter(ctx, investmentId)
  return recordValuation(ctx, investment, input)
}

export async function listValuations(
  ctx: Ctx,
  investmentId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  await requireInvestment(ctx, investmentId)
  const rows = await repo.listValuations(ctx.db, {
    investmentId,
    after: dateSeqKey(decodeCursor(q.cursor)),
    limit: q.limit,
  })
  return toPage(rows, q.limit, (v) => [v.date, String(v.seq)])
}
