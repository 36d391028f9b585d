import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { sumFigures } from '../../src/domain/ledger.ts'
import { translator } from '../../web/i18n/index.ts'
import { capitalChartSpecs } from '../../web/portfolio/portfolio-capital.tsx'

const figures = (committed: string, disbursed: string) => ({
  ...sumFigures([]),
  committed: new Decimal(committed),
  disbursed: new Decimal(disbursed),
})

const year = (y: number, disbursed: string, repaid: string) => ({
  year: y,
  committed: new Decimal(0),
  disbursed: new Decimal(disbursed),
  repaid: new Decimal(repaid),
  outcomePayments: new Decimal(0),
})

describe('the portfolio capital charts', () => {
  const portfolio = {
    byInstrument: [
      {
        instrument: 'grant' as const,
        investmentCount: 2,
        ventureCount: 2,
        figures: figures('900000', '600000'),
      },
      {
        instrument: 'loan' as const,
        investmentCount: 1,
        ventureCount: 1,
        figures: figures('2000000', '2000000'),
      },
      { instrument: 'equity' as const, investmentCount: 0, ventureCount: 0, figures: figures('0', '0') },
    ],
    byYear: [year(2019, '150000', '0'), year(2020, '0', '0'), year(2021, '1350000.5', '200000')],
  }

  it('draws only the instruments held, committed beside disbursed, in NOK for the page language', () => {
    const { byInstrument } = capitalChartSpecs(translator('nb'), portfolio)
    expect(byInstrument).toEqual({
      kind: 'bar',
      horizontal: true,
      labels: ['Tilskudd', 'Lån'],
      series: [
        { label: 'Tilsagn', values: ['900000.00', '2000000.00'] },
        { label: 'Utbetalt', values: ['600000.00', '2000000.00'] },
      ],
      unit: { style: 'money', currency: 'NOK' },
      lang: 'nb',
    })
    expect(capitalChartSpecs(translator('en'), portfolio).byInstrument.labels).toEqual(['Grant', 'Loan'])
  })

  it('keeps every year on the axis, an empty year as zero, as exact decimal strings', () => {
    const { perYear } = capitalChartSpecs(translator('en'), portfolio)
    expect(perYear.labels).toEqual(['2019', '2020', '2021'])
    expect(perYear.series).toEqual([
      { label: 'Disbursed', values: ['150000.00', '0.00', '1350000.50'] },
      { label: 'Repaid', values: ['0.00', '0.00', '200000.00'] },
    ])
    expect(perYear.horizontal).toBeUndefined()
  })
})
