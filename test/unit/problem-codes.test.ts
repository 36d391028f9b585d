import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { invalid, notFound, Problem } from '../../src/http/problem.ts'
import { ALL_PROBLEM_CODES, isProblemCode, PROBLEM_CODES } from '../../src/http/problem-codes.ts'

const SRC = join(import.meta.dirname, '../../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

/**
 * The codes the source throws: the first argument of every error helper, every `code:` of a
 * field error, every `notFound('<thing>')`. The type system already refuses an unknown code;
 * this says the catalogue has no gaps the types cannot see (casts, plain strings).
 */
function thrownCodes(): Set<string> {
  const codes = new Set<string>()
  const helper =
    /\b(?:new Problem|conflict|forbidden|badRequest|unauthorized|tooManyRequests|problem|headerProblem)\(\s*'([a-z_]+\.[a-z_.]+)'/g
  const field = /\bcode: '([a-z_]+\.[a-z_.]+)'/g
  const invalidCode = /\binvalid(?:Many)?\([^)]*?'([a-z_]+\.[a-z_.]+)'/g
  const missing = /\bnotFound\('([a-z_]+)'\)/g
  // A choice between two codes, inside a helper call or assigned to `code`.
  const ternary =
    /(?:\b(?:forbidden|conflict|notFound)\(|\bcode = )[^\n?]*\? '([a-z_]+\.?[a-z_.]*)' : '([a-z_]+\.?[a-z_.]*)'/g
  for (const file of sourceFiles(SRC)) {
    if (file.includes('problem-codes')) continue
    const text = readFileSync(file, 'utf8')
    for (const re of [helper, field, invalidCode]) for (const m of text.matchAll(re)) codes.add(m[1]!)
    for (const m of text.matchAll(ternary)) {
      // notFound(x ? 'a' : 'b') names things, not codes.
      const [a, b] = m[0].startsWith('notFound') ? [`${m[1]}.not_found`, `${m[2]}.not_found`] : [m[1]!, m[2]!]
      codes.add(a).add(b)
    }
    for (const m of text.matchAll(missing)) codes.add(`${m[1]}.not_found`)
  }
  return codes
}

describe('the problem code catalogue', () => {
  it('has every code the source throws', () => {
    const thrown = [...thrownCodes()]
    // The scan finds the codes (a broken regex would pass vacuously).
    expect(thrown.length).toBeGreaterThan(90)
    expect(thrown).toContain('report.locked')
    expect(thrown).toContain('venture.not_found')
    expect(thrown.filter((c) => !isProblemCode(c)).sort()).toEqual([])
  })

  it('gives each code an error status, and a title and detail in both languages', () => {
    for (const code of ALL_PROBLEM_CODES) {
      const entry = PROBLEM_CODES[code]
      expect(code).toMatch(/^[a-z_]+(\.[a-z_]+)*$/)
      expect(entry.status, code).toBeGreaterThanOrEqual(400)
      expect(entry.status, code).toBeLessThan(600)
      for (const lang of ['en', 'nb'] as const) {
        expect(entry.title[lang].trim(), `${code} title ${lang}`).not.toBe('')
        expect(entry.detail[lang].trim(), `${code} detail ${lang}`).not.toBe('')
      }
      // The nb text is a translation, not the English copied over.
      expect(entry.detail.nb, code).not.toBe(entry.detail.en)
    }
  })

  it('renders the code, its type URI and the language asked for', () => {
    const p = new Problem(
      'report.locked',
      'The report is submitted: it can change again if the reviewer returns it.',
    )
    expect(p.status).toBe(409)
    expect(p.body('req-1', 'en')).toMatchObject({
      type: '/problems/report.locked',
      code: 'report.locked',
      title: 'Report locked',
      status: 409,
      detail: 'The report is submitted: it can change again if the reviewer returns it.',
      requestId: 'req-1',
    })
    expect(p.body(undefined, 'nb')).toMatchObject({
      code: 'report.locked',
      title: 'Rapporten er låst',
      detail: PROBLEM_CODES['report.locked'].detail.nb,
    })
  })

  it('gives every field error a code', () => {
    const one = invalid('period', 'period.invalid', undefined, 'query').body()
    expect(one.errors).toEqual([
      {
        in: 'query',
        path: 'period',
        message: PROBLEM_CODES['period.invalid'].detail.en,
        code: 'period.invalid',
      },
    ])
    const plain = new Problem('validation.failed', undefined, {
      errors: [{ in: 'body', path: 'x', message: 'bad' }],
    })
    expect(plain.body().errors?.[0]?.code).toBe('validation.invalid')
    expect(notFound('venture').body()).toMatchObject({
      status: 404,
      code: 'venture.not_found',
      detail: 'No venture with that identifier.',
    })
  })
})
