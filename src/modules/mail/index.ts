/**
 * Front door of the mail module (issue 19): the transactional outbox, templates, delivery and
 * the scheduler other modules plug their periodic steps into.
 *
 *   enqueueMail(trx, { to, language, kind, subject, text, html, userId?, dedupeKey? })
 *     — write a mail in the caller's transaction; composeMail(parts) builds text + HTML bodies.
 *   registerTickStep(name, (db, now, env) => …) — runs on every scheduler tick, on one instance.
 */
export { backoffMs, deliverDueMail, MAX_ATTEMPTS } from './delivery.ts'
export { enqueueMail, type MailToSend } from './outbox.ts'
export { outboxStatus, registerMailRoutes } from './routes.ts'
export {
  LEASE_MS,
  newHolder,
  registerTickStep,
  releaseLeases,
  runTick,
  type Scheduler,
  startScheduler,
  type TickEnv,
  type TickStep,
  tickStepNames,
} from './scheduler.ts'
export { getOutboxMail, listOutbox, type OutboxStatus, retryOutboxMail } from './service.ts'
export { composeMail, type MailParts, mailLink, type RenderedMail } from './templates.ts'
export type { MailTransport, OutgoingMail } from './transport.ts'
