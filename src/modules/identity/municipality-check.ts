import { isKnownMunicipality } from '../../domain/municipalities.ts'
import { invalidMany } from '../../http/problem.ts'

/**
 * Refuses municipality numbers that never existed (any number valid 2017–2024 is accepted: old
 * numbers roll up into their successors in the impact view).
 */
export function validateMunicipalityNumbers(numbers: string[], path: string): void {
  const errors = numbers
    .map((n, i) =>
      isKnownMunicipality(n)
        ? null
        : {
            in: 'body',
            path: `${path}.${i}`,
            message: `Unknown municipality number ${n}: not a Norwegian municipality number 2017–2024.`,
            code: 'organization.municipality_number_unknown' as const,
          },
    )
    .filter((e) => e !== null)
  if (errors.length) throw invalidMany(errors)
}
