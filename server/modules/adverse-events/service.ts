import { uuidv7 } from 'uuidv7';
import { requireAccess, requireRole, requireSessionDayOrTreatmentWrite } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { raiseAlert } from '../alerts/service.ts';
import { pausePlanForSafety, resumePlanAfterReview } from '../plans/plan-changes.ts';
import { findSession } from '../sessions/repo.ts';
import * as repo from './repo.ts';

/** Grade 3 (severe) and above needs a clinician before any further dose (CTCAE-style grades 1–5). */
export const urgentAdverseEventGrade = 3;

const gradeWords: Record<number, string> = {
  1: 'mild',
  2: 'moderate',
  3: 'severe',
  4: 'life-threatening',
  5: 'fatal',
};

function view(row: repo.AdverseEventRow) {
  return {
    id: row.id,
    patientId: row.patient_id,
    sessionId: row.session_id,
    grade: row.grade,
    description: row.description,
    occurredAt: row.occurred_at.toISOString(),
    reportedByName: row.reported_by_name,
    reviewedByName: row.reviewed_by_name,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    reviewNote: row.review_note,
  };
}

export async function listAdverseEvents(deps: AppDeps, context: RequestContext, patientId: string) {
  const grant = await requireAccess(deps.database.db, context, patientId, 'patient.treatment.read');
  const rows = await repo.listAdverseEvents(deps.database.db, patientId);
  await auditPatientRead(deps.database.db, context, 'adverse_event.read', grant, {
    details: { returned: rows.length },
  });
  return rows.map(view);
}

/**
 * Records an adverse event from the patient or the care team. Grade 3 or more raises an
 * urgent alert and pauses the plan until a clinician has reviewed it.
 */
export async function reportAdverseEvent(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: { sessionId?: string; grade: number; description: string; occurredAt: string },
) {
  const db = deps.database.db;
  const actor = await requireSessionDayOrTreatmentWrite(db, context, patientId);
  const occurredAt = new Date(input.occurredAt);
  const now = context.now();
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new AppError('invalid_request', 'occurredAt: cannot be in the future', {
      issues: [{ path: 'occurredAt', message: 'cannot be in the future' }],
    });
  }
  if (input.sessionId) {
    const session = await findSession(db, patientId, input.sessionId);
    if (!session) {
      throw new AppError('invalid_request', 'sessionId: no such session for this patient', {
        issues: [{ path: 'sessionId', message: 'no such session for this patient' }],
      });
    }
  }
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await repo.insertAdverseEvent(trx, {
      id,
      patientId,
      sessionId: input.sessionId ?? null,
      grade: input.grade,
      description: input.description,
      occurredAt,
      reportedBy: actor.userId,
      now,
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'adverse_event.report',
      patientId,
      entityType: 'AdverseEvent',
      entityId: id,
    });
    if (input.grade >= urgentAdverseEventGrade) {
      await raiseAlert(trx, context, {
        patientId,
        kind: 'adverse_event',
        severity: 'urgent',
        reason: `A grade ${input.grade} (${gradeWords[input.grade]}) adverse event was reported: "${input.description}". The plan is paused until a clinician reviews it.`,
        sourceType: 'adverse_event',
        sourceId: id,
        details: { grade: input.grade },
      });
      await pausePlanForSafety(
        trx,
        context,
        patientId,
        `Grade ${input.grade} adverse event reported; waiting for clinician review.`,
      );
    }
  });
  return view((await repo.findAdverseEvent(db, patientId, id))!);
}

/** A clinician reviews an adverse event and may resume the paused plan. */
export async function reviewAdverseEvent(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  eventId: string,
  input: { note: string; resumePlan: boolean },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.treatment.prescribe');
  const actor = requireRole(context, ['clinician']);
  const now = context.now();
  await db.transaction().execute(async (trx) => {
    const review = await repo.markAdverseEventReviewed(trx, {
      patientId,
      eventId,
      reviewerId: actor.userId,
      note: input.note,
      now,
    });
    if (review === 'already_reviewed')
      throw new AppError('conflict', 'This adverse event was already reviewed.');
    if (review === 'missing') throw new AppError('not_found', 'No such adverse event.');
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'adverse_event.review',
      patientId,
      entityType: 'AdverseEvent',
      entityId: eventId,
      details: { resumePlan: input.resumePlan },
    });
    if (input.resumePlan) {
      await resumePlanAfterReview(trx, context, patientId, `Adverse event reviewed: ${input.note}`);
    }
  });
  return view((await repo.findAdverseEvent(db, patientId, eventId))!);
}
