import type { Insertable, Transaction } from 'kysely';
import type { Database, Db, MedicationCountKind, PrescriptionsTable } from '../../platform/db/schema.ts';

/** The prescriber's name, credentials and DEA registration, as at signing. */
export function findPrescriberProfile(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .leftJoin('staff_profiles', 'staff_profiles.user_id', 'users.id')
    .select([
      'users.id',
      'users.display_name',
      'staff_profiles.credentials',
      'staff_profiles.dea_number',
      'staff_profiles.dea_expires_on',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function insertPrescription(db: Db, row: Insertable<PrescriptionsTable>): Promise<void> {
  await db.insertInto('prescriptions').values(row).execute();
}

export type PrescriptionRow = NonNullable<Awaited<ReturnType<typeof findPrescription>>>;

export function findPrescription(db: Db, patientId: string, id: string) {
  return db
    .selectFrom('prescriptions')
    .selectAll()
    .where('id', '=', id)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
}

export function listPrescriptions(db: Db, patientId: string) {
  return db
    .selectFrom('prescriptions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('written_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** The newest active prescription: the one doses are counted against. */
export function findCurrentPrescription(db: Db, patientId: string) {
  return db
    .selectFrom('prescriptions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('status', '=', 'active')
    .orderBy('written_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Records receipt once; false when it was already recorded. */
export async function markReceived(db: Db, id: string, quantity: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('prescriptions')
    .set({ received_at: now, received_quantity: quantity })
    .where('id', '=', id)
    .where('received_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Serialises changes to one patient's medication count until the transaction ends. */
export async function lockCountLedger(trx: Transaction<Database>, patientId: string): Promise<void> {
  await trx.selectFrom('patients').select('id').where('id', '=', patientId).forUpdate().execute();
}

const entryOrder = (db: Db, patientId: string) =>
  db
    .selectFrom('medication_count_entries')
    .where('medication_count_entries.patient_id', '=', patientId)
    .orderBy('medication_count_entries.created_at', 'desc')
    .orderBy('medication_count_entries.id', 'desc');

/** Lozenges the ledger expects on hand (0 before anything was received). */
export async function expectedOnHand(db: Db, patientId: string): Promise<number> {
  const last = await entryOrder(db, patientId).select('expected_after').limit(1).executeTakeFirst();
  return last?.expected_after ?? 0;
}

export async function insertCountEntry(
  db: Db,
  entry: {
    id: string;
    patientId: string;
    prescriptionId: string;
    kind: MedicationCountKind;
    change: number;
    expectedAfter: number;
    reportedCount?: number | null;
    sessionId?: string | null;
    note?: string | null;
    recordedBy: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('medication_count_entries')
    .values({
      id: entry.id,
      patient_id: entry.patientId,
      prescription_id: entry.prescriptionId,
      kind: entry.kind,
      change: entry.change,
      expected_after: entry.expectedAfter,
      reported_count: entry.reportedCount ?? null,
      session_id: entry.sessionId ?? null,
      note: entry.note ?? null,
      recorded_by: entry.recordedBy,
      created_at: entry.now,
    })
    .execute();
}

export function findDoseEntryForSession(db: Db, patientId: string, sessionId: string) {
  return db
    .selectFrom('medication_count_entries')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('session_id', '=', sessionId)
    .where('kind', '=', 'dose')
    .executeTakeFirst();
}

/** Doses counted against the prescriptions written under a plan. */
export async function countDosesForPlan(db: Db, planId: string): Promise<number> {
  const row = await db
    .selectFrom('medication_count_entries')
    .innerJoin('prescriptions', 'prescriptions.id', 'medication_count_entries.prescription_id')
    .select((eb) => eb.fn.countAll<number>().as('doses'))
    .where('prescriptions.plan_id', '=', planId)
    .where('medication_count_entries.kind', '=', 'dose')
    .executeTakeFirstOrThrow();
  return Number(row.doses);
}

export type CountEntryRow = Awaited<ReturnType<typeof listCountEntries>>[number];

export function listCountEntries(db: Db, patientId: string, limit: number) {
  return entryOrder(db, patientId)
    .leftJoin('users', 'users.id', 'medication_count_entries.recorded_by')
    .selectAll('medication_count_entries')
    .select('users.display_name as recorded_by_name')
    .limit(limit)
    .execute();
}

export function findLastReported(db: Db, patientId: string) {
  return entryOrder(db, patientId)
    .selectAll()
    .where('medication_count_entries.kind', '=', 'reported')
    .limit(1)
    .executeTakeFirst();
}
