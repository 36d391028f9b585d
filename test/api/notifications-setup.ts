import { expect } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { smtpTransport } from '../../src/entry/node-mail.ts'
import { type MailTransport, runTick, type TickEnv } from '../../src/modules/mail/index.ts'
import type { TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

/**
 * A world for the notification tests (not a test file itself): an investor that onboarded a
 * venture and assigned it one quarterly indicator from 1 July 2026 (2026-Q3, due 30 October
 * with the default REPORT_DUE_DAYS of 30), the people of both with their tokens and addresses.
 */
export interface Person {
  id: string
  email: string
  token: string
}

export interface NotifyWorld {
  ventureId: string
  investorId: string
  investorAdmin: Person
  investorEditor: Person
  investorViewer: Person
  ventureAdmin: Person
  ventureEditor: Person
  ventureViewer: Person
  stranger: Person
}

export async function notifyWorld(t: TestContext): Promise<NotifyWorld> {
  t.clock.now = new Date('2026-09-01T10:00:00Z')
  const db = t.database.db
  const person = async (orgId: string, role: 'admin' | 'editor' | 'viewer'): Promise<Person> => {
    const user = await makeMember(db, orgId, role)
    return { id: user.id, email: user.email, token: (await makeToken(db, user.id)).token }
  }
  const investorId = (await makeOrg(db, { kind: 'investor' })).id
  const investorEditor = await person(investorId, 'editor')
  const created = await call(t.app, 'POST', '/v1/ventures', {
    token: investorEditor.token,
    body: { name: `Varsel AS ${crypto.randomUUID().slice(0, 8)}`, municipalities: ['3207'] },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const ventureId: string = created.body.id
  const assigned = await call(t.app, 'POST', `/v1/ventures/${ventureId}/assignments`, {
    token: investorEditor.token,
    body: { indicatorCode: 'NO-WORK-01', frequency: 'quarterly', startDate: '2026-07-01' },
  })
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(201)
  return {
    ventureId,
    investorId,
    investorAdmin: await person(investorId, 'admin'),
    investorEditor,
    investorViewer: await person(investorId, 'viewer'),
    ventureAdmin: await person(ventureId, 'admin'),
    ventureEditor: await person(ventureId, 'editor'),
    ventureViewer: await person(ventureId, 'viewer'),
    stranger: await person((await makeOrg(db, { kind: 'investor' })).id, 'admin'),
  }
}

/**
 * Runs the scheduler at `iso` (every step: delivery, reminders, digests) and again a minute later,
 * so what the first tick wrote is delivered by the second; the app's clock moves along.
 */
export async function tickAt(t: TestContext, iso: string, transport?: MailTransport): Promise<void> {
  const at = new Date(iso)
  t.clock.now = at
  const env: TickEnv = { config: defaultConfig(), logger: t.logger, transport, holder: 'notify-test' }
  await runTick(t.database.db, at, env)
  await runTick(t.database.db, new Date(at.getTime() + 60_000), env)
}

/** The outbox rows to one address, oldest first. */
export const outboxTo = (t: TestContext, email: string) =>
  t.database.db
    .selectFrom('outbox')
    .select(['kind', 'subject', 'textBody', 'language', 'sentAt', 'dedupeKey'])
    .where('toAddress', '=', email)
    .orderBy('createdAt')
    .orderBy('subject')
    .execute()

export const transportFor = (url: string) => smtpTransport(url, { timeoutMs: 5000 })
