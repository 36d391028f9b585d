import type { z } from '@hono/zod-openapi'
import { Decimal, formatMoney } from '../../domain/money.ts'
import type { OutcomeStatement } from '../../domain/outcome-contracts.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { iso } from '../../http/serialize.ts'
import type * as repo from './contracts-repo.ts'
import type { Statement } from './contracts-schemas.ts'
import type { StatementFacts } from './statement-engine.ts'

const units = (d: Decimal) => new Decimal(d).plus(0).toFixed()

/** A statement as the API shows it, before the approval fields are added. */
export function statementBody(facts: StatementFacts, s: OutcomeStatement) {
  const metric = new Map(facts.metrics.map((m) => [m.indicatorCode, m]))
  const label = (code: string) => metric.get(code)?.label ?? ''
  const period = requirePeriod(s.period)
  const periods = new Set([s.period, ...s.adjustments.map((a) => a.forPeriod)])
  return {
    contractId: facts.contract.id,
    period: s.period,
    periodStart: period.start,
    periodEnd: period.end,
    lines: s.lines.map((l) => ({
      indicatorCode: l.indicatorCode,
      label: label(l.indicatorCode),
      units: units(l.units),
      baseline: units(l.baseline),
      eligibleUnits: units(l.eligibleUnits),
      paidUnits: units(l.paidUnits),
      pricePerUnit: formatMoney(new Decimal(metric.get(l.indicatorCode)?.pricePerUnit ?? 0)),
      amount: formatMoney(l.amount),
      capped: l.capped,
      cappedBy: l.cappedBy,
    })),
    adjustments: s.adjustments.map((a) => ({
      indicatorCode: a.indicatorCode,
      label: label(a.indicatorCode),
      forPeriod: a.forPeriod,
      units: units(a.units),
      amount: formatMoney(a.amount),
      recomputed: { paidUnits: units(a.recomputed.paidUnits), amount: formatMoney(a.recomputed.amount) },
      approved: { units: units(a.approved.units), amount: formatMoney(a.approved.amount) },
    })),
    currentTotal: formatMoney(s.currentTotal),
    adjustmentTotal: formatMoney(s.adjustmentTotal),
    total: formatMoney(s.total),
    payable: formatMoney(s.payable),
    clawback: formatMoney(s.clawback),
    paidBefore: formatMoney(s.paidBefore),
    cumulativePaid: formatMoney(s.cumulativePaid),
    remainingTotalCap: s.remainingTotalCap === null ? null : formatMoney(s.remainingTotalCap),
    sources: facts.sources
      .filter((src) => periods.has(src.statementPeriod))
      .sort(
        (a, b) =>
          (a.statementPeriod < b.statementPeriod ? -1 : a.statementPeriod > b.statementPeriod ? 1 : 0) ||
          (a.value.period < b.value.period ? -1 : a.value.period > b.value.period ? 1 : 0) ||
          (a.indicatorCode < b.indicatorCode ? -1 : 1),
      )
      .map((src) => ({
        indicatorCode: src.indicatorCode,
        statementPeriod: src.statementPeriod,
        reportPeriod: src.value.period,
        value: units(new Decimal(src.value.total)),
        reportId: src.value.reportId,
        revision: src.value.revision,
      })),
  }
}
export type StatementBody = ReturnType<typeof statementBody>

export const draftOut = (
  body: StatementBody,
  notApprovableReason: string | null,
): z.infer<typeof Statement> => ({
  ...body,
  status: 'draft' as const,
  approvable: notApprovableReason === null,
  notApprovableReason,
  approval: null,
})

/** An approved statement exactly as it was approved (its snapshot), never recomputed. */
export const approvedOut = (row: repo.StatementRow): z.infer<typeof Statement> => ({
  ...(row.snapshot as StatementBody),
  status: 'approved' as const,
  approvable: false,
  notApprovableReason: 'Already approved.',
  approval: {
    approvedAt: iso(row.approvedAt),
    approvedBy: row.approvedBy,
    approvedByLabel: row.approvedByLabel,
    transactionId: row.transactionId,
  },
})
export type StatementOut = ReturnType<typeof approvedOut>
