import type { Db } from '../../db/tx.ts'
import { Decimal } from '../../domain/money.ts'
import {
  type ApprovedStatement,
  computeStatement,
  type OutcomeContract,
  type OutcomeStatement,
  type VerifiedUnits,
} from '../../domain/outcome-contracts.ts'
import { type Period, periodOf, requirePeriod } from '../../domain/periods.ts'
import { invalidParams } from '../../http/problem.ts'
import { groupBy } from '../capital/index.ts'
import * as repo from './contracts-repo.ts'
import { outcomeFacts, type VerifiedValue } from './data-repo.ts'

/**
 * From stored contract, approved statements and verified report values to the domain's inputs,
 * and back. Statement periods are periods of the contract's frequency; a report period counts
 * in the statement period that contains it (three monthly reports make one quarter).
 */
export interface StatementFacts {
  contract: repo.ContractRow
  metrics: repo.MetricRow[]
  approved: repo.StatementRow[]
  lines: repo.LineRow[]
  units: VerifiedUnits[]
  sources: Source[]
}

export interface Source {
  indicatorCode: string
  statementPeriod: string
  value: VerifiedValue
}

/** Five queries: metrics, approved statements and their lines, and the provider's verified values. */
export async function loadStatementFacts(db: Db, contract: repo.ContractRow): Promise<StatementFacts> {
  const [metrics, approved, facts] = await Promise.all([
    repo.metricsOf(db, [contract.id]),
    repo.statementsOf(db, [contract.id]),
    outcomeFacts(db, [contract.providerOrgId]),
  ])
  const lines = await repo.linesOf(
    db,
    approved.map((s) => s.id),
  )
  const codes = new Set(metrics.map((m) => m.indicatorCode))
  const sources: Source[] = []
  for (const value of facts.get(contract.providerOrgId)?.values ?? []) {
    if (!codes.has(value.indicatorCode)) continue
    const reported = requirePeriod(value.period)
    const statementPeriod = requirePeriod(periodOf(reported.start, contract.frequency))
    // A report longer than a statement period cannot be split; the contract refuses such metrics.
    if (reported.end > statementPeriod.end) continue
    if (statementPeriod.start < contract.startDate || statementPeriod.end > contract.endDate) continue
    sources.push({ indicatorCode: value.indicatorCode, statementPeriod: statementPeriod.key, value })
  }
  const units: VerifiedUnits[] = []
  for (const group of groupBy(sources, (s) => `${s.statementPeriod}|${s.indicatorCode}`).values()) {
    units.push({
      period: group[0]!.statementPeriod,
      indicatorCode: group[0]!.indicatorCode,
      units: group.reduce((sum, s) => sum.plus(new Decimal(s.value.total)), new Decimal(0)),
    })
  }
  return { contract, metrics, approved, lines, units, sources }
}

export const domainContract = (contract: repo.ContractRow, metrics: repo.MetricRow[]): OutcomeContract => ({
  totalCap: contract.totalCap === null ? null : new Decimal(contract.totalCap),
  metrics: metrics.map((m) => ({
    indicatorCode: m.indicatorCode,
    pricePerUnit: new Decimal(m.pricePerUnit),
    baselineUnitsPerPeriod: new Decimal(m.baselineUnits),
    unitCap: m.unitCap === null ? null : new Decimal(m.unitCap),
  })),
})

export function approvedStatements(
  approved: repo.StatementRow[],
  lines: repo.LineRow[],
): ApprovedStatement[] {
  const byStatement = groupBy(lines, (l) => l.statementId)
  return approved.map((s) => ({
    period: s.period,
    lines: (byStatement.get(s.id) ?? []).map((l) => ({
      indicatorCode: l.indicatorCode,
      amount: new Decimal(l.amount),
      units: new Decimal(l.units),
      forPeriod: l.forPeriod,
    })),
  }))
}

/** The statement for `period` computed now, from verified values and approved statements only. */
export function computeFor(facts: StatementFacts, period: string): OutcomeStatement {
  return computeStatement({
    contract: domainContract(facts.contract, facts.metrics),
    verifiedUnits: facts.units,
    approvedStatements: approvedStatements(
      facts.approved.filter((s) => s.period < period),
      facts.lines,
    ),
    period,
  })
}

/**
 * A period key of the contract's frequency inside the contract, or 400 naming `period`: it is a
 * query parameter (reading) or a path parameter (approving).
 */
export function contractPeriod(contract: repo.ContractRow, key: string, location: 'query' | 'path'): Period {
  const fail = (message: string) => invalidParams(location, [{ in: location, path: 'period', message }])
  const period = requirePeriod(key)
  if (period.frequency !== contract.frequency) {
    throw fail(
      `Must be a ${contract.frequency} period: the contract draws up ${contract.frequency} statements.`,
    )
  }
  if (period.start < contract.startDate || period.end > contract.endDate) {
    throw fail(`Must be inside the contract, ${contract.startDate} to ${contract.endDate}.`)
  }
  return period
}
