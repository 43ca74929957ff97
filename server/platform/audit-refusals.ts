/**
 * Domain refusals are audited like access denials: when a service refuses a request it
 * understood and the actor was allowed to make (a conflict, a stale version, a rule that says
 * no), the trail gets a `request.refused` entry with outcome `denied`, the route pattern and the
 * error code. It is written in a transaction of its own, after the request's own transaction
 * rolled back, exactly as a refusal by role is (server/app.ts).
 *
 * Which refusals:
 * - 403, 409, 412 and 422 from an AppError on a matched /api or /fhir route;
 * - not 400 (the request was not valid: nothing was decided), 401 (no one is signed in; sign-in
 *   failures have their own kinds), 404 (a patient the actor may not reach is already audited as
 *   `access.denied`; a missing record is not a refusal), 429 (throttling: sign-in throttles have
 *   their own kinds, and counting every throttled call would let anyone flood the trail), nor
 *   anything the server failed at (5xx);
 * - not when the request already put a denied entry in the trail (a refusal by role, a dose or
 *   a retake refused, a read-only token): that refusal is recorded once, where it was decided.
 *
 * Need-to-know: the entry holds the route pattern (never the path with its ids, nor the query)
 * and the stable error code, never the message or the error's details, which may name a hold's
 * reasons or a reading.
 */
import type { Kysely } from 'kysely';
import { recordAudit, requestRecordedDenial } from './audit.ts';
import type { Database } from './db/schema.ts';
import { AppError } from './errors.ts';
import type { RequestContext } from './request-context.ts';

const refusalStatuses: ReadonlySet<number> = new Set([403, 409, 412, 422]);

/** Whether this error, answered on this route, is a domain refusal the trail records. */
export function isAuditedRefusal(error: unknown, routeUrl: string | undefined): error is AppError {
  if (!(error instanceof AppError) || !refusalStatuses.has(error.status) || !routeUrl) return false;
  return routeUrl.startsWith('/api/') || routeUrl.startsWith('/fhir/');
}

/** Records a domain refusal unless the request already recorded a denial of its own. */
export async function recordRefusal(
  db: Kysely<Database>,
  context: RequestContext,
  error: AppError,
  route: string,
): Promise<void> {
  if (requestRecordedDenial(context.requestId)) return;
  await recordAudit(db, context, {
    subtype: 'request.refused',
    outcome: 'denied',
    details: { route, code: error.code },
  });
}
