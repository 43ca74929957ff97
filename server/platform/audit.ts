import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { AuditDetailsError, assertAuditDetails } from './audit-details.ts';
import {
  type AuditActionFor,
  type AuditDetailsFor,
  type AuditEvents,
  type AuditKind,
  AuditKindError,
  type AuditKindWith,
  auditKindSpec,
  isAuditKind,
} from './audit-events.ts';
import type { AuditAction, AuditOutcome, Database } from './db/schema.ts';
import type { RequestContext } from './request-context.ts';

type EntryFields<Kind extends AuditKind> = {
  /** What happened: a kind listed in the audit catalogue (audit-events.ts). */
  subtype: Kind;
  outcome?: AuditOutcome;
  patientId?: string | null;
  /** Defaults to the kind's entity in the catalogue; null names none. */
  entityType?: string | null;
  entityId?: string;
  /** Facts only, and only the keys the kind's details schema lists. */
  details?: AuditDetailsFor<Kind>;
  /** Overrides the request's actor, e.g. a failed sign-in names the account tried. */
  actorUserId?: string | null;
  actorRole?: string | null;
} & (AuditEvents[Kind]['action'] extends readonly unknown[]
  ? { /** The kind allows several: the call says which. */ action: AuditActionFor<Kind> }
  : { /** Defaults to the kind's action in the catalogue. */ action?: AuditActionFor<Kind> });

/** One audit entry: its kind decides its action, its entity and which details it may carry. */
export type AuditEntry<Kind extends AuditKind = AuditKind> = { [K in Kind]: EntryFields<K> }[Kind];

/**
 * What is checked before an entry is appended: a listed kind, one of its actions, details that
 * are facts (the vocabulary rule) and that its schema admits. A failure is a bug at the call
 * site: it throws, nothing is stored, and the work it records rolls back.
 */
export function checkedAuditEntry(entry: AuditEntry): { action: AuditAction; entityType: string | null } {
  if (!isAuditKind(entry.subtype)) throw new AuditKindError(entry.subtype);
  const spec = auditKindSpec(entry.subtype);
  const actions: readonly AuditAction[] = [spec.action].flat();
  const action = entry.action ?? (actions.length === 1 ? actions[0] : undefined);
  if (!action || !actions.includes(action)) {
    throw new AuditDetailsError(entry.subtype, [`action: must be one of ${actions.join(', ')}`]);
  }
  assertAuditDetails(entry.subtype, entry.details);
  const given = Object.fromEntries(
    Object.entries(entry.details ?? {}).filter(([, value]) => value !== undefined),
  );
  const parsed = spec.details.safeParse(given);
  if (!parsed.success) {
    throw new AuditDetailsError(
      entry.subtype,
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => `${key}: not a detail of ${entry.subtype}`)
          : [`${issue.path.join('.')}: ${issue.message}`],
      ),
    );
  }
  return { action, entityType: entry.entityType !== undefined ? entry.entityType : spec.entity };
}

/**
 * Requests (by id) that appended a denied entry in this process, until their reply is sent, so
 * a domain refusal is not recorded a second time (audit-refusals.ts). Bounded, for work that
 * runs outside a request (a CLI, the scheduler) and never sends a reply.
 */
const requestsWithDenial = new Set<string>();
const maxTrackedRequests = 10_000;

/** Whether this request has put a denied entry in the trail. */
export function requestRecordedDenial(requestId: string): boolean {
  return requestsWithDenial.has(requestId);
}

/** Forgets a request once its reply is sent. */
export function forgetRequestDenials(requestId: string): void {
  requestsWithDenial.delete(requestId);
}

function rememberDenial(requestId: string): void {
  if (requestsWithDenial.size >= maxTrackedRequests) {
    const oldest = requestsWithDenial.values().next().value;
    if (oldest !== undefined) requestsWithDenial.delete(oldest);
  }
  requestsWithDenial.add(requestId);
}

/**
 * Appends entries to the audit trail inside the caller's transaction, so an entry commits
 * exactly when the work it records commits. No lock is shared with other requests: the entry
 * takes its insert number from a sequence, and the chainer links it into the hash chain once
 * it has committed (audit-chainer.ts).
 */
export async function appendAudit(
  trx: Transaction<Database>,
  context: RequestContext,
  ...entries: AuditEntry[]
): Promise<void> {
  if (entries.length === 0) return;
  // A call site that breaks the rule is a bug, and nothing is stored.
  const checked = entries.map(checkedAuditEntry);
  const occurredAt = context.now();
  const rows = entries.map((entry, index) => {
    const { action, entityType } = checked[index]!;
    return {
      id: uuidv7(),
      occurred_at: occurredAt,
      actor_user_id: entry.actorUserId !== undefined ? entry.actorUserId : (context.actor?.userId ?? null),
      actor_role: entry.actorRole !== undefined ? entry.actorRole : (context.actor?.role ?? null),
      patient_id: entry.patientId ?? null,
      action,
      subtype: entry.subtype,
      entity_type: entityType,
      entity_id: entry.entityId ?? null,
      outcome: entry.outcome ?? 'success',
      ip: context.ip,
      user_agent: context.userAgent,
      request_id: context.requestId,
      details: JSON.stringify(entry.details ?? {}),
    };
  });
  await trx.insertInto('audit_events').values(rows).execute();
  if (rows.some((row) => row.outcome === 'denied')) rememberDenial(context.requestId);
}

/** Records entries in a transaction of their own (for events with no other write, like a denial). */
export function recordAudit(
  db: Kysely<Database>,
  context: RequestContext,
  ...entries: AuditEntry[]
): Promise<void> {
  return db.transaction().execute((trx) => appendAudit(trx, context, ...entries));
}

/** The facts of a patient read the helper fills in itself. */
type ReadFields<Kind extends AuditKindWith<'R'>> = {
  entityId?: string;
  details?: Omit<AuditDetailsFor<Kind>, 'basis'>;
};

/**
 * Records that the actor read a patient's records under an access grant: the patient from the
 * grant, the action and entity from the kind's catalogue entry, and the grant's basis when the
 * kind records one. In the caller's transaction when given one, else in one of its own.
 */
export function auditPatientRead<Kind extends AuditKindWith<'R'>>(
  db: Kysely<Database>,
  context: RequestContext,
  kind: Kind,
  grant: { patientId: string; basis: string },
  fields: ReadFields<Kind> = {},
): Promise<void> {
  const spec = auditKindSpec(kind);
  const basis = (spec.detailKeys as readonly string[]).includes('basis') ? { basis: grant.basis } : {};
  const entry = {
    subtype: kind,
    patientId: grant.patientId,
    ...(fields.entityId ? { entityId: fields.entityId } : {}),
    details: { ...basis, ...fields.details },
  } as AuditEntry;
  return db.isTransaction
    ? appendAudit(db as Transaction<Database>, context, entry)
    : recordAudit(db, context, entry);
}
