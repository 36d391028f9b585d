/**
 * Front door of the docs module: what other modules, app.ts and web/ may import (STYLE.md).
 * The API reference pages and the page of problem codes.
 */
export { registerProblemRoutes } from './problems-routes.tsx'
export { registerDocsRoutes } from './routes.ts'
