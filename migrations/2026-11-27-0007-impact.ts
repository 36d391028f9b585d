import { type Kysely, sql } from 'kysely'
import { MUNICIPALITY_CODES_2026_11_27 } from './seed/2026-11-27-0007-municipality-codes.ts'

/**
 * Municipality impact (PRODUCT.md §4): what the impact views read, kept exactly in step with the
 * reported values by the database itself.
 *
 * - `impact_municipality_codes`: every municipality number 2017–2024 → where its values belong now
 *   (0213, 0217, 3020 → 3207; a split number stays itself). A later reform adds rows in a new
 *   migration and calls `impact_rebuild()`.
 * - `impact_facts`: the counted values, flattened. Per value (report, revision, assignment) one
 *   `*` row — the whole value with its gender and age cells as columns — and one row per current
 *   municipality number its municipality breakdown attributes part of it to, with the cells only
 *   when the whole value belongs there. `in_verified` / `in_unverified` say which basis counts it:
 *   the latest verified revision, or with unverified values the submitted one in its place.
 * - `impact_national`: per basis, indicator, quarter (monthly and quarterly reports) or year (all
 *   reports) and cell, the sum over ventures of each venture's contribution: a flow or rate adds
 *   all its values, a stock its latest value (ties on the last day: the shorter period is the later
 *   one, as domain/periods comparePeriods orders them). `ventures` is set on total rows.
 *
 * Both are maintained by a statement trigger on `reports`: whenever reports' status or revision
 * change (submit, verify, return, amend — through the API, a CSV import or the demo loader), the
 * same transaction subtracts their ventures' contributions for those years from the national rows
 * (computed from the facts as they were), replaces those reports' facts, and adds the
 * contributions back. Values only change while a report is a draft or returned, which neither
 * basis counts, so nothing else can make the rollup stale. One venture's changes are serialised
 * with an advisory lock; each statement then reads what the other committed (READ COMMITTED).
 */

// The closed category sets of domain/aggregation.ts (GENDERS, AGE_BANDS), written out so that this
// migration never changes.
const CELLS = [
  ['gender', 'female', 'g_female'],
  ['gender', 'male', 'g_male'],
  ['gender', 'other', 'g_other'],
  ['gender', 'unknown', 'g_unknown'],
  ['age_band', '0-15', 'a_0_15'],
  ['age_band', '16-29', 'a_16_29'],
  ['age_band', '30-49', 'a_30_49'],
  ['age_band', '50-66', 'a_50_66'],
  ['age_band', '67+', 'a_67_plus'],
  ['age_band', 'unknown', 'a_unknown'],
] as const
/** Per cell: its value (a rate's numerator) and, for rates, its denominator. */
const CELL_COLUMNS = CELLS.flatMap(([, , c]) => [c, `${c}_den`])

const FACT_COLUMNS = [
  'report_id',
  'revision',
  'assignment_id',
  'scope',
  'venture_org_id',
  'indicator_code',
  'aggregation',
  'period',
  'frequency',
  'period_start',
  'period_end',
  'year',
  'quarter',
  'in_verified',
  'in_unverified',
  'unverified',
  'has_municipality',
  'value',
  'numerator',
  'denominator',
  'whole',
  ...CELL_COLUMNS,
]

const list = (xs: readonly string[], prefix = '') => xs.map((x) => `${prefix}${x}`).join(', ')

