import { type Kysely, sql } from 'kysely'

/**
 * OpenID Connect single sign-on per organisation (README "Single sign-on (OpenID Connect)").
 *
 * - organization_sso: one issuer per organisation. The client secret is write-only: no response
 *   ever carries it (the API answers `clientSecretSet`), and the audit trail drops it.
 * - organization_sso_domains: the email domains the organisation signs people in for. A domain is
 *   verified when a DNS TXT record `effekt-verify=<token>` was found; only verified domains admit
 *   new members automatically and find the organisation from a work email. One organisation at a
 *   time may hold a domain verified.
 * - sso_login_attempts: the state of one authorization-code flow (PKCE verifier, nonce), keyed by
 *   the hash of its state, used once and short-lived.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organization_sso')
    .addColumn('organization_id', 'uuid', (c) =>
      c.primaryKey().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createTable('organization_sso_domains')
    .addColumn('organization_id', 'uuid', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('verification_token', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verified_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('organization_sso_domains_pk', ['organization_id', 'domain'])
    .execute()
  await sql`create unique index organization_sso_domains_verified_once
    on organization_sso_domains (domain) where verified_at is not null`.execute(db)
  await db.schema
    .createTable('sso_login_attempts')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'uuid', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('next', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sso_login_attempts_expiry')
    .on('sso_login_attempts')
    .column('expires_at')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sso_login_attempts').execute()
  await db.schema.dropTable('organization_sso_domains').execute()
  await db.schema.dropTable('organization_sso').execute()
}
