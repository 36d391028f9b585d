import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

let t: TestContext
let investorToken: string
let investorId: string
let otherToken: string
beforeAll(async () => {
  t = await createTestApp()
  investorId = (await makeOrg(t.database.db, { kind: 'investor' })).id
  investorToken = (await makeToken(t.database.db, (await makeMember(t.database.db, investorId, 'editor')).id))
    .token
  const other = await makeOrg(t.database.db, { kind: 'investor' })
  otherToken = (await makeToken(t.database.db, (await makeMember(t.database.db, other.id, 'admin')).id)).token
})
afterAll(() => t.close())

const profile = {
  name: 'Test Arbeid AS',
  description: 'Work inclusion in Follo',
  founded: '2018-04-01',
  themes: ['employment', 'inclusion'],
  sdgGoals: [8, 10],
  municipalities: ['3207'],
  theoryOfChange: 'Paid work with support leads to lasting employment.',
  depthOfChange: 'life-changing',
}

describe('ventures', () => {
  it('an investor onboards a venture and sees it; an unrelated investor gets 404', async () => {
    const created = await call(t.app, 'POST', '/v1/ventures', { token: investorToken, body: profile })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ ...profile, status: 'active', access: 'member' })
    const id = created.body.id
    const own = await call(t.app, 'GET', `/v1/ventures/${id}`, { token: investorToken })
    expect(own.status).toBe(200)
    expect(own.body.access).toBe('detailed')
    expect((await call(t.app, 'GET', `/v1/ventures/${id}`, { token: otherToken })).status).toBe(404)
    const otherList = await call(t.app, 'GET', '/v1/ventures', { token: otherToken })
    expect(otherList.body.items.map((v: { id: string }) => v.id)).not.toContain(id)
  })

  it('filters by theme, status, municipality and name, and paginates by cursor', async () => {
    for (const [i, theme] of (['youth', 'health', 'youth'] as const).entries()) {
      const res = await call(t.app, 'POST', '/v1/ventures', {
        token: investorToken,
        body: {
          name: `Filter ${i} ${theme}`,
          themes: [theme],
          municipalities: i === 2 ? ['0301'] : ['3207'],
        },
      })
      expect(res.status).toBe(201)
    }
    const youth = await call(t.app, 'GET', '/v1/ventures?theme=youth&q=Filter', { token: investorToken })
    expect(youth.body.items.map((v: { name: string }) => v.name)).toEqual([
      'Filter 0 youth',
      'Filter 2 youth',
    ])
    const oslo = await call(t.app, 'GET', '/v1/ventures?municipality=0301&q=filter', { token: investorToken })
    expect(oslo.body.items.map((v: { name: string }) => v.name)).toEqual(['Filter 2 youth'])
    const pages: string[] = []
    let cursor: string | null = null
    do {
      const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await call(
        t.app,
        'GET',
        `/v1/ventures?q=Filter&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: investorToken },
      )
      pages.push(...res.body.items.map((v) => v.name))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(pages).toEqual(['Filter 0 youth', 'Filter 1 health', 'Filter 2 youth'])
    expect((await call(t.app, 'GET', '/v1/ventures?cursor=garbage', { token: investorToken })).status).toBe(
      400,
    )
  })

  it('PATCH with a stale ETag answers 412; bad input answers 422 naming the field and writes nothing', async () => {
    const created = await call(t.app, 'POST', '/v1/ventures', {
      token: investorToken,
      body: { name: 'Etag Venture' },
    })
    const id = created.body.id
    const etag = created.headers.get('etag')!
    const ok = await call(t.app, 'PATCH', `/v1/ventures/${id}`, {
      token: investorToken,
      body: { status: 'exited' },
      headers: { 'if-match': etag },
    })
    expect(ok.status).toBe(200)
    expect(ok.body.status).toBe('exited')
    const stale = await call(t.app, 'PATCH', `/v1/ventures/${id}`, {
      token: investorToken,
      body: { status: 'closed' },
      headers: { 'if-match': etag },
    })
    expect(stale.status).toBe(412)
    for (const [body, path] of [
      [{ sdgGoals: [18] }, 'sdgGoals.0'],
      [{ themes: ['crypto'] }, 'themes.0'],
      [{ municipalities: ['12'] }, 'municipalities.0'],
      [{ founded: '2018-13-01' }, 'founded'],
      [{ unknownField: 1 }, ''],
    ] as const) {
      const res = await call(t.app, 'PATCH', `/v1/ventures/${id}`, { token: investorToken, body })
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
    }
    expect((await call(t.app, 'GET', `/v1/ventures/${id}`, { token: investorToken })).body.status).toBe(
      'exited',
    )
  })

  it('a venture member edits its own profile; a viewer may not', async () => {
    const created = await call(t.app, 'POST', '/v1/ventures', {
      token: investorToken,
      body: { name: 'Member Venture' },
    })
    const id = created.body.id
    const editor = await makeToken(t.database.db, (await makeMember(t.database.db, id, 'editor')).id)
    const viewer = await makeToken(t.database.db, (await makeMember(t.database.db, id, 'viewer')).id)
    expect(
      (
        await call(t.app, 'PATCH', `/v1/ventures/${id}`, {
          token: editor.token,
          body: { description: 'Ours' },
        })
      ).status,
    ).toBe(200)
    expect(
      (await call(t.app, 'PATCH', `/v1/ventures/${id}`, { token: viewer.token, body: { description: 'No' } }))
        .status,
    ).toBe(403)
    expect((await call(t.app, 'GET', `/v1/ventures/${id}`, { token: viewer.token })).body.access).toBe(
      'member',
    )
  })
})
