import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../../http/env.ts'
import { negotiateLanguage, type ProblemLanguage } from '../../http/language.ts'
import { notFound } from '../../http/problem.ts'
import { isProblemCode } from '../../http/problem-codes.ts'
import { ProblemsPage } from './problems-page.tsx'

/** `?lang=nb|en` (the page's own switch) wins over Accept-Language. */
function pageLanguage(c: Context<AppEnv>): ProblemLanguage {
  const asked = c.req.query('lang')
  if (asked === 'nb' || asked === 'en') return asked
  return negotiateLanguage(c.req.header('accept-language'))
}

/**
 * GET /problems lists every error code; GET /problems/{code} — the `type` of every problem the
 * API answers — redirects to that code's row. Not API operations, so not in the OpenAPI document
 * (the Problem schema's `type` and `code` say where they lead).
 */
export function registerProblemRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/problems', async (c) => {
    const lang = pageLanguage(c)
    c.header('Vary', 'Accept-Language')
    c.header('Content-Language', lang)
    return c.html(`<!doctype html>${await (<ProblemsPage lang={lang} />)}`)
  })
  app.get('/problems/:code', (c) => {
    const code = c.req.param('code')
    if (!isProblemCode(code)) throw notFound('problem_code')
    const lang = c.req.query('lang')
    const query = lang === 'nb' || lang === 'en' ? `?lang=${lang}` : ''
    return c.redirect(`/problems${query}#${code}`, 302)
  })
}
