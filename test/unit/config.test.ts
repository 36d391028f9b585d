import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.ts'

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({})
    expect(c.PORT).toBe(8787)
    expect(c.DATA_DIR).toBe('./data')
    expect(c.DATABASE_URL).toBeUndefined()
    expect(c.SUPPRESSION_THRESHOLD).toBe(4)
  })
  it('reads and coerces values', () => {
    const c = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://u:p@localhost/db', TRUST_PROXY: 'true' })
    expect(c.PORT).toBe(9000)
    expect(c.TRUST_PROXY).toBe(1)
  })
  it('reads TRUST_PROXY as a number of proxies (true means one, default none)', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(0)
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2)
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(0)
    expect(() => loadConfig({ TRUST_PROXY: '-1' })).toThrow(ConfigError)
    expect(() => loadConfig({ TRUST_PROXY: 'lots' })).toThrow(ConfigError)
  })
  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8787)
  })
  it('refuses bad values with a message naming each variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      const message = (err as Error).message
      expect(message).toContain('PORT')
      expect(message).toContain('DATABASE_URL')
      expect(message).toContain('LOG_LEVEL')
      expect((err as ConfigError).problems).toHaveLength(3)
    }
  })
  it('takes the red/amber/green thresholds from the environment, green never below amber', () => {
    expect(loadConfig({})).toMatchObject({ STATUS_GREEN_PERCENT: 90, STATUS_AMBER_PERCENT: 60 })
    expect(loadConfig({ STATUS_GREEN_PERCENT: '80', STATUS_AMBER_PERCENT: '50' }).STATUS_GREEN_PERCENT).toBe(
      80,
    )
    expect(() => loadConfig({ STATUS_GREEN_PERCENT: '50', STATUS_AMBER_PERCENT: '70' })).toThrow(
      /STATUS_AMBER_PERCENT: must not be above STATUS_GREEN_PERCENT/,
    )
    expect(() => loadConfig({ STATUS_GREEN_PERCENT: '120' })).toThrow(/STATUS_GREEN_PERCENT/)
  })
  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/)
  })
  it('has sensible fault defaults and refuses nonsense timeouts', () => {
    expect(loadConfig({})).toMatchObject({
      DB_POOL_SIZE: 10,
      DB_CONNECT_TIMEOUT_MS: 5000,
      DB_STATEMENT_TIMEOUT_MS: 30_000,
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60_000,
      HTTP_HEADERS_TIMEOUT_MS: 15_000,
      HTTP_REQUEST_TIMEOUT_MS: 60_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 5000,
      IDEMPOTENCY_WAIT_MS: 10_000,
      SHUTDOWN_TIMEOUT_MS: 10_000,
    })
    expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '0' }).DB_STATEMENT_TIMEOUT_MS).toBe(0)
    expect(() => loadConfig({ DB_POOL_SIZE: '0' })).toThrow(/DB_POOL_SIZE/)
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(/DB_CONNECT_TIMEOUT_MS/)
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '90000', HTTP_REQUEST_TIMEOUT_MS: '60000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS: must not be above HTTP_REQUEST_TIMEOUT_MS/,
    )
  })
})
