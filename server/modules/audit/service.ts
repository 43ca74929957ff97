import { requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { recordAudit } from '../../platform/audit.ts';
import { linkAllPendingAudit, verifyAuditChain } from '../../platform/audit-chainer.ts';
import { auditDetailsForDisplay } from '../../platform/audit-details.ts';
import { auditCatalogue } from '../../platform/audit-events.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { listAuditEvents } from './repo.ts';
import type { AuditQuery } from './schema.ts';

const dayMs = 86_400_000;
const auditFilterNames = [
  'actorUserId',
  'patientId',
  'action',
  'subtype',
  'outcome',
  'from',
  'to',
  'cursor',
] as const;

/** The admin's view of the trail. Looking at it is itself recorded. */
export async function listAuditTrail(deps: AppDeps, context: RequestContext, query: AuditQuery) {
  requireRole(context, ['admin']);
  const db = deps.database.db;
  const rows = await listAuditEvents(
    db,
    {
      actorUserId: query.actorUserId,
      patientId: query.patientId,
      action: query.action,
      subtype: query.subtype,
      outcome: query.outcome,
      from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
      to: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + dayMs) : undefined,
      beforeSeq: query.cursor ? Number(query.cursor) : undefined,
    },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  await recordAudit(db, context, {
    action: 'R',
    subtype: 'audit.read',
    entityType: 'AuditEvent',
    // Which filters were used, not what was typed into them; a patient filter by its id.
    details: {
      filters: auditFilterNames.filter((name) => query[name] !== undefined),
      filteredPatientId: query.patientId ?? null,
      returned: page.length,
    },
  });
  return {
    items: page.map((row) => ({
      seq: row.seq,
      id: row.id,
      occurredAt: row.occurred_at.toISOString(),
      actorUserId: row.actor_user_id,
      actorRole: row.actor_role,
      actorName: row.actor_name,
      patientId: row.patient_id,
      action: row.action,
      subtype: row.subtype,
      entityType: row.entity_type,
      entityId: row.entity_id,
      outcome: row.outcome,
      ip: row.ip,
      userAgent: row.user_agent,
      requestId: row.request_id,
      details: auditDetailsForDisplay(row.details),
    })),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.seq) : null,
  };
}

export async function verifyAuditTrail(deps: AppDeps, context: RequestContext) {
  requireRole(context, ['admin']);
  // Everything committed so far is linked first, so the answer covers the whole trail.
  await linkAllPendingAudit(deps.database.db);
  const result = await verifyAuditChain(deps.database.db);
  await recordAudit(deps.database.db, context, {
    action: 'E',
    subtype: 'audit.verify',
    outcome: result.intact ? 'success' : 'failure',
    entityType: 'AuditEvent',
    details: {
      intact: result.intact,
      checked: result.checked,
      // A tampered row may carry any id or seq: only a plausible seq is kept.
      firstBrokenSeq: result.firstBroken && result.firstBroken.seq >= 0 ? result.firstBroken.seq : null,
    },
  });
  return result;
}

/** The catalogue of audit kinds, for the audit page's filters (what kinds exist, not what happened). */
export function listAuditCatalogue(context: RequestContext) {
  requireRole(context, ['admin']);
  return { groups: auditCatalogue() };
}
