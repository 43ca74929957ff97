/**
 * The patient's right to their data (HIPAA right of access, 45 CFR 164.524): a download of the
 * whole record as a FHIR Bundle and a readable PDF, and a request to close the account, which
 * an administrator decides under the clinic's record-retention rule.
 *
 * Closing an account ends the person's access — sign-in disabled, every session ended, every
 * token revoked, support people unlinked — but never deletes the clinical record: providers
 * must keep medical records for a period set by law, and the audit trail with them.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { uuidv7 } from 'uuidv7';
import { patientRecord } from '../../fhir/service.ts';
import { requireAccess, requireActor, requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, recordAudit } from '../../platform/audit.ts';
import type { ClosureStatus } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { findClinic } from '../clinic/repo.ts';
import * as identityRepo from '../identity/repo.ts';
import { queueEmail } from '../outbox/service.ts';
import { renderRecordPdf } from './pdf.ts';
import * as repo from './repo.ts';

/**
 * The default until an administrator sets the clinic's own period. Ten years is a
 * conservative choice, not a legal citation: medical-record retention is set by state law
 * (and longer for minors), HIPAA itself requires its compliance documentation be kept six
 * years (45 CFR 164.316(b)(2)), and controlled-substance records have their own rules. The
 * clinic must confirm the period that applies to it.
 */
export const defaultRetentionYears = 10;
export const defaultRetentionBasis =
  'Default of 10 years, not yet confirmed by the clinic: medical records must be kept for the period state law sets, which the clinic must confirm.';

export async function retentionPolicy(deps: AppDeps) {
  const row = await repo.findRetentionSettings(deps.database.db);
  return {
    retentionYears: row?.retention_years ?? defaultRetentionYears,
    basis: row?.basis ?? defaultRetentionBasis,
    isDefault: row === undefined,
    version: row?.version ?? 0,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}

export async function getRetentionPolicy(deps: AppDeps, context: RequestContext) {
  requireRole(context, ['admin']);
  return retentionPolicy(deps);
}

export async function setRetentionPolicy(
  deps: AppDeps,
  context: RequestContext,
  input: { retentionYears: number; basis: string },
) {
  const actor = requireRole(context, ['admin']);
  const before = await retentionPolicy(deps);
  await deps.database.db.transaction().execute(async (trx) => {
    const version = await repo.saveRetentionSettings(trx, {
      ...input,
      updatedBy: actor.userId,
      now: context.now(),
    });
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'settings.record_retention',
      entityType: 'RecordRetentionSettings',
      // The written basis is kept with the settings, not in the trail.
      details: {
        version,
        previousRetentionYears: before.retentionYears,
        retentionYears: input.retentionYears,
      },
    });
  });
  return retentionPolicy(deps);
}

function addYears(date: Date, years: number): string {
  const copy = new Date(date.getTime());
  copy.setUTCFullYear(copy.getUTCFullYear() + years);
  return copy.toISOString().slice(0, 10);
}

/** What closing keeps and why, in plain words (shown before asking, and sent after closing). */
export function whatIsKept(clinicName: string, years: number, retainUntil: string | null): string {
  const until = retainUntil ? `until ${retainUntil}` : `for ${years} years after the account is closed`;
  return [
    'Closing your account ends your access: you can no longer sign in, every device you are signed in on, and any app you connected, is signed out at once, and your support person can no longer see your sessions.',
    `Your clinical record is kept, unchanged, ${until}: your health history and screening answers, consent, treatment plans, prescriptions, doses, vital signs, questionnaire scores, safety alerts, and the audit trail of who looked at your record.`,
    `Why: health-care providers must keep medical records for a period set by law (state medical-record rules, and the record-keeping rules for controlled-substance prescriptions). ${clinicName} keeps them for ${years} years. Until then they are used only as the law allows — for example if you return to care, or for an inspection — and you can still ask the clinic for a copy. After that they are securely destroyed.`,
    'Before asking, you may want to download your records (your full record and the PDF summary).',
  ].join('\n\n');
}

