import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { VALUE_FIELD_CODES, validateValue } from '../../src/domain/aggregation.ts'
import { requirePeriod } from '../../src/domain/periods.ts'
import { Problem } from '../../src/http/problem.ts'
import type { AssignmentWithIndicator } from '../../src/modules/outcomes/index.ts'
import { checkValues } from '../../src/modules/outcomes/index.ts'
import { translator } from '../../web/i18n/index.ts'
import {
  type FormIndicator,
  field,
  fieldOfProblem,
  formIndicators,
  formValuesOfStored,
  normalizeNumber,
  parseReportForm,
} from '../../web/reporting/report-form.ts'
import {
  type FieldIssue,
  fieldProblemText,
  problemMessage,
  VALUE_MESSAGES,
} from '../../web/reporting/report-messages.ts'
import { formatterFor } from '../../web/ui/format.ts'
import type { View } from '../../web/ui/view.ts'

const viewIn = (lang: 'nb' | 'en') => ({ ...translator(lang), fmt: formatterFor(lang) }) as unknown as View

const work: FormIndicator = {
  code: 'NO-WORK-01',
  ratio: false,
  dimensions: [
    { dimension: 'gender', categories: ['female', 'male', 'other', 'unknown'] },
    { dimension: 'municipality', categories: ['3207'] },
  ],
}
const retention: FormIndicator = {
  code: 'PI3527',
  ratio: true,
  dimensions: [{ dimension: 'gender', categories: ['female', 'male', 'other', 'unknown'] }],
}

const completion: FormIndicator = { code: 'NO-YOUTH-05', ratio: true, dimensions: [] }

