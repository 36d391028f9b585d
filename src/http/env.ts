import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import type { Db } from '../db/tx.ts'
import type { AnnualReportDocument } from '../domain/annual-report.ts'
import type { SheetIo } from '../domain/sheets.ts'
import type { Principal } from '../modules/principal.ts'
import type { Logger } from './logger.ts'

/** A backup file as the running server hands it out (GET /v1/admin/backup). */
export interface DatabaseBackup {
  filename: string
  contentType: string
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>
}

/** What the app is built from. The Node entry, the Workers entry and tests each supply these. */
export interface AppDeps {
  database: Database
  config: Config
  logger: Logger
  /** Serves `/assets/*` (built dashboard scripts, styles, API reference); absent in bare tests. */
  serveAssets?: import('hono').MiddlewareHandler
  /** The clock, injectable so tests can move time (session expiry, due reports). */
  now?: () => Date
  /** The client's address for login throttling; each runtime knows how to find it. */
  clientAddress?: (c: import('hono').Context) => string | undefined
  /**
   * Reads a domain's DNS TXT records (each record's strings joined; [] when none), for single
   * sign-on's domain verification. Node uses its resolver; absent, verification by DNS answers 502.
   */
  resolveTxt?: (hostname: string) => Promise<string[]>
  /** Takes a consistent backup while serving; only the Node server can (absent on Workers). */
  backup?: () => Promise<DatabaseBackup>
  /** Renders an annual impact report as PDF (pdfkit, Node only); absent on Workers. */
  renderAnnualReportPdf?: (report: AnnualReportDocument) => Promise<Uint8Array>
  /** Writes and reads XLSX (exceljs, Node only); absent on Workers, where XLSX answers 501. */
  sheets?: SheetIo
}

export interface AppEnv {
  Variables: {
    requestId: string
    deps: AppDeps
    db: Db
    /** Set by the authentication middleware; null for anonymous callers. */
    principal: Principal | null
  }
}