function closureView(row: repo.ClosureRow) {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: `${row.given_name} ${row.family_name}`,
    accountEmail: row.account_email,
    accountStatus: row.account_status,
    reason: row.reason,
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedByName: row.decided_by_name,
    decisionNote: row.decision_note,
    retentionYears: row.retention_years,
    retainUntil: row.retain_until,
    messageToPatient: row.message_to_patient,
  };
}

/** The right of access is the patient's own: only the patient themself downloads it here. */
async function requireSelf(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  permission: 'patient.profile.read' | 'patient.profile.write',
) {
  const actor = requireActor(context);
  const grant = await requireAccess(deps.database.db, context, patientId, permission);
  if (grant.basis !== 'self' || actor.patientId !== patientId)
    throw new AppError('not_found', 'No such patient.');
  return actor;
}

/** The patient's whole designated record set, for their own export (only they take it). */
async function ownWholeRecord(deps: AppDeps, context: RequestContext, patientId: string) {
  await requireSelf(deps, context, patientId, 'patient.profile.read');
  const { resources } = await patientRecord(deps.database.db, patientId, async () => true, {
    now: context.now(),
    includeStaff: true,
  });
  return resources;
}

/** Every export is on the record, with its format and how many resources it held. */
function auditExport(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  details: { format: 'fhir+json' | 'pdf'; resources: number },
) {
  return recordAudit(deps.database.db, context, {
    action: 'E',
    subtype: 'patient.export',
    patientId,
    entityType: 'Patient',
    entityId: patientId,
    details,
  });
}

/** GET /api/patients/:id/export — the whole designated record set as a FHIR Bundle. */
export async function exportRecordBundle(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
): Promise<Bundle> {
  const resources = await ownWholeRecord(deps, context, patientId);
  await auditExport(deps, context, patientId, { format: 'fhir+json', resources: resources.length });
  const base = `${(deps.config.publicUrl ?? 'urn:stillwater').replace(/\/$/, '')}/fhir/R4`;
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: context.now().toISOString(),
    entry: resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
    })),
  };
}

/** GET /api/patients/:id/export.pdf — the readable summary. */
export async function exportRecordPdf(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
): Promise<Buffer> {
  const resources = await ownWholeRecord(deps, context, patientId);
  const clinic = await findClinic(deps.database.db);
  const pdf = await renderRecordPdf(
    resources,
    { name: clinic?.name ?? 'Stillwater', phone: clinic?.phone ?? '', email: clinic?.email ?? '' },
    context.now(),
  );
  await auditExport(deps, context, patientId, { format: 'pdf', resources: resources.length });
  return pdf;
}

export async function closureStatus(deps: AppDeps, context: RequestContext, patientId: string) {
  await requireSelf(deps, context, patientId, 'patient.profile.read');
  const [row, policy, clinic] = await Promise.all([
    repo.latestClosureRequest(deps.database.db, patientId),
    retentionPolicy(deps),
    findClinic(deps.database.db),
  ]);
  let request: Omit<ReturnType<typeof closureView>, 'decisionNote'> | null = null;
  if (row) {
    // The administrator's note is internal; the patient gets the message written to them.
    const { decisionNote: _internal, ...forPatient } = closureView(row);
    request = forPatient;
  }
  return {
    request,
    whatIsKept: whatIsKept(clinic?.name ?? 'The clinic', policy.retentionYears, row?.retain_until ?? null),
  };
}

export async function requestClosure(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: { reason: string },
) {
  const actor = await requireSelf(deps, context, patientId, 'patient.profile.write');
  const id = uuidv7();
  const now = context.now();
  await deps.database.db.transaction().execute(async (trx) => {
    const created = await repo.insertClosureRequest(trx, {
      id,
      patientId,
      requestedBy: actor.userId,
      reason: input.reason,
      now,
    });
    if (!created) {
      throw new AppError(
        'conflict',
        'You have already asked for your account to be closed; the clinic will answer soon.',
      );
    }
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'patient.closure.request',
      patientId,
      entityType: 'ClosureRequest',
      entityId: id,
    });
  });
  return closureStatus(deps, context, patientId);
}

