/**
 * Every registered route under fuzz. The routes come from the app itself (a new route is covered
 * the day it lands) and their shapes from the OpenAPI document the app builds from each route's
 * zod schema. For each route, fast-check sends bad input as a role allowed to call it: wrong
 * types, missing and extra fields, huge and deeply nested values, NUL and lone surrogates,
 * extreme numbers and dates, malformed JSON, other patients' and made-up ids in the path and the
 * body, and "near-valid" bodies with one field broken. Every answer must be below 500 and every
 * refusal the error envelope {"error":{"code","message"}} with a stable code (under /fhir/R4 an
 * OperationOutcome carrying that code); a refused write leaves every table's row count as it was
 * (except the audit trail and the sign-in failure records, which record refusals).
 *
 * FUZZ_RUNS (requests per route, default 20) for a long run, FUZZ_SEED to replay a run (each
 * route draws from its own seed derived from it), FUZZ_ROUTE="POST /api/protocols" to fuzz one
 * route alone (on a fresh database: a failure that needs earlier routes' data needs the full run),
 * FUZZ_LOG=1 to print every request and its status.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { demoIds, inductionProtocol } from '../seed.ts';
import { describeRequest, operationOf, requestFor, roles } from '../testing/fuzz-requests.ts';
import type { FhirSearchParams, FuzzRequest, Ids, OpenApi } from '../testing/fuzz-schemas.ts';
import { Schemas } from '../testing/fuzz-schemas.ts';
import { jsonText } from '../testing/fuzz-values.ts';
import { type SignedIn, signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import type { RegisteredRoute } from './auth.ts';
import type { Role } from './db/schema.ts';
import { errorStatus } from './errors.ts';

const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 20);
const baseSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const onlyRoute = process.env.FUZZ_ROUTE;

/** Tables that record refusals themselves: a refused request may add rows to them. */
const refusalRecords = new Set(['audit_events', 'auth_failures']);

/**
 * The session timeline keeps a refused dose or too-early retake on the record by design (a
 * `*_refused` event, committed before the 409 goes out); its other rows must not change.
 */
const refusalRows: Record<string, ReturnType<typeof sql<boolean>>> = {
  session_events: sql<boolean>`kind not like '%\_refused'`,
};

