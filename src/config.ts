import { z } from '@hono/zod-openapi'

/**
 * Environment → typed configuration, validated once at start. Every variable is documented in
 * the README's configuration table; keep the two in step.
 */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  DEMO_DATA: z.enum(['auto', 'always', 'never']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /**
   * How many reverse proxies stand in front of the app (0: none, X-Forwarded-* is ignored). The
   * client address for login limits is the hop that many steps from the socket; `true` means 1.
   */
  TRUST_PROXY: z
    .union([
      z.enum(['true', 'false', 'yes', 'no']).transform((v) => (v === 'true' || v === 'yes' ? 1 : 0)),
      z.coerce.number().int().min(0).max(10),
    ])
    .default(0),
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(100).default(4),
  REPORT_DUE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /** Progress to target (PRODUCT.md §3): green at or above this percentage of the way, amber at or above the next. */
  STATUS_GREEN_PERCENT: z.coerce.number().int().min(1).max(100).default(90),
  STATUS_AMBER_PERCENT: z.coerce.number().int().min(0).max(100).default(60),
  FUTURE_DATE_HORIZON_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** PostgreSQL pool (DATABASE_URL): size and how long a request waits for a connection. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** Server-side limits per statement and per idle transaction; 0 turns one off. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** Slow clients are cut off: all headers within the first, the whole request within the second. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** A duplicate of a keyed request still running waits this long for it, then gets 409. */
  IDEMPOTENCY_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /**
   * Single sign-on issuers must be https. `true` also admits plain http on localhost, for a
   * provider under development: off in production, where it would let an organization's admin
   * point the server at its own loopback services.
   */
  SSO_ALLOW_HTTP_ISSUERS: z
    .union([
      z.boolean(),
      z.enum(['true', 'false', 'yes', 'no']).transform((v) => v === 'true' || v === 'yes'),
    ])
    .default(false),
  /**
   * Mail (README "Mail"): the SMTP server as smtp://user:pass@host:port or smtps://… (TLS from
   * the start). Without it mail stays in the outbox, is logged, and the platform admin reads it.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+/, 'must be an smtp:// or smtps:// URL with a host')
    .refine((v) => URL.canParse(v), 'must be a valid URL')
    .optional(),
  /** The sender of every mail: an address, or `Name <address>`. */
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
      'must be an email address or "Name <address>"',
    )
    .default('Effekt <effekt@localhost>'),
  /** The address people reach the dashboard at; every link in a mail starts with it. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, 'must be an http:// or https:// URL without query or fragment')
    .refine((v) => URL.canParse(v), 'must be a valid URL')
    .transform((v) => v.replace(/\/+$/, ''))
    .default('http://localhost:8787'),
  /** How often the in-process scheduler ticks (mail delivery, reminders); 0 turns it off. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
})

export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Variables that may carry a password: an error shows them with the credentials masked. */
const SECRET_URLS = new Set(['SMTP_URL', 'DATABASE_URL'])
const shown = (name: string, value: string | undefined) =>
  value !== undefined && SECRET_URLS.has(name) ? value.replace(/\/\/[^@/]*@/, '//***@') : value

/** Reads configuration from an environment record; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = ConfigSchema.safeParse(cleaned)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) =>
          `${i.path.join('.') || '(root)'}: ${i.message} (got ${JSON.stringify(shown(String(i.path[0] ?? ''), i.path.length ? cleaned[String(i.path[0])] : undefined))})`,
      ),
    )
  }
  if (parsed.data.STATUS_AMBER_PERCENT > parsed.data.STATUS_GREEN_PERCENT) {
    throw new ConfigError([
      `STATUS_AMBER_PERCENT: must not be above STATUS_GREEN_PERCENT (got ${parsed.data.STATUS_AMBER_PERCENT} > ${parsed.data.STATUS_GREEN_PERCENT})`,
    ])
  }
  if (parsed.data.HTTP_HEADERS_TIMEOUT_MS > parsed.data.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError([
      `HTTP_HEADERS_TIMEOUT_MS: must not be above HTTP_REQUEST_TIMEOUT_MS (got ${parsed.data.HTTP_HEADERS_TIMEOUT_MS} > ${parsed.data.HTTP_REQUEST_TIMEOUT_MS})`,
    ])
  }
  return parsed.data
}

/** Defaults for tests and tools that need a config without an environment. */
export const defaultConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({}),
  ...overrides,
})
