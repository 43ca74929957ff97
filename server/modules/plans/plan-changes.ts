/**
 * A plan as other modules read and change it: its record, its versioned write, and the changes
 * other modules make in their own transaction (a safety pause, a resume after review, a
 * titrated dose). Each change is a new version with its snapshot and audit entry.
 */
import type { Kysely, Transaction, Updateable } from 'kysely';
import { appendAudit } from '../../platform/audit.ts';
import type { AuditKindWith } from '../../platform/audit-events.ts';
import type { Database, PlanStatus, TreatmentPlansTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { changedFields, safetySettingsOf } from '../protocols/service.ts';
import * as repo from './repo.ts';
import type { PlanRecord } from './schema.ts';

/** The audit kinds a change to a plan is recorded as. */
export type PlanChangeKind = Extract<AuditKindWith<'U'>, `plan.${string}`>;

/** A plan row as other modules read it: settings, limits and state in the API's names. */
export function planRecord(row: repo.PlanRow): PlanRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    protocolId: row.protocol_id,
    status: row.status,
    statusReason: row.status_reason,
    version: row.version,
    ...safetySettingsOf(row),
    doseMg: row.dose_mg,
    bpLimitReason: row.bp_limit_reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    notes: row.notes,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What a version records: the plan's content, without its identity and bookkeeping. */
export function snapshotOf(record: PlanRecord): Record<string, unknown> {
  const {
    id: _id,
    patientId: _patientId,
    version: _version,
    createdAt: _c,
    updatedAt: _u,
    ...content
  } = record;
  return content;
}

/**
 * Writes a change to a plan in the caller's transaction: only over `expectedVersion`
 * (false when someone changed it first), then its version snapshot and audit entry.
 */
export async function writePlanChange(
  trx: Transaction<Database>,
  context: RequestContext,
  before: repo.PlanRow,
  expectedVersion: number,
  changes: Updateable<TreatmentPlansTable>,
  audit: { subtype: PlanChangeKind; changeNote: string | null },
): Promise<PlanRecord | null> {
  const now = context.now();
  const completing = changes.status === 'completed' && before.status !== 'completed';
  const update = { ...changes, updated_at: now, ...(completing ? { completed_at: now } : {}) };
  if (!(await repo.updatePlanIfVersion(trx, before.id, expectedVersion, update))) {
    return null;
  }
  const after = planRecord((await repo.lockPlan(trx, before.id))!);
  await repo.insertPlanVersion(trx, {
    planId: before.id,
    version: after.version,
    patientId: before.patient_id,
    snapshot: snapshotOf(after),
    changeNote: audit.changeNote,
    changedBy: context.actor?.userId ?? null,
    now,
  });
  await appendAudit(trx, context, {
    action: 'U',
    subtype: audit.subtype,
    patientId: before.patient_id,
    entityType: 'TreatmentPlan',
    entityId: before.id,
    // Which fields changed; their values and the note are in the plan's versions.
    details: {
      version: after.version,
      fields: Object.keys(changedFields(snapshotOf(planRecord(before)), snapshotOf(after))),
    },
  });
  return after;
}

/** The patient's plan in force (draft, active or paused), if any: for sessions, titration, prescriptions. */
export async function findOpenPlan(db: Kysely<Database>, patientId: string): Promise<PlanRecord | undefined> {
  const row = await repo.findOpenPlanRow(db, patientId);
  return row ? planRecord(row) : undefined;
}

/** A plan after a change another module asked for; `changed` is false when nothing needed changing. */
export type PlanChange = { plan: PlanRecord; changed: boolean };

/** A change another module makes to the patient's open plan, in its own transaction, with its words. */
type OpenPlanChange = (
  trx: Transaction<Database>,
  context: RequestContext,
  patientId: string,
  words: string,
) => Promise<PlanChange | null>;

/** Changes the patient's open plan when it is `from`, in the caller's transaction; null without an open plan. */
async function changeOpenPlan(
  trx: Transaction<Database>,
  context: RequestContext,
  patientId: string,
  from: PlanStatus,
  changes: Updateable<TreatmentPlansTable>,
  audit: { subtype: PlanChangeKind; changeNote: string | null },
): Promise<PlanChange | null> {
  const row = await repo.lockOpenPlan(trx, patientId);
  if (!row) return null;
  if (row.status !== from) return { plan: planRecord(row), changed: false };
  const plan = await writePlanChange(trx, context, row, row.version, changes, audit);
  return { plan: plan!, changed: true };
}

/**
 * Pauses the patient's active plan for a safety reason (a grade ≥ 3 adverse event, a
 * titration "pause"), in the caller's transaction: a new version, audited. Null when the
 * patient has no open plan; `changed` is false when it was not active (already paused, or a draft).
 */
export const pausePlanForSafety: OpenPlanChange = (trx, context, patientId, reason) =>
  changeOpenPlan(
    trx,
    context,
    patientId,
    'active',
    { status: 'paused', status_reason: reason },
    { subtype: 'plan.pause.safety', changeNote: `Paused for safety: ${reason}` },
  );

/**
 * Resumes the patient's paused plan once a clinician has reviewed what paused it (an adverse
 * event), in the caller's transaction: a new version, audited. Null when the patient has no
 * open plan; `changed` is false when it was not paused. Consent and candidacy are checked
 * again by session readiness before any dose.
 */
export const resumePlanAfterReview: OpenPlanChange = (trx, context, patientId, note) =>
  changeOpenPlan(
    trx,
    context,
    patientId,
    'paused',
    { status: 'active', status_reason: null },
    { subtype: 'plan.resume.review', changeNote: note },
  );

/**
 * Sets the plan's dose to the one a clinician approved after a session (titration), in the
 * caller's transaction: a new version, audited. Never outside the plan's [min, max] (400).
 */
export async function applyApprovedDose(
  trx: Transaction<Database>,
  context: RequestContext,
  planId: string,
  doseMg: number,
  note: string,
): Promise<PlanChange> {
  const row = await repo.lockPlan(trx, planId);
  if (!row) throw new AppError('not_found', 'No such plan.');
  if (row.status === 'completed') {
    throw new AppError('conflict', 'The plan is completed; its dose can no longer change.');
  }
  if (!Number.isFinite(doseMg) || doseMg > row.max_dose_mg || doseMg < row.min_dose_mg) {
    throw new AppError(
      'invalid_request',
      `doseMg: ${doseMg} mg is outside the plan's range (${row.min_dose_mg}–${row.max_dose_mg} mg).`,
    );
  }
  if (doseMg === row.dose_mg) return { plan: planRecord(row), changed: false };
  const plan = await writePlanChange(
    trx,
    context,
    row,
    row.version,
    { dose_mg: doseMg },
    { subtype: 'plan.dose.titrate', changeNote: note },
  );
  return { plan: plan!, changed: true };
}
