import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { mayAccess, requireAccess, requireActor, requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead, recordAudit } from '../../platform/audit.ts';
import { alertRaisedKind } from '../../platform/audit-events.ts';
import type { AlertSeverity, AlertStatus, Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { findClinic } from '../clinic/repo.ts';
import { type CareTeamLinks, careTeamLinksFor } from '../patients/contacts.ts';
import { hasCareTeam } from '../patients/repo.ts';
import { takeOnPatient, takeOnRoleFor } from '../patients/take-on.ts';
import { isOnIntakeTeam } from '../staff/repo.ts';
import * as repo from './repo.ts';

/**
 * How soon the care team must respond to an alert of each severity (the clinic's
 * operating policy, not a clinical threshold). Shown on every alert with its due time.
 */
export const alertResponseMinutes: Record<AlertSeverity, number> = {
  urgent: 30,
  high: 4 * 60,
  normal: 24 * 60,
};

/**
 * Raises an alert for the care team in the caller's transaction. While an alert for the
 * same concern and source is active, a retry or a repeat returns it instead of raising
 * a second; once it is resolved, the concern arising again raises a new one.
 */
export async function raiseAlert(
  trx: Transaction<Database>,
  context: RequestContext,
  alert: Omit<repo.NewAlert, 'id' | 'now' | 'dueAt'>,
): Promise<string> {
  const now = context.now();
  const dueAt = new Date(now.getTime() + alertResponseMinutes[alert.severity] * 60_000);
  const { id, created } = await repo.insertAlertOnce(trx, { ...alert, id: uuidv7(), now, dueAt });
  if (created) {
    await repo.refreshAlertRank(trx, alert.patientId);
    await appendAudit(trx, context, {
      action: 'C',
      subtype: alertRaisedKind(alert.kind),
      patientId: alert.patientId,
      entityType: 'Alert',
      entityId: id,
      details: { severity: alert.severity, dueAt: dueAt.toISOString() },
    });
  }
  return id;
}

const crisisMessages = {
  disclosure:
    'Thank you for telling us. You do not have to go through this alone. If you might act on these thoughts, or you are in danger now, call 911. You can call or text 988 at any time. Your care team has been alerted and will reach out to you.',
  help_request:
    'Your care team has been alerted and will call you. If anyone is in danger now — trouble breathing, chest pain, a seizure, cannot be woken — call 911. If you might harm yourself, call or text 988.',
} as const;

/** Crisis help shown at once: after a disclosure (item 9, intent) or a press of "I need help". */
export async function crisisResources(deps: AppDeps, occasion: keyof typeof crisisMessages = 'disclosure') {
  const clinic = await findClinic(deps.database.db);
  const resources = [
    { label: 'Call 988 (Suicide & Crisis Lifeline), any time', action: 'call', href: 'tel:988' },
    { label: 'Text 988', action: 'text', href: 'sms:988' },
    { label: 'Emergency: call 911', action: 'call', href: 'tel:911' },
  ];
  if (clinic) {
    const afterHours = clinic.after_hours_phone !== null;
    const number = clinic.after_hours_phone ?? clinic.phone;
    resources.push({
      label: afterHours ? `Your clinic's after-hours line: ${number}` : `Your clinic: ${number}`,
      action: 'call',
      href: `tel:${number.replace(/[^+\d]/g, '')}`,
    });
  }
  return { message: crisisMessages[occasion], resources };
}

type AlertRow = Awaited<ReturnType<typeof repo.listAlertsForPatient>>[number];

function toView(row: AlertRow, now: Date, links: CareTeamLinks) {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: `${row.given_name} ${row.family_name}`,
    kind: row.kind,
    severity: row.severity,
    access: 'care_team' as const,
    reason: row.reason,
    status: row.status,
    details: row.details,
    createdAt: row.created_at.toISOString(),
    ageMinutes: Math.max(0, Math.floor((now.getTime() - row.created_at.getTime()) / 60_000)),
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'open' && row.due_at.getTime() <= now.getTime(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedByName: row.acknowledged_by_name,
    acknowledgementNote: row.acknowledgement_note,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolvedByName: row.resolved_by_name,
    resolutionNote: row.resolution_note,
    contacts: links.contacts,
    chartPath: links.chartPath,
  };
}

export const intakeTriageReason =
  'This patient has no care team yet. Acknowledge the alert to take them on: you join their care team and their chart opens.';

/**
 * What the intake team sees of an alert on a patient nobody cares for yet: who, what kind, how
 * urgent and how old. The reason, details and notes carry answers and scores, which only the
 * care team reads; whoever takes the patient on joins it.
 */
function toTriageView(row: AlertRow, now: Date) {
  const full = toView(row, now, { contacts: null, chartPath: null });
  return {
    ...full,
    access: 'intake_triage' as const,
    reason: intakeTriageReason,
    details: {},
    acknowledgedByName: null,
    acknowledgementNote: null,
    resolvedByName: null,
    resolutionNote: null,
  };
}

const statusesFor: Record<string, AlertStatus[]> = {
  active: ['open', 'acknowledged'],
  open: ['open'],
  acknowledged: ['acknowledged'],
  resolved: ['resolved'],
};

/**
 * The alerts that reach the caller, urgent and oldest first: in full on their own patients; for
 * the intake team, the minimum on patients nobody cares for yet.
 */
export async function listMyAlerts(deps: AppDeps, context: RequestContext, status: string) {
  const actor = requireRole(context, ['clinician', 'nurse']);
  const db = deps.database.db;
  const staff = { userId: actor.userId, onIntakeTeam: await isOnIntakeTeam(db, actor.userId) };
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listAlertsForStaff(trx, staff, statusesFor[status] ?? ['open'], 200);
    const own = rows.filter((row) => row.on_care_team);
    const links = await careTeamLinksFor(
      trx,
      context,
      own.map((row) => row.patient_id),
    );
    await appendAudit(trx, context, {
      action: 'R',
      subtype: 'alert.list',
      entityType: 'Alert',
      details: {
        status,
        returned: rows.length,
        intakeTriage: rows.length - own.length,
        withContacts: own.filter((row) => links(row.patient_id).contacts !== null).length,
      },
    });
    return rows.map((row) =>
      row.on_care_team ? toView(row, context.now(), links(row.patient_id)) : toTriageView(row, context.now()),
    );
  });
}

