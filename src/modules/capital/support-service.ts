import { withTx } from '../../db/tx.ts'
import { type Contribution, contributionValue, supportTotals } from '../../domain/ledger.ts'
import { Decimal } from '../../domain/money.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { forbidden, invalid } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { investorForWrite, requireVentureAccess } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { findOrganization } from '../identity/index.ts'
import { assertNotTooLate } from './access.ts'
import { dateSeqKey, groupBy } from './ledger-rows.ts'
import * as repo from './support-repo.ts'

export type { ContributionRow, FundingRow } from './support-repo.ts'

import type { CreateContributionInput, CreateFundingInput } from './support-schemas.ts'
import { capitalOfVentures } from './venture-capital.ts'

type ContributionFields = Pick<repo.ContributionRow, 'kind' | 'value' | 'hours' | 'hourlyValue'>

/** A stored contribution as the domain's (numeric strings → Decimal). */
export const toContribution = (c: ContributionFields): Contribution => ({
  kind: c.kind,
  value: c.value === null ? null : new Decimal(c.value),
  hours: c.hours === null ? null : new Decimal(c.hours),
  hourlyValue: c.hourlyValue === null ? null : new Decimal(c.hourlyValue),
})

export const contributionValueOf = (c: ContributionFields) => contributionValue(toContribution(c))
/** The same under its first name, which other areas import. */
export { contributionValueOf as valueOf }

/** supportTotals plus how many of each kind. */
export function supportSummary(rows: readonly ContributionFields[]) {
  const t = supportTotals(rows.map(toContribution))
  return {
    ...t,
    network: rows.filter((r) => r.kind === 'network').length,
    competence: rows.filter((r) => r.kind === 'competence').length,
  }
}
export type SupportSummary = ReturnType<typeof supportSummary>

/** The caller has checked permission: records support given by `investorOrgId` to the venture. */
export async function insertContributionAudited(
  ctx: Ctx,
  investorOrgId: string,
  ventureId: string,
  input: CreateContributionInput,
) {
  assertNotTooLate(ctx, input.date)
  return withTx(ctx.db, async (trx) => {
    const id = crypto.randomUUID()
    const network = input.kind === 'network' ? input : undefined
    const competence = input.kind === 'competence' ? input : undefined
    await repo.insertContribution(trx, {
      id,
      investorOrgId,
      ventureOrgId: ventureId,
      kind: input.kind,
      date: input.date,
      description: input.description ?? '',
      introducedParty: network?.introducedParty ?? null,
      purpose: network?.purpose ?? null,
      result: network?.result ?? null,
      value: network?.value ?? null,
      hours: competence?.hours ?? null,
      hourlyValue: competence?.hourlyValue ?? null,
      topic: competence?.topic ?? null,
      givenBy: competence?.givenBy ?? null,
      createdBy: ctx.principal?.userId ?? null,
    })
    const stored = (await repo.findContribution(trx, id))!
    await recordAudit(trx, ctx, {
      action: 'contribution.create',
      entity: 'contribution',
      entityId: id,
      organizationId: investorOrgId,
      after: stored,
    })
    return stored
  })
}

/** Editors and admins of an investor with standing, for that investor; platform admins name one. */
export async function createContribution(ctx: Ctx, ventureId: string, input: CreateContributionInput) {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const investorOrgId = investorForWrite(access, input.investorOrgId)
  if (access.platformAdmin) {
    const org = await findOrganization(ctx.db, investorOrgId)
    if (org?.kind !== 'investor') throw invalid('investorOrgId', 'investment.investor_required')
  }
  return insertContributionAudited(ctx, investorOrgId, ventureId, input)
}

/** A page of support, with totals over everything matching the filters, overall and per investor. */
export async function listContributions(
  ctx: Ctx,
  ventureId: string,
  q: {
    limit: number
    cursor?: string | undefined
    investor?: string | undefined
    kind?: 'network' | 'competence' | undefined
  },
) {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const filter = { ventureId, investorOrgId: q.investor, kind: q.kind }
  const [rows, all] = await Promise.all([
    repo.listContributions(ctx.db, { ...filter, after: dateSeqKey(decodeCursor(q.cursor)), limit: q.limit }),
    repo.allContributions(ctx.db, filter),
  ])
  const page = toPage(rows, q.limit, (c) => [c.date, String(c.seq)])
  const byInvestor = [...groupBy(all, (c) => c.investorOrgId).values()]
    .map((list) => ({
      investorOrgId: list[0]!.investorOrgId,
      investorName: list[0]!.investorName,
      ...supportSummary(list),
    }))
    .sort(
      (a, b) =>
        a.investorName.localeCompare(b.investorName, 'nb') || a.investorOrgId.localeCompare(b.investorOrgId),
    )
  return { ...page, totals: supportSummary(all), byInvestor }
}

// ── other funding ────────────────────────────────────────────────────────────────────────────

/** The caller has checked permission. */
export async function insertFundingAudited(ctx: Ctx, ventureId: string, input: CreateFundingInput) {
  assertNotTooLate(ctx, input.date)
  let funderName = input.funderName
  if (input.funderOrgId) {
    const org = await findOrganization(ctx.db, input.funderOrgId)
    if (!org) throw invalid('funderOrgId', 'funding.funder_unknown')
    if (await repo.hasInvestmentIn(ctx.db, org.id, ventureId)) {
      throw invalid('funderOrgId', 'funding.counted_as_investment')
    }
    funderName ??= org.name
  }
  if (!funderName) throw invalid('funderName', 'funding.funder_name_required')
  return withTx(ctx.db, async (trx) => {
    const id = crypto.randomUUID()
    await repo.insertFunding(trx, {
      id,
      ventureOrgId: ventureId,
      funderName,
      funderOrgId: input.funderOrgId ?? null,
      instrument: input.instrument,
      amountNok: new Decimal(input.amountNok).toFixed(2),
      date: input.date,
      note: input.note ?? '',
      createdBy: ctx.principal?.userId ?? null,
    })
    const stored = (await repo.findFunding(trx, id))!
    await recordAudit(trx, ctx, {
      action: 'funding.create',
      entity: 'funding',
      entityId: id,
      organizationId: ventureId,
      after: stored,
    })
    return stored
  })
}

/** The venture's own editors, editors of its investors with standing, and platform admins. */
export async function createFunding(ctx: Ctx, ventureId: string, input: CreateFundingInput) {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  if (!access.platformAdmin && !access.writeVenture && access.investorWriteOrgIds.length === 0) {
    throw forbidden('funding.not_permitted')
  }
  return insertFundingAudited(ctx, ventureId, input)
}

export async function listFunding(
  ctx: Ctx,
  ventureId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const [rows, capital] = await Promise.all([
    repo.listFunding(ctx.db, { ventureId, after: dateSeqKey(decodeCursor(q.cursor)), limit: q.limit }),
    capitalOfVentures(ctx.db, [ventureId]),
  ])
  return { ...toPage(rows, q.limit, (f) => [f.date, String(f.seq)]), capital: capital.get(ventureId)! }
}
