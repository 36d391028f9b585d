import {
  type IatiSector,
  type InstrumentClassification,
  isDacSector,
  textLanguage,
} from './iati-classification.ts'
import type { TransactionType } from './ledger.ts'
import { Decimal, roundMoney, toNok } from './money.ts'
import { isValidOrgNumber } from './org-number.ts'
import { isValidDate } from './periods.ts'

/**
 * IATI 2.03 activity XML: one `iati-activity` per investment. Element order follows the
 * xsd:sequence of iati-activities-schema.xsd exactly; test/unit/iati.test.ts validates the output
 * against the official schema. Codes come from the codelists in test/fixtures/iati-2.03/codelists.
 */

export type VentureStatus = 'active' | 'exited' | 'closed'
export type IndicatorLevel = 'output' | 'outcome' | 'impact'

/** An organisation as IATI names it: `ref` is an IATI organisation identifier (`NO-BRC-…`). */
export interface IatiOrg {
  ref?: string
  name: string
  /** OrganisationType code, e.g. 70 private sector, 60 foundation, 11 local government. */
  type?: string
}

export interface IatiReportingOrg {
  ref: string
  name: string
  type: string
}

export interface IatiTransaction {
  /** Ledger id, published as transaction/@ref. The shape follows ledger.ts's LedgerEntry. */
  id: string
  type: TransactionType
  date: string
  /** Positive, in `currency`. */
  amount: Decimal
  currency: string
  /** NOK per unit of `currency` on `date`; required unless the currency is NOK. */
  rateToNok?: Decimal | null
  /** Id of the entry this one reverses: published as a negative value of the same type. */
  reversesId?: string | null
  description?: string
  /** Who paid, where it is not the venture: the buyer on equity_sale, the payer on outcome_payment. */
  counterparty?: IatiOrg
}

/** A breakdown category, e.g. `{ name: 'gender', value: 'female' }`. */
export interface IatiDimension {
  name: string
  value: string
}

export interface IatiResultValue {
  value: Decimal
  /** None for the total; one or more for a breakdown cell. */
  dimensions?: IatiDimension[]
  comment?: string
}

export interface IatiPeriod {
  start: string
  end: string
  targets: IatiResultValue[]
  actuals: IatiResultValue[]
}

export interface IatiIndicator {
  /** Catalogue code (IRIS+ id or own code), published as reference vocabulary 99. */
  code: string
  /** Where the code is defined, e.g. the IRIS+ metric page. */
  referenceUri?: string
  /** The Norwegian name, published in the activity's language. */
  title: string
  /** The English name, published beside it as a second narrative (xml:lang="en"). */
  titleEn?: string
  description?: string
  level: IndicatorLevel
  /** `percentage` values are in percent (72.5), not fractions. */
  measure: 'unit' | 'percentage'
  /** True when more is better (direction `increase`). */
  ascending: boolean
  baseline?: { date: string; value: Decimal; comment?: string }
  periods: IatiPeriod[]
}

export interface IatiActivity {
  investmentId: string
  title: string
  description: string
  status: VentureStatus
  /** Currency of the investment: the activity's default-currency. */
  currency: string
  /** The date the investment was agreed: published as planned start. */
  startDate: string
  /** Maturity or agreed end, if any: planned end. */
  plannedEndDate?: string
  /** Exit or closing date; when missing for an exited/closed venture, the last transaction date. */
  actualEndDate?: string
  lastUpdatedAt?: string
  /** The implementing organisation. The funding organisation is the reporting organisation. */
  venture: IatiOrg
  /** DAC 5-digit sectors (see iati-classification.ts): at least one. */
  sectors: IatiSector[]
  /** Default finance type, flow type, aid type and tied status of the investment's instrument. */
  classification: InstrumentClassification
  /** For outcome contracts: the municipality or agency paying for outcomes (a funder too). */
  outcomePayer?: IatiOrg
  transactions: IatiTransaction[]
  results: IatiIndicator[]
  /** ISO 3166-1 alpha-2, default NO. */
  recipientCountry?: string
}

export interface IatiInput {
  /** xsd:dateTime, e.g. `2026-11-27T10:00:00Z`. */
  generatedAt: string
  /** ISO 639-1 language of the texts (xml:lang on each activity); default `en`. */
  language?: string
  reportingOrg: IatiReportingOrg
  activities: IatiActivity[]
}

export interface IatiIssue {
  path: string
  message: string
}

