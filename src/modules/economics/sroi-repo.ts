import type { Insertable, Selectable } from 'kysely'
import type { SroiModelOutcomesTable, SroiModelsTable } from '../../db/schema-economics.ts'
import type { Db } from '../../db/tx.ts'

export type SroiModelRow = Selectable<SroiModelsTable>
export type SroiOutcomeRow = Selectable<SroiModelOutcomesTable>
export interface SroiModel {
  model: SroiModelRow
  outcomes: SroiOutcomeRow[]
}

/** The newest version of each venture's model, with its outcomes: two queries. */
export async function latestModels(db: Db, ventureIds: string[]): Promise<Map<string, SroiModel>> {
  const out = new Map<string, SroiModel>()
  if (ventureIds.length === 0) return out
  const models = await db
    .selectFrom('sroiModels')
    .distinctOn('ventureOrgId')
    .selectAll()
    .where('ventureOrgId', 'in', ventureIds)
    .orderBy('ventureOrgId')
    .orderBy('version', 'desc')
    .execute()
  const outcomes = await outcomesOf(
    db,
    models.map((m) => m.id),
  )
  for (const model of models) {
    out.set(model.ventureOrgId, { model, outcomes: outcomes.filter((o) => o.modelId === model.id) })
  }
  return out
}

/** One version (the newest when `version` is undefined), or undefined. */
export async function findModel(db: Db, ventureId: string, version?: number): Promise<SroiModel | undefined> {
  let q = db.selectFrom('sroiModels').selectAll().where('ventureOrgId', '=', ventureId)
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version)
  const model = await q.executeTakeFirst()
  if (!model) return undefined
  return { model, outcomes: await outcomesOf(db, [model.id]) }
}

const outcomesOf = (db: Db, modelIds: string[]) =>
  modelIds.length === 0
    ? Promise.resolve([] as SroiOutcomeRow[])
    : db
        .selectFrom('sroiModelOutcomes')
        .selectAll()
        .where('modelId', 'in', modelIds)
        .orderBy('modelId')
        .orderBy('position')
        .execute()

/** Every version of a venture's model, newest first (the version history beside a model). */
export const listVersions = (db: Db, ventureId: string) =>
  db
    .selectFrom('sroiModels')
    .select(['version', 'createdAt', 'createdBy', 'createdByOrgId', 'note'])
    .where('ventureOrgId', '=', ventureId)
    .orderBy('version', 'desc')
    .execute()

/** The current version number, 0 when there is no model yet; locks nothing (the unique key does). */
export async function currentVersion(db: Db, ventureId: string): Promise<number> {
  const row = await db
    .selectFrom('sroiModels')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('ventureOrgId', '=', ventureId)
    .executeTakeFirst()
  return row?.version ?? 0
}

export async function insertModel(
  db: Db,
  model: Insertable<SroiModelsTable>,
  outcomes: Omit<Insertable<SroiModelOutcomesTable>, 'modelId'>[],
) {
  await db.insertInto('sroiModels').values(model).execute()
  if (outcomes.length > 0) {
    await db
      .insertInto('sroiModelOutcomes')
      .values(outcomes.map((o) => ({ ...o, modelId: model.id })))
      .execute()
  }
}
