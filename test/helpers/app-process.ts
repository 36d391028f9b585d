import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from './free-port.ts'

/**
 * The real server (src/entry/node.ts) as a child process, the way an operator runs it: its own
 * Node (process.execPath, Node 24 from node_modules), a free port, configuration by environment.
 * Output is kept for the assertion messages; `exited` resolves when the process ends.
 */
export interface AppProcess {
  url: string
  port: number
  child: ChildProcess
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>
  /** True while the process runs. */
  alive: () => boolean
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>
}

export async function startAppProcess(
  env: Record<string, string>,
  opts: { waitForHealth?: boolean; timeoutMs?: number } = {},
): Promise<AppProcess> {
  const port = Number(env.PORT ?? (await freePort()))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'never',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  let running = true
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => {
      running = false
      resolve({ code, signal, at: Date.now() })
    }),
  )
  const url = `http://127.0.0.1:${port}`
  const app: AppProcess = {
    url,
    port,
    child,
    output: () => out,
    exited,
    alive: () => running,
    async stop() {
      if (running) child.kill('SIGTERM')
      return exited
    },
  }
  if (opts.waitForHealth === false) return app
  const until = Date.now() + (opts.timeoutMs ?? 90_000)
  for (;;) {
    if (!running) throw new Error(`the app exited before it was ready:\n${out}`)
    try {
      if ((await fetch(`${url}/health`)).ok) return app
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL')
      throw new Error(`the app did not answer /health in time:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}
