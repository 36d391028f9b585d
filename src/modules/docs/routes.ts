import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'

/**
 * The interactive API reference. Swagger UI's files are copied into the built assets, so the
 * page loads nothing from a CDN. Swagger UI sets inline styles, hence the relaxed style-src on
 * this one page only.
 */
const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Effekt API reference</title>
<link rel="stylesheet" href="/assets/swagger-ui/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="Effekt API reference"></main>
<script src="/assets/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/assets/docs.js"></script>
</body>
</html>`

export function registerDocsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/docs', (c) => {
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    )
    return c.html(DOCS_HTML)
  })
}
