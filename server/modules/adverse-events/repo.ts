import type { Db } from '../../platform/db/schema.ts';

function adverseEventsQuery(db: Db, patientId: string) {
  return db
    .selectFrom('adverse_events')
    .innerJoin('users as reporter', 'reporter.id', 'adverse_events.reported_by')
    .leftJoin('users as reviewer', 'reviewer.id', 'adverse_events.reviewed_by')
    .select([
      'adverse_events.id',
      'adverse_events.patient_id',
      'adverse_events.session_id',
      'adverse_events.grade',
      'adverse_events.description',
      'adverse_events.occurred_at',
      'adverse_events.reviewed_at',
      'adverse_events.review_note',
      'reporter.display_name as reported_by_name',
      'reviewer.display_name as reviewed_by_name',
    ])
    .where('adverse_events.patient_id', '=', patientId);
}

export type AdverseEventRow = Awaited<ReturnType<typeof listAdverseEvents>>[number];

/** The patient's adverse events, latest first, with who reported and who reviewed each. */
export function listAdverseEvents(db: Db, patientId: string) {
  return adverseEventsQuery(db, patientId).orderBy('adverse_events.occurred_at', 'desc').execute();
}

export function findAdverseEvent(db: Db, patientId: string, eventId: string) {
  return adverseEventsQuery(db, patientId).where('adverse_events.id', '=', eventId).executeTakeFirst();
}

export async function insertAdverseEvent(
  db: Db,
  event: {
    id: string;
    patientId: string;
    sessionId: string | null;
    grade: number;
    description: string;
    occurredAt: Date;
    reportedBy: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('adverse_events')
    .values({
      id: event.id,
      patient_id: event.patientId,
      session_id: event.sessionId,
      grade: event.grade,
      description: event.description,
      occurred_at: event.occurredAt,
      reported_by: event.reportedBy,
      created_at: event.now,
    })
    .execute();
}

/**
 * Records the clinician's review once: `reviewed` when this call recorded it, `already_reviewed`
 * when someone had, `missing` when the patient has no such adverse event.
 */
export async function markAdverseEventReviewed(
  db: Db,
  review: { patientId: string; eventId: string; reviewerId: string; note: string; now: Date },
): Promise<'reviewed' | 'already_reviewed' | 'missing'> {
  const row = await db
    .updateTable('adverse_events')
    .set({ reviewed_by: review.reviewerId, reviewed_at: review.now, review_note: review.note })
    .where('id', '=', review.eventId)
    .where('patient_id', '=', review.patientId)
    .where('reviewed_at', 'is', null)
    .returning('grade')
    .executeTakeFirst();
  if (row) return 'reviewed';
  const exists = await db
    .selectFrom('adverse_events')
    .select('id')
    .where('id', '=', review.eventId)
    .where('patient_id', '=', review.patientId)
    .executeTakeFirst();
  return exists ? 'already_reviewed' : 'missing';
}