export async function listPatientAlerts(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.alerts.read');
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listAlertsForPatient(trx, patientId);
    const links = await careTeamLinksFor(trx, context, [patientId]);
    await auditPatientRead(trx, context, 'alert.read', grant, { details: { returned: rows.length } });
    return rows.map((row) => toView(row, context.now(), links(patientId)));
  });
}

/**
 * Suicide-risk alerts stay open until a clinician closes them with a structured follow-up
 * (for example a C-SSRS screener result); until then the next dose is held.
 */
export const suicideRiskAlertKinds: readonly string[] = [
  'item9_positive',
  'suicidal_intent',
  'recent_suicide_attempt',
];

const noSuchAlert = 'No such alert.';

type AlertAction = { note: string; followUp?: { method: string; riskLevel: string; plan: string } };

async function actOnAlert(
  deps: AppDeps,
  context: RequestContext,
  alertId: string,
  input: AlertAction,
  action: 'acknowledge' | 'resolve',
) {
  const actor = requireRole(context, ['clinician', 'nurse']);
  const db = deps.database.db;
  const alert = await repo.findAlert(db, alertId);
  if (!alert) throw new AppError('not_found', noSuchAlert);
  // A patient nobody cares for yet: an intake-team member acknowledging their alert takes them on.
  const takesOn =
    action === 'acknowledge' &&
    !(await hasCareTeam(db, alert.patient_id)) &&
    (await isOnIntakeTeam(db, actor.userId));
  if (!takesOn && !(await mayAccess(db, context, alert.patient_id, 'patient.alerts.write'))) {
    // Whoever cannot open the chart cannot act on its alerts: 404 like the chart, and audited.
    await recordAudit(db, context, {
      action: 'U',
      subtype: 'access.denied',
      outcome: 'denied',
      patientId: alert.patient_id,
      entityType: 'Alert',
      entityId: alertId,
      details: { permission: 'patient.alerts.write', action },
    });
    throw new AppError('not_found', noSuchAlert);
  }
  if (action === 'resolve' && suicideRiskAlertKinds.includes(alert.kind)) {
    if (actor.role !== 'clinician') {
      throw new AppError(
        'forbidden',
        'A suicide-risk alert is closed by a clinician, with the follow-up recorded. Acknowledge it and tell the clinician.',
      );
    }
    if (!input.followUp) {
      throw new AppError(
        'unprocessable',
        'Record the follow-up (how risk was assessed, the level, and the plan) to close this alert.',
        {
          issues: [{ path: 'followUp', message: 'is required to close a suicide-risk alert' }],
        },
      );
    }
  }
  const careRole = takesOn ? await takeOnRoleFor(db, actor, alert.patient_id, context.now()) : undefined;
  await db.transaction().execute(async (trx) => {
    const now = context.now();
    const changed =
      action === 'acknowledge'
        ? await repo.markAcknowledged(trx, alertId, actor.userId, input.note, now)
        : await repo.markResolved(trx, alertId, actor.userId, input.note, now, input.followUp);
    if (!changed) {
      throw new AppError(
        'conflict',
        action === 'acknowledge' ? 'This alert was already acknowledged.' : 'This alert is already resolved.',
      );
    }
    if (careRole) {
      await takeOnPatient(trx, context, {
        patientId: alert.patient_id,
        via: 'alert',
        entityId: alertId,
        careRole,
      });
    }
    await repo.refreshAlertRank(trx, alert.patient_id);
    await appendAudit(trx, context, {
      action: 'U',
      subtype: `alert.${action}`,
      patientId: alert.patient_id,
      entityType: 'Alert',
      entityId: alertId,
      details: {
        kind: alert.kind,
        basis: takesOn ? 'intake_team_take_on' : 'care_team',
        followUpRecorded: input.followUp !== undefined,
      },
    });
  });
}

