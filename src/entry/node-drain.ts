import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Logger } from '../http/logger.ts'

export interface Drain {
  /** Starts the shutdown; resolves once every connection is closed or the deadline cut them. */
  (reason: string): Promise<'drained' | 'cut'>
}

/**
 * Graceful stop of a Node HTTP server. What must stay true: a request the server accepted gets
 * its whole answer (unless the deadline passes), and no keep-alive client is left holding the
 * process open. So on drain: stop accepting, mark every answer not yet sent and every later one
 * (keep-alive clients may still send on open sockets) `Connection: close`, close sockets as soon
 * as they are idle, and at the deadline close whatever is left.
 */
export function drainer(server: Server, logger: Logger, deadlineMs: number): Drain {
  let draining = false
  const inFlight = new Set<ServerResponse>()
  const closeIdle = () => server.closeIdleConnections()

  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close')
    inFlight.add(res)
    res.on('close', () => {
      inFlight.delete(res)
      if (draining) setImmediate(closeIdle)
    })
  })

  let result: Promise<'drained' | 'cut'> | undefined
  return (reason) => {
    if (result) return result
    draining = true
    logger.info({ msg: 'draining', reason, inFlight: inFlight.size, deadlineMs })
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
    result = new Promise((resolve) => {
      const timer = setTimeout(() => {
        logger.warn({ msg: 'drain deadline passed; closing connections', inFlight: inFlight.size })
        server.closeAllConnections()
        resolve('cut')
      }, deadlineMs)
      server.close(() => {
        clearTimeout(timer)
        resolve('drained')
      })
      closeIdle()
    })
    return result
  }
}
