import { uuidv7 } from 'uuidv7';
import { scoreInstrument } from '../../../clinical/instruments.ts';
import { screen } from '../../../clinical/screening.ts';
import { requireAccess } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead } from '../../platform/audit.ts';
import type { Intake } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { crisisResources, raiseAlert } from '../alerts/service.ts';
import { recordScore } from '../assessments/service.ts';
import { assertPasswordAcceptable } from '../identity/password-policy.ts';
import { hashPassword } from '../identity/passwords.ts';
import * as identityRepo from '../identity/repo.ts';
import { type SignInResult, startSession } from '../identity/sign-in.ts';
import { insertPatient } from '../patients/repo.ts';
import { currentScreeningThresholds } from '../screening/service.ts';
import { screeningFactsFrom } from './facts.ts';
import * as repo from './repo.ts';
import { type IntakeAnswers, type IntakeSectionName, intakeSectionNames, intakeSections } from './schema.ts';

export function intakeView(intake: Intake) {
  const answers = intake.answers as IntakeAnswers;
  const completed = intakeSectionNames.filter((name) => answers[name] !== undefined);
  return {
    id: intake.id,
    patientId: intake.patient_id,
    status: intake.status,
    version: intake.version,
    answers,
    completedSections: completed,
    missingSections: intakeSectionNames.filter((name) => answers[name] === undefined),
    clinicianQuestion: intake.clinician_question,
    submittedAt: intake.submitted_at?.toISOString() ?? null,
    updatedAt: intake.updated_at.toISOString(),
    screening: (intake.screening as ReturnType<typeof screenIntake> | null) ?? null,
  };
}

/** A new person creates a patient account; their intake starts as a draft. */
export async function signUpPatient(
  deps: AppDeps,
  context: RequestContext,
  input: { email: string; password: string; givenName: string; familyName: string },
): Promise<SignInResult> {
  assertPasswordAcceptable(input.password, { mfaEnabled: false, email: input.email });
  const db = deps.database.db;
  if (await identityRepo.findUserByEmail(db, input.email)) {
    throw new AppError('email_taken', 'An account with that email already exists. Try signing in instead.');
  }
  const passwordHash = await hashPassword(input.password);
  const now = context.now();
  const userId = uuidv7();
  const patientId = uuidv7();
  await db.transaction().execute(async (trx) => {
    await identityRepo.insertUser(trx, {
      id: userId,
      email: input.email,
      displayName: `${input.givenName} ${input.familyName}`,
      role: 'patient',
      passwordHash,
      now,
    });
    await insertPatient(trx, {
      id: patientId,
      userId,
      givenName: input.givenName,
      familyName: input.familyName,
      now,
    });
    await repo.insertIntake(trx, { id: uuidv7(), patientId, now });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'auth.signup',
      actorUserId: userId,
      actorRole: 'patient',
      patientId,
      entityType: 'Patient',
      entityId: patientId,
    });
  });
  const user = await identityRepo.findUserById(db, userId);
  return startSession(deps, context, user!, 'password');
}

async function loadIntake(deps: AppDeps, patientId: string) {
  const intake = await repo.findLatestIntake(deps.database.db, patientId);
  if (!intake) throw new AppError('not_found', 'This patient has no intake yet.');
  return intake;
}

export async function getIntake(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.intake.read');
  const intake = await loadIntake(deps, patientId);
  await auditPatientRead(db, context, 'intake.read', grant, { entityId: intake.id });
  return intakeView(intake);
}

type SafetyConcern = { kind: string; reason: string; details: Record<string, unknown> };

/**
 * Answers in this step that need the care team now and crisis resources on screen at
 * once: a positive PHQ-9 item 9, current suicidal intent, or a recent suicide attempt.
 */
function safetyConcerns(
  section: IntakeSectionName,
  answers: IntakeAnswers,
  recentAttemptMonths: number,
): SafetyConcern[] {
  const concerns: SafetyConcern[] = [];
  if (section === 'baseline' && (answers.baseline?.phq9[8] ?? 0) > 0) {
    concerns.push({
      kind: 'item9_positive',
      reason:
        'PHQ-9 item 9 was answered above 0 at intake (thoughts of being better off dead or of self-harm). Contact the patient and complete a suicide-risk assessment (e.g. C-SSRS).',
      details: { answer: answers.baseline?.phq9[8] },
    });
  }
  const psychiatric = section === 'psychiatric' ? answers.psychiatric : undefined;
  if (psychiatric?.currentSuicidalIntent) {
    concerns.push({
      kind: 'suicidal_intent',
      reason:
        'The applicant said at intake that they currently have thoughts of ending their life with intent to act. Contact them now and complete a suicide-risk assessment (e.g. C-SSRS).',
      details: {},
    });
  }
  const monthsAgo = psychiatric?.suicideAttemptMonthsAgo;
  if (monthsAgo !== undefined && monthsAgo !== null && monthsAgo < recentAttemptMonths) {
    concerns.push({
      kind: 'recent_suicide_attempt',
      reason: `The applicant reported a suicide attempt ${monthsAgo} month(s) ago at intake (within ${recentAttemptMonths} months). Contact them and complete a suicide-risk assessment (e.g. C-SSRS).`,
      details: { monthsAgo },
    });
  }
  return concerns;
}

