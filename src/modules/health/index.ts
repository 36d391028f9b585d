/**
 * Front door of the health module: what other modules, app.ts and web/ may import (STYLE.md).
 * Liveness and readiness.
 */
export { registerHealthRoutes } from './routes.ts'
