/**
 * Front door of the exports module: what other modules, app.ts and web/ may import (STYLE.md).
 * Exports: capital CSV, IATI XML (and the investor’s sector per theme) and the outcomes CSV.
 */
export { registerCapitalExportRoutes } from './capital-routes.ts'
export { UpdateIatiSectorMappings } from './iati-sectors-schemas.ts'
export { getIatiSectors, putIatiSectors } from './iati-sectors-service.ts'
export { registerInteropExportRoutes } from './interop-register.ts'
