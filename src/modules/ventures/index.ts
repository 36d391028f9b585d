/**
 * Front door of the ventures module: what other modules, app.ts and web/ may import (STYLE.md).
 * Ventures: profiles, their list and the profile rules.
 */
export { findVenture, insertVenture } from './repo.ts'
export { registerVentureRoutes } from './routes.ts'
export { type ProfilePatch, THEMES, Theme, UpdateVenture, VentureStatus } from './schemas.ts'
export {
  callerInvestorsOf,
  getVenture,
  getVentureAudience,
  listVentures,
  mayEditVentureProfile,
  updateVenture,
} from './service.ts'
