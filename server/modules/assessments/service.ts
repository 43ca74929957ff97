import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { assessmentsDue, defaultAssessmentSchedule } from '../../../clinical/assessment-schedule.ts';
import { type InstrumentId, instruments, scoreInstrument } from '../../../clinical/instruments.ts';
import { cohortOutcomes, patientOutcome, publishedReference } from '../../../clinical/outcomes.ts';
import { requireAccess, requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead } from '../../platform/audit.ts';
import type { AssessmentContext, Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { nextDay } from '../../platform/time.ts';
import { crisisResources, raiseAlert } from '../alerts/service.ts';
import * as repo from './repo.ts';

/** A PHQ-9 total at or above this raises a high-priority alert (the "severe" band, Kroenke 2001). */
export const severePhq9Total = 20;

export type NewScore = {
  patientId: string;
  instrument: InstrumentId;
  answers: number[];
  difficulty?: string | null;
  context: AssessmentContext;
  sessionId?: string | null;
  source: 'app' | 'intake' | 'fhir' | 'import';
  takenAt: Date;
  idempotencyKey?: string | null;
  /**
   * False for scores whose alerts were already raised (an intake's baseline, when its answers
   * were saved) or that are history (an import's older scores): stored, never alerting.
   */
  raiseAlerts?: boolean;
};

/**
 * Scores and stores one PHQ-9 or GAD-7 in the caller's transaction — the one path for the
 * app, the intake baseline, FHIR and imports — and starts the safety workflow: a positive
 * item 9 raises an urgent alert (which holds the next dose until a clinician closes it with
 * a follow-up), a PHQ-9 of 20 or more a high one.
 */
export async function recordScore(trx: Transaction<Database>, context: RequestContext, score: NewScore) {
  const result = scoreInstrument(score.instrument, score.answers);
  const { id, created } = await repo.insertAssessmentOnce(trx, {
    id: uuidv7(),
    patient_id: score.patientId,
    instrument: score.instrument,
    answers: JSON.stringify(score.answers),
    difficulty: score.difficulty ?? null,
    total: result.total,
    band: result.band,
    item9_positive: result.item9Positive,
    context: score.context,
    session_id: score.sessionId ?? null,
    source: score.source,
    taken_at: score.takenAt,
    recorded_by: context.actor?.userId ?? null,
    idempotency_key: score.idempotencyKey ?? null,
  });
  if (!created) return { id, created, result };
  await repo.updateLatestScore(trx, score.patientId, score.instrument, result.total, score.takenAt);
  await appendAudit(trx, context, {
    action: 'C',
    subtype: `assessment.${score.instrument}`,
    patientId: score.patientId,
    entityType: 'Assessment',
    entityId: id,
    details: {
      context: score.context,
      source: score.source,
      ...(score.raiseAlerts === false ? { alertsSkipped: true } : {}),
    },
  });
  if (score.raiseAlerts === false) return { id, created, result };
  if (result.item9Positive) {
    await raiseAlert(trx, context, {
      patientId: score.patientId,
      kind: 'item9_positive',
      severity: 'urgent',
      reason: `PHQ-9 item 9 was answered ${score.answers[8]} (thoughts of being better off dead or of self-harm). Contact the patient, complete a suicide-risk screen (e.g. C-SSRS) and record it. The next dose is held until a clinician closes this alert.`,
      sourceType: 'assessment',
      sourceId: id,
      details: { answer: score.answers[8], total: result.total },
    });
  }
  if (score.instrument === 'phq9' && result.total >= severePhq9Total) {
    await raiseAlert(trx, context, {
      patientId: score.patientId,
      kind: 'phq9_severe',
      severity: 'high',
      reason: `PHQ-9 total ${result.total} is in the severe range (20–27).`,
      sourceType: 'assessment',
      sourceId: id,
      details: { total: result.total },
    });
  }
  return { id, created, result };
}

type Row = Awaited<ReturnType<typeof repo.listAssessments>>[number];

function view(row: Row) {
  return {
    id: row.id,
    patientId: row.patient_id,
    instrument: row.instrument,
    answers: row.answers as number[],
    difficulty: row.difficulty,
    total: row.total,
    band: row.band,
    item9Positive: row.item9_positive,
    context: row.context,
    sessionId: row.session_id,
    source: row.source,
    takenAt: row.taken_at.toISOString(),
  };
}

async function maintenanceSince(deps: AppDeps, patientId: string): Promise<string | null> {
  const patient = await deps.database.db
    .selectFrom('patients')
    .select('journey_stage')
    .where('id', '=', patientId)
    .executeTakeFirst();
  if (patient?.journey_stage !== 'maintenance') return null;
  const plan = await deps.database.db
    .selectFrom('treatment_plans')
    .select('completed_at')
    .where('patient_id', '=', patientId)
    .where('status', '=', 'completed')
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return plan?.completed_at?.toISOString() ?? null;
}

async function outcomeFor(deps: AppDeps, patientId: string, instrument: InstrumentId) {
  const rows = await repo.listAssessments(deps.database.db, patientId, instrument);
  return patientOutcome(
    instrument,
    rows.map((r) => ({ total: r.total, takenAt: r.taken_at.toISOString() })),
    { maintenanceSince: await maintenanceSince(deps, patientId) },
  );
}

/** A patient (or their clinician) takes a PHQ-9 or GAD-7 in the app. */
export async function submitAssessment(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: {
    instrument: InstrumentId;
    answers: number[];
    difficulty?: string;
    context: AssessmentContext;
    sessionId?: string;
    idempotencyKey?: string;
  },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.assessments.write');
  const expected = instruments[input.instrument].items.length;
  if (input.answers.length !== expected) {
    throw new AppError(
      'invalid_request',
      `answers: ${instruments[input.instrument].shortTitle} has ${expected} questions; please answer each one`,
      {
        issues: [{ path: 'answers', message: `must have ${expected} answers` }],
      },
    );
  }
  if (input.difficulty && input.instrument !== 'phq9') {
    throw new AppError('invalid_request', 'difficulty: only the PHQ-9 asks this', {
      issues: [{ path: 'difficulty', message: 'only the PHQ-9 asks this' }],
    });
  }
  if (input.sessionId) {
    const session = await db
      .selectFrom('dosing_sessions')
      .select('id')
      .where('id', '=', input.sessionId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!session) {
      throw new AppError('invalid_request', 'sessionId: no such session for this patient', {
        issues: [{ path: 'sessionId', message: 'no such session for this patient' }],
      });
    }
  }
  const { id, result } = await db.transaction().execute((trx) =>
    recordScore(trx, context, {
      patientId,
      instrument: input.instrument,
      answers: input.answers,
      difficulty: input.difficulty ?? null,
      context: input.context,
      sessionId: input.sessionId ?? null,
      source: 'app',
      takenAt: context.now(),
      idempotencyKey: input.idempotencyKey ?? null,
    }),
  );
  return {
    assessment: view(await repo.findAssessment(db, id)),
    outcome: await outcomeFor(deps, patientId, input.instrument),
    crisis: result.item9Positive ? await crisisResources(deps) : null,
  };
}

export async function listPatientAssessments(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  instrument?: InstrumentId,
) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.assessments.read');
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listAssessments(trx, patientId, instrument);
    await auditPatientRead(trx, context, 'assessment.read', grant, {
      details: { instrument: instrument ?? 'all', returned: rows.length },
    });
    return rows.map(view);
  });
}

