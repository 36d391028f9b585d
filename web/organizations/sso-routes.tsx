import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { requestOrigin } from '../../src/http/auth.ts'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { isProblem, notFound } from '../../src/http/problem.ts'
import * as orgs from '../../src/modules/identity/index.ts'
import * as sso from '../../src/modules/sso/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import type { FieldErrors } from '../ui/fields.tsx'
import { isUuid, pathParam, readForm } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { setFlash, type View } from '../ui/view.ts'
import { type SsoFormValues, SsoSettingsPage } from './sso-settings.tsx'

type C = Context<AppEnv>

const orgIdOf = (c: C) => {
  const id = pathParam(c, 'id')
  if (!isUuid(id)) throw notFound('organization')
  return id
}

const SETTINGS_MESSAGES: Record<string, MessageKey> = {
  issuer: 'sso.settings.error.issuer',
  clientId: 'sso.settings.error.clientId',
  clientSecret: 'sso.settings.error.clientSecret',
}

async function show(
  c: C,
  v: View,
  id: string,
  extra: {
    values?: SsoFormValues
    errors?: FieldErrors
    domainValue?: string
    domainErrors?: FieldErrors
    notice?: string
  } = {},
  status = 200,
) {
  const ctx = ctxOf(c)
  // The settings service asks the policy first: non-admins get the designed 403 or 404 page.
  const settings = await sso.getSettings(ctx, id)
  const org = await orgs.getOrganization(ctx, id)
  const origin = requestOrigin(c)
  return respond(
    c,
    <SsoSettingsPage
      v={v}
      org={org}
      settings={{
        ...settings,
        redirectUri: `${origin}${sso.CALLBACK_PATH}`,
        startUrl: `${origin}${sso.startPath(id)}`,
      }}
      {...extra}
    />,
    status,
  )
}

/** A refusal the page words in place (its problem's detail), anything else the error pages'. */
async function orNotice(c: C, v: View, id: string, action: () => Promise<MessageKey>) {
  try {
    setFlash(c, { tone: 'success', key: await action() })
    return c.redirect(`/organizations/${id}/sso`, 303)
  } catch (err) {
    if (!isProblem(err) || !(err.code.startsWith('sso') || err.code === 'platform.admin_only')) throw err
    return show(c, v, id, { notice: err.detailIn(v.lang) }, err.status)
  }
}

export function registerSsoSettingsPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/organizations/:id/sso',
    page(deps, 'user', (c, v) => show(c, v, orgIdOf(c))),
  )

  app.post(
    '/organizations/:id/sso',
    page(deps, 'user', async (c, v) => {
      const id = orgIdOf(c)
      const form = await readForm(c)
      const values = {
        issuer: form.text('issuer'),
        clientId: form.text('clientId'),
        enabled: form.has('enabled'),
      }
      const secret = form.raw('clientSecret')
      const parsed = sso.PutSsoSettings.safeParse({ ...values, ...(secret ? { clientSecret: secret } : {}) })
      if (!parsed.success) {
        const errors: FieldErrors = {}
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0])
          const key = SETTINGS_MESSAGES[field]
          if (key) errors[field] = v.t(key)
        }
        return show(c, v, id, { values, errors }, 422)
      }
      try {
        await sso.putSettings(ctxOf(c), id, parsed.data)
      } catch (err) {
        if (!isProblem(err) || err.code !== 'sso.secret_required') throw err
        return show(
          c,
          v,
          id,
          { values, errors: { clientSecret: v.t('sso.settings.error.clientSecret') } },
          422,
        )
      }
      setFlash(c, { tone: 'success', key: 'sso.settings.saved' })
      return c.redirect(`/organizations/${id}/sso`, 303)
    }),
  )

  app.post(
    '/organizations/:id/sso/delete',
    page(deps, 'user', (c, v) => {
      const id = orgIdOf(c)
      return orNotice(c, v, id, async () => {
        await sso.deleteSettings(ctxOf(c), id)
        return 'sso.settings.removed'
      })
    }),
  )

  app.post(
    '/organizations/:id/sso/domains',
    page(deps, 'user', async (c, v) => {
      const id = orgIdOf(c)
      const form = await readForm(c)
      const domainValue = form.text('domain')
      const parsed = sso.AddSsoDomain.safeParse({ domain: domainValue })
      if (!parsed.success)
        return show(
          c,
          v,
          id,
          { domainValue, domainErrors: { domain: v.t('sso.settings.error.domain') } },
          422,
        )
      await sso.addDomain(ctxOf(c), id, parsed.data.domain)
      setFlash(c, { tone: 'success', key: 'sso.settings.domainAdded' })
      return c.redirect(`/organizations/${id}/sso#domains`, 303)
    }),
  )

  app.post(
    '/organizations/:id/sso/domains/:domain/verify',
    page(deps, 'user', (c, v) => {
      const id = orgIdOf(c)
      const domain = sso.EmailDomain.safeParse(pathParam(c, 'domain'))
      if (!domain.success) throw notFound('sso_domain')
      const method = c.req.query('method') === 'platform_admin' ? 'platform_admin' : 'dns'
      return orNotice(c, v, id, async () => {
        await sso.verifyDomain(ctxOf(c), id, domain.data, method, c.get('deps').resolveTxt)
        return 'sso.settings.domainVerified'
      })
    }),
  )

  app.post(
    '/organizations/:id/sso/domains/:domain/remove',
    page(deps, 'user', (c, v) => {
      const id = orgIdOf(c)
      const domain = sso.EmailDomain.safeParse(pathParam(c, 'domain'))
      if (!domain.success) throw notFound('sso_domain')
      return orNotice(c, v, id, async () => {
        await sso.removeDomain(ctxOf(c), id, domain.data)
        return 'sso.settings.domainRemoved'
      })
    }),
  )
}
