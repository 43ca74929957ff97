import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { requireAccess, requireActor, requireRole } from '../../platform/access.ts';
import { isOnCareTeam } from '../../platform/access-repo.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import * as intakeRepo from '../intake/repo.ts';
import { intakeView } from '../intake/service.ts';
import { findPatient, hasCareTeam } from '../patients/repo.ts';
import { takeOnPatient } from '../patients/take-on.ts';
import { findActiveLicence, isOnIntakeTeam } from '../staff/repo.ts';
import { isoDate } from '../staff/service.ts';
import { candidacyDecisionFor } from './role-views.ts';
import type { CandidacyQueueItem, DecideCandidacyInput } from './schema.ts';

type FlagSummary = { severity: 'exclude' | 'review' | 'info'; ruleId: string };

async function licenceFor(deps: AppDeps, userId: string, state: string | null, now: Date) {
  if (!state) return undefined;
  return findActiveLicence(deps.database.db, userId, state, isoDate(now));
}

function whyNot(state: string | null) {
  return state
    ? `You need an unexpired licence in ${state}, where this patient lives, to decide.`
    : 'The patient has not told us their state of residence yet.';
}

/**
 * Intakes waiting for a clinician, oldest first, with whether this clinician may decide each: their
 * own patients' and, for the intake team, applicants nobody cares for yet, shown with the minimum
 * (who, where they live, how long they have waited) until someone takes the review.
 */
export async function reviewQueue(deps: AppDeps, context: RequestContext) {
  const actor = requireRole(context, ['clinician']);
  const db = deps.database.db;
  const staff = { userId: actor.userId, onIntakeTeam: await isOnIntakeTeam(db, actor.userId) };
  const rows = await intakeRepo.listReviewQueue(db, staff, 200);
  const now = context.now();
  const items: z.infer<typeof CandidacyQueueItem>[] = [];
  for (const row of rows) {
    const licence = await licenceFor(deps, actor.userId, row.state_of_residence, now);
    const flags = ((row.screening as { flags?: FlagSummary[] } | null)?.flags ?? []) as FlagSummary[];
    items.push({
      intakeId: row.id,
      patientId: row.patient_id,
      patientName: `${row.given_name} ${row.family_name}`,
      stateOfResidence: row.state_of_residence,
      submittedAt: row.submitted_at!.toISOString(),
      waitingHours: Math.floor((now.getTime() - row.submitted_at!.getTime()) / 3_600_000),
      access: row.on_care_team ? ('care_team' as const) : ('intake_triage' as const),
      flagCounts: row.on_care_team
        ? {
            exclude: flags.filter((f) => f.severity === 'exclude').length,
            review: flags.filter((f) => f.severity === 'review').length,
            info: flags.filter((f) => f.severity === 'info').length,
          }
        : null,
      canDecide: licence !== undefined,
      cannotDecideReason: licence ? null : whyNot(row.state_of_residence),
    });
  }
  await db.transaction().execute((trx) =>
    appendAudit(trx, context, {
      action: 'R',
      subtype: 'candidacy.queue.read',
      details: {
        returned: items.length,
        intakeTriage: items.filter((item) => item.access === 'intake_triage').length,
      },
    }),
  );
  return items;
}

/**
 * A licensed clinician takes a review. On the patient's care team already, they simply begin; on
 * the intake team, with nobody caring for the applicant yet, they take the patient on and join
 * the care team as prescriber, which opens the chart. Anyone else gets 404, audited.
 */
export async function startReview(deps: AppDeps, context: RequestContext, intakeId: string) {
  const actor = requireRole(context, ['clinician']);
  const db = deps.database.db;
  const intake = await intakeRepo.findIntake(db, intakeId);
  if (intake?.status !== 'submitted') throw new AppError('not_found', noIntakeAwaitingReview);
  const patientId = intake.patient_id;
  const onCareTeam = await isOnCareTeam(db, patientId, actor.userId);
  const takesOn =
    !onCareTeam && !(await hasCareTeam(db, patientId)) && (await isOnIntakeTeam(db, actor.userId));
  if (!onCareTeam && !takesOn) {
    await recordAudit(db, context, {
      action: 'E',
      subtype: 'access.denied',
      outcome: 'denied',
      patientId,
      entityType: 'Intake',
      entityId: intakeId,
      details: { permission: 'patient.candidacy.decide', reasonCode: 'not_care_team_or_intake_team' },
    });
    throw new AppError('not_found', noIntakeAwaitingReview);
  }
  const patient = await findPatient(db, patientId);
  const licence = await licenceFor(deps, actor.userId, patient?.state_of_residence ?? null, context.now());
  if (!licence) throw new AppError('forbidden', whyNot(patient?.state_of_residence ?? null));
  await db.transaction().execute(async (trx) => {
    if (takesOn) {
      await takeOnPatient(trx, context, {
        patientId,
        via: 'candidacy_review',
        entityId: intakeId,
        careRole: 'prescriber',
      });
    }
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'candidacy.review.start',
      patientId,
      entityType: 'Intake',
      entityId: intakeId,
      details: { joinedCareTeam: takesOn, licenceId: licence.id },
    });
  });
  return { patientId };
}