const listStatuses: Record<string, ClosureStatus[]> = {
  pending: ['pending'],
  closed: ['closed'],
  declined: ['declined'],
  all: ['pending', 'closed', 'declined'],
};

export async function listClosureRequests(deps: AppDeps, context: RequestContext, status: string) {
  requireRole(context, ['admin']);
  const rows = await repo.listClosureRequests(deps.database.db, listStatuses[status] ?? ['pending'], 500);
  await recordAudit(deps.database.db, context, {
    action: 'R',
    subtype: 'patient.closure.list',
    entityType: 'ClosureRequest',
    details: { status, returned: rows.length },
  });
  return rows.map(closureView);
}

/**
 * An administrator decides a closure request. Closing disables the login, ends every session,
 * revokes every token and unlinks support people, in one transaction with its audit entry and
 * the notice to the patient of what is kept and why. No clinical record is deleted.
 */
export async function decideClosure(
  deps: AppDeps,
  context: RequestContext,
  requestId: string,
  input: { decision: 'close' | 'decline'; note: string; messageToPatient?: string | undefined },
) {
  const actor = requireRole(context, ['admin']);
  const db = deps.database.db;
  const request = await repo.findClosureRequest(db, requestId);
  if (!request) throw new AppError('not_found', 'No such closure request.');
  if (request.status !== 'pending') throw new AppError('conflict', 'This request has already been decided.');
  if (input.decision === 'decline' && !input.messageToPatient) {
    throw new AppError('invalid_request', 'messageToPatient: tell the patient why their account stays open', {
      issues: [{ path: 'messageToPatient', message: 'is required when declining' }],
    });
  }
  const [policy, clinic] = await Promise.all([retentionPolicy(deps), findClinic(db)]);
  const clinicName = clinic?.name ?? 'The clinic';
  const now = context.now();
  const retainUntil = addYears(now, policy.retentionYears);
  const closing = input.decision === 'close';
  const notice = closing
    ? [whatIsKept(clinicName, policy.retentionYears, retainUntil), input.messageToPatient]
        .filter(Boolean)
        .join('\n\n')
    : `Your account stays open. ${input.messageToPatient}`;

  await db.transaction().execute(async (trx) => {
    const decided = await repo.decideClosureRequest(trx, requestId, {
      status: closing ? 'closed' : 'declined',
      decidedBy: actor.userId,
      note: input.note,
      retentionYears: closing ? policy.retentionYears : null,
      retainUntil: closing ? retainUntil : null,
      messageToPatient: notice,
      now,
    });
    if (!decided) throw new AppError('conflict', 'This request has already been decided.');
    let sessionsEnded = 0;
    let tokensRevoked = 0;
    let supportUnlinked = 0;
    if (closing) {
      await repo.disableAccount(trx, request.requested_by, now);
      sessionsEnded = await identityRepo.endSessions(
        trx,
        { userId: request.requested_by },
        'account_closed',
        now,
      );
      tokensRevoked = await identityRepo.revokeAccessTokens(trx, { userId: request.requested_by }, now);
      await identityRepo.voidPendingEmailChange(trx, request.requested_by, now);
      supportUnlinked = await repo.revokeSupportLinks(trx, request.patient_id);
    }
    await queueEmail(trx, {
      kind: closing ? 'account_closed' : 'account_closure_declined',
      to: request.account_email,
      subject: closing
        ? `Your ${clinicName} account is closed`
        : `About your request to close your ${clinicName} account`,
      body: notice,
      now,
    });
    await appendAudit(trx, context, {
      action: 'U',
      subtype: closing ? 'patient.closure.close' : 'patient.closure.decline',
      patientId: request.patient_id,
      entityType: 'ClosureRequest',
      entityId: requestId,
      details: {
        retentionYears: closing ? policy.retentionYears : null,
        retainUntil: closing ? retainUntil : null,
        sessionsEnded,
        tokensRevoked,
        supportUnlinked,
      },
    });
  });
  const updated = await repo.findClosureRequest(db, requestId);
  return closureView(updated!);
}
