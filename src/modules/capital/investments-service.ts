import type { Instrument } from '../../db/schema.ts'
import { withTx } from '../../db/tx.ts'
import { investmentFigures } from '../../domain/ledger.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { type FieldError, invalid, invalidMany, Problem } from '../../http/problem.ts'
import { hasRole, requirePrincipal } from '../../policy/policy.ts'
import { investorForWrite, requireVentureAccess } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { findOrganization } from '../identity/index.ts'
import { requireInvestment } from './access.ts'
import { groupBy, toEntry, toValuation } from './ledger-rows.ts'
import * as repo from './repo.ts'
import type { CreateInvestmentInput } from './schemas.ts'

/** Which terms belong to which instrument; a term on another instrument is refused, not ignored. */
const TERMS: Record<'interestRate' | 'maturityDate' | 'ownershipPct', readonly Instrument[]> = {
  interestRate: ['loan', 'convertible'],
  maturityDate: ['loan', 'convertible'],
  ownershipPct: ['equity', 'convertible'],
}
const TERM_LABEL = {
  interestRate: 'interest rate',
  maturityDate: 'maturity date',
  ownershipPct: 'ownership share',
}

export function termErrors(input: CreateInvestmentInput): FieldError[] {
  const errors: FieldError[] = []
  for (const [term, instruments] of Object.entries(TERMS) as [keyof typeof TERMS, readonly Instrument[]][]) {
    if (input[term] !== undefined && !instruments.includes(input.instrument)) {
      errors.push({
        in: 'body',
        path: term,
        message: `A ${input.instrument} has no ${TERM_LABEL[term]}; only ${instruments.join(' and ')} investments do.`,
      })
    }
  }
  if (input.maturityDate !== undefined && input.maturityDate < input.startDate) {
    errors.push({ in: 'body', path: 'maturityDate', message: 'Must not be before startDate.' })
  }
  return errors
}

/**
 * The venture's consent to a new investment (PRODUCT.md §10). An investment gives its investor
 * detailed access to the venture, so it takes effect at once only where the investor already has
 * an accepted relationship of that kind: it onboarded the venture (created its organization), or
 * the venture accepted an earlier investment of it. Otherwise — standing only through a data share
 * the venture can revoke, a platform admin recording it, an outcome contract — it is pending until
 * the venture's administrators accept it.
 */
export async function initialConsent(db: Ctx['db'], investorOrgId: string, ventureId: string) {
  const venture = await db
    .selectFrom('ventures')
    .select('createdByOrgId')
    .where('orgId', '=', ventureId)
    .executeTakeFirst()
  if (venture?.createdByOrgId === investorOrgId) return 'accepted' as const
  const accepted = await db
    .selectFrom('investments')
    .select('id')
    .where('investorOrgId', '=', investorOrgId)
    .where('ventureOrgId', '=', ventureId)
    .where('consent', '=', 'accepted')
    .limit(1)
    .executeTakeFirst()
  return accepted ? ('accepted' as const) : ('pending' as const)
}

/**
 * Records an investment by `investorOrgId` in a venture. The caller has checked permission (the
 * API through the venture policy, the demo loader by construction); the audit event is written
 * in the same transaction. Its consent is `initialConsent` unless the caller names it.
 */
export async function insertInvestmentAudited(
  ctx: Ctx,
  investorOrgId: string,
  ventureId: string,
  input: CreateInvestmentInput,
  consent?: 'pending' | 'accepted',
) {
  const errors = termErrors(input)
  if (errors.length) throw invalidMany(errors)
  return withTx(ctx.db, async (trx) => {
    const id = crypto.randomUUID()
    const decided = consent ?? (await initialConsent(trx, investorOrgId, ventureId))
    await repo.insertInvestment(trx, {
      id,
      investorOrgId,
      ventureOrgId: ventureId,
      name: input.name,
      instrument: input.instrument,
      currency: input.currency,
      interestRate: input.interestRate ?? null,
      maturityDate: input.maturityDate ?? null,
      ownershipPct: input.ownershipPct ?? null,
      startDate: input.startDate,
      description: input.description ?? '',
      createdBy: ctx.principal?.userId ?? null,
      consent: decided,
      consentDecidedAt: decided === 'accepted' ? ctx.now : null,
    })
    const investment = (await repo.findInvestment(trx, id))!
    await recordAudit(trx, ctx, {
      action: 'investment.create',
      entity: 'investment',
      entityId: id,
      organizationId: investorOrgId,
      after: investment,
    })
    return investment
  })
}

