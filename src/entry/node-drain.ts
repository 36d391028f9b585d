import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { Server as NetServer } from 'node:net'
import type { Logger } from '../http/logger.ts'

/** Starts the shutdown; resolves once every connection is closed or the deadline cut them. */
export type Drain = (reason: string) => Promise<'drained' | 'cut'>

/**
 * Graceful stop of a Node HTTP server. What must stay true: a request the server accepted gets
 * its whole answer (unless the deadline passes), and no keep-alive client is left holding the
 * process open. So on drain: stop accepting, mark every answer not yet sent and every later one
 * (keep-alive clients may still send on open sockets) `Connection: close`, and at the deadline
 * close whatever is left.
 *
 * Idle keep-alive sockets are closed only after a short grace. Closing one races with a client
 * that is sending its next request on it right then, and that request is lost on the wire (the
 * client sees a reset). During the grace a busy client sends on its socket, is answered with
 * `Connection: close`, and the socket closes cleanly after the answer; what is still idle after
 * the grace is a client that is not sending. http.Server#close would close idle sockets at once,
 * so the listening socket is closed through net.Server#close, which only stops accepting.
 */
export function drainer(server: Server, logger: Logger, deadlineMs: number): Drain {
  let draining = false
  let sweeping = false
  const inFlight = new Set<ServerResponse>()
  const closeIdle = () => server.closeIdleConnections()

  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close')
    inFlight.add(res)
    res.on('close', () => {
      inFlight.delete(res)
      if (sweeping) setImmediate(closeIdle)
    })
  })

  let result: Promise<'drained' | 'cut'> | undefined
  return (reason) => {
    if (result) return result
    draining = true
    logger.info({ msg: 'draining', reason, inFlight: inFlight.size, deadlineMs })
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
    result = new Promise((resolve) => {
      const grace = setTimeout(
        () => {
          sweeping = true
          closeIdle()
        },
        Math.min(1000, deadlineMs / 4),
      )
      const timer = setTimeout(() => {
        logger.warn({ msg: 'drain deadline passed; closing connections', inFlight: inFlight.size })
        server.closeAllConnections()
        resolve('cut')
      }, deadlineMs)
      NetServer.prototype.close.call(server, () => {
        clearTimeout(grace)
        clearTimeout(timer)
        resolve('drained')
      })
    })
    return result
  }
}
