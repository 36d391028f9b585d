import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, rssMb, startNode } from './processes.ts'

/**
 * The Node flags `npm start` gives the server (package.json `start`: what stands between `node`
 * and `--import tsx`), as NODE_OPTIONS, so that a bench's server runs as a user's does.
 */
export function startScriptNodeOptions(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  const start: string = pkg.scripts.start
  return /\bnode ((?:--[\w-]+(?:=\S+)? )*)--import tsx src\/entry\/node\.ts/.exec(start)?.[1]?.trim() ?? ''
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
      { DATA_DIR: dataDir, DATABASE_URL: '', NODE_OPTIONS: startScriptNodeOptions() },
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