/** An investor organization with standing (editor or admin), or a platform admin naming one. */
export async function createInvestment(ctx: Ctx, ventureId: string, input: CreateInvestmentInput) {
  const principal = requirePrincipal(ctx.principal)
  const access = await requireVentureAccess(ctx.db, principal, ventureId, 'detailed')
  const investorOrgId = investorForWrite(access, input.investorOrgId)
  if (access.platformAdmin) {
    const org = await findOrganization(ctx.db, investorOrgId)
    if (org?.kind !== 'investor') throw invalid('investorOrgId', 'investment.investor_required')
  }
  const investment = await insertInvestmentAudited(ctx, investorOrgId, ventureId, input)
  return withFigures([investment], [], [])[0]!
}

/**
 * The venture's administrators accept or decline a pending investment in it (the party whose
 * data it exposes); nobody else may, platform admins included. Decided once.
 */
export async function decideInvestment(ctx: Ctx, id: string, decision: 'accepted' | 'declined') {
  const { investment } = await requireInvestment(ctx, id)
  if (!hasRole(requirePrincipal(ctx.principal), investment.ventureOrgId, 'admin')) {
    throw new Problem('investment.not_venture_admin')
  }
  await withTx(ctx.db, async (trx) => {
    const decided = await repo.decideInvestment(trx, id, decision, ctx.principal!.userId, ctx.now)
    if (!decided) {
      throw new Problem('investment.already_decided', `The investment was already ${investment.consent}.`)
    }
    await recordAudit(trx, ctx, {
      action: decision === 'accepted' ? 'investment.accept' : 'investment.decline',
      entity: 'investment',
      entityId: id,
      organizationId: investment.ventureOrgId,
      before: { consent: investment.consent },
      after: { consent: decision },
    })
  })
  return getInvestment(ctx, id)
}

export async function getInvestment(ctx: Ctx, id: string) {
  const { investment } = await requireInvestment(ctx, id)
  const [transactions, valuations] = await Promise.all([
    repo.transactionsOf(ctx.db, [id]),
    repo.valuationsOf(ctx.db, [id]),
  ])
  return withFigures([investment], transactions, valuations)[0]!
}

export async function listInvestments(
  ctx: Ctx,
  ventureId: string,
  q: { limit: number; cursor?: string | undefined; investor?: string | undefined },
) {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const rows = await repo.listInvestments(ctx.db, {
    ventureId,
    investorOrgId: q.investor,
    after: decodeCursor(q.cursor),
    limit: q.limit,
  })
  const page = toPage(rows, q.limit, (i) => [i.startDate, i.id])
  const ids = page.items.map((i) => i.id)
  // Two queries for the whole page, not two per investment.
  const [transactions, valuations] = await Promise.all([
    repo.transactionsOf(ctx.db, ids),
    repo.valuationsOf(ctx.db, ids),
  ])
  return { items: withFigures(page.items, transactions, valuations), nextCursor: page.nextCursor }
}

/** Attaches each investment's derived figures, computed from its own entries and valuations. */
export function withFigures(
  investments: repo.InvestmentRow[],
  transactions: repo.TransactionRow[],
  valuations: repo.ValuationRow[],
) {
  const entries = groupBy(transactions, (t) => t.investmentId)
  const values = groupBy(valuations, (v) => v.investmentId)
  return investments.map((investment) => ({
    investment,
    figures: investmentFigures(
      (entries.get(investment.id) ?? []).map(toEntry),
      (values.get(investment.id) ?? []).map(toValuation),
      investment.instrument,
    ),
  }))
}
