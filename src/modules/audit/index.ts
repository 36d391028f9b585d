/**
 * Front door of the audit module: what other modules, app.ts and web/ may import (STYLE.md).
 * The audit trail: recordAudit for every service that changes something, and its routes.
 */
export { registerAuditRoutes } from './routes.ts'
export type { AuditInput } from './service.ts'
export { recordAudit, recordAudits } from './service.ts'
