import type { Kysely } from 'kysely';
import type { AuditAction, AuditOutcome, Database } from '../../platform/db/schema.ts';

export type AuditFilter = {
  actorUserId?: string | undefined;
  patientId?: string | undefined;
  action?: AuditAction | undefined;
  subtype?: string | undefined;
  outcome?: AuditOutcome | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: number | undefined;
};

/** Newest first, by the chain's own order; a page past `beforeSeq`. */
export function listAuditEvents(db: Kysely<Database>, filter: AuditFilter, limit: number) {
  let query = db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .selectAll('audit_events')
    .select('users.display_name as actor_name')
    .orderBy('audit_events.seq', 'desc')
    .limit(limit);
  if (filter.actorUserId) query = query.where('audit_events.actor_user_id', '=', filter.actorUserId);
  if (filter.patientId) query = query.where('audit_events.patient_id', '=', filter.patientId);
  if (filter.action) query = query.where('audit_events.action', '=', filter.action);
  if (filter.subtype)
    query = query.where('audit_events.subtype', 'like', `${filter.subtype.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.outcome) query = query.where('audit_events.outcome', '=', filter.outcome);
  if (filter.from) query = query.where('audit_events.occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('audit_events.occurred_at', '<', filter.to);
  if (filter.beforeSeq !== undefined) query = query.where('audit_events.seq', '<', filter.beforeSeq);
  return query.execute();
}
