import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'
import { type AppProcess, startAppProcess } from '../helpers/app-process.ts'
import { makeToken, makeUser } from '../helpers/factories.ts'
import { sleep } from './load.ts'

/**
 * Graceful shutdown of the real server (embedded PGlite in a DATA_DIR, as `npm start` runs it):
 * SIGTERM under load cuts no accepted request, keep-alive clients are told Connection: close, new
 * connections are refused, PGlite closes cleanly and the process exits within the deadline; a
 * request that never ends is cut at the deadline; a second process on the same DATA_DIR refuses;
 * a client too slow with its headers is cut off.
 */
let dataDir: string
let token: string
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'effekt-shutdown-'))
  const database = await createPgliteDatabase(dataDir)
  await migrateToLatest(database.db)
  token = (await makeToken(database.db, (await makeUser(database.db, { platformAdmin: true })).id)).token
  await database.close()
}, 120_000)
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

interface Reply {
  status: number
  connection: string | undefined
  body: string
  /** When the answer's headers arrived. */
  at: number
}

/** One HTTP/1.1 request on `agent`; the body may be sent in parts with pauses between them. */
function send(
  app: AppProcess,
  agent: Agent,
  method: string,
  path: string,
  parts: string[] = [],
  pause: () => Promise<void> = async () => {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const length = parts.reduce((n, p) => n + Buffer.byteLength(p), 0)
    const req = request(
      `${app.url}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(parts.length ? { 'content-type': 'application/json', 'content-length': String(length) } : {}),
        },
      },
      (res) => {
        const at = Date.now()
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d) => {
          body += d
        })
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body, at }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    void (async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await pause()
        req.write(part)
      }
      req.end()
    })()
  })
}

const orgBody = (name: string) => JSON.stringify({ kind: 'other', name })

describe('graceful shutdown', () => {
  it('cuts off a client too slow with its headers, and refuses a second process on the same DATA_DIR', async () => {
    const app = await startAppProcess({
      DATA_DIR: dataDir,
      HTTP_HEADERS_TIMEOUT_MS: '1500',
      HTTP_REQUEST_TIMEOUT_MS: '10000',
    })
    try {
      const slow = connect(app.port, '127.0.0.1')
      const started = Date.now()
      let answer = ''
      slow.on('data', (d) => {
        answer += d
      })
      slow.write('GET /health HTTP/1.1\r\nHost: x\r\n') // and never the blank line
      await new Promise((r) => slow.on('close', r))
      expect(Date.now() - started).toBeLessThan(5000)
      expect(answer).toMatch(/^HTTP\/1\.1 408/)

      const second = await startAppProcess({ DATA_DIR: dataDir }, { waitForHealth: false })
      const exit = await second.exited
      expect(exit.code).toBe(3)
      expect(second.output()).toContain(`is in use by process ${app.child.pid}`)
      expect(app.alive()).toBe(true)
      expect((await fetch(`${app.url}/ready`)).status).toBe(200)
    } finally {
      await app.stop()
    }
  })

  it('SIGTERM under load: in-flight requests finish, keep-alive clients get Connection: close, exit 0 in time', async () => {
    const app = await startAppProcess({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '8000', LOG_LEVEL: 'info' })
    let sigtermAt = Number.POSITIVE_INFINITY
    const replies: Reply[] = []
    const failures: { error: string; at: number }[] = []
    // Six keep-alive clients, each on one socket, reading and writing until told to close.
    const client = async (n: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      for (let i = 0; ; i++) {
        try {
          const r =
            i % 2 === 0
              ? await send(app, agent, 'GET', '/v1/me')
              : await send(app, agent, 'POST', '/v1/organizations', [orgBody(`Drain ${n}-${i}`)])
          replies.push(r)
          if (r.connection === 'close') break
        } catch (err) {
          failures.push({ error: String(err), at: Date.now() })
          break
        }
      }
      agent.destroy()
    }
    const clients = Array.from({ length: 6 }, (_, n) => client(n))
    // An upload in flight across the signal: headers and half the body before, the rest after.
    const uploadAgent = new Agent({ keepAlive: true })
    let signalled: () => void = () => {}
    const signalledP = new Promise<void>((r) => {
      signalled = r
    })
    const half = orgBody('Slow Upload Org')
    const upload = send(
      app,
      uploadAgent,
      'POST',
      '/v1/organizations',
      [half.slice(0, 10), half.slice(10)],
      async () => {
        await signalledP
        await sleep(1500)
      },
    )
    await sleep(1500)
    sigtermAt = Date.now()
    app.child.kill('SIGTERM')
    signalled()
    // New connections are refused once the server has begun its drain (the signal takes a moment).
    while (!app.output().includes('"msg":"draining"') && Date.now() - sigtermAt < 5000) await sleep(20)
    await sleep(50)
    const refused = await new Promise<string>((resolve) => {
      const s = connect(app.port, '127.0.0.1')
      s.on('connect', () => {
        s.destroy()
        resolve('accepted')
      })
      s.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? String(e)))
    })
    const uploaded = await upload
    await Promise.all(clients)
    const exit = await app.exited
    uploadAgent.destroy()

    // The signal reaches the server a moment after kill(): its own log says when the drain began.
    const drainLine = app
      .output()
      .split('\n')
      .find((l) => l.includes('"msg":"draining"'))
    expect(drainLine, app.output()).toBeDefined()
    const drainAt = Date.parse(JSON.parse(drainLine!).time)
    const after = replies.filter((r) => r.at > drainAt + 20)
    console.log(
      `shutdown figures: ${JSON.stringify({ replies: replies.length, afterDrain: after.length, signalToDrainMs: drainAt - sigtermAt, failures: failures.length, exitMs: exit.at - sigtermAt, exitCode: exit.code })}`,
    )
    expect(refused).toBe('ECONNREFUSED')
    expect(uploaded.status, uploaded.body).toBe(201)
    expect(uploaded.connection).toBe('close')
    expect(replies.length).toBeGreaterThan(6)
    // Every answer was whole, and every one given after the signal said Connection: close.
    for (const r of replies) {
      expect([200, 201]).toContain(r.status)
      expect(() => JSON.parse(r.body)).not.toThrow()
    }
    expect(after.filter((r) => r.connection !== 'close')).toEqual([])
    // Busy keep-alive clients are answered during the idle grace, so none loses a request.
    expect(failures).toEqual([])
    expect(exit.code, app.output()).toBe(0)
    expect(exit.at - sigtermAt).toBeLessThan(8000)

    // PGlite was closed cleanly: the folder opens again (lock released) and holds the upload.
    const database = await createPgliteDatabase(dataDir)
    try {
      const rows = await database.db
        .selectFrom('organizations')
        .select('id')
        .where('name', '=', 'Slow Upload Org')
        .execute()
      expect(rows).toHaveLength(1)
    } finally {
      await database.close()
    }
  })

  it('a request that never ends is cut at SHUTDOWN_TIMEOUT_MS and the process still exits', async () => {
    const app = await startAppProcess({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '2000' })
    const agent = new Agent({ keepAlive: true })
    const body = orgBody('Never Finished Org')
    const stuck = send(
      app,
      agent,
      'POST',
      '/v1/organizations',
      [body.slice(0, 5), body.slice(5)],
      () => new Promise(() => {}),
    ).catch((err: unknown) => String(err))
    await sleep(500)
    const sigtermAt = Date.now()
    app.child.kill('SIGTERM')
    const exit = await app.exited
    agent.destroy()
    expect(await stuck).toMatch(/socket hang up|ECONNRESET/)
    expect(exit.at - sigtermAt).toBeLessThan(3000)
    expect(exit.code).toBe(1) // cut, not drained: the exit status says so
  })
})
