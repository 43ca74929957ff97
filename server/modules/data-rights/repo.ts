import type { ClosureStatus, Db } from '../../platform/db/schema.ts';

export function findRetentionSettings(db: Db) {
  return db.selectFrom('record_retention_settings').selectAll().executeTakeFirst();
}

export async function saveRetentionSettings(
  db: Db,
  settings: { retentionYears: number; basis: string; updatedBy: string; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('record_retention_settings')
    .values({
      retention_years: settings.retentionYears,
      basis: settings.basis,
      version: 1,
      updated_at: settings.now,
      updated_by: settings.updatedBy,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        retention_years: settings.retentionYears,
        basis: settings.basis,
        version: eb('record_retention_settings.version', '+', 1),
        updated_at: settings.now,
        updated_by: settings.updatedBy,
      })),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

const closureColumns = [
  'closure_requests.id',
  'closure_requests.patient_id',
  'closure_requests.requested_by',
  'closure_requests.reason',
  'closure_requests.status',
  'closure_requests.requested_at',
  'closure_requests.decided_at',
  'closure_requests.decision_note',
  'closure_requests.retention_years',
  'closure_requests.retain_until',
  'closure_requests.message_to_patient',
  'patients.given_name',
  'patients.family_name',
  'users.email as account_email',
  'users.status as account_status',
] as const;

function closureQuery(db: Db) {
  return db
    .selectFrom('closure_requests')
    .innerJoin('patients', 'patients.id', 'closure_requests.patient_id')
    .innerJoin('users', 'users.id', 'closure_requests.requested_by')
    .leftJoin('users as deciders', 'deciders.id', 'closure_requests.decided_by')
    .select(closureColumns)
    .select('deciders.display_name as decided_by_name');
}

export type ClosureRow = NonNullable<Awaited<ReturnType<typeof findClosureRequest>>>;

export function findClosureRequest(db: Db, id: string) {
  return closureQuery(db).where('closure_requests.id', '=', id).executeTakeFirst();
}

export function latestClosureRequest(db: Db, patientId: string) {
  return closureQuery(db)
    .where('closure_requests.patient_id', '=', patientId)
    .orderBy('closure_requests.requested_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listClosureRequests(db: Db, statuses: readonly ClosureStatus[], limit: number) {
  return closureQuery(db)
    .where('closure_requests.status', 'in', [...statuses])
    .orderBy('closure_requests.requested_at')
    .orderBy('closure_requests.id')
    .limit(limit)
    .execute();
}

/** Inserts a pending request unless one is already pending for the patient. */
export async function insertClosureRequest(
  db: Db,
  row: { id: string; patientId: string; requestedBy: string; reason: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('closure_requests')
    .values({
      id: row.id,
      patient_id: row.patientId,
      requested_by: row.requestedBy,
      reason: row.reason,
      requested_at: row.now,
    })
    .onConflict((oc) => oc.column('patient_id').where('status', '=', 'pending').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Records the decision on a pending request; false when it was decided already. */
export async function decideClosureRequest(
  db: Db,
  id: string,
  decision: {
    status: 'closed' | 'declined';
    decidedBy: string;
    note: string;
    retentionYears: number | null;
    retainUntil: string | null;
    messageToPatient: string;
    now: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('closure_requests')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: decision.now,
      decision_note: decision.note,
      retention_years: decision.retentionYears,
      retain_until: decision.retainUntil,
      message_to_patient: decision.messageToPatient,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function disableAccount(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ status: 'disabled', disabled_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function revokeSupportLinks(db: Db, patientId: string): Promise<number> {
  const result = await db
    .updateTable('support_links')
    .set({ status: 'revoked' })
    .where('patient_id', '=', patientId)
    .where('status', 'in', ['invited', 'active'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findPatientAccount(db: Db, patientId: string) {
  return db
    .selectFrom('patients')
    .leftJoin('users', 'users.id', 'patients.user_id')
    .select([
      'patients.id',
      'patients.user_id',
      'patients.given_name',
      'patients.family_name',
      'patients.date_of_birth',
      'patients.state_of_residence',
      'users.email',
      'users.status',
    ])
    .where('patients.id', '=', patientId)
    .executeTakeFirst();
}
