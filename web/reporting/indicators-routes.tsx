import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { listIndicators } from '../../src/modules/outcomes/index.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { IndicatorsPage } from './indicators.tsx'

const PAGE_SIZE = 50

export function registerIndicatorPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/indicators',
    page(deps, 'user', async (c, v) => {
      const q = (c.req.query('q') ?? '').trim().slice(0, 100)
      const cursor = c.req.query('cursor') || undefined
      const result = await listIndicators(ctxOf(c), { limit: PAGE_SIZE, cursor, q: q || undefined })
      return respond(
        c,
        <IndicatorsPage
          v={v}
          q={q}
          items={result.items}
          nextCursor={result.nextCursor}
          paged={Boolean(cursor)}
        />,
      )
    }),
  )
}
