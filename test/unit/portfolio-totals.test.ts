import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { peopleReached, portfolioSroi } from '../../src/modules/portfolio/totals.ts'

/** The portfolio's totals that GET /v1/portfolio gives and the dashboard shows (moved from the dashboard). */
const outcome = (indicatorCode: string, unit: string, units: string) => ({
  indicatorCode,
  nameNb: indicatorCode,
  nameEn: indicatorCode,
  unit,
  units: new Decimal(units),
  periods: [],
  costPerUnit: null,
  attributedUnits: null,
})

const economics = (
  outcomes: ReturnType<typeof outcome>[],
  sroi: { presentValue: string; inputs: string } | null = null,
) => ({
  economics: {
    ventureId: 'x',
    window: { from: null, to: null },
    includeSupport: false,
    cost: {
      disbursed: new Decimal(0),
      otherFunding: new Decimal(0),
      support: new Decimal(0),
      total: new Decimal(0),
    },
    attribution: null,
    outcomes,
    sroi: sroi && {
      version: 1,
      window: { from: null, to: null },
      inputs: new Decimal(sroi.inputs),
      presentValue: new Decimal(sroi.presentValue),
      ratio: null,
      netRatio: null,
    },
  },
})

describe('people reached', () => {
  it('sums verified people of every venture and indicator, and only people', () => {
    const result = peopleReached([
      economics([outcome('NO-WORK-01', 'people', '20'), outcome('NO-WORK-08', 'people', '7.5')]),
      economics([outcome('NO-WORK-01', 'people', '3'), outcome('NO-ENV-02', 'count', '400')]),
      economics([outcome('NO-WORK-01', 'people', '0')]),
    ])
    expect(result).toEqual({ total: '30.5', ventureCount: 2, indicatorCodes: ['NO-WORK-01', 'NO-WORK-08'] })
  })

  it('is zero for a portfolio without outcomes', () => {
    expect(peopleReached([economics([])])).toEqual({ total: '0', ventureCount: 0, indicatorCodes: [] })
  })
})

describe('the portfolio SROI', () => {
  it('divides the summed present values by the summed inputs, half-even to 2 decimals', () => {
    // PRODUCT.md §5's check value (PV 5 519 707.27 on 2 000 000) beside a second venture.
    const result = portfolioSroi([
      economics([], { presentValue: '5519707.27', inputs: '2000000.00' }),
      economics([]),
      economics([], { presentValue: '1000000.00', inputs: '1000000.00' }),
    ])
    expect(result).toEqual({
      ratio: '2.17',
      presentValue: '6519707.27',
      inputs: '3000000.00',
      ventureCount: 2,
    })
  })

  it('is absent without an evaluation, and has no ratio without inputs', () => {
    expect(portfolioSroi([economics([])])).toBeNull()
    expect(portfolioSroi([economics([], { presentValue: '10.00', inputs: '0.00' })])?.ratio).toBeNull()
  })
})
