import { orgNumberCheckDigit } from '../domain/org-number.ts'

/**
 * Fictional but valid organisation numbers for demo organizations: the first eight digits are
 * chosen, the ninth is the MOD-11 check digit (bases whose check digit would be 10 are skipped).
 */
export function demoOrgNumber(base: number): string {
  for (let b = base; ; b++) {
    const first = String(b).padStart(8, '0')
    const check = orgNumberCheckDigit(first)
    if (check !== null) return `${first}${check}`
  }
}

export const DEMO_PASSWORD = 'effekt-demo'