/** Saves one step of the form. Stale versions get 409 so two tabs never overwrite each other. */
export async function saveIntakeSection(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  section: IntakeSectionName,
  input: { answers: Record<string, unknown>; version: number },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.intake.write');
  const intake = await loadIntake(deps, patientId);
  if (intake.status !== 'draft' && intake.status !== 'needs_info') {
    throw new AppError('conflict', 'This intake has been submitted and can no longer be changed.');
  }
  const parsed = intakeSections[section].safeParse(input.answers);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: ['answers', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw new AppError('invalid_request', `${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  }
  if (input.version !== intake.version) {
    throw new AppError(
      'conflict',
      'This intake changed in another window. Reload to see the latest answers.',
      {
        currentVersion: intake.version,
      },
    );
  }
  const answers = { ...(intake.answers as IntakeAnswers), [section]: parsed.data };
  const now = context.now();
  const { thresholds } = await currentScreeningThresholds(deps);
  const concerns = safetyConcerns(section, answers, thresholds.recentSuicideAttemptMonths);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.saveSectionIfCurrent(trx, intake.id, intake.version, answers, now))) {
      throw new AppError(
        'conflict',
        'This intake changed in another window. Reload to see the latest answers.',
      );
    }
    if (section === 'demographics') {
      const demographics = parsed.data as NonNullable<IntakeAnswers['demographics']>;
      await repo.updatePatientFromIntake(
        trx,
        patientId,
        { date_of_birth: demographics.dateOfBirth, state_of_residence: demographics.stateOfResidence },
        now,
      );
    }
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'intake.section.save',
      patientId,
      entityType: 'Intake',
      entityId: intake.id,
      details: { section },
    });
    for (const concern of concerns) {
      await raiseAlert(trx, context, {
        patientId,
        kind: concern.kind,
        severity: 'urgent',
        reason: concern.reason,
        sourceType: 'intake',
        sourceId: intake.id,
        details: concern.details,
      });
    }
  });
  const saved = await loadIntake(deps, patientId);
  return {
    intake: intakeView(saved),
    crisis: concerns.length > 0 ? await crisisResources(deps) : null,
  };
}

export function screenIntake(
  answers: Required<IntakeAnswers>,
  thresholds: Awaited<ReturnType<typeof currentScreeningThresholds>>,
  now: Date,
) {
  const facts = screeningFactsFrom(answers, now);
  const result = screen(facts, thresholds.thresholds);
  const phq9 = scoreInstrument('phq9', answers.baseline.phq9);
  const gad7 = scoreInstrument('gad7', answers.baseline.gad7);
  return {
    eligible: result.eligible,
    flags: result.flags,
    interactions: result.interactions,
    scores: {
      phq9: { total: phq9.total, band: phq9.band, item9Positive: phq9.item9Positive },
      gad7: { total: gad7.total, band: gad7.band },
    },
    facts,
    thresholdsVersion: thresholds.version,
    screenedAt: now.toISOString(),
  };
}

/** Submits a complete intake: the screening engine runs and the intake waits for a clinician. */
export async function submitIntake(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  version: number,
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.intake.write');
  const intake = await loadIntake(deps, patientId);
  if (intake.status !== 'draft' && intake.status !== 'needs_info') {
    throw new AppError('conflict', 'This intake was already submitted.');
  }
  const view = intakeView(intake);
  if (view.missingSections.length > 0) {
    throw new AppError(
      'unprocessable',
      `Please complete every step first: ${view.missingSections.join(', ')}.`,
      {
        missingSections: view.missingSections,
      },
    );
  }
  if (version !== intake.version) {
    throw new AppError(
      'conflict',
      'This intake changed in another window. Reload to see the latest answers.',
      {
        currentVersion: intake.version,
      },
    );
  }
  const now = context.now();
  const screening = screenIntake(
    intake.answers as Required<IntakeAnswers>,
    await currentScreeningThresholds(deps),
    now,
  );
  await db.transaction().execute(async (trx) => {
    if (!(await repo.markSubmitted(trx, intake.id, version, screening, now))) {
      throw new AppError('conflict', 'This intake changed or was already submitted.');
    }
    await repo.updatePatientFromIntake(trx, patientId, { journey_stage: 'review' }, now);
    const baseline = (intake.answers as Required<IntakeAnswers>).baseline;
    for (const instrument of ['phq9', 'gad7'] as const) {
      await recordScore(trx, context, {
        patientId,
        instrument,
        answers: baseline[instrument],
        difficulty: instrument === 'phq9' ? baseline.phq9Difficulty : null,
        context: 'baseline',
        source: 'intake',
        takenAt: now,
        idempotencyKey: `intake:${intake.id}:v${version}:${instrument}`,
        // Item 9 raised its alert when the baseline step was saved.
        raiseAlerts: false,
      });
    }
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'intake.submit',
      patientId,
      entityType: 'Intake',
      entityId: intake.id,
      details: {
        eligible: screening.eligible,
        flags: screening.flags.map((f) => `${f.severity}:${f.ruleId}`),
      },
    });
  });
  return intakeView((await loadIntake(deps, patientId))!);
}
