import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { registerDashboardErrorPages, registerDashboardRoutes } from '../web/index.ts'
import { authenticate, isSafeMethod } from './http/auth.ts'
import type { AppDeps, AppEnv } from './http/env.ts'
import { onError, onNotFound, validationHook } from './http/errors.ts'
import { negotiateLanguage } from './http/language.ts'
import { Problem, problemResponse } from './http/problem.ts'
import { requestLog } from './http/request-log.ts'
import { registerAnnualReportRoutes } from './modules/annual-report/index.ts'
import { registerAuditRoutes } from './modules/audit/index.ts'
import { registerCapitalRoutes } from './modules/capital/index.ts'
import { registerDocsRoutes, registerProblemRoutes } from './modules/docs/index.ts'
import { registerEconomicsRoutes } from './modules/economics/index.ts'
import { registerCapitalExportRoutes, registerInteropExportRoutes } from './modules/exports/index.ts'
import { registerHealthRoutes } from './modules/health/index.ts'
import { idempotency } from './modules/idempotency/index.ts'
import * as identity from './modules/identity/index.ts'
import {
  registerAccountRoutes,
  registerAuthRoutes,
  registerOrganizationRoutes,
} from './modules/identity/index.ts'
import { registerImpactRoutes } from './modules/impact/index.ts'
import { registerMailRoutes } from './modules/mail/index.ts'
import { registerNotificationRoutes } from './modules/notifications/index.ts'
import { registerOperationsRoutes } from './modules/operations/index.ts'
import { registerOutcomeRoutes } from './modules/outcomes/index.ts'
import { registerPortfolioRoutes } from './modules/portfolio/index.ts'
import { registerSsoRoutes } from './modules/sso/index.ts'
import { registerVentureRoutes } from './modules/ventures/index.ts'
import { openApiDocument } from './openapi-document.ts'

/**
 * The one composition root: the Node server, the Workers entry and the tests all build the app
 * here, so middleware, routes and error handling are identical everywhere.
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.use('*', requestId({ limitLength: 128 }))
  app.use('*', async (c, next) => {
    c.set('deps', deps)
    c.set('db', deps.database.db)
    await next()
  })
  app.use('*', requestLog())
  // Outside everything that may replace the response (405, error pages, onError): Hono copies the
  // old response's headers onto a replacement, so a compressor further in left `Content-Encoding:
  // gzip` on a plain 405 body. Here it sees the final response only.
  app.use('*', compress())
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(
          new Problem(
            'request.method_not_allowed',
            `${c.req.method} is not allowed here; use ${methods.join(', ')}.`,
            { headers: { Allow: methods.join(', ') } },
          ),
          c.get('requestId'),
          negotiateLanguage(c.req.header('accept-language')),
        ),
    }),
  )
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    }),
  )
  registerDashboardErrorPages(app)
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.config.BODY_LIMIT_BYTES,
      onError: () => {
        throw new Problem(
          'request.too_large',
          `The body is larger than ${deps.config.BODY_LIMIT_BYTES} bytes.`,
        )
      },
    }),
  )
  if (deps.serveAssets) app.use('/assets/*', deps.serveAssets)
  app.use('/v1/*', authenticate(identity))
  app.use('/v1/*', idempotency())
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from POST /v1/tokens (`eff_…`)',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'effekt_session',
    description: 'The session cookie set by POST /v1/auth/login',
  })

  registerHealthRoutes(app)
  registerDocsRoutes(app)
  registerProblemRoutes(app)
  registerAuthRoutes(app)
  registerOrganizationRoutes(app)
  registerSsoRoutes(app)
  registerAccountRoutes(app)
  registerVentureRoutes(app)
  registerCapitalRoutes(app)
  registerPortfolioRoutes(app)
  registerCapitalExportRoutes(app)
  registerOutcomeRoutes(app)
  registerEconomicsRoutes(app)
  registerImpactRoutes(app)
  registerInteropExportRoutes(app)
  registerAnnualReportRoutes(app)
  registerNotificationRoutes(app)
  registerDashboardRoutes(app)
  registerAuditRoutes(app)
  registerOperationsRoutes(app)
  registerMailRoutes(app)
  app.get('/openapi.json', (c) => c.json(openApiDocument(app)))

  app.onError(onError())
  app.notFound(onNotFound())
  return app
}

export type App = ReturnType<typeof createApp>
