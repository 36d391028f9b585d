/**
 * Front door of the sso module: OpenID Connect single sign-on per organization (README "Single
 * sign-on (OpenID Connect)"). The API's settings routes; the sign-in flow and the settings
 * services for the dashboard (web/auth, web/organizations).
 */
export { completeSignIn, startSignIn } from './login-service.ts'
export { CALLBACK_PATH, registerSsoRoutes, startPath } from './routes.ts'
export { AddSsoDomain, EmailDomain, PutSsoSettings } from './schemas.ts'
export {
  addDomain,
  deleteSettings,
  getSettings,
  organizationForEmail,
  putSettings,
  type ResolveTxt,
  removeDomain,
  verifyDomain,
} from './settings-service.ts'