export class IatiInputError extends Error {
  constructor(readonly issues: IatiIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '))
    this.name = 'IatiInputError'
  }
}

/** `NO-BRC-<orgnr>` (Brønnøysund register prefix in IATI's org-id list), or null if invalid. */
export function norwegianOrgRef(orgNumber: string): string | null {
  return isValidOrgNumber(orgNumber) ? `NO-BRC-${orgNumber}` : null
}

/** The reporting organisation's identifier, a hyphen, then our own id: stable once published. */
export const iatiActivityIdentifier = (reportingOrgRef: string, investmentId: string) =>
  `${reportingOrgRef}-${investmentId}`

/**
 * TransactionType codes. Two of ours have no exact twin in the codelist:
 * - outcome_payment → 1 Incoming Funds, "funds received for use on the activity, which can be
 *   from an external or internal source": the payer (provider-org) pays the venture for results.
 *   3 Disbursement and 7 Reimbursement are "outgoing funds" of the reporter, and the investor does
 *   not pay these, so they would overstate its outflows.
 * - write_off → none. Every code describes a flow or a promise of funds (commitment, disbursement,
 *   expenditure, interest, loan repayment, reimbursement, equity, guarantee, pledges); a write-off
 *   moves no money. It is left out of the transactions and disclosed in a description of type 4
 *   (Other), so sums of IATI transactions stay sums of real flows.
 */
export const TRANSACTION_TYPE_CODES: Record<Exclude<TransactionType, 'write_off'>, string> = {
  outcome_payment: '1',
  commitment: '2',
  disbursement: '3',
  interest: '5',
  repayment: '6',
  equity_purchase: '8',
  equity_sale: '9',
}

/**
 * ActivityStatus codes: active → 2 Implementation; exited → 4 Closed (the investor's part is
 * complete); closed → 3 Finalisation ("complete … but remains open pending financial sign off",
 * as a closed venture's loans and write-offs usually are).
 */
export const ACTIVITY_STATUS_CODES: Record<VentureStatus, string> = { active: '2', exited: '4', closed: '3' }

/** OrganisationRole codes. */
export const ORGANISATION_ROLE = { funding: '1', implementing: '4' } as const
/** ActivityDateType codes. */
export const ACTIVITY_DATE_TYPE = {
  plannedStart: '1',
  actualStart: '2',
  plannedEnd: '3',
  actualEnd: '4',
} as const
/** ResultType (1 output, 2 outcome, 3 impact) and IndicatorMeasure (1 unit, 2 percentage). */
const RESULT_TYPE: Record<IndicatorLevel, string> = { output: '1', outcome: '2', impact: '3' }
const MEASURE = { unit: '1', percentage: '2' } as const
/** DescriptionType: 1 general, 4 other. IndicatorVocabulary 99: the reporting organisation's own. */
const DESCRIPTION_GENERAL = '1'
const DESCRIPTION_OTHER = '4'
const OWN_VOCABULARY = '99'
/** SectorVocabulary 1 (OECD DAC CRS 5-digit) and AidTypeVocabulary 1 (OECD DAC). */
const SECTOR_VOCABULARY_DAC = '1'
const AID_TYPE_VOCABULARY_DAC = '1'