/** Sums per group, then one row per total and per cell present: the shape of impact_national. */
function sumsAndCells(groupBy: string[], from: string, ventures: string): string {
  const sums = CELLS.map(
    ([, , c]) => `sum(${c}) as ${c}, sum(${c}_den) as ${c}_den, count(${c}) as ${c}_n`,
  ).join(',\n')
  const rows = CELLS.map(
    ([dim, cat, c]) => `('${dim}', '${cat}', s.${c}, s.${c}, s.${c}_den, s.${c}_n)`,
  ).join(',\n')
  return `
    sums as (
      select ${list(groupBy)},
             sum(value) as value, sum(numerator) as numerator, sum(denominator) as denominator,
             ${ventures} as ventures, count(*) as value_count,
             count(*) filter (where frequency = 'yearly') as yearly, count(*) filter (where unverified) as unverified,
             ${sums}
      from ${from}
      group by ${list(groupBy)}
    )
    select ${list(groupBy, 's.')}, left(s.period_key, 4)::integer as year, c.dimension, c.category,
           coalesce(c.value, 0) as value, coalesce(c.numerator, 0) as numerator, coalesce(c.denominator, 0) as denominator,
           case when c.dimension = '' then s.ventures else 0 end as ventures, c.value_count,
           case when c.dimension = '' then s.yearly else 0 end as yearly,
           case when c.dimension = '' then s.unverified else 0 end as unverified
    from sums s
    cross join lateral (values
      ('', '', s.value, s.numerator, s.denominator, s.value_count),
      ${rows}
    ) as c (dimension, category, value, numerator, denominator, value_count)
    where c.value_count > 0`
}

