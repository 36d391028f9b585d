import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ctxOf } from '../../src/http/context.ts'
import { csvDialect } from '../../src/http/csv-dialect.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { notFound } from '../../src/http/problem.ts'
import { sendWorkbook } from '../../src/http/sheets.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { listOrganizations } from '../../src/modules/identity/index.ts'
import {
  getImpact,
  getOpenDataSetting,
  type ImpactView,
  impactCsv,
  impactWorkbook,
} from '../../src/modules/impact/index.ts'
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
function fileName(view: ImpactView, form: ImpactForm, extension: 'csv' | 'xlsx'): string {
  const parts = [
    'effekt-impact',
    view.place?.code ?? 'national',
    form.from || 'start',
    form.to || 'end',
    ...(form.theme ? [form.theme] : []),
  ]
  return `${parts.join('_').replace(/[^A-Za-z0-9_-]/g, '')}.${extension}`
}

const unverifiedColumn = {
  columns: [{ header: 'unverified', kind: 'boolean' as const }],
  cells: (p: { unverified: boolean }) => [String(p.unverified)],
}

/**
 * The figures the page shows, as the open-data file writes them (the same protected cells), with
 * the page's decimal mark unless the link asks for another (`decimal`, the one CSV rule).
 */
function csvOf(view: ImpactView, v: View, decimal: string | undefined): string {
  const mark = decimal === 'comma' || decimal === 'point' ? decimal : v.lang === 'nb' ? 'comma' : 'point'
  return impactCsv(view.indicators, { dialect: csvDialect({ decimal: mark }, mark), extra: unverifiedColumn })
}

/**
 * `GET /impact` and `GET /impact.csv`: the municipality impact page and its figures as CSV, both
 * from the impact service with the caller's session, so the same people see the same figures
 * with the same suppression. Someone without a municipality view gets the 404 page.
 */
export function registerImpactPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  const handler = (format: 'html' | 'csv' | 'xlsx') =>
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
        return c.body(csvOf(view, v, c.req.query('decimal')), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${fileName(view, read.form, 'csv')}"`,
          'Cache-Control': 'no-store',
          Vary: 'Cookie',
        })
      }
      if (format === 'xlsx') {
        const book = impactWorkbook(view.indicators, {
          language: v.lang,
          extra: unverifiedColumn,
          notes: view.caveats,
        })
        return sendWorkbook(c, fileName(view, read.form, 'xlsx'), book, {
          'Cache-Control': 'no-store',
          Vary: 'Cookie',
        })
      }
      const result = {
        view,
        openData: await openDataOf(ctx, view),
        csvHref: `/impact.csv?${search}`,
        xlsxHref: `/impact.xlsx?${search}`,
      }
      return respond(c, <ImpactPage v={v} form={read.form} choices={choices} issues={[]} result={result} />)
    })
  app.get('/impact', handler('html'))
  app.get('/impact.csv', handler('csv'))
  app.get('/impact.xlsx', handler('xlsx'))
}
