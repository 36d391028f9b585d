import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { translator } from '../../web/i18n/index.ts'
import type { PortfolioInput } from '../../web/portfolio/portfolio-input.ts'
import { reviewSection, targetsSection } from '../../web/portfolio/portfolio-outcomes.tsx'
import { formatterFor } from '../../web/ui/format.ts'
import type { View } from '../../web/ui/view.ts'

const view = { ...translator('nb'), fmt: formatterFor('nb') } as View
/** The rendered HTML, with Intl's no-break spaces read as the spaces people see. */
const html = async (el: unknown) =>
  el === null ? '' : String(await (el as { toString(): unknown }).toString()).replace(/[\u00a0\u202f]/g, ' ')

/** A portfolio of one venture whose outcomes the test chooses. */
const input = (outcomes: Partial<PortfolioInput['portfolio']['ventures'][number]['outcomes']>) =>
  ({
    investor: { organizationId: 'i', organizationName: 'Nordlys', member: true },
    ventures: [],
    portfolio: {
      asOf: '2026-11-27',
      ventures: [
        {
          venture: { id: 'v1', name: 'Språkbro', status: 'active', themes: [], municipalities: [] },
          outcomes: { ventureId: 'v1', indicators: [], awaitingVerification: [], overdue: [], ...outcomes },
        },
      ],
    },
  }) as unknown as PortfolioInput

describe('the portfolio review and targets sections', () => {
  it('say so when nothing awaits verification and nothing is overdue', async () => {
    const out = await html(await reviewSection({} as Ctx, view, input({})))
    expect(out).toContain('Ingenting venter på verifisering')
    expect(out).toContain('Ingen forsinkede rapporter')
    expect(out).not.toContain('<table')
  })

  it('link a submitted report to its own page, named for screen readers', async () => {
    const report = {
      reportId: 'r1',
      period: '2026-Q3',
      dueDate: '2026-10-30',
      status: 'submitted' as const,
      revision: 2,
      updatedAt: new Date('2026-10-20T10:00:00Z'),
    }
    const out = await html(await reviewSection({} as Ctx, view, input({ awaitingVerification: [report] })))
    expect(out).toContain('href="/ventures/v1/reports/r1"')
    expect(out).toContain('rapport 3. kvartal 2026 fra Språkbro')
    expect(out).toContain('revisjon 2')
  })

  it('show each status in words beside its colour', async () => {
    const indicator = {
      assignmentId: 'a1',
      indicatorCode: 'NO-WORK-01',
      nameNb: 'Personer over i ordinært arbeid',
      nameEn: 'People into ordinary employment',
      unit: 'people',
      aggregation: 'sum',
      direction: 'increase',
      personal: true,
      frequency: 'quarterly',
      period: '2026-Q2',
      value: '7',
      numerator: null,
      denominator: null,
      baseline: '3',
      target: '8',
      progress: '0.8',
      status: 'amber',
    }
    const ctx = { config: defaultConfig({ STATUS_GREEN_PERCENT: 85 }) } as Ctx
    const out = await html(await targetsSection(ctx, view, input({ indicators: [indicator as never] })))
    expect(out).toContain('<span class="badge badge-warning">Bak plan</span>')
    expect(out).toContain('80 %')
    // The thresholds stated are the deployment's.
    expect(out).toContain('85 %')
    expect(out).toContain('60 %')
  })
})
