import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidOrgNumber, normalizeOrgNumber, orgNumberCheckDigit } from '../../src/domain/org-number.ts'

describe('Norwegian organisation numbers (MOD-11)', () => {
  it('accepts real numbers', () => {
    // NAV (889 640 782) and Brønnøysundregistrene (974 760 673).
    expect(isValidOrgNumber('889640782')).toBe(true)
    expect(isValidOrgNumber('974760673')).toBe(true)
  })
  it('computes the check digit by hand: 88964078 → 2', () => {
    // 8·3 + 8·2 + 9·7 + 6·6 + 4·5 + 0·4 + 7·3 + 8·2 = 196; 196 mod 11 = 9; 11 − 9 = 2
    expect(orgNumberCheckDigit('88964078')).toBe(2)
  })
  it('refuses wrong check digits, lengths and characters', () => {
    expect(isValidOrgNumber('889640783')).toBe(false)
    expect(isValidOrgNumber('123456789')).toBe(false)
    expect(isValidOrgNumber('88964078')).toBe(false)
    expect(isValidOrgNumber('8896407820')).toBe(false)
    expect(isValidOrgNumber('88964078a')).toBe(false)
  })
  it('normalizes written forms', () => {
    expect(normalizeOrgNumber('889 640 782')).toBe('889640782')
    expect(normalizeOrgNumber('889.640.782')).toBe('889640782')
    expect(normalizeOrgNumber('889 640 781')).toBeNull()
  })
  it('any single-digit change of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (base, pos, delta) => {
          const first = String(base).padStart(8, '0')
          const check = orgNumberCheckDigit(first)
          fc.pre(check !== null)
          const valid = `${first}${check}`
          const digit = (Number(valid[pos]) + delta) % 10
          const changed = `${valid.slice(0, pos)}${digit}${valid.slice(pos + 1)}`
          expect(isValidOrgNumber(valid)).toBe(true)
          expect(isValidOrgNumber(changed)).toBe(false)
        },
      ),
    )
  })
})
