/** Structured JSON logs: one object per line, easy to ship and grep. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
export type LogFields = Record<string, unknown> & { msg: string }

export interface Logger {
  debug(fields: LogFields): void
  info(fields: LogFields): void
  warn(fields: LogFields): void
  error(fields: LogFields): void
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => console.log(l)): Logger {
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (fields: LogFields) => {
    if (RANK[lvl] < RANK[level]) return
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, ...fields }))
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

export const silentLogger: Logger = createLogger('silent')
