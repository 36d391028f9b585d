import type { TransactionType } from '../db/schema-capital.ts'
import { withTx } from '../db/tx.ts'
import type {
  CreateContributionInput,
  CreateFundingInput,
  CreateInvestmentInput,
  CreateTransactionInput,
} from '../modules/capital/index.ts'
import {
  findInvestment,
  insertContributionAudited,
  insertFundingAudited,
  insertInvestmentAudited,
  recordTransaction,
  recordValuation,
} from '../modules/capital/index.ts'
import type { Ctx } from '../modules/context.ts'
import type { DemoIdentity } from './identity.ts'

/**
 * The demo investor's capital and support in the twelve demo ventures, 2019–2026: grants, loans
 * (one partly repaid, one paid back, one partly written off), an equity stake with yearly
 * valuations, a convertible in EUR, an outcome contract with outcome payments, a corrected
 * (reversed) entry, co-investors as other funding, and network and competence support.
 * Fixed data, so every demo looks the same; nothing is dated after 2026-11-27.
 */
interface DemoEntry {
  type: TransactionType
  date: string
  amount: string
  rateToNok?: string
  note?: string
  /** Names the entry so a later one can reverse it. */
  key?: string
  /** Reverses the entry with this key (a correction). */
  reverses?: string
  /** Outcome payments: the key of the demo municipality that paid. */
  payer?: string
}

interface DemoInvestment {
  venture: string
  investment: Omit<CreateInvestmentInput, 'currency'> & { currency?: string }
  entries: DemoEntry[]
  valuations?: [date: string, value: string][]
}

const e = (
  type: TransactionType,
  date: string,
  amount: string,
  extra: Partial<DemoEntry> = {},
): DemoEntry => ({
  type,
  date,
  amount,
  ...extra,
})

