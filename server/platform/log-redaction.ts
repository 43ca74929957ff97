import type { FastifyRequest } from 'fastify';

/**
 * Log lines carry no secrets and no names (issue 12, finding 9): request lines show the route
 * pattern and the path with token-bearing segments masked and sensitive query values redacted;
 * database errors show their code and constraint, never the input values PostgreSQL quotes.
 */

/**
 * Query parameters whose values are secrets or may identify a person (PHI). `token` covers the
 * emailed link pages: /reset-password, /invite, /confirm-email and /cancel-email-change.
 */
const sensitiveQueryKeys = new Set([
  'token',
  'search',
  'name',
  'q',
  'email',
  'code',
  'given',
  'family',
  'birthdate',
  'phone',
  'telecom',
  'address',
  'address-city',
  'address-state',
  'address-postalcode',
  'identifier',
  'text',
  '_content',
  '_text',
  'note',
  'reason',
  'password',
  'totp',
  'secret',
  'value',
  'value-quantity',
  'value-string',
]);
const sensitiveKeyPattern = /name|mail|token|phone|birth|address|secret|password|search|code/i;

/** Path parameters that carry a secret: their values never reach a log. */
const secretPathParams = /token|code|secret|key/i;

/** A path segment that looks like a bearer secret (not a UUID): masked even on unknown routes. */
const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function looksSecret(segment: string): boolean {
  return /^sw_/.test(segment) || (/^[A-Za-z0-9_-]{20,}$/.test(segment) && !uuidLike.test(segment));
}

export function isSensitiveQueryKey(key: string): boolean {
  return sensitiveQueryKeys.has(key.toLowerCase()) || sensitiveKeyPattern.test(key);
}

/** The URL as a log may show it. `routePattern` is the matched route, e.g. `/api/invites/:token`. */
export function redactUrl(url: string, routePattern?: string): string {
  const queryAt = url.indexOf('?');
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const patternSegments = routePattern?.split('/');
  const pathSegments = pathname.split('/').map((segment, i) => {
    const pattern = patternSegments?.[i];
    if (pattern?.startsWith(':') && secretPathParams.test(pattern)) return pattern.replace(/\?$/, '');
    return looksSecret(segment) ? ':redacted' : segment;
  });
  if (!query) return pathSegments.join('/');
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    let key = rawKey;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    } catch {
      return '[malformed]';
    }
    if (eq === -1) return rawKey;
    return isSensitiveQueryKey(key.split(/[:[.]/)[0] ?? key) ? `${rawKey}=[redacted]` : part;
  });
  return `${pathSegments.join('/')}?${parts.join('&')}`;
}

/** The `req` of Fastify's request lines: method, route pattern, redacted path; no headers. */
export function serializeRequest(request: FastifyRequest) {
  const route = request.routeOptions?.url;
  return {
    method: request.method,
    route,
    url: redactUrl(request.url, route),
    remoteAddress: request.ip,
  };
}

type MaybeDbError = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  severity?: unknown;
  routine?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  dataType?: unknown;
  stack?: unknown;
  cause?: unknown;
};

/** PostgreSQL's errors (from pg or PGlite) have a five-character SQLSTATE and a severity. */
function isDatabaseError(error: unknown): error is MaybeDbError {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as MaybeDbError;
  return (
    typeof e.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(e.code) &&
    (e.severity !== undefined || e.routine !== undefined || e.name === 'DatabaseError')
  );
}

function findDatabaseError(error: unknown, depth = 0): MaybeDbError | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  if (isDatabaseError(error)) return error;
  return findDatabaseError((error as MaybeDbError).cause, depth + 1);
}

/** Stack frames without the first line, which repeats the message. */
function framesOnly(stack: unknown): string | undefined {
  return typeof stack === 'string' ? stack.split('\n').slice(1).join('\n') : undefined;
}

/**
 * The `err` serializer: a database error (or one caused by it) is logged by SQLSTATE code,
 * constraint, table and column: its message and detail quote the values that were sent.
 */
export type SerializedError = { type: string; message: string; stack: string; [key: string]: unknown };

export function serializeError(error: unknown): SerializedError {
  const db = findDatabaseError(error);
  if (!db) {
    if (typeof error !== 'object' || error === null)
      return { type: 'Error', message: String(error), stack: '' };
    const e = error as MaybeDbError & { statusCode?: unknown };
    return {
      type: typeof e.name === 'string' ? e.name : 'Error',
      message: String(e.message ?? ''),
      code: e.code,
      statusCode: e.statusCode,
      stack: typeof e.stack === 'string' ? e.stack : '',
    };
  }
  const pick = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    type: 'DatabaseError',
    message: `database error ${String(db.code)}`,
    code: db.code,
    constraint: pick(db.constraint),
    table: pick(db.table),
    column: pick(db.column),
    dataType: pick(db.dataType),
    routine: pick(db.routine),
    stack: framesOnly((error as MaybeDbError).stack) ?? '',
  };
}
