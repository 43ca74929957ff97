import type { Kysely, Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { doseExposure, weightKgFrom } from '../../../clinical/dosing.ts';
import { requireAccess } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead } from '../../platform/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { Database, PlanStatus, TreatmentPlansTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { consentStatus } from '../consent/service.ts';
import * as intakeRepo from '../intake/repo.ts';
import type { IntakeAnswers } from '../intake/schema.ts';
import { findPatient } from '../patients/repo.ts';
import type { ProtocolRow } from '../protocols/repo.ts';
import {
  changedFields,
  findCurrentProtocolById,
  findProtocolById,
  safetySettingsOf,
} from '../protocols/service.ts';
import { planRecord, snapshotOf, writePlanChange } from './plan-changes.ts';
import * as repo from './repo.ts';
import type { Plan, PlanChangeInput, PlanCreateInput } from './schema.ts';

/** The patient's weight from their latest intake, in kg; null when they have not given it. */
async function patientWeightKg(db: Kysely<Database>, patientId: string): Promise<number | null> {
  const intake = await intakeRepo.findLatestIntake(db, patientId);
  const weight = (intake?.answers as IntakeAnswers | undefined)?.body?.weight;
  if (!weight) return null;
  try {
    return weightKgFrom(weight.value, weight.unit);
  } catch {
    return null;
  }
}

function planView(row: repo.NamedPlanRow, weightKg: number | null): Plan {
  const record = planRecord(row);
  return {
    ...record,
    protocol: {
      id: row.protocol_id,
      key: row.protocol_key,
      name: row.protocol_name,
      version: row.protocol_version,
    },
    createdByName: row.created_by_name,
    dosing: {
      ...doseExposure({ route: record.route, doseMg: record.doseMg, weightKg }),
      weightKg: weightKg === null ? null : Math.round(weightKg * 10) / 10,
    },
  };
}

/**
 * A plan is written only for a patient whose latest candidacy decision is an approval and
 * whose signed consent covers the current material document; 422 names what is missing.
 */
async function requireApprovedAndConsented(db: Kysely<Database>, patientId: string) {
  const [latest] = await intakeRepo.listDecisions(db, patientId);
  const consent = await consentStatus(db, patientId);
  const missing: { code: string; words: string }[] = [];
  if (latest?.decision !== 'approved') {
    missing.push({
      code: 'candidacy_not_approved',
      words: latest
        ? `the latest candidacy decision is "${latest.decision}", not an approval`
        : 'no clinician has approved the candidacy yet',
    });
  }
  if (!consent.upToDate) {
    missing.push({
      code: 'consent_not_signed',
      words: consent.signedVersion
        ? `consent was signed for version ${consent.signedVersion}, and version ${consent.requiredVersion} must be signed`
        : 'the patient has not signed the informed consent',
    });
  }
  if (missing.length > 0) {
    throw new AppError(
      'unprocessable',
      `A treatment plan needs an approved candidacy and signed consent first: ${missing.map((m) => m.words).join('; ')}.`,
      { missing: missing.map((m) => m.code) },
    );
  }
}

type Limits = {
  doseMg: number;
  minDoseMg: number;
  maxDoseMg: number;
};

/** The dose stays within [min, max], and max within the protocol's; 400 names the field. */
function checkDoseLimits(next: Limits, protocol: ProtocolRow) {
  if (next.maxDoseMg > protocol.max_dose_mg) {
    throw new AppError(
      'invalid_request',
      `maxDoseMg: must not be above the protocol's maximum (${protocol.max_dose_mg} mg).`,
    );
  }
  if (next.maxDoseMg < next.minDoseMg) {
    throw new AppError(
      'invalid_request',
      `maxDoseMg: must not be below the minimum dose (${next.minDoseMg} mg).`,
    );
  }
  if (next.doseMg > next.maxDoseMg) {
    throw new AppError(
      'invalid_request',
      `doseMg: ${next.doseMg} mg is above the plan's maximum dose (${next.maxDoseMg} mg).`,
    );
  }
  if (next.doseMg < next.minDoseMg) {
    throw new AppError(
      'invalid_request',
      `doseMg: ${next.doseMg} mg is below the plan's minimum dose (${next.minDoseMg} mg).`,
    );
  }
}

