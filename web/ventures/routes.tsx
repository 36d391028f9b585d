import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { etagOf } from '../../src/http/etag.ts'
import { forbidden, isProblem } from '../../src/http/problem.ts'
import * as ventures from '../../src/modules/ventures/index.ts'
import { THEMES, UpdateVenture } from '../../src/modules/ventures/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { fieldErrors, type Issue, readForm, serviceIssues, uuidParam, zodIssues } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { renderSections } from '../ui/sections.ts'
import { mayEditVentureProfile } from '../ui/ventures-data.ts'
import { setFlash, type View } from '../ui/view.ts'
import { VENTURE_SECTIONS, VenturePage } from './venture.tsx'
import {
  formValuesFrom,
  formValuesOf,
  patchCandidate,
  VentureEditPage,
  type VentureFormValues,
} from './venture-edit.tsx'
import { STATUSES, type VentureFilters, VenturesPage } from './ventures.tsx'

const PAGE_SIZE = 25

const FIELD_MESSAGES: Record<string, MessageKey> = {
  name: 'invalid.name',
  description: 'invalid.description',
  founded: 'invalid.founded',
  website: 'invalid.website',
  theoryOfChange: 'invalid.theoryOfChange',
}

/** Translated messages for the API's validation issues, naming the municipality number at fault. */
const issueMessage =
  (v: View, candidate: ReturnType<typeof patchCandidate>) => (issue: Issue, field: string) => {
    if (field === 'municipalities') {
      const value = candidate.municipalities[Number(issue.path.split('.')[1])]
      if (value === undefined) return v.t('invalid.generic')
      return /^\d{4}$/.test(value)
        ? v.t('invalid.municipalityUnknown', { value })
        : v.t('invalid.municipalityFormat', { value })
    }
    return v.t(FIELD_MESSAGES[field] ?? 'invalid.generic')
  }

const comparable = (value: unknown) =>
  JSON.stringify(Array.isArray(value) ? [...value].sort() : (value ?? null))

export function registerVenturePages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/ventures',
    page(deps, 'user', async (c, v) => {
      const query = c.req.query()
      // Filters the list service does not know are ignored rather than refused: they come from links.
      const filters: VentureFilters = {
        q: query.q?.trim().slice(0, 100) || undefined,
        theme: THEMES.find((t) => t === query.theme),
        status: STATUSES.find((s) => s === query.status),
      }
      const cursor = query.cursor || undefined
      const result = await ventures.listVentures(ctxOf(c), { limit: PAGE_SIZE, cursor, ...filters })
      return respond(
        c,
        <VenturesPage
          v={v}
          items={result.items}
          filters={filters}
          nextCursor={result.nextCursor}
          paged={Boolean(cursor)}
        />,
      )
    }),
  )

  app.get(
    '/ventures/:id',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const input = await ventures.getVenture(ctx, uuidParam(c, 'id', 'venture'))
      const sections = await renderSections(VENTURE_SECTIONS, ctx, v, input)
      const mayEdit = await mayEditVentureProfile(ctx, input.venture.id)
      return respond(c, <VenturePage v={v} input={input} mayEdit={mayEdit} sections={sections} />)
    }),
  )

  app.get(
    '/ventures/:id/edit',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const { venture } = await ventures.getVenture(ctx, uuidParam(c, 'id', 'venture'))
      if (!(await mayEditVentureProfile(ctx, venture.id))) throw forbidden('venture.profile_not_permitted')
      return respond(
        c,
        <VentureEditPage v={v} venture={venture} version={venture.version} values={formValuesOf(venture)} />,
      )
    }),
  )

  app.post(
    '/ventures/:id/edit',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const id = uuidParam(c, 'id', 'venture')
      const { venture } = await ventures.getVenture(ctx, id)
      const form = await readForm(c)
      const values: VentureFormValues = formValuesFrom(form)
      const version = Number(form.text('version'))
      const candidate = patchCandidate(values)
      const show = (
        status: 412 | 422,
        extra: { errors?: Record<string, string>; conflict?: boolean; version?: number },
      ) =>
        respond(
          c,
          <VentureEditPage
            v={v}
            venture={venture}
            version={extra.version ?? version}
            values={values}
            errors={extra.errors}
            conflict={extra.conflict}
          />,
          status,
        )

      // The API's own schema: the same rules as PATCH /v1/ventures/{id}.
      const parsed = UpdateVenture.safeParse(candidate)
      if (!parsed.success) {
        return show(422, { errors: fieldErrors(zodIssues(parsed.error.issues), issueMessage(v, candidate)) })
      }
      // PATCH semantics: send only what the person changed.
      const current = venture as unknown as Record<string, unknown>
      const patch = Object.fromEntries(
        Object.entries(parsed.data).filter(([k, value]) => comparable(value) !== comparable(current[k])),
      )
      if (!Object.keys(patch).length) {
        setFlash(c, { tone: 'info', key: 'venture.unchanged' })
        return c.redirect(`/ventures/${id}`, 303)
      }
      try {
        await ventures.updateVenture(ctx, id, patch, etagOf('venture', id, version))
      } catch (err) {
        if (isProblem(err) && err.code === 'request.etag_mismatch') {
          return show(412, { conflict: true, version: venture.version })
        }
        const issues = serviceIssues(err)
        if (!issues) throw err
        return show(422, { errors: fieldErrors(issues, issueMessage(v, candidate)) })
      }
      setFlash(c, { tone: 'success', key: 'venture.saved' })
      return c.redirect(`/ventures/${id}`, 303)
    }),
  )
}
