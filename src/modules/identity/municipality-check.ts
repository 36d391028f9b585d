import { invalidMany } from '../../http/problem.ts'

/**
 * Refuses municipality numbers that never existed. Until the municipality register lands this
 * checks the form only; src/domain/municipalities.ts takes over (see issue on impact).
 */
export function validateMunicipalityNumbers(numbers: string[], path: string): void {
  const errors = numbers
    .map((n, i) =>
      /^\d{4}$/.test(n)
        ? null
        : { in: 'body', path: `${path}.${i}`, message: `Unknown municipality number ${n}.` },
    )
    .filter((e) => e !== null)
  if (errors.length) throw invalidMany(errors)
}
