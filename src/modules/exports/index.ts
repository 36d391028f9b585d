/**
 * Front door of the exports module: what other modules, app.ts and web/ may import (STYLE.md).
 * Exports: capital CSV, IATI XML and the outcomes CSV.
 */
export { registerCapitalExportRoutes } from './capital-routes.ts'
export { registerInteropExportRoutes } from './interop-register.ts'