const INVESTMENTS: DemoInvestment[] = [
  {
    venture: 'arbeidsglede',
    investment: { name: 'Oppstartstilskudd 2019', instrument: 'grant', startDate: '2019-05-01' },
    entries: [
      e('commitment', '2019-05-01', '300000.00'),
      e('disbursement', '2019-06-01', '150000.00'),
      e('disbursement', '2020-01-15', '150000.00'),
    ],
  },
  {
    // The loan that is partly repaid: 1 300 000 of 2 000 000 back by 2026.
    venture: 'arbeidsglede',
    investment: {
      name: 'Lån 2020',
      instrument: 'loan',
      startDate: '2020-03-01',
      interestRate: '3.5',
      maturityDate: '2027-03-01',
    },
    entries: [
      e('commitment', '2020-02-15', '2000000.00'),
      e('disbursement', '2020-03-01', '1200000.00'),
      e('disbursement', '2021-01-15', '800000.00'),
      e('interest', '2021-12-31', '68000.00'),
      e('repayment', '2022-06-30', '200000.00'),
      e('interest', '2022-12-31', '66500.00'),
      e('repayment', '2023-06-30', '250000.00'),
      e('interest', '2023-12-31', '58625.00'),
      e('repayment', '2024-06-30', '250000.00'),
      e('interest', '2024-12-31', '49875.00'),
      e('repayment', '2025-06-30', '300000.00'),
      e('interest', '2025-12-31', '39375.00'),
      e('repayment', '2026-06-30', '300000.00'),
    ],
  },
  {
    venture: 'ungt-haap',
    investment: { name: 'Mentorprogrammet 2019–2021', instrument: 'grant', startDate: '2019-09-01' },
    entries: [
      e('commitment', '2019-09-01', '1500000.00'),
      e('disbursement', '2019-09-15', '500000.00'),
      e('disbursement', '2020-09-15', '500000.00'),
      e('disbursement', '2021-09-15', '500000.00'),
    ],
  },
  {
    venture: 'ungt-haap',
    investment: { name: 'Skalering 2023–2025', instrument: 'grant', startDate: '2023-02-01' },
    entries: [
      e('commitment', '2023-02-01', '800000.00'),
      e('disbursement', '2023-03-01', '400000.00'),
      e('disbursement', '2024-03-01', '400000.00'),
    ],
  },
  {
    venture: 'laerling-follo',
    investment: {
      name: 'Resultatkontrakt lærlinger 2022–2026',
      instrument: 'outcome_contract',
      startDate: '2022-01-01',
      description: 'Outcome payments from Nordre Follo kommune per completed apprenticeship.',
    },
    entries: [
      e('commitment', '2022-01-01', '2400000.00'),
      e('disbursement', '2022-01-15', '600000.00'),
      e('disbursement', '2023-01-15', '600000.00'),
      e('outcome_payment', '2023-03-31', '180000.00', { payer: 'nordre-follo' }),
      e('disbursement', '2024-01-15', '600000.00'),
      e('outcome_payment', '2024-03-31', '320000.00', { payer: 'nordre-follo' }),
      e('outcome_payment', '2025-03-31', '410000.00', { payer: 'nordre-follo' }),
      e('outcome_payment', '2026-03-31', '350000.00', { payer: 'nordre-follo' }),
    ],
  },
  {
    // The equity stake, valued every year end.
    venture: 'gronn-omstart',
    investment: { name: 'Aksjer (15 %)', instrument: 'equity', startDate: '2021-04-01', ownershipPct: '15' },
    entries: [
      e('commitment', '2021-04-01', '3000000.00'),
      e('disbursement', '2021-04-15', '3000000.00'),
      e('equity_purchase', '2021-04-15', '3000000.00'),
    ],
    valuations: [
      ['2021-12-31', '3000000.00'],
      ['2022-12-31', '3400000.00'],
      ['2023-12-31', '2900000.00'],
      ['2024-12-31', '3800000.00'],
      ['2025-12-31', '4500000.00'],
    ],
  },
  {
    // A typing error corrected by a reversal, as the ledger requires.
    venture: 'kafe-inkludert',
    investment: { name: 'Ny kafé på Grønland', instrument: 'grant', startDate: '2020-05-01' },
    entries: [
      e('commitment', '2020-05-01', '600000.00'),
      e('disbursement', '2020-06-01', '300000.00'),
      e('disbursement', '2021-06-01', '30000.00', { key: 'typo', note: 'Andre utbetaling' }),
      e('disbursement', '2021-06-03', '30000.00', {
        reverses: 'typo',
        note: 'Feil beløp: skulle vært 300 000',
      }),
      e('disbursement', '2021-06-03', '300000.00', { note: 'Andre utbetaling, korrigert' }),
    ],
  },
  {
    venture: 'sykkelverkstedet',
    investment: {
      name: 'Driftslån 2019',
      instrument: 'loan',
      startDate: '2019-03-01',
      interestRate: '4',
      maturityDate: '2025-03-01',
    },
    entries: [
      e('commitment', '2019-03-01', '750000.00'),
      e('disbursement', '2019-03-15', '750000.00'),
      e('repayment', '2020-03-15', '100000.00'),
      e('interest', '2020-03-15', '30000.00'),
      e('repayment', '2021-03-15', '100000.00'),
      e('interest', '2021-03-15', '26000.00'),
      e('repayment', '2022-03-15', '100000.00'),
      e('interest', '2022-03-15', '22000.00'),
      e('repayment', '2023-03-15', '100000.00'),
      e('interest', '2023-03-15', '18000.00'),
      e('write_off', '2024-12-31', '150000.00', { note: 'Delvis avskrevet etter tap av hovedkunde' }),
    ],
  },
  {
    // Foreign currency: a convertible agreed in EUR, each entry with its own rate to NOK.
    venture: 'digital-vei',
    investment: {
      name: 'Konvertibelt lån (EUR)',
      instrument: 'convertible',
      currency: 'EUR',
      startDate: '2022-09-01',
      interestRate: '5',
      maturityDate: '2027-09-01',
    },
    entries: [
      e('commitment', '2022-09-01', '100000.00', { rateToNok: '10.1235' }),
      e('disbursement', '2022-09-15', '60000.00', { rateToNok: '10.0545' }),
      e('disbursement', '2023-09-15', '40000.00', { rateToNok: '11.5180' }),
      e('interest', '2024-09-15', '5000.00', { rateToNok: '11.7525' }),
      e('interest', '2025-09-15', '5000.00', { rateToNok: '11.6715' }),
    ],
  },
  {
    venture: 'spraakbro',
    investment: { name: 'Språk på jobb 2021–2023', instrument: 'grant', startDate: '2021-01-10' },
    entries: [
      e('commitment', '2021-01-10', '900000.00'),
      e('disbursement', '2021-02-01', '300000.00'),
      e('disbursement', '2022-02-01', '300000.00'),
      e('disbursement', '2023-02-01', '300000.00'),
    ],
  },
  {
    venture: 'verdt-arbeid',
    investment: {
      name: 'Sosialt lån 2023',
      instrument: 'loan',
      startDate: '2023-05-01',
      interestRate: '2',
      maturityDate: '2030-05-01',
    },
    entries: [
      e('commitment', '2023-05-01', '1200000.00'),
      e('disbursement', '2023-05-15', '1200000.00'),
      e('interest', '2024-05-15', '24000.00'),
      e('repayment', '2025-05-15', '100000.00'),
      e('interest', '2025-05-15', '24000.00'),
    ],
  },
  {
    venture: 'aktiv-ungdom',
    investment: { name: 'Sommerjobber 2024–2025', instrument: 'grant', startDate: '2024-04-01' },
    entries: [
      e('commitment', '2024-04-01', '450000.00'),
      e('disbursement', '2024-05-01', '225000.00'),
      e('disbursement', '2025-05-01', '225000.00'),
    ],
  },
  {
    venture: 'aktiv-ungdom',
    investment: { name: 'Helårsaktivitet 2026', instrument: 'grant', startDate: '2026-02-01' },
    entries: [e('commitment', '2026-02-01', '500000.00'), e('disbursement', '2026-03-01', '250000.00')],
  },
  {
    venture: 'snekkerverkstedet',
    investment: { name: 'Verktøy og lokaler', instrument: 'grant', startDate: '2021-06-01' },
    entries: [e('commitment', '2021-06-01', '400000.00'), e('disbursement', '2021-06-15', '400000.00')],
  },
  {
    venture: 'snekkerverkstedet',
    investment: {
      name: 'Vekstlån 2025',
      instrument: 'loan',
      startDate: '2025-09-01',
      interestRate: '4.5',
      maturityDate: '2030-09-01',
    },
    entries: [
      e('commitment', '2025-09-01', '500000.00'),
      e('disbursement', '2025-09-15', '250000.00'),
      e('disbursement', '2026-03-15', '250000.00'),
    ],
  },
  {
    // Paid back in full before the exit.
    venture: 'helse-i-arbeid',
    investment: {
      name: 'Lån 2019',
      instrument: 'loan',
      startDate: '2019-10-01',
      interestRate: '3',
      maturityDate: '2024-10-01',
    },
    entries: [
      e('commitment', '2019-10-01', '800000.00'),
      e('disbursement', '2019-10-15', '800000.00'),
      e('repayment', '2021-10-15', '200000.00'),
      e('interest', '2021-10-15', '48000.00'),
      e('repayment', '2022-10-15', '200000.00'),
      e('interest', '2022-10-15', '18000.00'),
      e('repayment', '2023-10-15', '200000.00'),
      e('interest', '2023-10-15', '12000.00'),
      e('repayment', '2024-10-01', '200000.00'),
      e('interest', '2024-10-01', '6000.00'),
    ],
  },
]

