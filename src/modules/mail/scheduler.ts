import type { Config } from '../../config.ts'
import type { Db } from '../../db/tx.ts'
import type { Logger } from '../../http/logger.ts'
import { deliverDueMail } from './delivery.ts'
import * as repo from './repo.ts'
import type { MailTransport } from './transport.ts'

/**
 * The scheduler: a tick runs registered steps (mail delivery first, then whatever other modules
 * plug in: reminders, digests). A step runs only on the instance holding its lease row in
 * `scheduler_leases`, so two app instances on one database run each step once per tick. The
 * holder keeps renewing its lease while it lives; another instance takes over once it expires.
 * The clock is a parameter: tests pass the time they want.
 */
export interface TickEnv {
  config: Config
  logger: Logger
  transport: MailTransport | undefined
  /** This instance's name in leases and mail claims. */
  holder: string
}

/** A step: runs with the database and the tick's time; it must be safe to run again (rerun, crash). */
export type TickStep = (db: Db, now: Date, env: TickEnv) => Promise<void>

const steps = new Map<string, TickStep>()

/**
 * Plugs a step into every tick, by a stable name (the lease's name). Registering again replaces
 * it. Returns a function that removes it (tests: module state is shared between test files).
 */
export function registerTickStep(name: string, fn: TickStep): () => void {
  steps.set(name, fn)
  return () => {
    if (steps.get(name) === fn) steps.delete(name)
  }
}

/** The names of the registered steps, in the order they run. */
export const tickStepNames = () => [...steps.keys()]

/** How long a lease lasts without renewal: a dead instance's steps move on after this. */
export const LEASE_MS = 60_000

registerTickStep('mail.delivery', async (db, now, env) => {
  await deliverDueMail(db, {
    transport: env.transport,
    from: env.config.MAIL_FROM,
    logger: env.logger,
    holder: env.holder,
    now,
  })
})

/** Runs one tick: each step whose lease this instance holds (or takes). Returns the steps run. */
export async function runTick(db: Db, now: Date, env: TickEnv): Promise<string[]> {
  const ran: string[] = []
  for (const [name, fn] of steps) {
    try {
      if (!(await repo.acquireLease(db, `tick:${name}`, env.holder, now, new Date(now.getTime() + LEASE_MS))))
        continue
      await fn(db, now, env)
      ran.push(name)
    } catch (err) {
      // One failing step (the database away for a moment) must not stop the others or the timer.
      env.logger.error({ msg: 'scheduled step failed', step: name, error: String(err) })
    }
  }
  return ran
}

/** Gives every lease this instance holds back, so another instance takes over without waiting. */
export async function releaseLeases(db: Db, now: Date, holder: string): Promise<void> {
  for (const name of steps.keys()) await repo.releaseLease(db, `tick:${name}`, holder, now)
}

export interface Scheduler {
  /** Runs a tick now (unless one is running) and resolves when it is done. */
  tick(): Promise<void>
  /** Stops the timer, waits for a running tick and gives the leases back. */
  stop(): Promise<void>
}

/**
 * The in-process timer (Node): ticks every `intervalMs` without keeping the process alive, and
 * never runs two ticks of this instance at once.
 */
export function startScheduler(opts: {
  db: Db
  env: TickEnv
  intervalMs: number
  now?: () => Date
}): Scheduler {
  const now = opts.now ?? (() => new Date())
  let running: Promise<void> | undefined
  let stopped = false
  const tick = () => {
    if (stopped) return Promise.resolve()
    running ??= runTick(opts.db, now(), opts.env)
      .then(() => undefined)
      .finally(() => {
        running = undefined
      })
    return running
  }
  const timer = opts.intervalMs > 0 ? setInterval(() => void tick(), opts.intervalMs) : undefined
  ;(timer as { unref?: () => void } | undefined)?.unref?.()
  return {
    tick,
    async stop() {
      stopped = true
      if (timer) clearInterval(timer)
      await running
      await releaseLeases(opts.db, now(), opts.env.holder).catch(() => {})
    },
  }
}

/** A name for this instance in leases and claims. */
export const newHolder = () => `instance-${crypto.randomUUID()}`
