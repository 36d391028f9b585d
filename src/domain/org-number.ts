/**
 * Norwegian organisation numbers (Brønnøysundregistrene): 9 digits, the last a MOD-11 check
 * digit over the first eight with weights 3 2 7 6 5 4 3 2. A remainder giving check digit 10 makes
 * the number invalid.
 */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const

export function orgNumberCheckDigit(firstEight: string): number | null {
  if (!/^\d{8}$/.test(firstEight)) return null
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(firstEight[i]), 0)
  const check = 11 - (sum % 11)
  if (check === 11) return 0
  if (check === 10) return null
  return check
}

export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false
  return orgNumberCheckDigit(value.slice(0, 8)) === Number(value[8])
}

/** Accepts the common written forms `923 609 016` and `923609016`; returns the 9 digits or null. */
export function normalizeOrgNumber(input: string): string | null {
  const digits = input.replace(/[\s\u00a0.]/g, '')
  return isValidOrgNumber(digits) ? digits : null
}
