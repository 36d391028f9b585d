import autocannon from 'autocannon'
import type { Scenario } from './scenarios.ts'

export interface LoadFigures {
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

/** Drives one URL with autocannon: a short warm-up, then the measured run. */
export async function drive(
  base: string,
  s: Pick<Scenario, 'method' | 'path' | 'headers' | 'body'>,
  seconds: number,
  connections: number,
): Promise<LoadFigures> {
  const options = {
    url: `${base}${s.path}`,
    method: s.method,
    headers: s.headers,
    body: s.body,
    connections,
  }
  await autocannon({ ...options, duration: Math.min(2, seconds) })
  await drained(base)
  const result = await autocannon({ ...options, duration: seconds })
  await drained(base)
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/**
 * Waits until the server has worked off what the last run left queued: autocannon stops at its
 * deadline, but requests already accepted keep the pool busy and would slow the next line.
 * `/ready` queues behind them for a connection from the same pool.
 */
async function drained(base: string) {
  for (let i = 0; i < 600; i++) {
    const t = performance.now()
    await (await fetch(`${base}/ready`)).arrayBuffer()
    if (performance.now() - t < 50) return
  }
}

/** Sequential requests, one at a time: server time per request as one user sees it. */
export async function sequential(url: string, headers: Record<string, string>, n: number) {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const res = await fetch(url, { headers })
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(n / 2)] ?? Number.NaN, p95: times[Math.ceil(n * 0.95) - 1] ?? Number.NaN }
}
