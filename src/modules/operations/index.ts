/**
 * Front door of the operations module: what other modules, app.ts and web/ may import (STYLE.md).
 * Operator routes (backups).
 */
export { registerOperationsRoutes } from './routes.ts'
