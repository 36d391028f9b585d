import type { Instrument } from '../../db/schema.ts'
import type { Db } from '../../db/tx.ts'
import { type InvestmentFigures, investmentFigures } from '../../domain/ledger.ts'
import { Decimal } from '../../domain/money.ts'
import { groupBy, toEntry } from './ledger-rows.ts'
import { fundingOfVentures, transactionsOfVentures } from './support-repo.ts'

/** All capital disbursed to one venture, in NOK (PRODUCT.md §5, attribution). */
export interface VentureCapitalFigures {
  /** Disbursed per investor organization recording its investments in Effekt (rounded per investment, summed). */
  byInvestor: Map<string, Decimal>
  /** Σ of byInvestor. */
  investments: Decimal
  /** Σ other funding the venture or its investors reported (co-investors, grants). */
  otherFunding: Decimal
  /** investments + otherFunding: the denominator of an investor's attribution share. */
  total: Decimal
}

const empty = (): VentureCapitalFigures => ({
  byInvestor: new Map(),
  investments: new Decimal(0),
  otherFunding: new Decimal(0),
  total: new Decimal(0),
})

/**
 * Capital disbursed to each of the given ventures, in two queries however many ventures: for
 * attribution (an investor's disbursed / all capital disbursed to the venture) and the funding
 * list. Ventures without capital are present with zeros.
 */
export async function capitalOfVentures(
  db: Db,
  ventureIds: string[],
): Promise<Map<string, VentureCapitalFigures>> {
  const [entries, funding] = await Promise.all([
    transactionsOfVentures(db, ventureIds),
    fundingOfVentures(db, ventureIds),
  ])
  const result = new Map(ventureIds.map((id) => [id, empty()]))
  for (const rows of groupBy(entries, (t) => t.investmentId).values()) {
    const first = rows[0]!
    const figures: InvestmentFigures = investmentFigures(
      rows.map(toEntry),
      [],
      first.instrument as Instrument,
    )
    const v = result.get(first.ventureOrgId) ?? empty()
    v.byInvestor.set(
      first.investorOrgId,
      (v.byInvestor.get(first.investorOrgId) ?? new Decimal(0)).plus(figures.disbursed),
    )
    v.investments = v.investments.plus(figures.disbursed)
    result.set(first.ventureOrgId, v)
  }
  for (const f of funding) {
    const v = result.get(f.ventureOrgId) ?? empty()
    v.otherFunding = v.otherFunding.plus(new Decimal(f.amountNok))
    result.set(f.ventureOrgId, v)
  }
  for (const v of result.values()) v.total = v.investments.plus(v.otherFunding)
  return result
}
