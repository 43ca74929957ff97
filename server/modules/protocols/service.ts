import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import * as repo from './repo.ts';
import type { Protocol, ProtocolInput, ProtocolUpdateInput } from './schema.ts';

/** The safety defaults of a protocol, as the API names them. */
export type ProtocolSettings = Omit<ProtocolInput, 'key' | 'name' | 'description'>;

/** The columns a protocol and a plan share, from the API's names. */
export function safetySettingsColumns(settings: ProtocolSettings) {
  return {
    route: settings.route,
    starting_dose_mg: settings.startingDoseMg,
    step_mg: settings.stepMg,
    min_dose_mg: settings.minDoseMg,
    max_dose_mg: settings.maxDoseMg,
    min_hours_between_sessions: settings.minHoursBetweenSessions,
    sessions_planned: settings.sessionsPlanned,
    bp_systolic_limit: settings.bloodPressureLimit.systolic,
    bp_diastolic_limit: settings.bloodPressureLimit.diastolic,
    heart_rate_min: settings.heartRateRange.min,
    heart_rate_max: settings.heartRateRange.max,
    fasting_hours: settings.fastingHours,
    check_in_interval_minutes: settings.checkInIntervalMinutes,
    missed_check_in_minutes: settings.missedCheckInMinutes,
    bp_recheck_minutes: settings.bpRecheckMinutes,
    retake_after_minutes: settings.retakeAfterMinutes,
    dose_window_before_minutes: settings.doseWindowBeforeMinutes,
    dose_window_after_minutes: settings.doseWindowAfterMinutes,
    recheck_grace_minutes: settings.recheckGraceMinutes,
    observation_minutes: settings.observationMinutes,
  };
}

type SafetyRow = ReturnType<typeof safetySettingsColumns>;

/** The safety defaults of a protocol (or plan) row, as the API names them. */
export function safetySettingsOf(row: SafetyRow): ProtocolSettings {
  return {
    route: row.route,
    startingDoseMg: row.starting_dose_mg,
    stepMg: row.step_mg,
    minDoseMg: row.min_dose_mg,
    maxDoseMg: row.max_dose_mg,
    minHoursBetweenSessions: row.min_hours_between_sessions,
    sessionsPlanned: row.sessions_planned,
    bloodPressureLimit: { systolic: row.bp_systolic_limit, diastolic: row.bp_diastolic_limit },
    heartRateRange: { min: row.heart_rate_min, max: row.heart_rate_max },
    fastingHours: row.fasting_hours,
    checkInIntervalMinutes: row.check_in_interval_minutes,
    missedCheckInMinutes: row.missed_check_in_minutes,
    bpRecheckMinutes: row.bp_recheck_minutes,
    retakeAfterMinutes: row.retake_after_minutes,
    doseWindowBeforeMinutes: row.dose_window_before_minutes,
    doseWindowAfterMinutes: row.dose_window_after_minutes,
    recheckGraceMinutes: row.recheck_grace_minutes,
    observationMinutes: row.observation_minutes,
  };
}

