import { type Kysely, sql } from 'kysely'

/**
 * An investor's own sector for a venture theme in its IATI exports (DAC 5-digit purpose code,
 * SectorVocabulary 1). Themes without a row use the defaults shipped in
 * src/domain/iati-classification.ts, so a new theme or a changed default needs no data here.
 * The code is checked against the Sector codelist by the service; the check here only keeps out
 * what can never be a code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table iati_sector_mappings (
    investor_org_id uuid not null references organizations (id) on delete cascade,
    theme text not null,
    sector_code text not null check (sector_code ~ '^[0-9]{5}$'),
    updated_at timestamptz not null default now(),
    updated_by uuid references users (id) on delete set null,
    primary key (investor_org_id, theme)
  )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table iati_sector_mappings`.execute(db)
}
