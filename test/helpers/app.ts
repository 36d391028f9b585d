import { createApp } from '../../src/app.ts'
import { serverBackup } from '../../src/cli/server-backup.ts'
import { type Config, defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { renderAnnualReportPdf } from '../../src/entry/node-annual-pdf.ts'
import { exceljsSheets } from '../../src/entry/sheets.ts'
import type { AppDeps } from '../../src/http/env.ts'
import { createLogger, type Logger } from '../../src/http/logger.ts'
import { isProblemCode } from '../../src/http/problem-codes.ts'
import { assertResponseMatchesContract } from './contract.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'

export interface TestContext {
  app: ReturnType<typeof createApp>
  database: Database
  logs: Record<string, unknown>[]
  logger: Logger
  clock: { now?: Date }
  close(): Promise<void>
}

/** Builds the real app on a fresh database for one test file; logs are captured, not printed. */
export async function createTestApp(
  overrides: Partial<Config> = {},
  database?: Database,
  deps: Partial<AppDeps> = {},
): Promise<TestContext> {
  const db: TestDatabase = database ?? (await createTestDatabase())
  const logs: Record<string, unknown>[] = []
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line)))
  const clock: { now?: Date } = {}
  const config = defaultConfig(overrides)
  const app = createApp({
    database: db,
    config,
    logger,
    now: () => clock.now ?? new Date(),
    // As the Node server has it: GET /v1/admin/backup dumps this very database.
    backup: serverBackup({ ...config, DATABASE_URL: config.DATABASE_URL ?? db.connectionString }, db),
    renderAnnualReportPdf,
    sheets: exceljsSheets,
    ...deps,
  })
  checkEveryResponse(app)
  return { app, database: db, logs, logger, clock, close: () => db.close() }
}

/**
 * Every problem+json any test receives — declared operations or not (unknown routes, 405, the
 * dashboard's POSTs) — carries a catalogue `code` and its `type`, on field errors too.
 */
async function assertProblemHasCode(method: string, url: string, res: Response): Promise<void> {
  if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) return
  if (method.toUpperCase() === 'HEAD') return
  const body = JSON.parse(await res.clone().text()) as {
    code?: unknown
    type?: unknown
    errors?: { code?: unknown }[]
  }
  const where = `${method.toUpperCase()} ${url} → ${res.status}`
  if (typeof body.code !== 'string' || !isProblemCode(body.code))
    throw new Error(`${where}: problem without a catalogue code (${String(body.code)})`)
  if (body.type !== `/problems/${body.code}`)
    throw new Error(`${where}: type ${String(body.type)} is not /problems/${body.code}`)
  for (const e of body.errors ?? [])
    if (typeof e.code !== 'string' || !isProblemCode(e.code))
      throw new Error(`${where}: a field error without a code`)
}

/**
 * Wraps `app.request` so every response a test receives — through `call()` or directly — is
 * validated against openapi/openapi.json (test/helpers/contract.ts) before the test sees it.
 */
function checkEveryResponse(app: ReturnType<typeof createApp>): void {
  const request = app.request.bind(app)
  app.request = (async (...args: Parameters<typeof request>) => {
    const res = await request(...args)
    const [input, init] = args
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
    const url = input instanceof Request ? input.url : String(input)
    await assertResponseMatchesContract(method, url, res)
    await assertProblemHasCode(method, url, res)
    return res
  }) as typeof app.request
}
