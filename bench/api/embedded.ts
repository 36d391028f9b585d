import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, rssMb, startNode } from './processes.ts'

/**
 * The environment `npm start` gives the server (package.json `start`): its variables (the malloc
 * setting) and the Node flags between `node` and `--import tsx` as NODE_OPTIONS, so that a bench's
 * server runs as a user's does.
 */
export function startScriptEnv(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  const start: string = pkg.scripts.start
  const m = /((?:[A-Z_]+=\S+ )*)node ((?:--[\w-]+(?:=\S+)? )*)--import tsx src\/entry\/node\.ts/.exec(start)
  if (!m) throw new Error(`package.json start does not run src/entry/node.ts: ${start}`)
  const vars = (m[1] ?? '').trim().split(/\s+/).filter(Boolean)
  return {
    ...Object.fromEntries(vars.map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)])),
    NODE_OPTIONS: (m[2] ?? '').trim(),
  }
}

/** How long after the first 200 on /ready "after start" is read: start-up's transient peak is gone by then. */
const SETTLE_MS = 1000

/**
 * The embedded default as a newcomer meets it: `npm start` on an empty data dir (migrations and
 * the demo portfolio included) and again on the same dir after a stop. 200 requests in between
 * (the public and signed-out pages a first visit touches, and open data) before reading RSS.
 * RSS "after start" is read SETTLE_MS after /ready first answers.
 */
export async function measureEmbedded(work: string) {
  const dataDir = join(work, 'data')
  const runs: {
    name: string
    readyMs: number
    rssAfterStart: number
    rssAfterRequests: number
  }[] = []
  for (const name of ['fresh data dir', 'restart']) {
    const server = await startNode(
      'src/entry/node.ts',
      { DATA_DIR: dataDir, DATABASE_URL: '', ...startScriptEnv() },
      await freePort(),
    )
    await new Promise((r) => setTimeout(r, SETTLE_MS))
    const rssAfterStart = rssMb(server.child.pid)
    const paths = ['/health', '/ready', '/login', '/v1/open/impact/3207.json', '/openapi.json']
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${server.url}${paths[i % paths.length]}`)
      await res.arrayBuffer()
    }
    runs.push({
      name,
      readyMs: server.readyMs,
      rssAfterStart,
      rssAfterRequests: rssMb(server.child.pid),
    })
    await server.stop()
  }
  return runs
}
