import type { Migration } from 'kysely/migration'
import * as m0001 from './2026-11-27-0001-foundation.ts'
import * as m0002 from './2026-11-27-0002-identity.ts'
import * as m0003 from './2026-11-27-0003-ventures.ts'
import * as m0004 from './2026-11-27-0004-capital.ts'
import * as m0005 from './2026-11-27-0005-outcomes.ts'
import * as m0006 from './2026-11-27-0006-idempotency.ts'
import * as m0007 from './2026-11-27-0007-impact.ts'
import * as m0008 from './2026-11-27-0008-economics.ts'
import * as m0009 from './2026-12-07-0001-login-clients.ts'
import * as m0009consent from './2026-12-07-0009-consent.ts'
import * as m0010 from './2026-12-07-0010-impact-data-version.ts'
import * as m0011 from './2026-12-08-0011-mail.ts'
import * as m0012 from './2026-12-08-0012-notifications.ts'
import * as m0013sso from './2026-12-08-0013-sso.ts'
import * as m0014 from './2026-12-08-0014-annual-report.ts'
import * as m0015 from './2026-12-08-0015-iati-classification.ts'
import * as m0017plan from './2026-12-08-0017-impact-fact-rows-plan.ts'
import * as m0018payer from './2026-12-08-0018-transaction-payer.ts'

/**
 * Every migration, by name. A static list rather than a folder scan so bundles (Workers) carry
 * them. Names sort in the order they must run; never rename or edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27-0001-foundation': m0001,
  '2026-11-27-0002-identity': m0002,
  '2026-11-27-0003-ventures': m0003,
  '2026-11-27-0004-capital': m0004,
  '2026-11-27-0005-outcomes': m0005,
  '2026-11-27-0006-idempotency': m0006,
  '2026-11-27-0007-impact': m0007,
  '2026-11-27-0008-economics': m0008,
  '2026-12-07-0001-login-clients': m0009,
  '2026-12-07-0009-consent': m0009consent,
  '2026-12-07-0010-impact-data-version': m0010,
  '2026-12-08-0011-mail': m0011,
  '2026-12-08-0012-notifications': m0012,
  '2026-12-08-0013-sso': m0013sso,
  '2026-12-08-0014-annual-report': m0014,
  '2026-12-08-0015-iati-classification': m0015,
  '2026-12-08-0017-impact-fact-rows-plan': m0017plan,
  '2026-12-08-0018-transaction-payer': m0018payer,
}
