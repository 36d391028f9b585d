import { describe, expect, it } from 'vitest'
import { contractStatus } from '../../src/domain/consent.ts'

describe('contractStatus', () => {
  it('is active only when every party accepted', () => {
    expect(contractStatus(['accepted', 'accepted', 'accepted'])).toBe('active')
    expect(contractStatus(['accepted', 'pending', 'accepted'])).toBe('pending')
  })
  it('is declined as soon as one party declined, whatever the others did', () => {
    expect(contractStatus(['accepted', 'declined', 'pending'])).toBe('declined')
    expect(contractStatus(['declined', 'accepted', 'accepted'])).toBe('declined')
  })
  it('is pending with no parties at all: nobody consented', () => {
    expect(contractStatus([])).toBe('pending')
  })
})
