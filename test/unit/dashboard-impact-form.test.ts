import { describe, expect, it } from 'vitest'
import { Problem } from '../../src/http/problem.ts'
import type { Membership, Principal } from '../../src/modules/principal.ts'
import {
  defaultWindow,
  impactSearch,
  municipalityChoices,
  readImpactForm,
  serviceFormIssues,
} from '../../web/impact/impact-form.ts'

const member = (kind: Membership['kind'], numbers: string[]): Membership => ({
  organizationId: `${kind}-${numbers.join('-')}`,
  organizationName: kind,
  kind,
  role: 'viewer',
  municipalityNumbers: numbers,
})
const person = (memberships: Membership[], isPlatformAdmin = false): Principal => ({
  userId: 'u',
  email: 'u@example.no',
  name: 'U',
  isPlatformAdmin,
  memberships,
  via: 'session',
  readOnly: false,
})
const NOW = new Date('2026-11-27T08:00:00Z')

describe('the impact page form', () => {
  it('defaults to the last three full years by quarter', () => {
    expect(defaultWindow(NOW)).toEqual({ from: '2023-Q1', to: '2025-Q4' })
    // New Year's night in Oslo is already the new year.
    expect(defaultWindow(new Date('2026-12-31T23:30:00Z'))).toEqual({ from: '2024-Q1', to: '2026-Q4' })
    const read = readImpactForm({}, ['3207'], NOW)
    expect(read.issues).toEqual([])
    expect(read.query).toEqual({
      municipality: '3207',
      from: '2023-Q1',
      to: '2025-Q4',
      granularity: 'quarter',
      theme: undefined,
      includeUnverified: false,
    })
  })

  it('lets members choose among their own municipalities, administrators also the whole country', () => {
    expect(municipalityChoices(person([member('municipality', ['3207'])]), [])).toEqual(['3207'])
    expect(
      municipalityChoices(
        person([member('municipality', ['3207']), member('municipality', ['0301', '3207'])]),
        [],
      ),
    ).toEqual(['3207', '0301'])
    expect(municipalityChoices(person([], true), ['3207', '3301'])).toEqual(['all', '3207', '3301'])
    expect(municipalityChoices(person([member('venture', []), member('investor', [])]), [])).toBeNull()
  })

  it('reads what people type, and names each problem by its field', () => {
    const ok = readImpactForm(
      { from: '2024-q2', to: ' 2025 ', granularity: 'year', theme: 'youth', includeUnverified: 'true' },
      ['3207'],
      NOW,
    )
    expect(ok.query).toMatchObject({ from: '2024-Q2', to: '2025', granularity: 'year', theme: 'youth' })
    expect(ok.query?.includeUnverified).toBe(true)
    // Empty bounds are an open window, not the defaults.
    expect(readImpactForm({ from: '', to: '' }, ['3207'], NOW).query).toMatchObject({
      from: undefined,
      to: undefined,
    })
    const bad = readImpactForm(
      { from: '2025-Q5', to: '31.12.2025', granularity: 'month', theme: 'space' },
      ['3207'],
      NOW,
    )
    expect(bad.query).toBeNull()
    expect(bad.issues.map((i) => [i.field, i.key])).toEqual([
      ['from', 'impact.invalid.period'],
      ['to', 'impact.invalid.period'],
      ['granularity', 'impact.invalid.granularity'],
      ['theme', 'impact.invalid.theme'],
    ])
    // What was typed is shown again as typed.
    expect(bad.form.to).toBe('31.12.2025')
  })

  it('turns the service’s refusals into field problems, and leaves other errors alone', () => {
    const form = readImpactForm({ municipality: '9999' }, ['all'], NOW).form
    const order = new Problem('request.invalid', 'Invalid query parameters.', {
      errors: [{ in: 'query', path: 'to', message: 'Must not be before `from`' }],
    })
    expect(serviceFormIssues(order, form)).toEqual([{ field: 'to', key: 'impact.invalid.order' }])
    const unknown = new Problem('validation.failed', 'The request has invalid fields.', {
      errors: [{ in: 'query', path: 'municipality', message: '9999 is not…' }],
    })
    expect(serviceFormIssues(unknown, form)).toEqual([
      { field: 'municipality', key: 'impact.invalid.municipality', params: { value: '9999' } },
    ])
    expect(serviceFormIssues(new Problem('municipality.not_found'), form)).toBeNull()
    expect(serviceFormIssues(new Error('boom'), form)).toBeNull()
  })

  it('writes the view back as a query string for the CSV link', () => {
    expect(
      impactSearch({
        municipality: 'all',
        from: '2023',
        to: '2025-Q2',
        granularity: 'year',
        theme: 'youth',
        includeUnverified: true,
      }),
    ).toBe('municipality=all&from=2023&to=2025-Q2&granularity=year&theme=youth&includeUnverified=true')
  })
})
