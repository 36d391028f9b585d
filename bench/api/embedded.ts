import { join } from 'node:path'
import { freePort, rssMb, startNode } from './processes.ts'

/**
 * The embedded default as a newcomer meets it: `npm start` on an empty data dir (migrations and
 * the demo portfolio included) and again on the same dir after a stop. 200 requests in between
 * (the public and signed-out pages a first visit touches, and open data) before reading RSS.
 */
export async function measureEmbedded(work: string) {
  const dataDir = join(work, 'data')
  const runs: { name: string; readyMs: number; rssAfterStart: number; rssAfterRequests: number }[] = []
  for (const name of ['fresh data dir', 'restart']) {
    const server = await startNode(
      'src/entry/node.ts',
      { DATA_DIR: dataDir, DATABASE_URL: '' },
      await freePort(),
    )
    const rssAfterStart = rssMb(server.child.pid)
    const paths = ['/health', '/ready', '/login', '/v1/open/impact/3207.json', '/openapi.json']
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${server.url}${paths[i % paths.length]}`)
      await res.arrayBuffer()
    }
    runs.push({ name, readyMs: server.readyMs, rssAfterStart, rssAfterRequests: rssMb(server.child.pid) })
    await server.stop()
  }
  return runs
}
