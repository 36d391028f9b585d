import type { Db } from '../../db/tx.ts'
import { isAdditive } from '../../domain/aggregation-kind.ts'
import { Decimal } from '../../domain/money.ts'
import { validateOutcomeContract } from '../../domain/outcome-contracts.ts'
import { addDays, periodOf, requirePeriod } from '../../domain/periods.ts'
import type { FieldError } from '../../http/problem.ts'
import { findIndicators, listAssignments } from '../outcomes/index.ts'
import * as repo from './contracts-repo.ts'
import type { CreateContractInput } from './contracts-schemas.ts'

const MONTHS = { monthly: 1, quarterly: 3, yearly: 12 } as const
const MAX_YEARS = 20
const PAYER_KINDS = new Set(['municipality', 'agency'])

/**
 * Every field error of a new contract, in a handful of queries. A priced indicator must be
 * assigned to the provider, be a flow (aggregation `sum`: units per period can be paid for), and
 * be reported at least as often as statements are drawn up (monthly values add up to a quarter;
 * a yearly value cannot be split into quarters).
 */
export async function contractErrors(db: Db, input: CreateContractInput): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const fail = (path: string, message: string) => errors.push({ in: 'body', path, message })
  const partners = input.partners ?? []
  const orgs = new Map(
    (
      await repo.organizationsByIds(db, [...new Set([input.payerOrgId, ...input.investors, ...partners])])
    ).map((o) => [o.id, o]),
  )
  const payer = orgs.get(input.payerOrgId)
  if (!payer || !PAYER_KINDS.has(payer.kind))
    fail('payerOrgId', 'Must be a municipality or agency organization.')
  if (!(await repo.ventureExists(db, input.providerVentureId)))
    fail('providerVentureId', 'No venture with this id.')
  const seen = new Set<string>()
  input.investors.forEach((id, i) => {
    if (seen.has(id)) fail(`investors.${i}`, 'Listed twice.')
    else if (orgs.get(id)?.kind !== 'investor') fail(`investors.${i}`, 'Must be an investor organization.')
    seen.add(id)
  })
  partners.forEach((id, i) => {
    if (seen.has(id) || id === input.payerOrgId) fail(`partners.${i}`, 'Already a party to the contract.')
    else if (!PAYER_KINDS.has(orgs.get(id)?.kind ?? '')) {
      fail(`partners.${i}`, 'Must be a municipality or agency organization.')
    }
    seen.add(id)
  })
  errors.push(...dateErrors(input))
  if (input.investmentId) {
    const investment = await repo.findInvestmentRow(db, input.investmentId)
    const fits =
      investment?.instrument === 'outcome_contract' &&
      investment.ventureOrgId === input.providerVentureId &&
      input.investors.includes(investment.investorOrgId) &&
      investment.currency === 'NOK'
    if (!fits) {
      fail(
        'investmentId',
        'Must be an outcome_contract investment in NOK of one of the investors in the provider venture.',
      )
    }
  }
  errors.push(...(await metricErrors(db, input)))
  return errors
}

function dateErrors(input: CreateContractInput): FieldError[] {
  const errors: FieldError[] = []
  const first = requirePeriod(periodOf(input.startDate, input.frequency))
  const last = requirePeriod(periodOf(input.endDate, input.frequency))
  if (first.start !== input.startDate) {
    errors.push({
      in: 'body',
      path: 'startDate',
      message: `Must be the first day of a ${input.frequency} period, such as ${first.start}.`,
    })
  }
  if (last.end !== input.endDate) {
    errors.push({
      in: 'body',
      path: 'endDate',
      message: `Must be the last day of a ${input.frequency} period, such as ${last.end}.`,
    })
  } else if (input.endDate < input.startDate) {
    errors.push({ in: 'body', path: 'endDate', message: 'Must not be before startDate.' })
  } else if (input.endDate > addDays(input.startDate, MAX_YEARS * 366)) {
    errors.push({ in: 'body', path: 'endDate', message: `A contract runs for at most ${MAX_YEARS} years.` })
  }
  return errors
}

async function metricErrors(db: Db, input: CreateContractInput): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const codes = input.metrics.map((m) => m.indicatorCode)
  const [indicators, assignments] = await Promise.all([
    findIndicators(db, [...new Set(codes)]),
    listAssignments(db, [input.providerVentureId]),
  ])
  const known = new Map(indicators.map((i) => [i.code, i]))
  const assigned = new Map(assignments.map((a) => [a.indicatorCode, a]))
  input.metrics.forEach((m, i) => {
    const path = `metrics.${i}.indicatorCode`
    const indicator = known.get(m.indicatorCode)
    const assignment = assigned.get(m.indicatorCode)
    if (!indicator) errors.push({ in: 'body', path, message: 'No indicator with this code.' })
    else if (!assignment) errors.push({ in: 'body', path, message: 'Not assigned to the provider venture.' })
    else if (!isAdditive(indicator.aggregation)) {
      errors.push({
        in: 'body',
        path,
        message: 'Only flows (aggregation sum) can be paid per unit and period.',
      })
    } else if (MONTHS[assignment.frequency] > MONTHS[input.frequency]) {
      errors.push({
        in: 'body',
        path,
        message: `Reported ${assignment.frequency}, less often than the contract’s ${input.frequency} statements.`,
      })
    }
  })
  const flagged = new Set(errors.map((e) => e.path))
  const domain = validateOutcomeContract({
    totalCap: input.totalCap ? new Decimal(input.totalCap) : null,
    metrics: input.metrics.map((m) => ({
      indicatorCode: m.indicatorCode,
      pricePerUnit: new Decimal(m.pricePerUnit),
      baselineUnitsPerPeriod: new Decimal(m.baselineUnitsPerPeriod ?? '0'),
      unitCap: m.unitCap ? new Decimal(m.unitCap) : null,
    })),
  })
  for (const e of domain) if (!flagged.has(e.path)) errors.push({ in: 'body', ...e })
  return errors
}