export const acknowledgeAlert = (
  deps: AppDeps,
  context: RequestContext,
  alertId: string,
  input: AlertAction,
) => actOnAlert(deps, context, alertId, input, 'acknowledge');
export const resolveAlert = (deps: AppDeps, context: RequestContext, alertId: string, input: AlertAction) =>
  actOnAlert(deps, context, alertId, input, 'resolve');

/**
 * Resolves the active alerts of one kind about one record inside the caller's transaction, when
 * the act that answers them is itself recorded (a nurse lifting a session hold resolves its
 * "session held" alert with the same written reason). Returns the alerts resolved.
 */
export async function resolveAlertsOfSource(
  trx: Transaction<Database>,
  context: RequestContext,
  source: { kind: string; sourceType: string; sourceId: string; patientId: string; note: string },
): Promise<string[]> {
  const actor = requireActor(context);
  const now = context.now();
  const resolved: string[] = [];
  for (const alert of await repo.findActiveAlertsBySource(
    trx,
    source.kind,
    source.sourceType,
    source.sourceId,
  )) {
    if (await repo.markResolved(trx, alert.id, actor.userId, source.note, now)) resolved.push(alert.id);
  }
  if (resolved.length > 0) {
    await repo.refreshAlertRank(trx, source.patientId);
    await appendAudit(
      trx,
      context,
      ...resolved.map((id) => ({
        action: 'U' as const,
        subtype: 'alert.resolve' as const,
        patientId: source.patientId,
        entityType: 'Alert',
        entityId: id,
        details: { kind: source.kind, basis: 'care_team', via: 'session.hold_lift' },
      })),
    );
  }
  return resolved;
}
