/**
 * Front door of the identity module: what other modules, app.ts and web/ may import (STYLE.md).
 * Identity: users, sessions, tokens, organizations and members. findOrganization and the
 * other repo reads are exported for modules that check an organization exists or its kind.
 */

export { registerAccountRoutes } from './account-routes.ts'
export { CreateEmailInvitation } from './account-schemas.ts'
export {
  accountOf,
  changePassword,
  completePasswordReset,
  confirmEmailChange,
  requestEmailChange,
  requestPasswordReset,
  setMailLanguage,
} from './account-service.ts'
export { registerAuthRoutes } from './auth-routes.ts'
export { loadPrincipal, login, logout, principalFromSession, principalFromToken } from './auth-service.ts'
export {
  acceptByToken,
  describeInvitation,
  INVITATION_DAYS,
  inviteByEmail,
  listOpenInvitations,
  revokeEmailInvitation,
} from './invitations-service.ts'
export { validateMunicipalityNumbers } from './municipality-check.ts'
export { registerOrganizationRoutes } from './organization-routes.ts'
export {
  addMember,
  changeMemberRole,
  decideInvitation,
  getOrganization,
  insertOrganizationAudited,
  invitations,
  listMembers,
  listOrganizations,
  removeMember,
} from './organizations-service.ts'
export { MIN_PASSWORD_LENGTH, passwordWeakness } from './password-policy.ts'
export {
  findMembership,
  findOrganization,
  findOrganizationByNumber,
  findUserByEmail,
  insertUser,
  setPassword,
  upsertMembership,
} from './repo.ts'
export {
  AddMember,
  CreateToken,
  IdParam,
  LoginRequest,
  MunicipalityNumber,
  OrganizationKind,
  OrgNumber,
  Role,
} from './schemas.ts'
export { hashPassword, sha256Hex } from './secrets.ts'
export { activatePendingMembership, openSsoSession } from './sso-session.ts'
export { createToken, listTokens, revokeToken } from './tokens-service.ts'
