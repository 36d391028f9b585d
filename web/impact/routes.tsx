import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { notFound } from '../../src/http/problem.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { listOrganizations } from '../../src/modules/identity/index.ts'
import { getImpact, getOpenDataSetting, type ImpactView, impactCsv } from '../../src/modules/impact/index.ts'
import { allPages } from '../ui/capital-data.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { signedIn, type View } from '../ui/view.ts'
import { ImpactPage } from './impact.tsx'
import {
  type ImpactForm,
  type ImpactFormIssue,
  impactSearch,
  municipalityChoices,
  readImpactForm,
  serviceFormIssues,
} from './impact-form.ts'
import type { OpenDataInfo } from './impact-notes.tsx'

/** Municipality organizations an administrator can pick from (their numbers); members need none. */
async function organizationNumbers(ctx: Ctx, v: View): Promise<string[]> {
  if (!signedIn(v).isPlatformAdmin) return []
  const all = await allPages((cursor) => listOrganizations(ctx, { kind: 'municipality', limit: 200, cursor }))
  return all.flatMap((o) => o.municipalityNumbers)
}

async function openDataOf(ctx: Ctx, view: ImpactView): Promise<OpenDataInfo[]> {
  const out: OpenDataInfo[] = []
  // One at a time: the embedded database has one connection.
  for (const org of view.organizations) {
    const setting = await getOpenDataSetting(ctx, org.id)
    out.push({ organization: org.name, published: setting.published, links: setting.links })
  }
  return out
}

/** The file name says what is in it: the place and the window. */
function csvName(view: ImpactView, form: ImpactForm): string {
  const parts = [
    'effekt-impact',
    view.place?.code ?? 'national',
    form.from || 'start',
    form.to || 'end',
    ...(form.theme ? [form.theme] : []),
  ]
  return `${parts.join('_').replace(/[^A-Za-z0-9_-]/g, '')}.csv`
}

/** The figures the page shows, as the open-data file writes them (the same protected cells). */
function csvOf(view: ImpactView): string {
  return impactCsv(view.indicators, {
    separator: ';',
    extra: { columns: ['unverified'], cells: (p) => [String(p.unverified)] },
  })
}

/**
 * `GET /impact` and `GET /impact.csv`: the municipality impact page and its figures as CSV, both
 * from the impact service with the caller's session, so the same people see the same figures
 * with the same suppression. Someone without a municipality view gets the 404 page.
 */
export function registerImpactPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  const handler = (format: 'html' | 'csv') =>
    page(deps, 'user', async (c: Context<AppEnv>, v) => {
      const ctx = ctxOf(c)
      const choices = municipalityChoices(signedIn(v), await organizationNumbers(ctx, v))
      if (!choices) throw notFound('impact_view')
      const read = readImpactForm(c.req.query(), choices, ctx.now)
      let issues: ImpactFormIssue[] = read.issues
      let view: ImpactView | null = null
      if (read.query) {
        try {
          view = await getImpact(ctx, read.query)
        } catch (err) {
          const mapped = serviceFormIssues(err, read.form)
          if (!mapped) throw err
          issues = mapped
        }
      }
      if (!view || !read.query) {
        return respond(
          c,
          <ImpactPage v={v} form={read.form} choices={choices} issues={issues} result={null} />,
          422,
        )
      }
      const search = impactSearch(read.query)
      if (format === 'csv') {
        return c.body(csvOf(view), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${csvName(view, read.form)}"`,
          'Cache-Control': 'no-store',
          Vary: 'Cookie',
        })
      }
      const result = { view, openData: await openDataOf(ctx, view), csvHref: `/impact.csv?${search}` }
      return respond(c, <ImpactPage v={v} form={read.form} choices={choices} issues={[]} result={result} />)
    })
  app.get('/impact', handler('html'))
  app.get('/impact.csv', handler('csv'))
}
