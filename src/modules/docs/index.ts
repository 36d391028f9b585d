/**
 * Front door of the docs module: what other modules, app.ts and web/ may import (STYLE.md).
 * The API reference pages.
 */
export { registerDocsRoutes } from './routes.ts'