describe('every route under fuzz', () => {
  let t: TestApp;
  let doc: OpenApi;
  let schemas: Schemas;
  let countRows: () => Promise<Record<string, number>>;
  let ids: Ids;
  let fhirSearch: FhirSearchParams;
  const signedIn = new Map<Role, SignedIn>();

  before(async () => {
    t = await startTestApp();
    for (const role of roles) signedIn.set(role, await signInAs(t, role));
    const db = t.deps.database.db;
    const tables = (
      await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
    ).rows
      .map((r) => r.name)
      .filter((name) => !refusalRecords.has(name));
    assert.ok(tables.includes('patients') && tables.length > 30, `found tables: ${tables.join(', ')}`);
    const counting = sql.join(
      tables.map((name) => {
        const kept = refusalRows[name] ?? sql<boolean>`true`;
        return sql`select ${name} as name, count(*)::int as n from ${sql.table(name)} where ${kept}`;
      }),
      sql` union all `,
    );
    countRows = async () =>
      Object.fromEntries(
        (await sql<{ name: string; n: number }>`${counting}`.execute(db)).rows.map((r) => [r.name, r.n]),
      );
    const withIds = (
      await sql<{ name: string }>`
        select table_name as name from information_schema.columns
        where table_schema = current_schema() and column_name = 'id' order by table_name`.execute(db)
    ).rows.map((r) => r.name);
    const pool = new Set<string>([...Object.values(demoIds), inductionProtocol.key]);
    for (const name of withIds) {
      const rows = await sql<{
        id: string;
      }>`select id::text as id from ${sql.table(name)} order by id limit 3`.execute(db);
      for (const row of rows.rows) pool.add(row.id);
    }
    ids = { pool: [...pool], ownPatient: demoIds.patient, otherPatient: demoIds.unassignedPatient };
    doc = t.app.swagger() as unknown as OpenApi;
    const metadata = (await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' })).json() as {
      rest: { resource: { type: string; searchParam?: { name: string; type: string }[] }[] }[];
    };
    fhirSearch = new Map(metadata.rest[0]!.resource.map((r) => [r.type, r.searchParam ?? []]));
    schemas = new Schemas(doc, ids);
  });
  after(() => t?.close());

  async function send(route: RegisteredRoute, request: FuzzRequest) {
    const headers: Record<string, string> = { ...request.headers };
    if (request.role) headers.cookie = signedIn.get(request.role)!.cookie;
    let payload: string | undefined;
    if (request.body && 'json' in request.body) {
      headers['content-type'] = route.url.startsWith('/fhir/') ? 'application/fhir+json' : 'application/json';
      payload = jsonText(request.body.json);
    } else if (request.body) {
      if (request.body.contentType) headers['content-type'] = request.body.contentType;
      payload = request.body.raw;
    }
    return t.app.inject({
      method: route.method as 'GET',
      url: `${request.path}${request.query ? `?${request.query}` : ''}`,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
  }

  function assertErrorShape(route: RegisteredRoute, status: number, text: string, where: string) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      assert.fail(`${where}: ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    let code: unknown;
    if (route.url.startsWith('/fhir/')) {
      const outcome = body as {
        resourceType?: string;
        issue?: { details?: { coding?: { code?: string }[] } }[];
      };
      assert.equal(outcome.resourceType, 'OperationOutcome', `${where}: ${status} ${text.slice(0, 300)}`);
      assert.ok(Array.isArray(outcome.issue) && outcome.issue.length > 0, `${where}: no issues`);
      code = outcome.issue[0]?.details?.coding?.[0]?.code;
    } else {
      const envelope = body as { error?: { code?: unknown; message?: unknown } };
      assert.ok(
        typeof envelope.error?.message === 'string' && envelope.error.message.length > 0,
        `${where}: ${status} without the error envelope: ${text.slice(0, 300)}`,
      );
      code = envelope.error.code;
    }
    assert.ok(
      typeof code === 'string' && code in errorStatus,
      `${where}: ${status} with an unknown code ${String(code)}`,
    );
    assert.equal(
      errorStatus[code as keyof typeof errorStatus],
      status,
      `${where}: ${code} answered ${status}`,
    );
  }

  /** Signs a role in again if a fuzzed request ended its session (sign-out, password change…). */
  async function keepSignedIn(role: Role) {
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: signedIn.get(role)!.cookie },
    });
    if (me.statusCode !== 401) return;
    try {
      signedIn.set(role, await signInAs(t, role));
    } catch {
      // Refused sign-ins (a fuzzed re-authentication) throttle the account for a quarter hour.
      t.clock.advanceMinutes(16);
      signedIn.set(role, await signInAs(t, role));
    }
  }

  it('the app registers routes and documents their shapes', () => {
    assert.ok(t.app.registeredRoutes.length >= 100, `found ${t.app.registeredRoutes.length} routes`);
    const undocumented = t.app.registeredRoutes.filter((r) => !operationOf(doc, r) && r.url !== '/fhir/R4');
    assert.deepEqual(
      undocumented.map((r) => `${r.method} ${r.url}`),
      [],
    );
  });

  it('every route: never a 5xx, always the error envelope, and a refused write changes nothing', async (ctx) => {
    // Routes that sign people in or out, or change staff accounts, go last: the others need the demo sessions.
    // Routes that sign people out go after the others, which need the demo sessions; then the
    // staff routes, which may disable demo accounts; and very last the sign-in route, since failed
    // sign-ins from one address throttle sign-in for everyone.
    const order = (r: RegisteredRoute) =>
      r.url === '/api/auth/login'
        ? 3
        : r.url.startsWith('/api/staff')
          ? 2
          : r.url.startsWith('/api/auth/') || r.url.startsWith('/api/invites')
            ? 1
            : 0;
    const routes = [...t.app.registeredRoutes]
      .filter((r) => !onlyRoute || `${r.method} ${r.url}` === onlyRoute)
      .sort((a, b) => order(a) - order(b));
    assert.ok(routes.length > 0, `no route matches FUZZ_ROUTE=${onlyRoute}`);
    const failures: string[] = [];
    ctx.diagnostic(`seed ${baseSeed}, ${runsPerRoute} requests per route, ${routes.length} routes`);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const isWrite = route.method !== 'GET';
      const started = Date.now();
      let failure = '';
      try {
        await fc.assert(
          fc.asyncProperty(
            requestFor(route, operationOf(doc, route), schemas, ids, fhirSearch),
            async (request) => {
              const where = describeRequest(route, request);
              try {
                const before = isWrite ? await countRows() : undefined;
                const res = await send(route, request);
                if (process.env.FUZZ_LOG) ctx.diagnostic(`${res.statusCode} ${where.slice(0, 300)}`);
                assert.ok(
                  res.statusCode < 500,
                  `${where}: answered ${res.statusCode} ${res.body.slice(0, 300)}`,
                );
                if (res.statusCode >= 400) {
                  assertErrorShape(route, res.statusCode, res.body, where);
                  if (before)
                    assert.deepEqual(
                      await countRows(),
                      before,
                      `${where}: refused with ${res.statusCode} but changed rows`,
                    );
                }
                if (request.role && res.statusCode === 401) await keepSignedIn(request.role);
              } catch (error) {
                // A crash in the test itself (not a broken promise of the server) keeps its stack.
                failure =
                  error instanceof assert.AssertionError
                    ? error.message
                    : `${where}: ${(error as Error).stack}`;
                throw error;
              }
            },
          ),
          { numRuns: runsPerRoute, seed: seedFor(key), endOnFailure: true },
        );
      } catch (error) {
        const reason = failure || String((error as Error).stack);
        failures.push(`${reason}\n  replay: FUZZ_SEED=${baseSeed} FUZZ_ROUTE="${key}"`);
      }
      ctx.diagnostic(`${key}: ${Date.now() - started} ms`);
    }
    if (failures.length > 0)
      assert.fail(`${failures.length} route(s) failed (seed ${baseSeed}):\n\n${failures.join('\n\n')}`);
  });
});

/** Each route's own seed from the run's seed, so one route replays alone (FUZZ_ROUTE) as in the full run. */
function seedFor(key: string): number {
  let hash = baseSeed;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}
