import { call, login } from './http.ts'
import { ACTORS, type ActorName, type World } from './matrix.ts'

/**
 * The permission matrix's side effects (STYLE.md Tests, issue #15): after a write by each
 * principal, what can every principal read that it could not read before? A status code says
 * whether the write was allowed; this says what it granted. Each scenario makes a fresh target per
 * writing actor (so one actor's write cannot hide another's), lists probe reads, and names who may
 * legitimately gain a read from whose write: the party whose data it is, or an operator where the
 * product says so. Anything else that turns from refused to readable is a leak.
 */
export interface Probe {
  label: string
  path: string
  /** Whether the answer shows the thing; default: a 2xx status. */
  shows?: (res: { status: number; text: string }) => boolean
}

export interface Target {
  ids: Record<string, string>
  /** Principals the scenario made for this target (e.g. an invited user), by name → email. */
  extraViewers: Record<string, string>
}

export interface WriteRequest {
  method: string
  path: string
  body?: unknown
}

export interface Scenario {
  name: string
  setup: (w: World, actor: ActorName) => Promise<Target>
  write: (w: World, actor: ActorName, target: Target) => WriteRequest
  /** Probe reads on the target; `created` is the write's answer body, null before the write. */
  probes: (w: World, target: Target, created: unknown) => Probe[]
  /** The write must answer this status for this actor (keeps the scenario honest). */
  expectStatus: (actor: ActorName) => number
  /** Viewers that may gain reads when `actor` writes (consent or operator); default nobody. */
  mayGrant?: (actor: ActorName) => (string | ActorName)[]
}

export interface SideEffectResult {
  leaks: string[]
  /** Gains that were allowed: proof that the probes see a change when there is one. */
  grants: string[]
  statusMismatches: string[]
  requests: number
}

type Viewers = Record<string, string | undefined>

async function visible(w: World, viewers: Viewers, probes: Probe[]) {
  const seen = new Set<string>()
  let requests = 0
  for (const [viewer, cookie] of Object.entries(viewers)) {
    for (const p of probes) {
      const res = await call(w.app, 'GET', p.path, cookie ? { cookie } : {})
      requests++
      if (res.status >= 500)
        throw new Error(`${p.label} as ${viewer}: ${res.status} ${res.text.slice(0, 200)}`)
      if ((p.shows ?? ((r) => r.status >= 200 && r.status < 300))(res)) seen.add(`${viewer} ${p.label}`)
    }
  }
  return { seen, requests }
}

export async function runScenario(w: World, s: Scenario): Promise<SideEffectResult> {
  const result: SideEffectResult = { leaks: [], grants: [], statusMismatches: [], requests: 0 }
  for (const actor of ACTORS) {
    const target = await s.setup(w, actor)
    const viewers: Viewers = { ...w.cookies }
    for (const [name, email] of Object.entries(target.extraViewers)) viewers[name] = await login(w.app, email)
    const before = await visible(w, viewers, s.probes(w, target, null))
    const req = s.write(w, actor, target)
    const res = await call(w.app, req.method, req.path, {
      ...(w.cookies[actor] ? { cookie: w.cookies[actor] } : {}),
      body: req.body,
    })
    result.requests += before.requests + 1
    if (res.status !== s.expectStatus(actor)) {
      result.statusMismatches.push(`${s.name} by ${actor}: ${res.status} (${res.text.slice(0, 160)})`)
    }
    const created = res.status < 300 ? res.body : null
    const after = await visible(w, viewers, s.probes(w, target, created))
    result.requests += after.requests
    const allowed = new Set<string>(['platformAdmin', ...(s.mayGrant?.(actor) ?? [])])
    for (const read of after.seen) {
      if (before.seen.has(read)) continue
      const viewer = read.split(' ')[0]!
      const line = `${s.name} by ${actor} → ${read}`
      if (allowed.has(viewer)) result.grants.push(line)
      else result.leaks.push(line)
    }
  }
  return result
}
