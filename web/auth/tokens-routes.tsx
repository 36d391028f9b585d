import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { notFound } from '../../src/http/problem.ts'
import * as tokens from '../../src/modules/identity/index.ts'
import { CreateToken } from '../../src/modules/identity/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { fieldErrors, isUuid, pathParam, readForm, zodIssues } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { setFlash } from '../ui/view.ts'
import { TokensPage } from './tokens.tsx'

const MESSAGES: Record<string, MessageKey> = {
  name: 'invalid.tokenName',
  expiresInDays: 'invalid.expiresInDays',
}

/** The caller's API tokens, through the same token service as POST/GET/DELETE /v1/tokens. */
export function registerTokenPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/settings/tokens',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      return respond(c, <TokensPage v={v} tokens={await tokens.listTokens(ctx)} now={ctx.now} />)
    }),
  )

  app.post(
    '/settings/tokens',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const form = await readForm(c)
      const values = {
        name: form.text('name'),
        readOnly: form.has('readOnly'),
        expiresInDays: form.text('expiresInDays'),
      }
      const parsed = CreateToken.safeParse({
        name: values.name,
        readOnly: values.readOnly,
        expiresInDays: /^\d+$/.test(values.expiresInDays)
          ? Number(values.expiresInDays)
          : values.expiresInDays,
      })
      if (!parsed.success) {
        const errors = fieldErrors(zodIssues(parsed.error.issues), (_, field) =>
          v.t(MESSAGES[field] ?? 'invalid.generic'),
        )
        return respond(
          c,
          <TokensPage
            v={v}
            tokens={await tokens.listTokens(ctx)}
            now={ctx.now}
            values={values}
            errors={errors}
          />,
          422,
        )
      }
      const created = await tokens.createToken(ctx, parsed.data)
      // The secret is in this response only: no redirect, and never stored or cached.
      return respond(
        c,
        <TokensPage
          v={v}
          tokens={await tokens.listTokens(ctx)}
          now={ctx.now}
          created={{ name: created.name, secret: created.token }}
        />,
        201,
      )
    }),
  )

  app.post(
    '/settings/tokens/:id/revoke',
    page(deps, 'user', async (c) => {
      const id = pathParam(c, 'id')
      if (!isUuid(id)) throw notFound('token')
      const ctx = ctxOf(c)
      const name = (await tokens.listTokens(ctx)).find((t) => t.id === id)?.name ?? ''
      await tokens.revokeToken(ctx, id)
      setFlash(c, { tone: 'success', key: 'tokens.revoked', params: { name } })
      return c.redirect('/settings/tokens', 303)
    }),
  )
}