const CONTRIBUTIONS: [venture: string, CreateContributionInput][] = [
  [
    'arbeidsglede',
    {
      kind: 'competence',
      date: '2021-03-10',
      hours: '12',
      hourlyValue: '1500.00',
      topic: 'Styrearbeid',
      givenBy: 'Ingrid Investor',
      description: 'Styreseminar og strategiplan',
    },
  ],
  [
    'arbeidsglede',
    {
      kind: 'network',
      date: '2022-05-05',
      introducedParty: 'Follo Bygg AS',
      purpose: 'Kunde for vaktmestertjenester',
      result: 'customer_signed',
      value: '50000.00',
    },
  ],
  [
    'ungt-haap',
    {
      kind: 'competence',
      date: '2020-02-01',
      hours: '20',
      hourlyValue: '1200.00',
      topic: 'Effektmåling',
      givenBy: 'Analyseteamet',
    },
  ],
  [
    'laerling-follo',
    {
      kind: 'network',
      date: '2022-08-01',
      introducedParty: 'Entreprenørforeningen Follo',
      purpose: 'Flere lærlingplasser',
      result: 'partnership',
    },
  ],
  [
    'gronn-omstart',
    {
      kind: 'network',
      date: '2021-06-01',
      introducedParty: 'Erfaren styreleder fra sirkulærbransjen',
      purpose: 'Styrke styret',
      result: 'board_member',
      value: '100000.00',
    },
  ],
  [
    'gronn-omstart',
    {
      kind: 'competence',
      date: '2022-02-15',
      hours: '16',
      hourlyValue: '1800.00',
      topic: 'Finansiell modellering',
    },
  ],
  [
    'kafe-inkludert',
    { kind: 'competence', date: '2021-09-01', hours: '8', hourlyValue: '1000.00', topic: 'Markedsføring' },
  ],
  [
    'digital-vei',
    {
      kind: 'competence',
      date: '2023-01-20',
      hours: '10.5',
      hourlyValue: '1500.00',
      topic: 'Prising og salg',
    },
  ],
  [
    'digital-vei',
    {
      kind: 'network',
      date: '2023-04-01',
      introducedParty: 'Oslo Tech Talent',
      purpose: 'Rekruttering av daglig leder',
      result: 'hire',
      value: '75000.00',
    },
  ],
  [
    'spraakbro',
    {
      kind: 'network',
      date: '2026-09-15',
      introducedParty: 'Oslo kommune, Velferdsetaten',
      purpose: 'Pilot med språkpraksis',
      result: 'pending',
    },
  ],
  [
    'verdt-arbeid',
    { kind: 'competence', date: '2024-03-01', hours: '24', hourlyValue: '1500.00', topic: 'Økonomistyring' },
  ],
  [
    'helse-i-arbeid',
    { kind: 'competence', date: '2023-11-01', hours: '30', hourlyValue: '2000.00', topic: 'Exit-prosess' },
  ],
]

