import { addDays, periodsBetween, requirePeriod } from '../domain/periods.ts'
import { isProblem } from '../http/problem.ts'
import type { Ctx } from '../modules/context.ts'
import type { PutSroiInput } from '../modules/economics/index.ts'
import * as contracts from '../modules/economics/index.ts'
import {
  acceptAllPartiesAudited,
  approveStatementAudited,
  insertContractAudited,
  insertSroiModelAudited,
} from '../modules/economics/index.ts'
import type { DemoIdentity } from './identity.ts'

/**
 * Demo impact economics (PRODUCT.md §5, §8): SROI models for three demo ventures, and an outcome
 * contract between Nordre Follo kommune (payer, with NAV as partner), the demo investor and
 * Arbeidsglede AS over 2024–2025, with its statements approved quarter by quarter — each
 * recorded as an outcome_payment on the contract's investment — except the last, left for the
 * demo municipality user to approve. Runs after the capital and outcomes demo loaders, through
 * the same services as the API (validation, ledger rules, audit). Deterministic: statements are
 * approved "as of" 30 days after each quarter. Idempotent: a venture with a model keeps it, an
 * existing contract is not created again, and approving an approved period records nothing.
 */
const PROXY_SOURCE_WORK =
  'Gjennomsnittlig samfunnsøkonomisk gevinst per person fra trygd til arbeid (anslag etter NAV og Proba, 2024)'

const MODELS: Record<string, PutSroiInput> = {
  arbeidsglede: {
    window: { from: '2025-01-01', to: '2025-12-31' },
    inputs: '9500000.00',
    inputsNote:
      'Driftskostnader 2025 etter årsregnskapet: alle ressurser bak resultatene, ikke bare investorenes kapital.',
    note: 'Modell for 2025',
    outcomes: [
      {
        indicatorCode: 'NO-WORK-01',
        proxy: '250000',
        proxySource: PROXY_SOURCE_WORK,
        deadweight: '25',
        attribution: '20',
        displacement: '10',
        dropOff: '30',
        durationYears: 3,
      },
    ],
  },
  'verdt-arbeid': {
    window: { from: '2025-01-01', to: '2025-12-31' },
    inputs: '12000000.00',
    inputsNote: 'Driftskostnader 2025 etter årsregnskapet.',
    note: 'Modell for 2025',
    outcomes: [
      {
        indicatorCode: 'NO-WORK-01',
        proxy: '250000',
        proxySource: PROXY_SOURCE_WORK,
        deadweight: '30',
        attribution: '25',
        displacement: '10',
        dropOff: '30',
        durationYears: 3,
      },
      {
        indicatorCode: 'NO-WORK-08',
        proxy: '180000',
        proxySource: 'Sparte offentlige ytelser per person per år (AAP/sosialhjelp, anslag 2024)',
        deadweight: '35',
        attribution: '30',
        displacement: '0',
        dropOff: '25',
        durationYears: 2,
      },
    ],
  },
  'ungt-haap': {
    discountRate: '4',
    window: { from: '2023-01-01', to: '2024-12-31' },
    note: 'Skaleringsperioden 2023–2024; innsats = investorens tilskudd og verdsatt støtte i perioden',
    outcomes: [
      {
        indicatorCode: 'NO-YOUTH-01',
        proxy: '40000',
        proxySource: 'Anslått årlig samfunnsgevinst per ungdom tilbake i aktivitet (konservativt anslag)',
        deadweight: '40',
        attribution: '30',
        displacement: '0',
        dropOff: '40',
        durationYears: 2,
      },
      {
        indicatorCode: 'NO-WORK-06',
        proxy: '60000',
        proxySource: 'Anslått årlig gevinst per person over i utdanning (konservativt anslag)',
        deadweight: '40',
        attribution: '30',
        displacement: '0',
        dropOff: '30',
        durationYears: 3,
      },
    ],
  },
}

const CONTRACT_NAME = 'Jobbsjansen Follo 2024–2025'
const CONTRACT_VENTURE = 'arbeidsglede'

export async function loadDemoEconomics(ctx: Ctx, identity: DemoIdentity): Promise<void> {
  for (const [key, model] of Object.entries(MODELS)) {
    const ventureId = identity.ventures[key]
    if (!ventureId || (await hasModel(ctx, ventureId))) continue
    // Skipped, not failed, when the outcomes demo did not assign what the model values.
    await insertSroiModelAudited(ctx, ventureId, model, identity.investorId).catch(skipInvalid)
  }
  const contractId = await demoContract(ctx, identity)
  if (!contractId) return
  // Every party of the demo contract has agreed to it, so it is active as the demo shows it.
  await acceptAllPartiesAudited(ctx, contractId)
  await approveDemoStatements(ctx, contractId)
}

const hasModel = async (ctx: Ctx, ventureId: string) =>
  !!(await ctx.db
    .selectFrom('sroiModels')
    .select('id')
    .where('ventureOrgId', '=', ventureId)
    .limit(1)
    .executeTakeFirst())

function skipInvalid(e: unknown) {
  if (isProblem(e) && e.status === 422) return undefined
  throw e
}

async function demoContract(ctx: Ctx, identity: DemoIdentity): Promise<string | undefined> {
  const providerId = identity.ventures[CONTRACT_VENTURE]
  const payerId = identity.municipalities['nordre-follo']
  if (!providerId || !payerId) return undefined
  const existing = await ctx.db
    .selectFrom('outcomeContracts')
    .select('id')
    .where('providerOrgId', '=', providerId)
    .where('name', '=', CONTRACT_NAME)
    .executeTakeFirst()
  if (existing) return existing.id
  return insertContractAudited(ctx, {
    name: CONTRACT_NAME,
    description:
      'Effektkontrakt mellom Nordre Follo kommune og Arbeidsglede AS, i samarbeid med NAV Nordre Follo: kommunen betaler for hver deltaker over i ordinært arbeid utover det som ville skjedd uansett (3 per kvartal). Nordlys Sosial Kapital forhåndsfinansierer.',
    payerOrgId: payerId,
    providerVentureId: providerId,
    investors: [identity.investorId],
    partners: [identity.agencyId],
    frequency: 'quarterly',
    startDate: '2024-01-01',
    endDate: '2025-12-31',
    totalCap: '3000000.00',
    metrics: [
      {
        indicatorCode: 'NO-WORK-01',
        label: 'Overgang til ordinært arbeid',
        pricePerUnit: '60000.00',
        baselineUnitsPerPeriod: '3',
        unitCap: '60',
      },
    ],
  }).catch(skipInvalid)
}

/** Approves 2024-Q1 … 2025-Q3, each as of 30 days after the quarter; 2025-Q4 stays a draft. */
async function approveDemoStatements(ctx: Ctx, contractId: string) {
  const contract = await contracts.findContract(ctx.db, contractId)
  if (!contract) return
  const periods = periodsBetween(contract.startDate, contract.endDate, contract.frequency).slice(0, -1)
  for (const key of periods) {
    const asOf = new Date(`${addDays(requirePeriod(key).end, 30)}T12:00:00Z`)
    if (asOf > ctx.now) break
    await approveStatementAudited({ ...ctx, now: asOf }, contract, key).catch((e: unknown) => {
      // A negative statement is set off against the next one, as in the API.
      if (isProblem(e) && e.status === 409) return undefined
      throw e
    })
  }
}
