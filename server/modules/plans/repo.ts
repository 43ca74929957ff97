import type { Insertable, Transaction, Updateable } from 'kysely';
import type { Database, Db, TreatmentPlansTable } from '../../platform/db/schema.ts';

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findOpenPlanRow>>>;

/** The plan in force (draft, active or paused); a patient has at most one. */
export function findOpenPlanRow(db: Db, patientId: string) {
  return openPlanQuery(db, patientId).executeTakeFirst();
}

function openPlanQuery(db: Db, patientId: string) {
  return db
    .selectFrom('treatment_plans')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('status', '<>', 'completed');
}

/** The open plan, locked until the transaction ends. */
export function lockOpenPlan(trx: Transaction<Database>, patientId: string) {
  return openPlanQuery(trx, patientId).forUpdate().executeTakeFirst();
}

function planQuery(db: Db, planId: string) {
  return db.selectFrom('treatment_plans').selectAll().where('id', '=', planId);
}

/** A plan row by its id, whoever's it is (the caller knows the plan from a session or a suggestion). */
export function findPlanById(db: Db, planId: string) {
  return planQuery(db, planId).executeTakeFirst();
}

/** A plan row, locked until the transaction ends, so a change reads the version it replaces. */
export function lockPlan(trx: Transaction<Database>, planId: string) {
  return planQuery(trx, planId).forUpdate().executeTakeFirst();
}

function withNames(db: Db) {
  return db
    .selectFrom('treatment_plans')
    .innerJoin('protocols', 'protocols.id', 'treatment_plans.protocol_id')
    .innerJoin('users', 'users.id', 'treatment_plans.created_by')
    .selectAll('treatment_plans')
    .select([
      'protocols.key as protocol_key',
      'protocols.name as protocol_name',
      'protocols.version as protocol_version',
      'users.display_name as created_by_name',
    ]);
}

export type NamedPlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export function findPlan(db: Db, patientId: string, planId: string) {
  return withNames(db)
    .where('treatment_plans.id', '=', planId)
    .where('treatment_plans.patient_id', '=', patientId)
    .executeTakeFirst();
}

export function listPlans(db: Db, patientId: string) {
  return withNames(db)
    .where('treatment_plans.patient_id', '=', patientId)
    .orderBy('treatment_plans.created_at', 'desc')
    .orderBy('treatment_plans.id', 'desc')
    .execute();
}

export async function insertPlan(db: Db, plan: Insertable<TreatmentPlansTable>): Promise<void> {
  await db.insertInto('treatment_plans').values(plan).execute();
}

/** Writes the change only if the plan is still at `expectedVersion`; true when it was. */
export async function updatePlanIfVersion(
  db: Db,
  planId: string,
  expectedVersion: number,
  changes: Updateable<TreatmentPlansTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('treatment_plans')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', planId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertPlanVersion(
  db: Db,
  entry: {
    planId: string;
    version: number;
    patientId: string;
    snapshot: Record<string, unknown>;
    changeNote: string | null;
    changedBy: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('treatment_plan_versions')
    .values({
      plan_id: entry.planId,
      version: entry.version,
      patient_id: entry.patientId,
      snapshot: JSON.stringify(entry.snapshot),
      change_note: entry.changeNote,
      changed_by: entry.changedBy,
      changed_at: entry.now,
    })
    .execute();
}

export function listPlanVersions(db: Db, planId: string) {
  return db
    .selectFrom('treatment_plan_versions')
    .leftJoin('users', 'users.id', 'treatment_plan_versions.changed_by')
    .selectAll('treatment_plan_versions')
    .select('users.display_name as changed_by_name')
    .where('treatment_plan_versions.plan_id', '=', planId)
    .orderBy('treatment_plan_versions.version', 'desc')
    .execute();
}
