import type { z } from '@hono/zod-openapi'
import type { InvestmentFigures } from '../../domain/ledger.ts'
import { Decimal, formatMoney, toNok } from '../../domain/money.ts'
import { iso } from '../../http/serialize.ts'
import { figuresOut } from './ledger-rows.ts'
import type { InvestmentRow, TransactionRow, ValuationRow } from './repo.ts'
import type * as api from './schemas.ts'

export const investmentOut = ({
  investment: i,
  figures,
}: {
  investment: InvestmentRow
  figures: InvestmentFigures
}): z.infer<typeof api.Investment> => ({
  id: i.id,
  ventureId: i.ventureOrgId,
  ventureName: i.ventureName,
  investorOrgId: i.investorOrgId,
  investorName: i.investorName,
  name: i.name,
  instrument: i.instrument,
  currency: i.currency,
  startDate: i.startDate,
  interestRate: i.interestRate,
  maturityDate: i.maturityDate,
  ownershipPct: i.ownershipPct,
  description: i.description,
  figures: figuresOut(figures),
  consent: i.consent,
  consentDecidedAt: i.consentDecidedAt ? iso(i.consentDecidedAt) : null,
  createdAt: iso(i.createdAt),
})

/** The entry converted at its own rate, rounded for display only (totals round once, elsewhere). */
export const amountNokOf = (t: Pick<TransactionRow, 'amount' | 'currency' | 'rateToNok'>) =>
  formatMoney(
    toNok(new Decimal(t.amount), t.currency, t.rateToNok === null ? null : new Decimal(t.rateToNok)),
  )

export const transactionOut = (t: TransactionRow): z.infer<typeof api.Transaction> => ({
  id: t.id,
  investmentId: t.investmentId,
  type: t.type,
  date: t.date,
  amount: t.amount,
  currency: t.currency,
  rateToNok: t.rateToNok,
  amountNok: amountNokOf(t),
  reversesId: t.reversesId,
  reversedById: t.reversedById,
  overCommitment: t.overCommitment,
  note: t.note,
  createdAt: iso(t.createdAt),
  createdBy: t.createdBy,
  payerOrgId: t.payerOrgId,
})

export const valuationOut = (v: ValuationRow): z.infer<typeof api.Valuation> => ({
  id: v.id,
  investmentId: v.investmentId,
  date: v.date,
  value: v.value,
  note: v.note,
  createdAt: iso(v.createdAt),
  createdBy: v.createdBy,
})