export function protocolView(row: repo.ProtocolRow): Protocol {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    description: row.description,
    ...safetySettingsOf(row),
    changeNote: row.change_note,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

/** Which fields differ between two versions, each with its value before and after. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { before: before[key] ?? null, after: after[key] ?? null };
    }
  }
  return changes;
}

const readers = ['admin', 'clinician'] as const;

export async function listProtocols(deps: AppDeps, context: RequestContext) {
  requireRole(context, readers);
  return (await repo.listCurrentProtocols(deps.database.db)).map(protocolView);
}

export async function getProtocol(deps: AppDeps, context: RequestContext, key: string) {
  requireRole(context, readers);
  const row = await repo.findCurrentProtocol(deps.database.db, key);
  if (!row) throw new AppError('not_found', 'No such protocol.');
  return protocolView(row);
}

export async function listProtocolVersions(deps: AppDeps, context: RequestContext, key: string) {
  requireRole(context, readers);
  const rows = await repo.listProtocolVersions(deps.database.db, key);
  if (rows.length === 0) throw new AppError('not_found', 'No such protocol.');
  return rows.map(protocolView);
}

/** The protocol version a plan is written from; only the current version of a protocol will do. */
export async function findCurrentProtocolById(db: Kysely<Database>, protocolId: string) {
  const row = await repo.findProtocol(db, protocolId);
  if (!row) return undefined;
  const current = await repo.findCurrentProtocol(db, row.key);
  return { protocol: row, currentVersion: current?.version ?? row.version };
}

export function findProtocolById(db: Kysely<Database>, protocolId: string) {
  return repo.findProtocol(db, protocolId);
}

function contentOf(input: Omit<ProtocolInput, 'key'>) {
  const { name, description, ...settings } = input;
  return { name, description, ...settings };
}

/** A protocol's version 1 as a row: the API's names mapped to columns, with who made it and when. */
export function firstVersionRow(
  protocol: ProtocolInput & { id: string },
  createdBy: string | null,
  now: Date,
) {
  const { id, key, name, description, ...settings } = protocol;
  return {
    id,
    key,
    version: 1,
    name,
    description,
    ...safetySettingsColumns(settings),
    change_note: null,
    created_by: createdBy,
    created_at: now,
  };
}

/** An admin adds a protocol: its version 1, audited. */
export async function createProtocol(deps: AppDeps, context: RequestContext, input: ProtocolInput) {
  const actor = requireRole(context, ['admin']);
  const db = deps.database.db;
  const id = uuidv7();
  const { key } = input;
  await db.transaction().execute(async (trx) => {
    const inserted = await repo.insertProtocolVersion(
      trx,
      firstVersionRow({ id, ...input }, actor.userId, context.now()),
    );
    if (!inserted) {
      throw new AppError('conflict', `key: a protocol named "${key}" exists; change it with PUT instead.`);
    }
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'protocol.create',
      entityType: 'Protocol',
      entityId: id,
      details: { key, version: 1 },
    });
  });
  return protocolView((await repo.findProtocol(db, id))!);
}

/**
 * An admin changes a protocol: a new version, written only if the admin saw the latest one
 * (412 otherwise, with the current version), audited with what changed. Plans already
 * written keep the version they were written from.
 */
export async function updateProtocol(
  deps: AppDeps,
  context: RequestContext,
  key: string,
  expectedVersion: number | null,
  input: ProtocolUpdateInput,
) {
  const actor = requireRole(context, ['admin']);
  const db = deps.database.db;
  const id = uuidv7();
  const stale = (current: repo.ProtocolRow) =>
    new AppError(
      'precondition_failed',
      'Someone else changed this protocol since you opened it. Review the current version and try again.',
      { currentVersion: current.version, current: protocolView(current) },
    );
  try {
    await db.transaction().execute(async (trx) => {
      const current = await repo.findCurrentProtocol(trx, key);
      if (!current) throw new AppError('not_found', 'No such protocol.');
      if (expectedVersion === null) {
        throw new AppError(
          'invalid_request',
          'If-Match: send the version you are changing (the ETag you read).',
          { currentVersion: current.version },
        );
      }
      if (current.version !== expectedVersion) throw stale(current);
      const { changeNote, name, description, ...settings } = input;
      const inserted = await repo.insertProtocolVersion(trx, {
        id,
        key,
        version: current.version + 1,
        name,
        description,
        ...safetySettingsColumns(settings),
        change_note: changeNote,
        created_by: actor.userId,
        created_at: context.now(),
      });
      if (!inserted) throw stale(current);
      const before = contentOf({
        name: current.name,
        description: current.description,
        ...safetySettingsOf(current),
      });
      const after = contentOf({ name, description, ...settings });
      await appendAudit(trx, context, {
        action: 'U',
        subtype: 'protocol.update',
        entityType: 'Protocol',
        entityId: id,
        // Which settings changed; the values and the note are in the protocol's versions.
        details: {
          key,
          fromVersion: current.version,
          version: current.version + 1,
          fields: Object.keys(changedFields(before, after)),
        },
      });
    });
  } catch (error) {
    // Two admins saving the same version at once: the unique (key, version) decides.
    if (isUniqueViolation(error)) {
      const current = await repo.findCurrentProtocol(db, key);
      throw stale(current!);
    }
    throw error;
  }
  return protocolView((await repo.findProtocol(db, id))!);
}