describe('numbers as people write them', () => {
  it('accepts grouping spaces, a decimal comma and the minus sign', () => {
    expect(normalizeNumber('1 250')).toBe('1250')
    expect(normalizeNumber('1\u00a0250,5')).toBe('1250.5')
    expect(normalizeNumber('12.5')).toBe('12.5')
    expect(normalizeNumber('\u22123')).toBe('-3')
    expect(normalizeNumber(' 7 ')).toBe('7')
  })

  it('refuses what is not one number', () => {
    for (const bad of ['tolv', '1,2,3', '12kr', '', '1e5', '--1', '1.2.3'])
      expect(normalizeNumber(bad)).toBeNull()
  })

  it('round-trips any decimal written the Norwegian way', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole}`.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') + (cents ? `,${cents}` : '')
        const normal = normalizeNumber(text)
        expect(normal).not.toBeNull()
        expect(new Decimal(normal!).eq(new Decimal(`${whole}${cents ? `.${cents}` : ''}`))).toBe(true)
      }),
    )
  })
})

describe('reading the report form', () => {
  it('sends what was filled in, leaves blank indicators and blank cells out, and names inputs that are not numbers', () => {
    const parsed = parseReportForm(
      {
        [field.total('NO-WORK-01')]: '12',
        [field.cell('NO-WORK-01', 'gender', 'female', 'value')]: '7',
        [field.cell('NO-WORK-01', 'gender', 'male', 'value')]: '5',
        [field.cell('NO-WORK-01', 'municipality', '3207', 'value')]: 'x',
        [field.note('NO-WORK-01')]: 'To hos Coop',
        [field.evidence('NO-WORK-01')]: 'https://a.example/1.pdf\n  https://a.example/2.pdf',
        [field.level('NO-WORK-01')]: 'document_checked',
        highlights: 'Bra kvartal',
      },
      [work, retention],
    )
    expect(parsed.notNumbers).toEqual([field.cell('NO-WORK-01', 'municipality', '3207', 'value')])
    expect(parsed.input).toEqual({
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '12',
          breakdowns: [
            { dimension: 'gender', category: 'female', value: '7' },
            { dimension: 'gender', category: 'male', value: '5' },
          ],
          note: 'To hos Coop',
          evidence: ['https://a.example/1.pdf', 'https://a.example/2.pdf'],
          verificationLevel: 'document_checked',
        },
      ],
      highlights: 'Bra kvartal',
      challenges: '',
      nextSteps: '',
    })
  })

  it('sends a rate as numerator and denominator, for the service to compute', () => {
    const parsed = parseReportForm(
      {
        [field.numerator('PI3527')]: '19',
        [field.denominator('PI3527')]: '110',
        [field.cell('PI3527', 'gender', 'female', 'numerator')]: '9',
        [field.cell('PI3527', 'gender', 'female', 'denominator')]: '50',
      },
      [retention],
    )
    expect(parsed.input.values).toEqual([
      {
        indicatorCode: 'PI3527',
        numerator: '19',
        denominator: '110',
        breakdowns: [{ dimension: 'gender', category: 'female', numerator: '9', denominator: '50' }],
      },
    ])
  })

  it('fills the form back from stored values with the decimal comma', () => {
    const values = formValuesOfStored(
      [
        {
          indicatorCode: 'PI3527',
          total: '17.27',
          numerator: '19',
          denominator: '110',
          breakdowns: [
            { dimension: 'gender', category: 'female', value: '18', numerator: '9', denominator: '50' },
          ],
          note: '',
          evidence: ['https://a.example/x'],
          verificationLevel: 'self_reported',
        },
      ],
      { highlights: 'H' },
      true,
    )
    expect(values[field.total('PI3527')]).toBe('17,27')
    expect(values[field.cell('PI3527', 'gender', 'female', 'numerator')]).toBe('9')
    expect(values[field.evidence('PI3527')]).toBe('https://a.example/x')
    expect(values.highlights).toBe('H')
    expect(values.challenges).toBe('')
  })
})

describe('the form’s breakdowns', () => {
  const assignment = (aggregation: string) =>
    [
      {
        assignment: { id: 'a', indicatorCode: 'NO-WORK-01' },
        indicator: { code: 'NO-WORK-01', aggregation, allowedBreakdowns: ['gender', 'municipality'] },
      },
    ] as unknown as AssignmentWithIndicator[]

  it('offers the venture’s municipalities in use during the period, and every number already stored', () => {
    const stored = [
      { indicatorCode: 'NO-WORK-01', breakdowns: [{ dimension: 'municipality', category: '0301' }] },
    ]
    const [ind] = formIndicators(
      assignment('sum'),
      ['3207', '0213'],
      { start: '2026-07-01', end: '2026-09-30' },
      stored,
    )
    expect(ind!.dimensions).toEqual([
      { dimension: 'gender', categories: ['female', 'male', 'other', 'unknown'] },
      { dimension: 'municipality', categories: ['0301', '3207'] },
    ])
    // Before the 2020 reform Ski (0213) was in use and Nordre Follo (3207) was not.
    const [old] = formIndicators(
      assignment('sum'),
      ['3207', '0213'],
      { start: '2019-01-01', end: '2019-03-31' },
      [],
    )
    expect(old!.dimensions.find((d) => d.dimension === 'municipality')?.categories).toEqual(['0213'])
  })
})

describe('placing the service’s problems next to their inputs', () => {
  const parsed = parseReportForm(
    {
      [field.total('NO-WORK-01')]: '12',
      [field.cell('NO-WORK-01', 'gender', 'male', 'value')]: '5',
      [field.cell('NO-WORK-01', 'municipality', '3207', 'value')]: '3',
      [field.numerator('PI3527')]: '1',
      [field.cell('PI3527', 'gender', 'male', 'denominator')]: '0',
    },
    [work, retention],
  )
  const at = (path: string, params?: Record<string, string>) =>
    fieldOfProblem({ path, params }, parsed.refs, [work, retention, completion])

  it('maps every path the service reports to one input or group', () => {
    expect(at('values.0.total')).toBe(field.total('NO-WORK-01'))
    expect(at('values.0.indicatorCode')).toBe(field.total('NO-WORK-01'))
    expect(at('values.0.breakdowns.0.value')).toBe(field.cell('NO-WORK-01', 'gender', 'male', 'value'))
    expect(at('values.0.breakdowns.1.category')).toBe(field.dimension('NO-WORK-01', 'municipality'))
    expect(at('values.0.note')).toBe(field.note('NO-WORK-01'))
    expect(at('values.0.evidence.1')).toBe(field.evidence('NO-WORK-01'))
    // A rate's total is computed: its problems go to the numerator the person typed.
    expect(at('values.1.total')).toBe(field.numerator('PI3527'))
    expect(at('values.1.denominator')).toBe(field.denominator('PI3527'))
    expect(at('values.1.breakdowns.0.value')).toBe(field.cell('PI3527', 'gender', 'male', 'numerator'))
    expect(at('values.1.breakdowns.0.denominator')).toBe(
      field.cell('PI3527', 'gender', 'male', 'denominator'),
    )
    expect(at('highlights')).toBe('highlights')
    expect(at('period')).toBe('form')
  })

  it('puts a sum that does not add up on the dimension its params name', () => {
    const sum = (dimension: string) => ({ dimension, part: 'values', sum: '14', total: '12' })
    expect(at('values.0.breakdowns', sum('municipality'))).toBe(field.dimension('NO-WORK-01', 'municipality'))
    expect(at('values.0.breakdowns', sum('gender'))).toBe(field.dimension('NO-WORK-01', 'gender'))
    // No dimension named: the indicator's first.
    expect(at('values.0.breakdowns')).toBe(field.dimension('NO-WORK-01', 'gender'))
  })

  it('puts a missing value found at submission on that indicator', () => {
    expect(at('values', { code: 'PI3527', name: 'Retention' })).toBe(field.numerator('PI3527'))
    // A rate left blank: its first input is the numerator (a rate has no total input).
    expect(at('values', { code: 'NO-YOUTH-05', name: 'Completion' })).toBe(field.numerator('NO-YOUTH-05'))
    expect(at('values', { code: 'NO-EDU-02', name: 'Education' })).toBe('form')
  })
})

describe('the service’s problems in the page’s language', () => {
  const people = {
    unit: 'people',
    aggregation: 'sum' as const,
    personal: true,
    allowedBreakdowns: ['gender', 'age_band', 'municipality'],
  }
  const percent = {
    unit: 'percent',
    aggregation: 'ratio' as const,
    personal: true,
    allowedBreakdowns: ['gender'],
  }
  const d = (s: string) => new Decimal(s)
  /** Every problem validateValue can report, provoked one by one. */
  const provoked = [
    validateValue({ total: null, breakdowns: [] }, people),
    validateValue({ total: d('1.5'), breakdowns: [] }, people),
    validateValue({ total: d('NaN'), breakdowns: [] }, people),
    validateValue({ total: d('101'), breakdowns: [] }, { ...people, unit: 'percent', personal: false }),
    validateValue({ total: d('3'), numerator: d('1'), breakdowns: [] }, people),
    validateValue({ total: d('3'), breakdowns: [] }, percent),
    validateValue({ total: d('3'), numerator: d('1'), denominator: d('0'), breakdowns: [] }, percent),
    validateValue({ total: d('3'), numerator: d('5'), denominator: d('2'), breakdowns: [] }, percent),
    validateValue({ total: d('40'), numerator: d('1'), denominator: d('3'), breakdowns: [] }, percent),
    validateValue(
      {
        total: d('12'),
        breakdowns: ['female', 'male', 'other', 'unknown'].map((category, i) => ({
          dimension: 'gender',
          category,
          value: d(String(i + 2)),
        })),
      },
      people,
    ),
    validateValue(
      { total: d('2'), breakdowns: [{ dimension: 'age_band', category: '16-29', value: d('5') }] },
      people,
    ),
    validateValue(
      {
        total: d('2'),
        breakdowns: [
          { dimension: 'sector', category: 'x', value: d('1') },
          { dimension: 'gender', category: 'woman', value: d('1') },
          { dimension: 'gender', category: 'male', value: d('1') },
          { dimension: 'gender', category: 'male', value: d('1') },
        ],
      },
      people,
    ),
    validateValue(
      { total: d('2'), breakdowns: [{ dimension: 'age_band', category: '16-29', value: d('1') }] },
      percent,
    ),
  ].flat()

  const provokedCodes = new Set(provoked.map((p) => p.code))

  it('provokes the problems the form can meet, each with its code', () => {
    expect(provoked.length).toBeGreaterThanOrEqual(11)
    for (const p of provoked) expect(VALUE_FIELD_CODES, p.message).toContain(p.code)
    // Every code validateValue itself can give (the others need assignments, the register, a submission).
    expect([...provokedCodes].sort()).toEqual(
      VALUE_FIELD_CODES.filter(
        (c) =>
          ![
            'value.municipality_unknown',
            'value.municipality_not_in_period',
            'value.not_assigned',
            'value.outside_assignment',
            'value.missing',
          ].includes(c),
      ).sort(),
    )
  })

  it('has words for every field code of the domain, in both languages, and no others', () => {
    expect(Object.keys(VALUE_MESSAGES).sort()).toEqual([...VALUE_FIELD_CODES].sort())
    for (const code of VALUE_FIELD_CODES) {
      const [nb, en] = (['nb', 'en'] as const).map((lang) =>
        fieldProblemText(viewIn(lang), { path: 'total', message: 'English', code, params: {} }),
      )
      for (const text of [nb, en]) {
        expect(typeof text, code).toBe('string')
        expect(text, code).not.toBe('English')
        expect(text, code).not.toMatch(/\{\w+\}/)
      }
      expect(nb, code).not.toBe(en)
    }
  })

  it('words every provoked problem in Norwegian, not as the service wrote it', () => {
    for (const p of provoked) {
      const text = fieldProblemText(viewIn('nb'), p)
      expect(text, p.message).not.toBe(p.message)
      expect(text, p.message).not.toMatch(/\{\w+\}/)
    }
  })

  it('knows what the assignment and submission rules say', () => {
    const assignments = [
      {
        assignment: {
          id: 'a1',
          indicatorCode: 'NO-WORK-01',
          frequency: 'quarterly',
          startDate: '2026-01-01',
          endDate: '2026-06-30',
        },
        indicator: { code: 'NO-WORK-01', ...people },
      },
    ] as unknown as AssignmentWithIndicator[]
    const { problems } = checkValues(
      [
        { indicatorCode: 'NO-WORK-01', total: '3' },
        { indicatorCode: 'PI4060', total: '1' },
      ],
      requirePeriod('2026-Q3'),
      assignments,
    )
    expect(problems.map((p) => p.code)).toEqual(['value.outside_assignment', 'value.not_assigned'])
    expect(fieldProblemText(viewIn('nb'), problems[0]!)).toBe('NO-WORK-01 rapporteres ikke for 2026-Q3.')
    expect(fieldProblemText(viewIn('en'), problems[1]!)).toBe('The venture does not report on PI4060.')
    const missing: FieldIssue = {
      path: 'values',
      message: 'No value for PI4060 (People in work); save one before submitting',
      code: 'value.missing',
      params: { code: 'PI4060', name: 'People in work' },
    }
    expect(fieldProblemText(viewIn('nb'), missing)).toBe('Fyll inn en verdi før innsending.')
  })

  it('formats the figures a problem names for the language', () => {
    const sum: FieldIssue = {
      path: 'breakdowns',
      message: 'The gender values add up to 1250.5, but the total is 12',
      code: 'value.breakdown_sum_mismatch',
      params: { dimension: 'gender', part: 'values', sum: '1250.5', total: '12' },
    }
    expect(fieldProblemText(viewIn('nb'), sum)).toBe(
      'Tallene for kjønn summerer seg til 1\u00a0250,5, men totalen er 12.',
    )
    expect(fieldProblemText(viewIn('en'), sum)).toBe(
      'The gender figures add up to 1,250.5, but the total is 12.',
    )
    const [ratio] = validateValue(
      { total: d('40'), numerator: d('1'), denominator: d('3'), breakdowns: [] },
      percent,
    )
    expect(ratio!.params).toEqual({ numerator: '1', denominator: '3', rate: '33.3333' })
    expect(fieldProblemText(viewIn('nb'), ratio!)).toBe('1 av 3 gir 33,3333; rett andelen eller delene.')
    // A refusal of the whole report is known by its code, and its date comes as a value, not text.
    const open = new Problem(
      'report.period_open',
      'The period ends on 2026-12-31: submit the report after it has ended.',
      { params: { periodEnd: '2026-12-31' } },
    )
    expect(problemMessage(viewIn('en'), open)).toBe(
      'The period ends on 31 Dec 2026: submit the report after that.',
    )
    expect(problemMessage(viewIn('nb'), open)).toBe(
      'Perioden slutter 31. des. 2026: send inn rapporten etter det.',
    )
    expect(problemMessage(viewIn('nb'), new Problem('report.exists'))).toBe(
      'Det finnes allerede en rapport for denne perioden.',
    )
  })

  it('words the schema’s refusals by code and params, and shows a problem without a code as written', () => {
    const schema = (code: FieldIssue['code'], params: Record<string, string>) =>
      fieldProblemText(viewIn('nb'), { path: 'values.0.evidence', message: 'English', code, params })
    expect(schema('validation.format', { format: 'url' })).toBe(
      'Lenker må begynne med https:// eller http://.',
    )
    expect(schema('validation.format', { format: 'regex' })).toBe(
      'Skriv et tall, for eksempel 12 eller 12,5.',
    )
    expect(schema('validation.too_big', { maximum: '20', origin: 'array' })).toBe('Oppgi høyst 20 lenker.')
    expect(schema('validation.too_big', { maximum: '2000', origin: 'string' })).toBe('Teksten er for lang.')
    // A code the form has no words for: the catalogue's Norwegian, the service's English.
    expect(schema('validation.required', {})).toBe('Feltet må fylles ut.')
    expect(
      fieldProblemText(viewIn('en'), { path: 'x', message: 'As written', code: 'validation.required' }),
    ).toBe('As written')
    expect(fieldProblemText(viewIn('nb'), { path: 'x', message: 'Something new' })).toBe('Something new')
  })
})
