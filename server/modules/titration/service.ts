import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type CompletedSession, suggestTitration } from '../../../clinical/titration.ts';
import { requireAccess, requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { applyApprovedDose, pausePlanForSafety } from '../plans/plan-changes.ts';
import { findPlanById } from '../plans/repo.ts';
import * as repo from './repo.ts';

/** What titration needs of a plan row: the dose, its step and bounds, and the blood-pressure limit. */
export function titrationPlanOf(plan: {
  dose_mg: number;
  step_mg: number;
  max_dose_mg: number;
  min_dose_mg: number;
  bp_systolic_limit: number;
  bp_diastolic_limit: number;
}) {
  return {
    doseMg: plan.dose_mg,
    stepMg: plan.step_mg,
    maxDoseMg: plan.max_dose_mg,
    minDoseMg: plan.min_dose_mg,
    bloodPressureLimit: { systolic: plan.bp_systolic_limit, diastolic: plan.bp_diastolic_limit },
  };
}

/** Latest PHQ-9 minus the first (negative is better), or null with fewer than two scores. */
async function phq9ChangeFromBaseline(trx: Transaction<Database>, patientId: string): Promise<number | null> {
  const totals = await repo.phq9Totals(trx, patientId);
  return totals.length >= 2 ? totals.at(-1)! - totals[0]! : null;
}

/**
 * After a completed session: the titration rule's suggestion for the next dose waits for the
 * prescriber. The plan's dose — the only dose a patient can take — changes only on approval.
 */
export async function proposeTitration(
  trx: Transaction<Database>,
  context: RequestContext,
  ids: { patientId: string; planId: string; sessionId: string },
) {
  const plan = await findPlanById(trx, ids.planId);
  if (!plan) throw new Error(`no treatment plan ${ids.planId}`);
  const rows = await repo.listCompletedSessions(trx, ids.planId);
  const sessions: CompletedSession[] = rows.map((row) => ({
    doseMg: row.dose_mg ?? plan.dose_mg,
    sideEffects: row.side_effects as CompletedSession['sideEffects'],
    effect: row.effect,
    adverseEventGrade: row.adverse_event_grade === null ? null : Number(row.adverse_event_grade),
    bloodPressureAfter:
      row.recheck_systolic !== null && row.recheck_diastolic !== null
        ? { systolic: Number(row.recheck_systolic), diastolic: Number(row.recheck_diastolic) }
        : null,
  }));
  if (sessions.length === 0) return;
  // The session just completed: did it need help, and is a safety question still open?
  const [help, openAlerts] = await Promise.all([
    repo.sessionHadHelpRequest(trx, ids.sessionId),
    repo.openSafetyAlertKinds(trx, ids.patientId),
  ]);
  const last = sessions.at(-1)!;
  last.helpRequested = help;
  last.openSafetyAlerts = openAlerts.map((kind) => kind.replaceAll('_', ' '));
  const suggestion = suggestTitration({
    plan: titrationPlanOf(plan),
    sessions,
    phq9Change: await phq9ChangeFromBaseline(trx, ids.patientId),
  });
  const id = uuidv7();
  // Only the newest session's suggestion can be decided: earlier pending ones are overtaken.
  const superseded = await repo.supersedePending(trx, ids.planId, ids.sessionId);
  await repo.insertSuggestion(trx, {
    id,
    ...ids,
    action: suggestion.action,
    currentDoseMg: plan.dose_mg,
    suggestedDoseMg: suggestion.nextDoseMg,
    reasons: suggestion.reasons,
    now: context.now(),
  });
  await appendAudit(trx, context, {
    action: 'C',
    subtype: 'titration.suggest',
    patientId: ids.patientId,
    entityType: 'TitrationSuggestion',
    entityId: id,
    details: { action: suggestion.action, superseded },
  });
}

type Row = Awaited<ReturnType<typeof repo.listForPatient>>[number];

function view(row: Row) {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: `${row.given_name} ${row.family_name}`,
    planId: row.plan_id,
    sessionId: row.session_id,
    sessionNumber: row.session_number,
    action: row.action,
    currentDoseMg: row.current_dose_mg,
    suggestedDoseMg: row.suggested_dose_mg,
    minDoseMg: row.min_dose_mg,
    maxDoseMg: row.max_dose_mg,
    reasons: row.reasons as string[],
    status: row.status,
    decidedDoseMg: row.decided_dose_mg,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at?.toISOString() ?? null,
    note: row.note,
    createdAt: row.created_at.toISOString(),
  };
}

