import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

export { freePort } from '../../test/helpers/free-port.ts'

export interface Started {
  child: ChildProcess
  url: string
  /** Milliseconds from spawn to the first 200 on `readyPath`. */
  readyMs: number
  stop(): Promise<void>
}

/**
 * Starts `node --import tsx <script>` (with this process's Node, the one the project brings) and
 * waits until `readyPath` answers 200. Output goes to the bench's stderr only when asked: the
 * request log costs the same either way, it is the process's own work.
 */
export async function startNode(
  script: string,
  env: Record<string, string>,
  port: number,
  readyPath = '/ready',
  timeoutMs = 120_000,
  stderr: 'inherit' | 'ignore' = process.env.BENCH_VERBOSE ? 'inherit' : 'ignore',
): Promise<Started> {
  const began = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', stderr],
  })
  const url = `http://127.0.0.1:${port}`
  let exited: number | null = null
  child.once('exit', (code) => {
    exited = code ?? -1
  })
  for (;;) {
    if (exited !== null) throw new Error(`${script} exited with ${exited} before it was ready`)
    if (performance.now() - began > timeoutMs) throw new Error(`${script} not ready in ${timeoutMs} ms`)
    try {
      const res = await fetch(`${url}${readyPath}`)
      await res.arrayBuffer()
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  const readyMs = performance.now() - began
  return {
    child,
    url,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
    return kb / 1024
  } catch {
    return Number.NaN
  }
}