/** A blood-pressure limit other than the protocol's needs its reason; the protocol's needs none. */
function bpLimitReasonFor(
  limit: { systolic: number; diastolic: number },
  reason: string | null | undefined,
  protocol: ProtocolRow,
): string | null {
  const same =
    limit.systolic === protocol.bp_systolic_limit && limit.diastolic === protocol.bp_diastolic_limit;
  if (same) return null;
  if (!reason?.trim()) {
    throw new AppError(
      'invalid_request',
      `bpLimitReason: say why this patient's blood-pressure limit (${limit.systolic}/${limit.diastolic}) differs from the protocol's (${protocol.bp_systolic_limit}/${protocol.bp_diastolic_limit}).`,
    );
  }
  return reason.trim();
}

async function protocolOfPlan(db: Kysely<Database>, protocolId: string): Promise<ProtocolRow> {
  const protocol = await findProtocolById(db, protocolId);
  if (!protocol) throw new AppError('internal_error', 'The plan’s protocol is missing.');
  return protocol;
}

export async function createPlan(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: PlanCreateInput,
): Promise<Plan> {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.treatment.prescribe');
  const actor = context.actor!;
  await requireApprovedAndConsented(db, patientId);
  const found = await findCurrentProtocolById(db, input.protocolId);
  if (!found) throw new AppError('not_found', 'No such protocol.');
  const { protocol, currentVersion } = found;
  if (currentVersion !== protocol.version) {
    throw new AppError(
      'conflict',
      `protocolId: "${protocol.name}" has a newer version (${currentVersion}); write the plan from it.`,
      { currentVersion },
    );
  }
  const doseMg = input.doseMg ?? protocol.starting_dose_mg;
  const maxDoseMg = input.maxDoseMg ?? protocol.max_dose_mg;
  checkDoseLimits({ doseMg, minDoseMg: protocol.min_dose_mg, maxDoseMg }, protocol);
  const bloodPressureLimit = input.bloodPressureLimit ?? safetySettingsOf(protocol).bloodPressureLimit;
  const bpLimitReason = bpLimitReasonFor(bloodPressureLimit, input.bpLimitReason, protocol);
  if (await repo.findOpenPlanRow(db, patientId)) throw openPlanConflict();

  const id = uuidv7();
  const now = context.now();
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertPlan(trx, {
        id,
        patient_id: patientId,
        protocol_id: protocol.id,
        status: 'draft',
        version: 1,
        route: protocol.route,
        dose_mg: doseMg,
        starting_dose_mg: doseMg,
        step_mg: protocol.step_mg,
        min_dose_mg: protocol.min_dose_mg,
        max_dose_mg: maxDoseMg,
        min_hours_between_sessions: protocol.min_hours_between_sessions,
        sessions_planned: input.sessionsPlanned ?? protocol.sessions_planned,
        bp_systolic_limit: bloodPressureLimit.systolic,
        bp_diastolic_limit: bloodPressureLimit.diastolic,
        bp_limit_reason: bpLimitReason,
        heart_rate_min: protocol.heart_rate_min,
        heart_rate_max: protocol.heart_rate_max,
        fasting_hours: protocol.fasting_hours,
        check_in_interval_minutes: protocol.check_in_interval_minutes,
        missed_check_in_minutes: protocol.missed_check_in_minutes,
        bp_recheck_minutes: protocol.bp_recheck_minutes,
        retake_after_minutes: protocol.retake_after_minutes,
        dose_window_before_minutes: protocol.dose_window_before_minutes,
        dose_window_after_minutes: protocol.dose_window_after_minutes,
        recheck_grace_minutes: protocol.recheck_grace_minutes,
        observation_minutes: protocol.observation_minutes,
        assessment_schedule: JSON.stringify(protocol.assessment_schedule),
        starts_on: input.startsOn ?? null,
        ends_on: input.endsOn ?? null,
        status_reason: null,
        notes: input.notes ?? '',
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      const record = planRecord((await repo.lockPlan(trx, id))!);
      await repo.insertPlanVersion(trx, {
        planId: id,
        version: 1,
        patientId,
        snapshot: snapshotOf(record),
        changeNote: `Written from ${protocol.name} (version ${protocol.version})`,
        changedBy: actor.userId,
        now,
      });
      await appendAudit(trx, context, {
        action: 'C',
        subtype: 'plan.create',
        patientId,
        entityType: 'TreatmentPlan',
        entityId: id,
        details: { protocolKey: protocol.key, protocolVersion: protocol.version },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw openPlanConflict();
    throw error;
  }
  return planView((await repo.findPlan(db, patientId, id))!, await patientWeightKg(db, patientId));
}

function openPlanConflict() {
  return new AppError(
    'conflict',
    'This patient already has a plan in force (draft, active or paused). Change it, or complete it first.',
  );
}

const transitions: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['active'],
  active: ['paused', 'completed'],
  paused: ['active', 'completed'],
  completed: [],
};

const editableFields = [
  'doseMg',
  'maxDoseMg',
  'bloodPressureLimit',
  'bpLimitReason',
  'sessionsPlanned',
  'startsOn',
  'endsOn',
  'notes',
  'status',
  'statusReason',
] as const;

/** The patient's plan, or a 404 when there is none by that id. */
async function requirePlan(db: Kysely<Database>, patientId: string, planId: string) {
  const row = await repo.findPlan(db, patientId, planId);
  if (!row) throw new AppError('not_found', 'No such plan.');
  return row;
}

/**
 * A prescriber changes a plan: only over the version they read (If-Match; a stale one gets
 * 412 and changes nothing), each change a new version with its snapshot and audit entry.
 */
export async function updatePlan(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  planId: string,
  expectedVersion: number | null,
  input: PlanChangeInput,
): Promise<Plan> {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.treatment.prescribe');
  const existing = await requirePlan(db, patientId, planId);
  if (expectedVersion === null) {
    throw new AppError(
      'invalid_request',
      'If-Match: send the version of the plan you are changing (the ETag you read).',
      { currentVersion: existing.version },
    );
  }
  const stale = (current: repo.PlanRow) =>
    new AppError(
      'precondition_failed',
      'Someone changed this plan since you opened it. Review the current version and make your change again.',
      { currentVersion: current.version, current: planRecord(current) },
    );
  if (existing.version !== expectedVersion) throw stale(existing);
  if (!editableFields.some((field) => input[field] !== undefined)) {
    throw new AppError('invalid_request', `Nothing to change: send any of ${editableFields.join(', ')}.`);
  }
  if (existing.status === 'completed') {
    throw new AppError('conflict', 'A completed plan cannot be changed; write a new plan instead.');
  }

  const changes: Updateable<TreatmentPlansTable> = {};
  const nextStatus = input.status ?? existing.status;
  if (nextStatus !== existing.status) {
    if (!transitions[existing.status].includes(nextStatus)) {
      throw new AppError(
        'conflict',
        `status: a ${existing.status} plan cannot become ${nextStatus} (allowed: ${transitions[existing.status].join(', ') || 'none'}).`,
      );
    }
    if (nextStatus === 'paused' && !input.statusReason) {
      throw new AppError('invalid_request', 'statusReason: say why the plan is paused.');
    }
    if (nextStatus === 'active') await requireApprovedAndConsented(db, patientId);
    changes.status = nextStatus;
    changes.status_reason = nextStatus === 'active' ? null : (input.statusReason ?? null);
  } else if (input.statusReason !== undefined) {
    changes.status_reason = input.statusReason;
  }

  const protocol = await protocolOfPlan(db, existing.protocol_id);
  const next = {
    doseMg: input.doseMg ?? existing.dose_mg,
    minDoseMg: existing.min_dose_mg,
    maxDoseMg: input.maxDoseMg ?? existing.max_dose_mg,
  };
  checkDoseLimits(next, protocol);
  changes.dose_mg = next.doseMg;
  changes.max_dose_mg = next.maxDoseMg;
  if (input.bloodPressureLimit !== undefined || input.bpLimitReason !== undefined) {
    const limit = input.bloodPressureLimit ?? {
      systolic: existing.bp_systolic_limit,
      diastolic: existing.bp_diastolic_limit,
    };
    changes.bp_systolic_limit = limit.systolic;
    changes.bp_diastolic_limit = limit.diastolic;
    changes.bp_limit_reason = bpLimitReasonFor(
      limit,
      input.bpLimitReason ?? existing.bp_limit_reason,
      protocol,
    );
  }
  if (input.sessionsPlanned !== undefined) changes.sessions_planned = input.sessionsPlanned;
  if (input.notes !== undefined) changes.notes = input.notes;
  if (input.startsOn !== undefined) changes.starts_on = input.startsOn;
  if (input.endsOn !== undefined) changes.ends_on = input.endsOn;
  const startsOn = input.startsOn !== undefined ? input.startsOn : existing.starts_on;
  const endsOn = input.endsOn !== undefined ? input.endsOn : existing.ends_on;
  if (startsOn && endsOn && endsOn < startsOn) {
    throw new AppError('invalid_request', `endsOn: must not be before startsOn (${startsOn}).`);
  }
  const differs = Object.entries(changes).some(
    ([column, value]) => existing[column as keyof typeof changes] !== value,
  );
  if (!differs) throw new AppError('invalid_request', 'Nothing to change: the plan already says this.');

  await db.transaction().execute(async (trx) => {
    const written = await writePlanChange(trx, context, existing, expectedVersion, changes, {
      subtype: nextStatus !== existing.status ? `plan.status.${nextStatus}` : 'plan.update',
      changeNote: input.changeNote,
    });
    if (!written) throw stale((await repo.lockPlan(trx, planId))!);
    if (nextStatus === 'active') {
      const patient = await findPatient(trx, patientId);
      if (patient && ['consent', 'plan'].includes(patient.journey_stage)) {
        await intakeRepo.updatePatientFromIntake(
          trx,
          patientId,
          { journey_stage: 'sessions' },
          context.now(),
        );
      }
    }
  });
  return planView((await repo.findPlan(db, patientId, planId))!, await patientWeightKg(db, patientId));
}

export async function listPatientPlans(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.treatment.read');
  const rows = await repo.listPlans(db, patientId);
  const weightKg = await patientWeightKg(db, patientId);
  await auditPatientRead(db, context, 'plan.read', grant, { details: { returned: rows.length } });
  return rows.map((row) => planView(row, weightKg));
}

export async function getPatientPlan(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  planId: string,
) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.treatment.read');
  const row = await requirePlan(db, patientId, planId);
  await auditPatientRead(db, context, 'plan.read', grant, { entityId: planId });
  return planView(row, await patientWeightKg(db, patientId));
}

/** Every version of a plan, newest first, each with what changed from the one before. */
export async function listPlanVersions(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  planId: string,
) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.treatment.read');
  await requirePlan(db, patientId, planId);
  const rows = await repo.listPlanVersions(db, planId);
  await auditPatientRead(db, context, 'plan.versions.read', grant, {
    entityId: planId,
    details: { returned: rows.length },
  });
  return rows.map((row, index) => {
    const previous = rows[index + 1];
    return {
      version: row.version,
      changeNote: row.change_note,
      changedByName: row.changed_by_name,
      changedAt: row.changed_at.toISOString(),
      changes: previous ? changedFields(previous.snapshot, row.snapshot) : {},
      snapshot: row.snapshot,
    };
  });
}
