/**
 * The load of the fault test: writers that retry until their write is acknowledged (on 503, on
 * a network error, on 409 idempotency.in_progress), readers, and a log of every answer with its
 * start and end time so the test can judge what happened during each outage window.
 */
export interface Answer {
  kind: 'ledger' | 'values' | 'read'
  startedAt: number
  endedAt: number
  /** HTTP status, or 0 for a network error (no answer at all). */
  status: number
  replayed: boolean
  retryAfter: string | null
  code?: string | undefined
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export class Recorder {
  readonly answers: Answer[] = []

  async send(
    kind: Answer['kind'],
    url: string,
    init: RequestInit,
  ): Promise<{ status: number; body: unknown }> {
    const startedAt = Date.now()
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
      const text = await res.text()
      const isProblem = res.headers.get('content-type')?.includes('problem+json')
      const body: unknown =
        text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text
      this.answers.push({
        kind,
        startedAt,
        endedAt: Date.now(),
        status: res.status,
        replayed: res.headers.get('idempotent-replayed') === 'true',
        retryAfter: res.headers.get('retry-after'),
        code: isProblem ? (body as { code?: string }).code : undefined,
      })
      return { status: res.status, body }
    } catch {
      this.answers.push({
        kind,
        startedAt,
        endedAt: Date.now(),
        status: 0,
        replayed: false,
        retryAfter: null,
      })
      return { status: 0, body: null }
    }
  }

  /**
   * Sends until the answer is final: retried on 503, network errors and a key still in progress,
   * for at most `giveUpMs` (then the last answer is returned: the test reports it, never hangs).
   */
  async untilFinal(kind: Answer['kind'], url: string, init: RequestInit, giveUpMs = 30_000) {
    const until = Date.now() + giveUpMs
    for (;;) {
      const res = await this.send(kind, url, init)
      const inProgress =
        res.status === 409 && (res.body as { code?: string })?.code === 'idempotency.in_progress'
      if ((res.status !== 0 && res.status !== 503 && !inProgress) || Date.now() > until) return res
      await sleep(150)
    }
  }

  histogram(): Record<string, number> {
    const h: Record<string, number> = {}
    for (const a of this.answers) h[String(a.status)] = (h[String(a.status)] ?? 0) + 1
    return h
  }
}
