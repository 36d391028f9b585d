import { type Compilable, CompiledQuery, type InferResult } from 'kysely'
import type { Db } from './tx.ts'

/**
 * A Kysely query built and compiled once per database handle, then executed with new arguments.
 * Building and compiling a query with subqueries costs more CPU than PostgreSQL spends answering
 * it (about a fifth of an authenticated read's CPU, bench/README.md, issue 17); the reads every
 * request makes are prepared with this instead.
 *
 * `build` receives stand-ins for the arguments and must pass each only as a value (a parameter),
 * never inspect it: the query's shape may not depend on the arguments (use `= any(${array})`
 * rather than `in`, which expands per element). Statements still go through the handle's
 * plugins' result transforms (camelCase), its driver and its log, as any other query.
 */
export function prepared<A extends unknown[], Q extends Compilable<unknown>>(
  build: (db: Db, ...args: A) => Q,
): (db: Db, ...args: A) => Promise<InferResult<Q>> {
  const plans = new WeakMap<Db, { sql: string; slots: ({ arg: number } | { value: unknown })[] }>()
  return async (db, ...args) => {
    let plan = plans.get(db)
    if (!plan) {
      const standIns = args.map((_, i) => Object.freeze({ preparedArgument: i }))
      const compiled = build(db, ...(standIns as unknown as A)).compile()
      const slots = compiled.parameters.map((p) => {
        const arg = standIns.indexOf(p as (typeof standIns)[number])
        return arg >= 0 ? { arg } : { value: p }
      })
      if (standIns.some((s) => !compiled.parameters.includes(s)))
        throw new Error('prepared: every argument must appear in the query as a parameter')
      plan = { sql: compiled.sql, slots }
      plans.set(db, plan)
    }
    const parameters = plan.slots.map((s) => ('arg' in s ? args[s.arg] : s.value))
    const result = await db.executeQuery(CompiledQuery.raw(plan.sql, parameters))
    return result.rows as InferResult<Q>
  }
}