export async function titrationQueue(deps: AppDeps, context: RequestContext) {
  const actor = requireRole(context, ['clinician']);
  return deps.database.db.transaction().execute(async (trx) => {
    const rows = await repo.listPendingForStaff(trx, actor.userId);
    await appendAudit(trx, context, {
      action: 'R',
      subtype: 'titration.queue',
      entityType: 'TitrationSuggestion',
      details: { returned: rows.length },
    });
    return rows.map(view);
  });
}

export async function listPatientTitration(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.treatment.read');
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listForPatient(trx, patientId);
    await auditPatientRead(trx, context, 'titration.read', grant, { details: { returned: rows.length } });
    return rows.map(view);
  });
}

/**
 * The prescriber approves the suggestion or sets another dose (within the plan's range);
 * approving a pause pauses the plan.
 */
export async function decideTitration(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  suggestionId: string,
  input: { decision: 'approve' | 'change'; doseMg?: number; note?: string },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.treatment.prescribe');
  const actor = requireRole(context, ['clinician']);
  const suggestion = await repo.findSuggestion(db, patientId, suggestionId);
  if (!suggestion) throw new AppError('not_found', 'No such titration suggestion.');
  if (suggestion.status === 'superseded') {
    throw new AppError(
      'conflict',
      'A later session has its own titration suggestion, which replaces this one. Decide on that one instead.',
    );
  }
  if (suggestion.status !== 'pending') throw new AppError('conflict', 'This suggestion was already decided.');
  if (input.decision === 'change' && input.doseMg === undefined) {
    throw new AppError('invalid_request', 'doseMg: is required when you change the dose', {
      issues: [{ path: 'doseMg', message: 'is required when you change the dose' }],
    });
  }
  if (input.decision === 'change' && !input.note) {
    throw new AppError('invalid_request', 'note: please say why you chose another dose', {
      issues: [{ path: 'note', message: 'please say why you chose another dose' }],
    });
  }
  const doseMg = input.decision === 'approve' ? suggestion.suggested_dose_mg : input.doseMg!;
  const now = context.now();
  await db.transaction().execute(async (trx) => {
    const changed = await repo.markDecided(trx, suggestionId, {
      status: input.decision === 'approve' ? 'approved' : 'changed',
      doseMg,
      userId: actor.userId,
      note: input.note ?? null,
      now,
    });
    if (!changed) throw new AppError('conflict', 'This suggestion was already decided.');
    if (input.decision === 'approve' && suggestion.action === 'pause') {
      await pausePlanForSafety(
        trx,
        context,
        patientId,
        `Paused on titration review: ${(suggestion.reasons as string[]).join(' ')}`,
      );
    } else if (doseMg !== suggestion.current_dose_mg) {
      await applyApprovedDose(
        trx,
        context,
        suggestion.plan_id,
        doseMg,
        `Titration after session: ${input.decision === 'approve' ? 'suggestion approved' : 'dose changed'}${
          input.note ? ` — ${input.note}` : ''
        }`,
      );
    }
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'titration.decide',
      patientId,
      entityType: 'TitrationSuggestion',
      entityId: suggestionId,
      details: { decision: input.decision },
    });
  });
  return view((await repo.listForPatient(db, patientId)).find((r) => r.id === suggestionId)!);
}