export async function patientOutcomes(deps: AppDeps, context: RequestContext, patientId: string) {
  await requireAccess(deps.database.db, context, patientId, 'patient.assessments.read');
  return Promise.all(
    (['phq9', 'gad7'] as const).map((instrument) => outcomeFor(deps, patientId, instrument)),
  );
}

/** What is due, overdue and coming up for this patient, from their plan and sessions. */
export async function assessmentSchedule(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.assessments.read');
  const [plan, scores] = await Promise.all([
    repo.findSchedulePlan(db, patientId),
    repo.listAssessments(db, patientId),
  ]);
  const sessions = plan ? await repo.listPlanSessions(db, plan.id) : [];
  return assessmentsDue({
    now: context.now(),
    schedule: plan?.assessment_schedule ?? defaultAssessmentSchedule,
    planStartedAt: plan?.created_at ?? null,
    courseEndedAt: plan?.completed_at ?? null,
    sessions: sessions.map((s) => ({
      id: s.id,
      number: s.number,
      scheduledFor: s.scheduled_for,
      status: s.status,
      dosedAt: s.dosed_at,
      completedAt: s.completed_at,
    })),
    scores: scores.map((s) => ({ instrument: s.instrument, takenAt: s.taken_at })),
  });
}

/**
 * The clinic's outcomes by the published definitions (issue 6): aggregate figures only, for
 * clinicians and admins, with the Hull 2022 figures beside them as a reference.
 */
export async function outcomeReport(
  deps: AppDeps,
  context: RequestContext,
  query: { instrument: InstrumentId; from: string; to: string },
) {
  requireRole(context, ['clinician', 'admin']);
  if (query.from > query.to) {
    throw new AppError('invalid_request', 'from: must be on or before to', {
      issues: [{ path: 'from', message: 'must be on or before to' }],
    });
  }
  const db = deps.database.db;
  const rows = await repo.listScoresBetween(
    db,
    query.instrument,
    new Date(`${query.from}T00:00:00Z`),
    new Date(`${nextDay(query.to)}T00:00:00Z`),
  );
  const byPatient = new Map<string, { total: number; takenAt: string }[]>();
  for (const row of rows) {
    const list = byPatient.get(row.patient_id) ?? [];
    list.push({ total: row.total, takenAt: row.taken_at.toISOString() });
    byPatient.set(row.patient_id, list);
  }
  const report = cohortOutcomes(
    query.instrument,
    [...byPatient].map(([patientId, scores]) => ({ patientId, scores })),
    { from: query.from, to: query.to },
  );
  await db.transaction().execute((trx) =>
    appendAudit(trx, context, {
      action: 'R',
      subtype: 'report.outcomes',
      entityType: 'Report',
      details: {
        instrument: query.instrument,
        periodFrom: query.from,
        periodTo: query.to,
        cohort: report.cohort.withFollowUp,
      },
    }),
  );
  return { ...report, from: query.from, to: query.to, reference: publishedReference[query.instrument] };
}