/** Builds the whole `iati-activities` document; throws IatiInputError listing every bad field. */
export function buildIatiXml(input: IatiInput): string {
  const issues = checkInput(input)
  if (issues.length) throw new IatiInputError(issues)
  const root = el(
    'iati-activities',
    { version: '2.03', 'generated-datetime': input.generatedAt },
    input.activities.map((a) => activity(input, a)),
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, '')}\n`
}

function activity(input: IatiInput, a: IatiActivity): XmlElement {
  const reporter = input.reportingOrg
  const flows = a.transactions
    .filter((t) => t.type !== 'write_off')
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
  const writeOffs = a.transactions.filter((t) => t.type === 'write_off')
  const first = flows[0]?.date
  const last = flows.at(-1)?.date
  const actualEnd = a.status === 'active' ? undefined : (a.actualEndDate ?? last)
  return el(
    'iati-activity',
    {
      'xml:lang': input.language ?? 'en',
      'default-currency': a.currency,
      'last-updated-datetime': a.lastUpdatedAt,
    },
    [
      el('iati-identifier', {}, iatiActivityIdentifier(reporter.ref, a.investmentId)),
      el('reporting-org', { ref: reporter.ref, type: reporter.type }, [narrative(reporter.name)]),
      el('title', {}, [written(input, a.title)]),
      el('description', { type: DESCRIPTION_GENERAL }, [written(input, a.description)]),
      writeOffs.length > 0 &&
        el('description', { type: DESCRIPTION_OTHER }, [narrative(writeOffNote(writeOffs), english(input))]),
      participant(reporter, ORGANISATION_ROLE.funding),
      a.outcomePayer && participant(a.outcomePayer, ORGANISATION_ROLE.funding),
      participant(a.venture, ORGANISATION_ROLE.implementing),
      el('activity-status', { code: ACTIVITY_STATUS_CODES[a.status] }),
      el('activity-date', { type: ACTIVITY_DATE_TYPE.plannedStart, 'iso-date': a.startDate }),
      first !== undefined && el('activity-date', { type: ACTIVITY_DATE_TYPE.actualStart, 'iso-date': first }),
      a.plannedEndDate !== undefined &&
        el('activity-date', { type: ACTIVITY_DATE_TYPE.plannedEnd, 'iso-date': a.plannedEndDate }),
      actualEnd !== undefined &&
        el('activity-date', { type: ACTIVITY_DATE_TYPE.actualEnd, 'iso-date': actualEnd }),
      el('recipient-country', { code: a.recipientCountry ?? 'NO', percentage: '100' }),
      ...a.sectors.map((s) =>
        el('sector', { vocabulary: SECTOR_VOCABULARY_DAC, code: s.code, percentage: s.percentage }),
      ),
      el('default-flow-type', { code: a.classification.flowType }),
      el('default-finance-type', { code: a.classification.financeType }),
      el('default-aid-type', { code: a.classification.aidType, vocabulary: AID_TYPE_VOCABULARY_DAC }),
      el('default-tied-status', { code: a.classification.tiedStatus }),
      ...flows.map((t) => transaction(input, a, t)),
      ...a.results.map((r) => result(input, r)),
    ],
  )
}

function participant(org: IatiOrg, role: string): XmlElement {
  return el('participating-org', { ref: org.ref, type: org.type, role }, [narrative(org.name)])
}

function transaction(input: IatiInput, a: IatiActivity, t: IatiTransaction): XmlElement {
  const reporter = input.reportingOrg
  const kind = t.type as Exclude<TransactionType, 'write_off'>
  const amount = signed(t)
  const notes = [
    t.description,
    t.reversesId ? `Reverses transaction ${t.reversesId}` : undefined,
    nokNote(amount, t),
  ].filter((s): s is string => s !== undefined && s.trim() !== '')
  const outgoing = kind === 'commitment' || kind === 'disbursement' || kind === 'equity_purchase'
  const fromVenture = kind === 'interest' || kind === 'repayment'
  // The buyer of shares is named only when recorded; an outcome payment falls back to the payer
  // of the investment's outcome contract.
  const provider = outgoing
    ? reporter
    : fromVenture
      ? a.venture
      : kind === 'outcome_payment'
        ? (t.counterparty ?? a.outcomePayer)
        : t.counterparty
  const receiver = outgoing || kind === 'outcome_payment' ? a.venture : reporter
  return el('transaction', { ref: t.id }, [
    el('transaction-type', { code: TRANSACTION_TYPE_CODES[kind] }),
    el('transaction-date', { 'iso-date': t.date }),
    el('value', { currency: t.currency, 'value-date': t.date }, money(amount)),
    // Our own wording is English; a person's note leads the text and decides its language.
    notes.length > 0 &&
      el('description', {}, [
        t.description?.trim()
          ? written(input, notes.join('. '), t.description)
          : narrative(notes.join('. '), english(input)),
      ]),
    provider && el('provider-org', { ref: provider.ref, type: provider.type }, [narrative(provider.name)]),
    el('receiver-org', { ref: receiver.ref, type: receiver.type }, [narrative(receiver.name)]),
  ])
}

/** A reversing entry counts negatively, as everywhere else in the ledger. */
const signed = (t: IatiTransaction) => (t.reversesId ? t.amount.negated() : t.amount)

/** The NOK equivalent at the stored rate, rounded half-even to øre once (PRODUCT.md §2). */
function nokNote(amount: Decimal, t: IatiTransaction): string | undefined {
  if (t.currency === 'NOK' || !t.rateToNok) return undefined
  const nok = roundMoney(toNok(amount, t.currency, t.rateToNok))
  // Numbers and codes only, so it reads the same beside Norwegian or English text.
  return `NOK ${nok.toFixed(2)} (${t.rateToNok.toFixed()} NOK/${t.currency}, ${t.date})`
}

function writeOffNote(writeOffs: IatiTransaction[]): string {
  const entries = writeOffs.map((t) => {
    const amount = signed(t)
    const nok = nokNote(amount, t)
    return `${t.currency} ${money(amount)} on ${t.date}${nok ? ` (${nok})` : ''}`
  })
  return `Written off (no IATI transaction type; not included in the transactions): ${entries.join('; ')}`
}

function result(input: IatiInput, ind: IatiIndicator): XmlElement {
  const titles = () => [
    narrative(ind.title, (input.language ?? 'en') === 'nb' ? undefined : 'nb'),
    !!ind.titleEn?.trim() &&
      ind.titleEn.trim() !== ind.title.trim() &&
      narrative(ind.titleEn, english(input)),
  ]
  const description = () =>
    ind.description !== undefined && el('description', {}, [written(input, ind.description)])
  return el('result', { type: RESULT_TYPE[ind.level] }, [
    el('title', {}, titles()),
    description(),
    el('indicator', { measure: MEASURE[ind.measure], ascending: String(ind.ascending) }, [
      el('title', {}, titles()),
      description(),
      el('reference', { vocabulary: OWN_VOCABULARY, code: ind.code, 'indicator-uri': ind.referenceUri }),
      ind.baseline &&
        el(
          'baseline',
          {
            year: ind.baseline.date.slice(0, 4),
            'iso-date': ind.baseline.date,
            value: ind.baseline.value.toFixed(),
          },
          [ind.baseline.comment !== undefined && el('comment', {}, [narrative(ind.baseline.comment)])],
        ),
      ...ind.periods.map((p) =>
        el('period', {}, [
          el('period-start', { 'iso-date': p.start }),
          el('period-end', { 'iso-date': p.end }),
          ...p.targets.map((v) => measured('target', v)),
          ...p.actuals.map((v) => measured('actual', v)),
        ]),
      ),
    ]),
  ])
}

/** target/actual: schema order is location*, dimension*, comment?, document-link*. */
function measured(name: 'target' | 'actual', v: IatiResultValue): XmlElement {
  return el(name, { value: v.value.toFixed() }, [
    ...(v.dimensions ?? []).map((d) => el('dimension', { name: d.name, value: d.value })),
    v.comment !== undefined && el('comment', {}, [narrative(v.comment)]),
  ])
}

/** Two decimals for ordinary amounts; more only when the amount really has them. */
const money = (d: Decimal) => (d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed())

// ---- input checks: everything the schema would reject, reported as field errors ----

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/
const CURRENCY = /^[A-Z]{3}$/
// IATI identifiers must not contain whitespace or / & | ? (they end up in URLs and file names)
const IDENTIFIER_PART = /^[^\s/&|?]+$/

function checkInput(input: IatiInput): IatiIssue[] {
  const issues: IatiIssue[] = []
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) issues.push({ path, message })
  }
  const date = (value: string | undefined, path: string) =>
    need(value === undefined || isValidDate(value), path, 'Must be a date YYYY-MM-DD')
  const text = (value: string | undefined, path: string) =>
    need(value !== undefined && value.trim() !== '', path, 'Must not be empty')

  need(DATE_TIME.test(input.generatedAt), 'generatedAt', 'Must be a date-time such as 2026-11-27T10:00:00Z')
  need(
    IDENTIFIER_PART.test(input.reportingOrg.ref),
    'reportingOrg.ref',
    'Must be an IATI organisation identifier',
  )
  text(input.reportingOrg.name, 'reportingOrg.name')
  text(input.reportingOrg.type, 'reportingOrg.type')
  need(
    input.activities.length > 0,
    'activities',
    'IATI needs at least one activity: there are no investments',
  )

  input.activities.forEach((a, i) => {
    const at = `activities.${i}`
    need(IDENTIFIER_PART.test(a.investmentId), `${at}.investmentId`, 'Must not contain spaces or / & | ?')
    text(a.title, `${at}.title`)
    text(a.description, `${at}.description`)
    text(a.venture.name, `${at}.venture.name`)
    need(a.sectors.length > 0, `${at}.sectors`, 'An activity needs at least one sector')
    a.sectors.forEach((s, k) => {
      need(isDacSector(s.code), `${at}.sectors.${k}.code`, 'Must be an active DAC 5-digit sector code')
    })
    need(
      a.sectors.length < 2 ||
        a.sectors.reduce((sum, s) => sum.plus(s.percentage ?? 'NaN'), new Decimal(0)).eq(100),
      `${at}.sectors`,
      'Percentages of several sectors must sum to 100',
    )
    need(CURRENCY.test(a.currency), `${at}.currency`, 'Must be an ISO 4217 code such as NOK')
    date(a.startDate, `${at}.startDate`)
    date(a.plannedEndDate, `${at}.plannedEndDate`)
    date(a.actualEndDate, `${at}.actualEndDate`)
    need(
      a.lastUpdatedAt === undefined || DATE_TIME.test(a.lastUpdatedAt),
      `${at}.lastUpdatedAt`,
      'Must be a date-time',
    )
    a.transactions.forEach((t, j) => {
      const tp = `${at}.transactions.${j}`
      date(t.date, `${tp}.date`)
      need(t.amount.isFinite() && t.amount.gt(0), `${tp}.amount`, 'Must be greater than 0')
      need(CURRENCY.test(t.currency), `${tp}.currency`, 'Must be an ISO 4217 code such as NOK')
      need(
        t.currency === 'NOK' || (!!t.rateToNok && t.rateToNok.isFinite() && t.rateToNok.gt(0)),
        `${tp}.rateToNok`,
        'A positive rate to NOK is required for a foreign-currency transaction',
      )
    })
    a.results.forEach((r, k) => {
      const rp = `${at}.results.${k}`
      text(r.code, `${rp}.code`)
      text(r.title, `${rp}.title`)
      if (r.baseline) date(r.baseline.date, `${rp}.baseline.date`)
      r.periods.forEach((p, m) => {
        date(p.start, `${rp}.periods.${m}.start`)
        date(p.end, `${rp}.periods.${m}.end`)
        need(p.start <= p.end, `${rp}.periods.${m}.end`, 'Must not be before the start')
      })
    })
  })
  return issues
}

// ---- a minimal XML writer: elements, attributes, text; nothing else is needed ----

interface XmlElement {
  name: string
  attrs: Record<string, string | undefined>
  children: XmlElement[]
  text?: string
}

type Child = XmlElement | false | undefined | null

function el(
  name: string,
  attrs: Record<string, string | undefined>,
  content: Child[] | string = [],
): XmlElement {
  if (typeof content === 'string') return { name, attrs, children: [], text: content }
  return { name, attrs, children: content.filter((c): c is XmlElement => Boolean(c)) }
}

const narrative = (text: string, lang?: string) => el('narrative', { 'xml:lang': lang }, text)
/**
 * A text a person wrote: marked with the language its words show when that is not the
 * activity's (English text in a Norwegian file says xml:lang="en"); `sample` is the part that
 * decides, when our own wording is appended.
 */
const written = (input: IatiInput, text: string, sample: string = text) => {
  const lang = textLanguage(sample)
  return narrative(text, lang !== undefined && lang !== (input.language ?? 'en') ? lang : undefined)
}
/** xml:lang for text this module writes itself, when the activity's default language is not English. */
const english = (input: IatiInput) => ((input.language ?? 'en') === 'en' ? undefined : 'en')

function render(node: XmlElement, indent: string): string {
  const attrs = Object.entries(node.attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('')
  const open = `${indent}<${node.name}${attrs}`
  if (node.text !== undefined) return `${open}>${escapeText(node.text)}</${node.name}>`
  if (node.children.length === 0) return `${open}/>`
  const inner = node.children.map((c) => render(c, `${indent}  `)).join('\n')
  return `${open}>\n${inner}\n${indent}</${node.name}>`
}

/** XML 1.0 cannot carry most C0 controls, lone surrogates or U+FFFE/U+FFFF, not even escaped. */
function xmlSafe(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.codePointAt(0) as number
    const ok =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c >= 0x10000
    out += ok ? ch : '\uFFFD'
  }
  return out
}

// CR is escaped so parsers do not normalise it away; tabs and newlines in attributes likewise.
const escapeText = (s: string) =>
  xmlSafe(s)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#13;')
const escapeAttr = (s: string) =>
  escapeText(s).replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\t', '&#9;')