const noIntakeAwaitingReview = 'No intake awaiting review with that id.';

const minimumJustification = 20;

export async function decideCandidacy(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: z.infer<typeof DecideCandidacyInput>,
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.candidacy.decide');
  const actor = context.actor!;
  const intake = await intakeRepo.findLatestIntake(db, patientId);
  if (intake?.status !== 'submitted') {
    throw new AppError('conflict', 'There is no submitted intake waiting for a decision.');
  }
  const patient = await findPatient(db, patientId);
  const now = context.now();
  const licence = await licenceFor(deps, actor.userId, patient?.state_of_residence ?? null, now);
  if (!licence) throw new AppError('forbidden', whyNot(patient?.state_of_residence ?? null));
  const view = intakeView(intake);
  const exclusions = (view.screening?.flags ?? [])
    .filter((f) => f.severity === 'exclude')
    .map((f) => f.ruleId);
  if (input.decision === 'approve' && exclusions.length > 0) {
    const justification = input.overrideJustification?.trim() ?? '';
    if (justification.length < minimumJustification) {
      throw new AppError(
        'unprocessable',
        `Approving over an exclusion (${exclusions.join(', ')}) needs a written justification of at least ${minimumJustification} characters.`,
        { exclusions },
      );
    }
  }
  if (input.decision === 'decline' && !input.messageToPatient?.trim()) {
    throw new AppError(
      'invalid_request',
      'messageToPatient: say kindly why, so the patient understands and knows where else to turn.',
    );
  }
  if (input.decision === 'request_info' && !input.question?.trim()) {
    throw new AppError('invalid_request', 'question: ask the patient what you need to know.');
  }
  const outcome = { approve: 'approved', decline: 'declined', request_info: 'more_info' } as const;
  const nextStatus = { approve: 'approved', decline: 'declined', request_info: 'needs_info' } as const;
  const nextStage = { approve: 'consent', decline: 'declined', request_info: 'intake' } as const;
  const overridden = input.decision === 'approve' ? exclusions : [];
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    const moved = await intakeRepo.setIntakeStatus(
      trx,
      intake.id,
      'submitted',
      nextStatus[input.decision],
      now,
      input.decision === 'request_info' ? input.question!.trim() : null,
    );
    if (!moved) throw new AppError('conflict', 'Another clinician decided this intake a moment ago.');
    await intakeRepo.insertDecision(trx, {
      id,
      patientId,
      intakeId: intake.id,
      clinicianUserId: actor.userId,
      decision: outcome[input.decision],
      messageToPatient: input.messageToPatient?.trim() || input.question?.trim() || null,
      clinicalNote: input.clinicalNote?.trim() || null,
      overriddenRuleIds: overridden,
      overrideJustification: overridden.length > 0 ? input.overrideJustification!.trim() : null,
      licenceState: licence.state,
      licenceNumber: licence.number,
      now,
    });
    await intakeRepo.updatePatientFromIntake(
      trx,
      patientId,
      { journey_stage: nextStage[input.decision] },
      now,
    );
    await appendAudit(trx, context, {
      action: 'C',
      subtype: `candidacy.${outcome[input.decision]}`,
      patientId,
      entityType: 'CandidacyDecision',
      entityId: id,
      details: { intakeId: intake.id, licenceId: licence.id },
    });
    if (overridden.length > 0) {
      await appendAudit(trx, context, {
        action: 'E',
        subtype: 'candidacy.override',
        patientId,
        entityType: 'CandidacyDecision',
        entityId: id,
        // The justification is kept with the decision, for those who may read the chart.
        details: { overriddenRuleIds: overridden },
      });
    }
  });
  return { id, decision: outcome[input.decision] };
}

/** Decisions on a patient's candidacy; the patient sees the message meant for them, not the clinical note. */
export async function listCandidacyDecisions(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.profile.read');
  const rows = await intakeRepo.listDecisions(db, patientId);
  const role = requireActor(context).role;
  await auditPatientRead(db, context, 'candidacy.read', grant);
  return rows.map((row) =>
    candidacyDecisionFor(role, {
      id: row.id,
      decision: row.decision,
      clinicianName: row.clinician_name,
      messageToPatient: row.message_to_patient,
      createdAt: row.created_at.toISOString(),
      clinicalNote: row.clinical_note,
      overriddenRuleIds: row.overridden_rule_ids,
      overrideJustification: row.override_justification,
    }),
  );
}
