import { describe, expect, it } from 'vitest'
import { negotiateLanguage } from '../../src/http/language.ts'

describe('the language of an error answer (Accept-Language)', () => {
  it('answers Bokmål for nb, nn and no, with or without a region', () => {
    expect(negotiateLanguage('nb')).toBe('nb')
    expect(negotiateLanguage('nn-NO')).toBe('nb')
    expect(negotiateLanguage('no')).toBe('nb')
    expect(negotiateLanguage('NB-no')).toBe('nb')
  })

  it('answers English without a header, for *, and for languages it does not speak', () => {
    expect(negotiateLanguage(undefined)).toBe('en')
    expect(negotiateLanguage('')).toBe('en')
    expect(negotiateLanguage('*')).toBe('en')
    expect(negotiateLanguage('de-DE, fr;q=0.8')).toBe('en')
    expect(negotiateLanguage('en-GB')).toBe('en')
  })

  it('ranks by q-value, not by order', () => {
    expect(negotiateLanguage('en;q=0.5, nb;q=0.9')).toBe('nb')
    expect(negotiateLanguage('nb;q=0.4, en;q=0.8')).toBe('en')
    expect(negotiateLanguage('de, nb;q=0.7, en;q=0.6')).toBe('nb')
  })

  it('keeps the order of equal q-values and refuses q=0', () => {
    expect(negotiateLanguage('en, nb')).toBe('en')
    expect(negotiateLanguage('nb, en')).toBe('nb')
    expect(negotiateLanguage('nb;q=0, en;q=0.1')).toBe('en')
    expect(negotiateLanguage('nb;q=0')).toBe('en')
  })

  it('ignores malformed q-values instead of failing', () => {
    expect(negotiateLanguage('nb;q=abc, en;q=0.2')).toBe('en')
    expect(negotiateLanguage(' nb ; q = 0.9 , en;q=0.5')).toBe('nb')
    expect(negotiateLanguage(',,;')).toBe('en')
  })
})
