import { type ChildProcess, spawn } from 'node:child_process'

import { freePort } from './free-port.ts'

export interface NodeInstance {
  url: string
  process: ChildProcess
  /** What the process printed on stderr, for failure messages. */
  stderr(): string
  stop(): Promise<void>
}

/**
 * The real server (src/entry/node.ts) as its own Node process, as an operator runs it: separate
 * memory, separate pool, only the database in common with its siblings.
 */
export async function startNodeInstance(
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<NodeInstance> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d) => {
    stderr += String(d)
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance exited with ${child.exitCode}: ${stderr}`)
    try {
      if ((await fetch(`${url}/health`)).ok) break
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`instance did not answer /health within ${timeoutMs} ms: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    process: child,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}
