import { sql } from 'kysely';
import { careQueueScopeSql, onCareTeamSql } from '../../platform/access-repo.ts';
import type { AlertSeverity, AlertStatus, Db } from '../../platform/db/schema.ts';

export type NewAlert = {
  id: string;
  patientId: string;
  kind: string;
  severity: AlertSeverity;
  reason: string;
  sourceType: string;
  sourceId: string;
  details?: Record<string, unknown>;
  now: Date;
  dueAt: Date;
};

/**
 * Inserts the alert unless the same concern from the same source is already active
 * (open or acknowledged); returns the alert's id. Once resolved, it can be raised again.
 */
export async function insertAlertOnce(db: Db, alert: NewAlert): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('alerts')
    .values({
      id: alert.id,
      patient_id: alert.patientId,
      kind: alert.kind,
      severity: alert.severity,
      reason: alert.reason,
      source_type: alert.sourceType,
      source_id: alert.sourceId,
      details: JSON.stringify(alert.details ?? {}),
      created_at: alert.now,
      due_at: alert.dueAt,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'source_type', 'source_id']).where('status', '<>', 'resolved').doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('alerts')
    .select('id')
    .where('kind', '=', alert.kind)
    .where('source_type', '=', alert.sourceType)
    .where('source_id', '=', alert.sourceId)
    .where('status', '<>', 'resolved')
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

const alertColumns = [
  'alerts.id',
  'alerts.patient_id',
  'alerts.kind',
  'alerts.severity',
  'alerts.reason',
  'alerts.status',
  'alerts.details',
  'alerts.created_at',
  'alerts.due_at',
  'alerts.acknowledged_at',
  'alerts.acknowledgement_note',
  'alerts.resolved_at',
  'alerts.resolution_note',
  'patients.given_name',
  'patients.family_name',
  'ack.display_name as acknowledged_by_name',
  'res.display_name as resolved_by_name',
] as const;

function baseQuery(db: Db) {
  return db
    .selectFrom('alerts')
    .innerJoin('patients', 'patients.id', 'alerts.patient_id')
    .leftJoin('users as ack', 'ack.id', 'alerts.acknowledged_by')
    .leftJoin('users as res', 'res.id', 'alerts.resolved_by')
    .select(alertColumns);
}

/**
 * Alerts that reach a staff member, urgent first, then oldest first: their own patients', and for
 * the intake team those of patients nobody cares for yet (`on_care_team` tells the two apart).
 */
export function listAlertsForStaff(
  db: Db,
  staff: { userId: string; onIntakeTeam: boolean },
  statuses: readonly AlertStatus[],
  limit: number,
) {
  return baseQuery(db)
    .select(onCareTeamSql('alerts.patient_id', staff.userId).as('on_care_team'))
    .where(careQueueScopeSql('alerts.patient_id', staff.userId, staff.onIntakeTeam))
    .where('alerts.status', 'in', statuses)
    .orderBy((eb) =>
      eb
        .case()
        .when('alerts.severity', '=', 'urgent')
        .then(0)
        .when('alerts.severity', '=', 'high')
        .then(1)
        .else(2)
        .end(),
    )
    .orderBy('alerts.created_at')
    .limit(limit)
    .execute();
}

export function listAlertsForPatient(db: Db, patientId: string) {
  return baseQuery(db)
    .where('alerts.patient_id', '=', patientId)
    .orderBy('alerts.created_at', 'desc')
    .execute();
}

export function findAlert(db: Db, alertId: string) {
  return db
    .selectFrom('alerts')
    .select(['id', 'patient_id', 'status', 'kind'])
    .where('id', '=', alertId)
    .executeTakeFirst();
}

export function findOpenAlertKinds(db: Db, patientId: string) {
  return db
    .selectFrom('alerts')
    .select(['id', 'kind', 'severity', 'status'])
    .where('patient_id', '=', patientId)
    .where('status', '!=', 'resolved')
    .execute();
}

export async function markAcknowledged(
  db: Db,
  alertId: string,
  userId: string,
  note: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('alerts')
    .set({
      status: 'acknowledged',
      acknowledged_by: userId,
      acknowledged_at: now,
      acknowledgement_note: note,
    })
    .where('id', '=', alertId)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markResolved(
  db: Db,
  alertId: string,
  userId: string,
  note: string,
  now: Date,
  followUp?: Record<string, unknown>,
): Promise<boolean> {
  const row = await db
    .updateTable('alerts')
    .set((eb) => ({
      status: 'resolved',
      resolved_by: userId,
      resolved_at: now,
      resolution_note: note,
      ...(followUp
        ? {
            details: sql<
              Record<string, unknown>
            >`${eb.ref('details')} || ${JSON.stringify({ followUp })}::jsonb`,
          }
        : {}),
    }))
    .where('id', '=', alertId)
    .where('status', '!=', 'resolved')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps the patient list's risk sort key current: the most severe alert still active. */
export async function refreshAlertRank(db: Db, patientId: string): Promise<void> {
  await db
    .updateTable('patients')
    .set({
      alert_rank: sql<number>`coalesce((select max(case a.severity when 'urgent' then 3 when 'high' then 2 else 1 end)
        from alerts a where a.patient_id = ${patientId} and a.status <> 'resolved'), 0)`,
    })
    .where('id', '=', patientId)
    .execute();
}

/** Open (or acknowledged) alerts of one kind raised about one source record. */
export function findActiveAlertsBySource(db: Db, kind: string, sourceType: string, sourceId: string) {
  return db
    .selectFrom('alerts')
    .select(['id', 'patient_id'])
    .where('kind', '=', kind)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('status', '!=', 'resolved')
    .execute();
}
