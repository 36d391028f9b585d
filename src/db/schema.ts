import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { CapitalTables } from './schema-capital.ts'
import type { EconomicsTables } from './schema-economics.ts'
import type { ImpactTables } from './schema-impact.ts'
import type { MailLanguage, MailTables } from './schema-mail.ts'
import type { NotificationTables } from './schema-notifications.ts'
import type { OutcomeTables } from './schema-outcomes.ts'

/**
 * Table types as the app sees them (camelCase through Kysely's CamelCasePlugin). numeric
 * columns are strings, dates `YYYY-MM-DD` strings, timestamps Dates: see typeParsers.
 */
type Json = ColumnType<unknown, string | null, string | null>

export interface AuditEventsTable {
  id: Generated<string>
  seq: Generated<number>
  occurredAt: Generated<Date>
  actorUserId: string | null
  actorLabel: string
  organizationId: string | null
  action: string
  entity: string
  entityId: string
  before: Json | null
  after: Json | null
  requestId: string | null
}
export type AuditEvent = Selectable<AuditEventsTable>
export type NewAuditEvent = Insertable<AuditEventsTable>

export type OrganizationKind = 'investor' | 'venture' | 'municipality' | 'agency' | 'other'
export type Role = 'admin' | 'editor' | 'viewer'

export interface OrganizationsTable {
  id: string
  kind: OrganizationKind
  name: string
  orgNumber: string | null
  municipalityNumbers: ColumnType<string[], string[] | undefined, string[]>
  version: Generated<number>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

export interface UsersTable {
  id: string
  email: string
  name: string
  passwordHash: string | null
  isPlatformAdmin: Generated<boolean>
  disabledAt: Date | null
  createdAt: Generated<Date>
  /** The language mails to this user are written in (migration 0011). */
  language: Generated<MailLanguage>
}

export interface MembershipsTable {
  userId: string
  organizationId: string
  role: Role
  createdAt: Generated<Date>
  /** pending: an invitation the user has not accepted; it grants nothing (migration 0009). */
  status: Generated<MembershipStatus>
  invitedBy: string | null
}

export type MembershipStatus = 'pending' | 'active'

export interface SessionsTable {
  idHash: string
  userId: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  endedAt: Date | null
}

export interface ApiTokensTable {
  id: string
  userId: string
  name: string
  tokenHash: string
  prefix: string
  readOnly: Generated<boolean>
  expiresAt: Date
  createdAt: Generated<Date>
  lastUsedAt: Date | null
  revokedAt: Date | null
}

export interface AuthFailuresTable {
  key: string
  failedAt: Date
}

export interface LoginClientsTable {
  userId: string
  client: string
  lastLoginAt: Date
}

export interface DataSharesTable {
  id: string
  ventureOrgId: string
  granteeOrgId: string
  level: 'aggregate' | 'detailed'
  createdAt: Generated<Date>
  createdBy: string | null
  revokedAt: Date | null
  revokedBy: string | null
}

export type VentureStatus = 'active' | 'exited' | 'closed'

export interface VenturesTable {
  orgId: string
  description: Generated<string>
  founded: string | null
  themes: ColumnType<string[], string[] | undefined, string[]>
  sdgGoals: ColumnType<number[], number[] | undefined, number[]>
  municipalities: ColumnType<string[], string[] | undefined, string[]>
  status: Generated<VentureStatus>
  theoryOfChange: Generated<string>
  depthOfChange: 'life-changing' | 'life-improving' | null
  website: string | null
  publishOpenData: Generated<boolean>
  createdByOrgId: string | null
  version: Generated<number>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

export type Instrument = 'grant' | 'loan' | 'equity' | 'convertible' | 'outcome_contract'

export interface InvestmentsTable {
  id: string
  investorOrgId: string
  ventureOrgId: string
  name: string
  instrument: Instrument
  currency: string
  interestRate: string | null
  maturityDate: string | null
  ownershipPct: string | null
  startDate: string
  description: Generated<string>
  createdAt: Generated<Date>
  createdBy: string | null
  /** Only an accepted investment gives its investor standing in the venture (migration 0009). */
  consent: Generated<InvestmentConsent>
  consentDecidedAt: Date | null
  consentDecidedBy: string | null
}

export type InvestmentConsent = 'pending' | 'accepted' | 'declined'

/** One municipality number per row: the primary key keeps a number with one organization. */
export interface OrganizationMunicipalitiesTable {
  number: string
  organizationId: string
}

export interface IdempotencyKeysTable {
  userId: string
  key: string
  fingerprint: string
  method: string
  path: string
  status: number | null
  contentType: string | null
  body: string | null
  createdAt: Generated<Date>
}

/** The investor's commentary in its annual impact report (migration 0014); venture null = portfolio. */
export interface AnnualCommentariesTable {
  id: string
  investorOrgId: string
  ventureOrgId: string | null
  year: number
  body: string
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  updatedBy: string | null
}

/** An investor's own DAC sector for a venture theme in its IATI exports (migration 0015). */
export interface IatiSectorMappingsTable {
  investorOrgId: string
  theme: string
  sectorCode: string
  updatedAt: Generated<Date>
  updatedBy: string | null
}

/** One OpenID Connect issuer per organisation (migration 0013); the secret is never returned. */
export interface OrganizationSsoTable {
  organizationId: string
  issuer: string
  clientId: string
  clientSecret: string
  enabled: Generated<boolean>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

export interface OrganizationSsoDomainsTable {
  organizationId: string
  domain: string
  verificationToken: string
  verifiedAt: Date | null
  verifiedBy: string | null
  createdAt: Generated<Date>
}

export interface SsoLoginAttemptsTable {
  stateHash: string
  organizationId: string
  codeVerifier: string
  nonce: string
  next: string | null
  expiresAt: Date
}

export interface DB
  extends CapitalTables,
    OutcomeTables,
    EconomicsTables,
    ImpactTables,
    MailTables,
    NotificationTables {
  idempotencyKeys: IdempotencyKeysTable
  auditEvents: AuditEventsTable
  organizations: OrganizationsTable
  users: UsersTable
  memberships: MembershipsTable
  sessions: SessionsTable
  apiTokens: ApiTokensTable
  authFailures: AuthFailuresTable
  loginClients: LoginClientsTable
  dataShares: DataSharesTable
  ventures: VenturesTable
  investments: InvestmentsTable
  organizationMunicipalities: OrganizationMunicipalitiesTable
  annualCommentaries: AnnualCommentariesTable
  organizationSso: OrganizationSsoTable
  organizationSsoDomains: OrganizationSsoDomainsTable
  ssoLoginAttempts: SsoLoginAttemptsTable
  iatiSectorMappings: IatiSectorMappingsTable
}
