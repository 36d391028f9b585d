import { codesRollingInto } from '../../domain/municipalities.ts'
import type { Ctx } from '../context.ts'
import type { Principal } from '../principal.ts'
import {
  auditPlace,
  type PlaceAudit,
  type Printed,
  readImpactCsv,
  readImpactJson,
  readOpenJson,
} from './audit.ts'
import { type Place, placeViews, resolvePlace } from './municipal-data.ts'
import { openImpact, openImpactCsv } from './open-data-service.ts'
import * as repo from './repo.ts'
import { impactOut } from './serialize.ts'
import { getImpact } from './service.ts'

/**
 * `npm run admin -- audit-disclosure`: for each place, every document an attacker can fetch, read
 * back through the same services the routes call, audited together (audit.ts).
 */

/** A viewer of one municipality organization: what its members are served. */
const memberOf = (org: { id: string; name: string }): Principal => ({
  userId: '00000000-0000-0000-0000-000000000000',
  email: 'disclosure-audit@effekt.invalid',
  name: 'Disclosure audit',
  isPlatformAdmin: false,
  memberships: [
    {
      organizationId: org.id,
      organizationName: org.name,
      kind: 'municipality',
      role: 'viewer',
      municipalityNumbers: [],
    },
  ],
  via: 'token',
  readOnly: true,
})

const POINT = { separator: ',', decimal: '.' } as const
const COMMA = { separator: ';', decimal: ',' } as const

export async function auditMunicipality(
  ctx: Ctx,
  municipality: string,
): Promise<PlaceAudit & { place: Place }> {
  const place = resolvePlace(municipality, 'query')
  const indicators = await repo.shareableIndicators(ctx.db, undefined)
  const { views, orgs } = await placeViews(ctx.db, place, indicators, null)
  const printed = new Map<string, Printed>()
  const problems: string[] = []
  const into = (view: string) => {
    const p = printed.get(view) ?? new Map()
    printed.set(view, p)
    return p
  }
  if (views.some((v) => v.key === 'open'))
    for (const code of codesRollingInto(place.code)) {
      const doc = await openImpact(ctx, code)
      readOpenJson(doc, into('open'), problems, `open/${code}.json`)
      readImpactCsv(openImpactCsv(doc, POINT), into('open'), problems, `open/${code}.csv`)
      readImpactCsv(openImpactCsv(doc, COMMA), into('open'), problems, `open/${code}.csv?decimal=comma`)
    }
  for (const org of orgs)
    for (const includeUnverified of [false, true])
      for (const granularity of ['quarter', 'year'] as const) {
        const view = await getImpact(
          { ...ctx, principal: memberOf(org) },
          { municipality: place.code, granularity, includeUnverified },
        )
        const key = `org:${org.id}:${includeUnverified ? 'unverified' : 'verified'}`
        readImpactJson(impactOut(view), into(key), problems, `${key} ${granularity}`)
      }
  return {
    place,
    ...auditPlace(indicators, views, printed, ctx.config.SUPPRESSION_THRESHOLD, problems, 'protected'),
  }
}

/** The current numbers of the places asked for (an old number names its successor); 422 for others. */
export const checkPlaces = (codes: string[]) => [...new Set(codes.map((c) => resolvePlace(c, 'query').code))]

/** The current numbers of every place some municipality organization covers, sorted. */
export async function auditedPlaces(ctx: Ctx): Promise<string[]> {
  const rows = await repo.municipalityNumbersInUse(ctx.db)
  const codes = new Set<string>()
  for (const r of rows)
    for (const n of r.municipalityNumbers) {
      try {
        codes.add(resolvePlace(n, 'query').code)
      } catch {
        // an organization listing a number that is no municipality's has no views to audit
      }
    }
  return [...codes].sort()
}
