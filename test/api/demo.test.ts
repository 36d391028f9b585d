import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { isDatabaseEmpty, loadDemo } from '../../src/demo/load-demo.ts'
import { isValidOrgNumber } from '../../src/domain/org-number.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call, login } from '../helpers/http.ts'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
  const ctx = {
    db: t.database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  }
  expect(await isDatabaseEmpty(t.database.db)).toBe(true)
  await loadDemo(ctx)
  await loadDemo(ctx) // a second run adds nothing twice
})
afterAll(() => t.close())

describe('demo data', () => {
  it('lets the four demo users of PRODUCT.md §8 sign in with effekt-demo', async () => {
    const expected = {
      'admin@demo.effekt.no': { isPlatformAdmin: true, kinds: [] },
      'investor@demo.effekt.no': { isPlatformAdmin: false, kinds: ['investor'] },
      'venture@demo.effekt.no': { isPlatformAdmin: false, kinds: ['venture'] },
      'kommune@demo.effekt.no': { isPlatformAdmin: false, kinds: ['municipality'] },
    }
    for (const [email, want] of Object.entries(expected)) {
      const cookie = await login(t.app, email, DEMO_PASSWORD)
      const me = await call(t.app, 'GET', '/v1/me', { cookie })
      expect(me.body.isPlatformAdmin).toBe(want.isPlatformAdmin)
      expect(me.body.memberships.map((m: { kind: string }) => m.kind)).toEqual(want.kinds)
    }
    const kommune = await login(t.app, 'kommune@demo.effekt.no', DEMO_PASSWORD)
    const me = await call(t.app, 'GET', '/v1/me', { cookie: kommune })
    expect(me.body.memberships[0]).toMatchObject({
      organizationName: 'Nordre Follo kommune',
      municipalityNumbers: ['3207'],
    })
  })

  it('creates the organizations once, with valid organisation numbers', async () => {
    const orgs = await t.database.db.selectFrom('organizations').select(['kind', 'orgNumber']).execute()
    const byKind = (k: string) => orgs.filter((o) => o.kind === k).length
    expect(byKind('investor')).toBe(1)
    expect(byKind('venture')).toBe(12)
    expect(byKind('municipality')).toBe(3)
    expect(byKind('agency')).toBe(1)
    for (const o of orgs) expect(isValidOrgNumber(o.orgNumber!), o.orgNumber!).toBe(true)
  })
})
