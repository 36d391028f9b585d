import { cpSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Builds `dist/public/assets`: our static files from web/static and Swagger UI's files for
 * /docs, so every page loads only from this origin.
 */
const require = createRequire(import.meta.url)
const out = 'dist/public/assets'
mkdirSync(join(out, 'swagger-ui'), { recursive: true })
cpSync('web/static', out, { recursive: true })
const swagger = dirname(require.resolve('swagger-ui-dist/package.json'))
for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
  cpSync(join(swagger, file), join(out, 'swagger-ui', file))
}