/** Ranks each venture's values per indicator and period key, latest first (for stocks). */
const ranked = (from: string, partitionExtra = '') => `
  select v.*, k.period_key,
         row_number() over (
           partition by v.venture_org_id, v.indicator_code, k.period_key${partitionExtra}
           order by v.period_end desc, v.period_start desc, v.period desc
         ) as rank
  from ${from} v
  cross join lateral (values (v.year::text), (v.quarter)) as k (period_key)
  where k.period_key is not null`

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table impact_municipality_codes (
    code text primary key check (code ~ '^[0-9]{4}$'),
    current_code text not null check (current_code ~ '^[0-9]{4}$')
  )`.execute(db)
  await db
    .insertInto('impact_municipality_codes' as never)
    .values(MUNICIPALITY_CODES_2026_11_27.map(([code, current_code]) => ({ code, current_code })) as never)
    .execute()

  // A municipality organization publishes its open-data view only after opting in.
  await sql`create table municipality_open_data (
    organization_id uuid primary key references organizations (id) on delete cascade,
    published_at timestamptz not null default now(),
    published_by uuid references users (id) on delete set null
  )`.execute(db)

  await sql
    .raw(`create table impact_facts (
      report_id uuid not null,
      revision integer not null,
      assignment_id uuid not null,
      scope text not null,
      venture_org_id uuid not null,
      indicator_code text not null,
      aggregation text not null,
      period text not null,
      frequency text not null,
      period_start date not null,
      period_end date not null,
      year integer not null,
      quarter text,
      in_verified boolean not null,
      in_unverified boolean not null,
      unverified boolean not null,
      has_municipality boolean not null,
      value numeric,
      numerator numeric,
      denominator numeric,
      whole boolean not null,
      ${CELL_COLUMNS.map((c) => `${c} numeric`).join(',\n')},
      primary key (report_id, revision, assignment_id, scope)
    )`)
    .execute(db)
  await sql`create index impact_facts_venture_idx on impact_facts (venture_org_id, scope, year)`.execute(db)
  // Values without a municipality breakdown: the municipal views count the ones they leave out.
  await sql`create index impact_facts_unattributed_idx on impact_facts (venture_org_id, year)
    where scope = '*' and not has_municipality`.execute(db)

  await sql`create table impact_national (
    basis text not null check (basis in ('verified', 'unverified')),
    indicator_code text not null,
    period_key text not null,
    year integer not null,
    dimension text not null,
    category text not null,
    value numeric not null,
    numerator numeric not null,
    denominator numeric not null,
    ventures integer not null,
    value_count integer not null,
    yearly integer not null,
    unverified integer not null,
    primary key (basis, indicator_code, period_key, dimension, category)
  )`.execute(db)
  await sql`create index impact_national_year_idx on impact_national (basis, year)`.execute(db)

  // The facts of some reports (all with null), from the reported values.
  const pivot = CELLS.map(
    ([dim, cat, c]) =>
      `max(coalesce(d.numerator, d.value)) filter (where d.dimension = '${dim}' and d.category = '${cat}') as ${c},
       max(d.denominator) filter (where d.dimension = '${dim}' and d.category = '${cat}') as ${c}_den`,
  ).join(',\n')
  const counts = CELL_COLUMNS.map((c) => `g.${c}`).join(', ')
  const wholeCells = CELL_COLUMNS.map((c) => `case when m.whole then g.${c} end`).join(', ')
  await sql
    .raw(`create function impact_fact_rows(p_reports uuid[]) returns setof impact_facts
    language sql stable as $$
      with counted as (
        select r.id as report_id, v.revision, v.assignment_id, r.venture_org_id, a.indicator_code,
               i.aggregation, r.period, r.frequency, r.period_start, r.period_end,
               extract(year from r.period_start)::integer as year,
               case when r.frequency <> 'yearly' then to_char(r.period_start, 'YYYY-"Q"Q') end as quarter,
               v.revision = case when r.status = 'verified' then r.revision else r.revision - 1 end as in_verified,
               v.revision = case when r.status in ('verified', 'submitted') then r.revision else r.revision - 1 end as in_unverified,
               r.status = 'submitted' and v.revision = r.revision as unverified,
               v.total, v.numerator, v.denominator
        from reports r
        join report_values v on v.report_id = r.id and v.revision in (
          case when r.status = 'verified' then r.revision else r.revision - 1 end,
          case when r.status in ('verified', 'submitted') then r.revision else r.revision - 1 end)
        join assignments a on a.id = v.assignment_id
        join indicators i on i.code = a.indicator_code
        where p_reports is null or r.id = any (p_reports)
      ),
      grid as (
        select d.report_id, d.revision, d.assignment_id, ${pivot}
        from report_value_breakdowns d
        where d.dimension <> 'municipality' and (p_reports is null or d.report_id = any (p_reports))
        group by 1, 2, 3
      ),
      muni as (
        select d.report_id, d.revision, d.assignment_id, coalesce(m.current_code, d.category) as scope,
               sum(d.value) as value, sum(d.numerator) as numerator, sum(d.denominator) as denominator
        from report_value_breakdowns d
        left join impact_municipality_codes m on m.code = d.category
        where d.dimension = 'municipality' and (p_reports is null or d.report_id = any (p_reports))
        group by 1, 2, 3, 4
      ),
      broken_down as (select distinct report_id, revision, assignment_id from muni),
      attributed as (
        select m.*, c.aggregation,
               case when c.aggregation = 'ratio'
                    then m.numerator = c.numerator and m.denominator = c.denominator
                    else m.value = c.total end as whole
        from muni m
        join counted c on c.report_id = m.report_id and c.revision = m.revision and c.assignment_id = m.assignment_id
      )
      select c.report_id, c.revision, c.assignment_id, '*', c.venture_org_id, c.indicator_code, c.aggregation,
             c.period, c.frequency, c.period_start, c.period_end, c.year, c.quarter, c.in_verified,
             c.in_unverified, c.unverified, b.report_id is not null,
             case when c.aggregation = 'ratio' then null else c.total end, c.numerator, c.denominator, true,
             ${counts}
      from counted c
      left join grid g on g.report_id = c.report_id and g.revision = c.revision and g.assignment_id = c.assignment_id
      left join broken_down b
        on b.report_id = c.report_id and b.revision = c.revision and b.assignment_id = c.assignment_id
      union all
      select c.report_id, c.revision, c.assignment_id, m.scope, c.venture_org_id, c.indicator_code, c.aggregation,
             c.period, c.frequency, c.period_start, c.period_end, c.year, c.quarter, c.in_verified,
             c.in_unverified, c.unverified, true,
             case when c.aggregation = 'ratio' then null else m.value end, m.numerator, m.denominator,
             coalesce(m.whole, false),
             ${wholeCells}
      from attributed m
      join counted c on c.report_id = m.report_id and c.revision = m.revision and c.assignment_id = m.assignment_id
      left join grid g on g.report_id = c.report_id and g.revision = c.revision and g.assignment_id = c.assignment_id
    $$`)
    .execute(db)

  // Every venture's contribution (of some ventures and years) summed, per basis, from the facts.
  await sql
    .raw(`create function impact_contributions(p_ventures uuid[], p_years integer[])
    returns table (
      basis text, indicator_code text, period_key text, year integer, dimension text, category text,
      value numeric, numerator numeric, denominator numeric, ventures bigint, value_count bigint,
      yearly bigint, unverified bigint
    ) language sql stable as $$
      with facts as (
        select * from impact_facts
        where scope = '*' and (p_ventures is null or venture_org_id = any (p_ventures))
          and (p_years is null or year = any (p_years))
      ),
      based as (
        select b.basis, f.* from facts f
        cross join (values ('verified'), ('unverified')) as b (basis)
        where case when b.basis = 'verified' then f.in_verified else f.in_unverified end
      ),
      keyed as (${ranked('based', ', v.basis')}),
      chosen as (select * from keyed where aggregation <> 'last' or rank = 1),
      ${sumsAndCells(['basis', 'indicator_code', 'period_key'], 'chosen', 'count(*) filter (where rank = 1)')}
    $$`)
    .execute(db)

  // Some ventures' contributions to one place (a current municipality number), per basis: each
  // value attributed through its municipality breakdown (the cells whose number rolls into the
  // place), or whole when it has none and its venture serves only this municipality
  // (`p_serves_only`). A stock takes each venture's latest value, whatever it is attributed to.
  const attributedColumns = ['value', 'numerator', 'denominator', ...CELL_COLUMNS]
    .map(
      (c) =>
        `case when a.report_id is not null then a.${c}
              when not u.has_municipality and u.venture_org_id = any (p_serves_only) then u.${c} end as ${c}`,
    )
    .join(',\n')
  await sql
    .raw(`create function impact_place(p_code text, p_ventures uuid[], p_serves_only uuid[], p_years integer[])
    returns table (
      basis text, indicator_code text, period_key text, year integer, dimension text, category text,
      value numeric, numerator numeric, denominator numeric, ventures bigint, value_count bigint,
      yearly bigint, unverified bigint
    ) language sql stable as $$
      with u as (
        select * from impact_facts
        where venture_org_id = any (p_ventures) and scope = '*' and (p_years is null or year = any (p_years))
      ),
      a as (
        select * from impact_facts
        where venture_org_id = any (p_ventures) and scope = p_code and (p_years is null or year = any (p_years))
      ),
      v as (
        select u.report_id, u.venture_org_id, u.indicator_code, u.aggregation, u.period, u.frequency,
               u.period_start, u.period_end, u.year, u.quarter, u.unverified, u.in_verified, u.in_unverified,
               a.report_id is not null
                 or (not u.has_municipality and u.venture_org_id = any (p_serves_only)) as mine,
               ${attributedColumns}
        from u
        left join a on a.report_id = u.report_id and a.revision = u.revision and a.assignment_id = u.assignment_id
      ),
      based as (
        select b.basis, v.* from v
        cross join (values ('verified'), ('unverified')) as b (basis)
        where case when b.basis = 'verified' then v.in_verified else v.in_unverified end
      ),
      keyed as (${ranked('based', ', v.basis')}),
      chosen as (select * from keyed where mine and (aggregation <> 'last' or rank = 1)),
      ${sumsAndCells(['basis', 'indicator_code', 'period_key'], 'chosen', 'count(distinct venture_org_id)')}
    $$`)
    .execute(db)

  // What each municipality organization sees: Σ over the ventures with an active data share with
  // it of their contributions to each place its numbers roll into. Kept by the triggers below (on
  // reports, data shares, venture profiles and organizations), like impact_national.
  await sql`create table impact_org_rollup (
    org_id uuid not null,
    code text not null,
    basis text not null,
    indicator_code text not null,
    period_key text not null,
    year integer not null,
    dimension text not null,
    category text not null,
    value numeric not null,
    numerator numeric not null,
    denominator numeric not null,
    ventures integer not null,
    value_count integer not null,
    yearly integer not null,
    unverified integer not null,
    primary key (org_id, code, basis, indicator_code, period_key, dimension, category)
  )`.execute(db)

  // The places of a municipality organization: the current numbers its numbers roll into.
  await sql`
    create function impact_places(p_org uuid) returns setof text language sql stable as $$
      select distinct coalesce(c.current_code, n)
      from organizations o
      cross join unnest(o.municipality_numbers) as n
      left join impact_municipality_codes c on c.code = n
      where o.id = p_org and o.kind = 'municipality'
    $$`.execute(db)

  // Serves only this place: every number served rolls into it (and there is at least one).
  await sql`
    create function impact_serves_only(p_municipalities text[], p_code text) returns boolean
    language sql immutable as $$
      select cardinality(p_municipalities) > 0 and not exists (
        select 1 from unnest(p_municipalities) as n
        left join impact_municipality_codes c on c.code = n
        where coalesce(c.current_code, n) <> p_code)
    $$`.execute(db)

  // Adds sign × some ventures' contributions (with the serves-only flags given) to an organization.
  await sql`
    create function impact_org_apply(
      p_org uuid, p_code text, p_ventures uuid[], p_serves_only uuid[], p_years integer[], p_sign integer
    ) returns void language plpgsql as $$
    begin
      insert into impact_org_rollup as n
        (org_id, code, basis, indicator_code, period_key, year, dimension, category, value, numerator,
         denominator, ventures, value_count, yearly, unverified)
      select p_org, p_code, basis, indicator_code, period_key, year, dimension, category, p_sign * value,
             p_sign * numerator, p_sign * denominator, p_sign * ventures, p_sign * value_count,
             p_sign * yearly, p_sign * unverified
      from impact_place(p_code, p_ventures, p_serves_only, p_years)
      on conflict (org_id, code, basis, indicator_code, period_key, dimension, category) do update set
        value = n.value + excluded.value,
        numerator = n.numerator + excluded.numerator,
        denominator = n.denominator + excluded.denominator,
        ventures = n.ventures + excluded.ventures,
        value_count = n.value_count + excluded.value_count,
        yearly = n.yearly + excluded.yearly,
        unverified = n.unverified + excluded.unverified;
      delete from impact_org_rollup where org_id = p_org and code = p_code and value_count = 0;
    end $$`.execute(db)

  // Some ventures' contributions to every organization they share with, with their current profile.
  await sql`
    create function impact_orgs_apply(p_ventures uuid[], p_years integer[], p_sign integer)
    returns void language plpgsql as $$
    declare
      r record;
    begin
      for r in
        select s.grantee_org_id as org, p.code, array_agg(v.org_id) as ventures,
               coalesce(array_agg(v.org_id) filter (where impact_serves_only(v.municipalities, p.code)), '{}') as only
        from data_shares s
        join ventures v on v.org_id = s.venture_org_id
        cross join lateral impact_places(s.grantee_org_id) as p (code)
        where s.venture_org_id = any (p_ventures) and s.revoked_at is null
        group by 1, 2 order by 1, 2
      loop
        perform pg_advisory_xact_lock(hashtextextended('impact-org:' || r.org::text, 0));
        perform impact_org_apply(r.org, r.code, r.ventures, r.only, p_years, p_sign);
      end loop;
    end $$`.execute(db)

  // Recomputes one organization's rows from the facts.
  await sql`
    create function impact_org_rebuild(p_org uuid) returns void language plpgsql as $$
    declare
      r record;
    begin
      perform pg_advisory_xact_lock(hashtextextended('impact-org:' || p_org::text, 0));
      delete from impact_org_rollup where org_id = p_org;
      for r in
        select p.code, array_agg(v.org_id) as ventures,
               coalesce(array_agg(v.org_id) filter (where impact_serves_only(v.municipalities, p.code)), '{}') as only
        from impact_places(p_org) as p (code)
        join data_shares s on s.grantee_org_id = p_org and s.revoked_at is null
        join ventures v on v.org_id = s.venture_org_id
        group by 1
      loop
        perform impact_org_apply(p_org, r.code, r.ventures, r.only, null, 1);
      end loop;
    end $$`.execute(db)

  // Adds sign × the contributions of some ventures' years to the national rows.
  await sql`
    create function impact_apply(p_ventures uuid[], p_years integer[], p_sign integer)
    returns void language plpgsql as $$
    begin
      insert into impact_national as n
        (basis, indicator_code, period_key, year, dimension, category, value, numerator, denominator,
         ventures, value_count, yearly, unverified)
      select basis, indicator_code, period_key, year, dimension, category, p_sign * value,
             p_sign * numerator, p_sign * denominator, p_sign * ventures, p_sign * value_count,
             p_sign * yearly, p_sign * unverified
      from impact_contributions(p_ventures, p_years)
      on conflict (basis, indicator_code, period_key, dimension, category) do update set
        value = n.value + excluded.value,
        numerator = n.numerator + excluded.numerator,
        denominator = n.denominator + excluded.denominator,
        ventures = n.ventures + excluded.ventures,
        value_count = n.value_count + excluded.value_count,
        yearly = n.yearly + excluded.yearly,
        unverified = n.unverified + excluded.unverified;
    end $$`.execute(db)

  await sql`
    create function impact_reports_changed() returns trigger language plpgsql as $$
    declare
      v_ids uuid[];
      v_ventures uuid[];
      v_years integer[];
    begin
      select array_agg(n.id), array_agg(distinct n.venture_org_id),
             array_agg(distinct extract(year from n.period_start)::integer)
        into v_ids, v_ventures, v_years
        from impact_new_reports n
        join impact_old_reports o on o.id = n.id
       where (o.status, o.revision) is distinct from (n.status, n.revision);
      if v_ids is null then return null; end if;
      -- One venture's changes at a time, in a fixed order so that two transactions cannot deadlock.
      perform pg_advisory_xact_lock(hashtextextended('impact:' || v::text, 0))
         from unnest(v_ventures) as v order by v;
      perform impact_apply(v_ventures, v_years, -1);
      perform impact_orgs_apply(v_ventures, v_years, -1);
      delete from impact_facts where report_id = any (v_ids);
      insert into impact_facts select * from impact_fact_rows(v_ids);
      perform impact_apply(v_ventures, v_years, 1);
      perform impact_orgs_apply(v_ventures, v_years, 1);
      delete from impact_national where value_count = 0 and year = any (v_years);
      return null;
    end $$`.execute(db)
  await sql`create trigger reports_impact after update on reports
    referencing old table as impact_old_reports new table as impact_new_reports
    for each statement execute function impact_reports_changed()`.execute(db)

  // A share granted or revoked adds or removes the venture's contributions to the organization.
  await sql`
    create function impact_share_changed() returns trigger language plpgsql as $$
    declare
      was_active boolean := tg_op <> 'INSERT' and old.revoked_at is null;
      is_active boolean := tg_op <> 'DELETE' and new.revoked_at is null;
    begin
      if tg_op = 'UPDATE' and was_active = is_active
         and (old.venture_org_id, old.grantee_org_id) = (new.venture_org_id, new.grantee_org_id) then
        return null;
      end if;
      if was_active then
        perform pg_advisory_xact_lock(hashtextextended('impact:' || old.venture_org_id::text, 0));
        perform pg_advisory_xact_lock(hashtextextended('impact-org:' || old.grantee_org_id::text, 0));
        perform impact_org_apply(old.grantee_org_id, p.code, array[old.venture_org_id],
                  case when impact_serves_only(v.municipalities, p.code) then array[old.venture_org_id] else '{}' end,
                  null, -1)
          from impact_places(old.grantee_org_id) as p (code)
          join ventures v on v.org_id = old.venture_org_id;
      end if;
      if is_active then
        perform pg_advisory_xact_lock(hashtextextended('impact:' || new.venture_org_id::text, 0));
        perform pg_advisory_xact_lock(hashtextextended('impact-org:' || new.grantee_org_id::text, 0));
        perform impact_org_apply(new.grantee_org_id, p.code, array[new.venture_org_id],
                  case when impact_serves_only(v.municipalities, p.code) then array[new.venture_org_id] else '{}' end,
                  null, 1)
          from impact_places(new.grantee_org_id) as p (code)
          join ventures v on v.org_id = new.venture_org_id;
      end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger data_shares_impact after insert or update or delete on data_shares
    for each row execute function impact_share_changed()`.execute(db)

  // A venture's municipalities decide whether its values without a breakdown count whole.
  await sql`
    create function impact_venture_changed() returns trigger language plpgsql as $$
    declare
      r record;
    begin
      if old.municipalities is not distinct from new.municipalities then return null; end if;
      perform pg_advisory_xact_lock(hashtextextended('impact:' || new.org_id::text, 0));
      for r in
        select s.grantee_org_id as org, p.code
        from data_shares s
        cross join lateral impact_places(s.grantee_org_id) as p (code)
        where s.venture_org_id = new.org_id and s.revoked_at is null
          and impact_serves_only(old.municipalities, p.code) <> impact_serves_only(new.municipalities, p.code)
        order by 1, 2
      loop
        perform pg_advisory_xact_lock(hashtextextended('impact-org:' || r.org::text, 0));
        perform impact_org_apply(r.org, r.code, array[new.org_id],
          case when impact_serves_only(old.municipalities, r.code) then array[new.org_id] else '{}' end, null, -1);
        perform impact_org_apply(r.org, r.code, array[new.org_id],
          case when impact_serves_only(new.municipalities, r.code) then array[new.org_id] else '{}' end, null, 1);
      end loop;
      return null;
    end $$`.execute(db)
  await sql`create trigger ventures_impact after update of municipalities on ventures
    for each row execute function impact_venture_changed()`.execute(db)

  // An organization's numbers (or kind) decide its places.
  await sql`
    create function impact_organization_changed() returns trigger language plpgsql as $$
    begin
      if (old.kind, old.municipality_numbers) is not distinct from (new.kind, new.municipality_numbers) then
        return null;
      end if;
      perform impact_org_rebuild(new.id);
      return null;
    end $$`.execute(db)
  await sql`create trigger organizations_impact after update of kind, municipality_numbers on organizations
    for each row execute function impact_organization_changed()`.execute(db)

  // Recomputes everything from the reported values (after a bulk load or a new reform).
  await sql`
    create function impact_rebuild() returns void language plpgsql as $$
    begin
      delete from impact_facts;
      insert into impact_facts select * from impact_fact_rows(null);
      delete from impact_national;
      perform impact_apply(null, null, 1);
      perform impact_org_rebuild(id) from organizations where kind = 'municipality' order by id;
    end $$`.execute(db)

  // Guards the column order impact_fact_rows relies on.
  const columns = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_name = 'impact_facts' order by ordinal_position`.execute(db)
  if (columns.rows.map((r) => r.name).join(',') !== FACT_COLUMNS.join(',')) {
    throw new Error('impact_facts columns are not in the order impact_fact_rows writes them')
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger reports_impact on reports`.execute(db)
  await sql`drop trigger data_shares_impact on data_shares`.execute(db)
  await sql`drop trigger ventures_impact on ventures`.execute(db)
  await sql`drop trigger organizations_impact on organizations`.execute(db)
  for (const fn of [
    'impact_rebuild()',
    'impact_organization_changed()',
    'impact_venture_changed()',
    'impact_share_changed()',
    'impact_reports_changed()',
    'impact_apply(uuid[], integer[], integer)',
    'impact_org_rebuild(uuid)',
    'impact_orgs_apply(uuid[], integer[], integer)',
    'impact_org_apply(uuid, text, uuid[], uuid[], integer[], integer)',
    'impact_serves_only(text[], text)',
    'impact_places(uuid)',
    'impact_place(text, uuid[], uuid[], integer[])',
    'impact_contributions(uuid[], integer[])',
    'impact_fact_rows(uuid[])',
  ]) {
    await sql.raw(`drop function ${fn}`).execute(db)
  }
  for (const t of [
    'impact_org_rollup',
    'impact_national',
    'impact_facts',
    'municipality_open_data',
    'impact_municipality_codes',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