/** Co-investors and other funders; NAV is the demo agency, the others are fictional. */
const FUNDING = (identity: DemoIdentity): [venture: string, CreateFundingInput][] => [
  [
    'arbeidsglede',
    {
      funderOrgId: identity.agencyId,
      instrument: 'public_grant',
      amountNok: '850000.00',
      date: '2021-01-01',
      note: 'Tiltaksmidler',
    },
  ],
  [
    'arbeidsglede',
    {
      funderOrgId: identity.agencyId,
      instrument: 'public_grant',
      amountNok: '900000.00',
      date: '2023-01-01',
      note: 'Tiltaksmidler',
    },
  ],
  [
    'gronn-omstart',
    {
      funderName: 'Vestlandets Impact Invest',
      instrument: 'equity',
      amountNok: '2000000.00',
      date: '2021-04-15',
    },
  ],
  [
    'laerling-follo',
    {
      funderName: 'Sparebankstiftelsen Follo',
      instrument: 'grant',
      amountNok: '250000.00',
      date: '2023-06-01',
    },
  ],
  [
    'ungt-haap',
    {
      funderName: 'Stiftelsen Ungdomsløftet',
      instrument: 'donation',
      amountNok: '300000.00',
      date: '2022-11-01',
    },
  ],
]

/** The demo data is as of this day: the loader never records anything later. */
const DEMO_TODAY = new Date('2026-11-27T12:00:00Z')

/** Loads the demo capital once: skipped when the demo investor already has investments. */
export async function loadDemoCapital(ctx: Ctx, identity: DemoIdentity): Promise<void> {
  const existing = await ctx.db
    .selectFrom('investments')
    .select('id')
    .where('investorOrgId', '=', identity.investorId)
    .limit(1)
    .executeTakeFirst()
  if (existing) return
  // The rules compare dates with today; on a clock behind the demo's day, use the demo's day.
  const now = ctx.now > DEMO_TODAY ? ctx.now : DEMO_TODAY
  await withTx(ctx.db, async (trx) => {
    const txCtx: Ctx = { ...ctx, db: trx, now }
    for (const demo of INVESTMENTS) {
      const ventureId = identity.ventures[demo.venture]!
      const created = await insertInvestmentAudited(txCtx, identity.investorId, ventureId, {
        currency: 'NOK',
        ...demo.investment,
      })
      const investment = (await findInvestment(trx, created.id))!
      const ids = new Map<string, string>()
      for (const entry of demo.entries) {
        const input: CreateTransactionInput = entry.reverses
          ? {
              reversesId: ids.get(entry.reverses)!,
              date: entry.date,
              note: entry.note,
              overCommitment: false,
            }
          : {
              type: entry.type,
              date: entry.date,
              amount: entry.amount,
              ...(entry.rateToNok ? { rateToNok: entry.rateToNok } : {}),
              ...(entry.payer ? { payerOrgId: identity.municipalities[entry.payer]! } : {}),
              note: entry.note,
              overCommitment: false,
            }
        const stored = await recordTransaction(txCtx, investment, input)
        if (entry.key) ids.set(entry.key, stored.id)
      }
      for (const [date, value] of demo.valuations ?? []) {
        await recordValuation(txCtx, investment, { date, value, note: 'Verdivurdering ved årsslutt' })
      }
    }
    for (const [venture, input] of CONTRIBUTIONS) {
      await insertContributionAudited(txCtx, identity.investorId, identity.ventures[venture]!, input)
    }
    for (const [venture, input] of FUNDING(identity)) {
      await insertFundingAudited(txCtx, identity.ventures[venture]!, input)
    }
  })
}
