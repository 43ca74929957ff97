/**
 * The audit trail through the API: what signing in and out writes, the admin's filtered and
 * paged view (itself audited), chain verification, the database refusing to change the trail,
 * and `npm run audit:verify` naming the first tampered entry.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql, type Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { ChainedContent } from '../../platform/audit-chain.ts';
import { linkAllPendingAudit, verifyAuditChain } from '../../platform/audit-chainer.ts';
import { type DatabaseHandle, openDatabase } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import type { Database, Role } from '../../platform/db/schema.ts';
import { demoIds, demoPassword, seedDemoClinic } from '../../seed.ts';
import { send } from '../../testing/send.ts';
import { demoEmails, freshDemoTotp, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { TestClock } from '../../testing/test-clock.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/** An entry as the admin audit page answers it: the chained content, with the actor's name. */
type AuditItem = Omit<ChainedContent, 'details'> & {
  actorName: string | null;
  details: Record<string, unknown>;
};
type AuditPage = { items: AuditItem[]; nextCursor: string | null };

async function auditPage(t: TestApp, cookie: string, query: Record<string, string | number> = {}) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await send(t, cookie, 'GET', `/api/audit?${search}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as AuditPage;
}

type AuditRow = Awaited<ReturnType<typeof auditRows>>[number];

function auditRows(db: Kysely<Database>) {
  return db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
}

/** Tampers with one row the way an attacker with database access would: around the trigger. */
async function tamperWithRow(db: Kysely<Database>, change: (trx: Transaction<Database>) => Promise<unknown>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger audit_events_no_update_delete`.execute(trx);
    await change(trx);
    await sql`alter table audit_events enable trigger audit_events_no_update_delete`.execute(trx);
  });
}

// A fixed morning in UTC, so the whole file's entries fall on known calendar dates.
const day0 = '2026-11-26';

describe('audit trail: what is recorded and how admins read it', () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(`${day0}T08:00:00Z`)) });
    admin = (await signInAs(t, 'admin')).cookie;
  });
  after(() => t.close());

  it('signing in records auth.login with actor, role, outcome, ip, user agent and request id', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-request-id': 'req-nurse-login', 'user-agent': 'StillwaterTest/1.0' },
      payload: { email: demoEmails.nurse, password: demoPassword, totp: freshDemoTotp(t) },
    });
    assert.equal(res.statusCode, 200);
    const page = await auditPage(t, admin, { actorUserId: demoIds.nurse, subtype: 'auth.login' });
    const entry = page.items.find((item) => item.requestId === 'req-nurse-login');
    assert.ok(entry, 'the sign-in is in the trail');
    assert.equal(entry.action, 'E');
    assert.equal(entry.subtype, 'auth.login');
    assert.equal(entry.outcome, 'success');
    assert.equal(entry.actorUserId, demoIds.nurse);
    assert.equal(entry.actorRole, 'nurse');
    assert.equal(entry.actorName, 'Jordan Reyes');
    assert.equal(entry.ip, '127.0.0.1');
    assert.equal(entry.userAgent, 'StillwaterTest/1.0');
    assert.equal(entry.entityType, 'Session');
    assert.deepEqual(entry.details, { factor: 'totp' });
    assert.equal(entry.patientId, null);
  });

  it('signing out records auth.logout for the session that ended', async () => {
    const nurse = await signInAs(t, 'nurse');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: nurse.cookie, 'x-request-id': 'req-nurse-logout' },
    });
    assert.equal(res.statusCode, 204);
    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('request_id', '=', 'req-nurse-logout')
      .execute();
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row!.subtype, 'auth.logout');
    assert.equal(row!.action, 'E');
    assert.equal(row!.outcome, 'success');
    assert.equal(row!.actor_user_id, nurse.userId);
    assert.equal(row!.actor_role, 'nurse');
    assert.equal(row!.ip, '127.0.0.1');
    assert.deepEqual(row!.details, { reasonCode: 'logout' });
    const login = await t.deps.database.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('actor_user_id', '=', nurse.userId)
      .where('subtype', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(row!.entity_id, login.entity_id, 'the same session that signed in');
  });

  it('a wrong password records auth.login.failed naming the account tried as the actor, not by its email', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-request-id': 'req-bad-password' },
      payload: { email: demoEmails.clinician, password: 'not-the-password', totp: freshDemoTotp(t) },
    });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'invalid_credentials');
    const page = await auditPage(t, admin, { outcome: 'failure' });
    const entry = page.items.find((item) => item.requestId === 'req-bad-password');
    assert.ok(entry);
    assert.equal(entry.subtype, 'auth.login.failed');
    assert.equal(entry.outcome, 'failure');
    assert.equal(entry.actorUserId, demoIds.clinician);
    assert.equal(entry.actorRole, 'clinician');
    assert.equal(entry.ip, '127.0.0.1');
    assert.deepEqual(entry.details, { reasonCode: 'wrong_password' });
  });

  it('an unknown email records auth.login.failed with no actor and not the email typed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-request-id': 'req-unknown-email' },
      payload: { email: 'Nobody@Stillwater.example', password: 'whatever-it-is' },
    });
    assert.equal(res.statusCode, 401);
    const [row] = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('request_id', '=', 'req-unknown-email')
      .execute();
    assert.ok(row);
    assert.equal(row.subtype, 'auth.login.failed');
    assert.equal(row.outcome, 'failure');
    assert.equal(row.actor_user_id, null);
    assert.equal(row.actor_role, null);
    assert.deepEqual(row.details, { reasonCode: 'unknown_email' });
  });

  it('non-admins get 403 on the trail and its verification; signed-out callers 401', async () => {
    for (const role of ['patient', 'support', 'clinician', 'nurse', 'coach'] as Role[]) {
      const { cookie } = await signInAs(t, role);
      for (const url of ['/api/audit', '/api/audit/verify', `/api/audit?patientId=${demoIds.patient}`]) {
        const res = await send(t, cookie, 'GET', url);
        assert.equal(res.statusCode, 403, `${role} ${url}`);
        assert.equal(res.json().error.code, 'forbidden');
      }
    }
    for (const url of ['/api/audit', '/api/audit/verify']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
  });

  it('reading the trail is itself recorded, with the filters used (not what was typed) and how many came back', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit?subtype=auth.&limit=3',
      headers: { cookie: admin, 'x-request-id': 'req-audit-read' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().items.length, 3);
    const [row] = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('request_id', '=', 'req-audit-read')
      .execute();
    assert.ok(row, 'the read is in the trail');
    assert.equal(row.subtype, 'audit.read');
    assert.equal(row.action, 'R');
    assert.equal(row.actor_user_id, demoIds.admin);
    assert.equal(row.actor_role, 'admin');
    assert.equal(row.outcome, 'success');
    assert.deepEqual(row.details, { filters: ['subtype'], filteredPatientId: null, returned: 3 });
  });

  it('filters by actor, patient, action, outcome and subtype prefix', async () => {
    // Some known activity: the patient reads their own profile; a nurse is denied a stranger's.
    const patient = await signInAs(t, 'patient');
    assert.equal((await send(t, patient.cookie, 'GET', `/api/patients/${demoIds.patient}`)).statusCode, 200);
    const nurse = await signInAs(t, 'nurse');
    assert.equal(
      (await send(t, nurse.cookie, 'GET', `/api/patients/${demoIds.unassignedPatient}`)).statusCode,
      404,
    );
    /** The page must list exactly the matching entries that existed when it was read, newest first. */
    const expectPage = async (query: Record<string, string | number>, keep: (row: AuditRow) => boolean) => {
      const existing = await auditRows(t.deps.database.db);
      const page = await auditPage(t, admin, { ...query, limit: 500 });
      assert.deepEqual(
        page.items.map((i) => i.seq),
        existing
          .filter(keep)
          .map((r) => r.seq)
          .reverse(),
        JSON.stringify(query),
      );
      return page.items;
    };

    const byActor = await expectPage(
      { actorUserId: demoIds.nurse },
      (r) => r.actor_user_id === demoIds.nurse,
    );
    assert.ok(byActor.length >= 4);

    const byPatient = await expectPage(
      { patientId: demoIds.patient },
      (r) => r.patient_id === demoIds.patient,
    );
    assert.ok(
      byPatient.some((i) => i.subtype === 'patient.profile.read' && i.actorUserId === patient.userId),
    );

    const reads = await expectPage({ action: 'R' }, (r) => r.action === 'R');
    assert.ok(reads.some((i) => i.subtype === 'audit.read'));

    const denied = await expectPage({ outcome: 'denied' }, (r) => r.outcome === 'denied');
    assert.ok(denied.every((i) => i.subtype === 'access.denied'));
    assert.deepEqual(
      denied.filter((i) => i.patientId !== null).map((i) => [i.subtype, i.actorUserId, i.patientId]),
      [['access.denied', demoIds.nurse, demoIds.unassignedPatient]],
      'one denied patient record',
    );
    assert.ok(
      denied.some((i) => i.patientId === null && i.details.reasonCode === 'role'),
      'and the earlier refusals by role',
    );

    const failures = await expectPage({ outcome: 'failure' }, (r) => r.outcome === 'failure');
    assert.deepEqual(
      failures.map((i) => i.subtype),
      ['auth.login.failed', 'auth.login.failed'],
    );

    const auth = await expectPage({ subtype: 'auth.' }, (r) => r.subtype.startsWith('auth.'));
    assert.ok(auth.some((i) => i.subtype === 'auth.logout'));
    assert.ok(auth.some((i) => i.subtype === 'auth.login.failed'));
    assert.ok(auth.some((i) => i.subtype === 'auth.login'));

    await expectPage({ subtype: 'auth.login.f' }, (r) => r.subtype.startsWith('auth.login.f'));

    const combined = await expectPage(
      { actorUserId: demoIds.nurse, action: 'E', subtype: 'auth.login', outcome: 'success' },
      (r) =>
        r.actor_user_id === demoIds.nurse &&
        r.action === 'E' &&
        r.subtype.startsWith('auth.login') &&
        r.outcome === 'success',
    );
    assert.ok(combined.length >= 3);
  });

  it('a subtype prefix is literal: LIKE wildcards in it match nothing', async () => {
    for (const subtype of ['%', 'auth_login', 'auth%', '_uth.']) {
      const page = await auditPage(t, admin, { subtype });
      assert.deepEqual(page, { items: [], nextCursor: null }, subtype);
    }
  });

  it('rejects malformed filters with 400 naming the parameter', async () => {
    const bad: [string, string][] = [
      ['actorUserId=nope', 'querystring.actorUserId'],
      ['action=X', 'querystring.action'],
      ['outcome=maybe', 'querystring.outcome'],
      ['from=26-11-2026', 'querystring.from'],
      ['limit=0', 'querystring.limit'],
      ['limit=501', 'querystring.limit'],
      ['cursor=abc', 'querystring.cursor'],
    ];
    for (const [query, where] of bad) {
      const res = await send(t, admin, 'GET', `/api/audit?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error.code, 'invalid_request');
      assert.match(res.json().error.message, new RegExp(`^${where.replace('.', '\\.')}:`), query);
    }
  });

  it('pages newest first with a cursor, without duplicates or gaps, while the trail grows', async () => {
    const first = await auditPage(t, admin, { limit: 7 });
    const newest = first.items[0]!.seq;
    const seen = [...first.items.map((i) => i.seq)];
    let cursor = first.nextCursor;
    let pages = 1;
    while (cursor) {
      // Every page read appends an audit.read entry; pages already handed out must not shift.
      const page = await auditPage(t, admin, { limit: 7, cursor });
      assert.ok(page.items.length > 0 && page.items.length <= 7);
      if (page.nextCursor) assert.equal(page.items.length, 7, 'only the last page is short');
      seen.push(...page.items.map((i) => i.seq));
      cursor = page.nextCursor;
      pages += 1;
    }
    assert.deepEqual(
      seen,
      Array.from({ length: newest }, (_, i) => newest - i),
      'every entry up to the newest exactly once, newest first',
    );
    assert.equal(pages, Math.ceil(newest / 7));
  });

  it('pages a filtered view the same way', async () => {
    const seen: number[] = [];
    let cursor: string | null | undefined;
    do {
      const page: AuditPage = await auditPage(t, admin, {
        subtype: 'auth.',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      assert.ok(page.items.every((i) => i.subtype.startsWith('auth.')));
      seen.push(...page.items.map((i) => i.seq));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = (await auditRows(t.deps.database.db))
      .filter((r) => r.subtype.startsWith('auth.'))
      .map((r) => r.seq)
      .reverse();
    assert.deepEqual(seen, expected);
  });

  it('verify answers intact on a real trail, having checked every entry', async () => {
    const before = (await auditRows(t.deps.database.db)).length;
    const res = await send(t, admin, 'GET', '/api/audit/verify');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { intact: true, checked: before, firstBroken: null });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the trail, and nothing changes', async () => {
    const db = t.deps.database.db;
    const before = await auditRows(db);
    const attempts: [string, () => Promise<unknown>][] = [
      ['UPDATE', () => sql`update audit_events set subtype = 'nothing' where seq = 1`.execute(db)],
      ['UPDATE', () => sql`update audit_events set details = '{}'::jsonb`.execute(db)],
      ['DELETE', () => sql`delete from audit_events where seq = ${before.at(-1)!.seq}`.execute(db)],
      ['DELETE', () => sql`delete from audit_events`.execute(db)],
      ['TRUNCATE', () => sql`truncate audit_events`.execute(db)],
    ];
    for (const [operation, attempt] of attempts) {
      await assert.rejects(attempt, (error: Error & { code?: string }) => {
        assert.match(error.message, new RegExp(`audit_events is append-only: ${operation} is not allowed`));
        assert.equal(error.code, '42501', 'insufficient_privilege');
        return true;
      });
    }
    assert.deepEqual(await auditRows(db), before);
  });

  it('filters by calendar dates, the end date included', async () => {
    const onDay0 = await auditPage(t, admin, { to: day0, limit: 500 });
    assert.ok(onDay0.items.length > 10);
    assert.ok(onDay0.items.every((i) => i.occurredAt.startsWith(day0)));

    t.clock.advance(2 * 86_400_000);
    const later = await signInAs(t, 'admin');
    const day2 = '2026-11-28';
    const onDay2 = await auditPage(t, later.cookie, { from: day2, limit: 500 });
    assert.deepEqual(
      onDay2.items.map((i) => i.subtype),
      ['auth.login'],
      'only the sign-in after the jump',
    );
    assert.ok(onDay2.items[0]!.occurredAt.startsWith(day2));

    const between = await auditPage(t, later.cookie, { from: '2026-11-27', to: '2026-11-27' });
    assert.deepEqual(between.items, []);

    const both = await auditPage(t, later.cookie, { from: day0, to: day2, limit: 500 });
    const all = await auditRows(t.deps.database.db);
    // The read just made is recorded after it returned.
    assert.equal(both.items.length, all.length - 1);

    const empty = await auditPage(t, later.cookie, { from: day2, to: day0 });
    assert.deepEqual(empty.items, []);
  });
});

describe('audit trail: a tampered trail', () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await startTestApp();
    admin = (await signInAs(t, 'admin')).cookie;
    // A little history: reads, a denial, sign-ins.
    for (const role of ['patient', 'clinician', 'coach'] as Role[]) {
      const { cookie } = await signInAs(t, role);
      await send(t, cookie, 'GET', `/api/patients/${demoIds.patient}`);
    }
    // Linked into the chain, as the server's chainer does within a second of each commit.
    await linkAllPendingAudit(t.deps.database.db);
  });
  after(() => t.close());

  it('verify names the changed entry; entries before it count as intact', async () => {
    const db = t.deps.database.db;
    const rows = await auditRows(db);
    assert.ok(rows.length >= 6);
    const victim = rows.find((r) => r.subtype === 'patient.profile.read' && r.actor_role === 'clinician')!;
    await tamperWithRow(db, (trx) =>
      sql`update audit_events set details = '{"basis":"nothing to see"}'::jsonb where seq = ${victim.seq}`.execute(
        trx,
      ),
    );
    const changed = await db
      .selectFrom('audit_events')
      .select('details')
      .where('seq', '=', victim.seq)
      .executeTakeFirstOrThrow();
    assert.deepEqual(changed.details, { basis: 'nothing to see' }, 'the tampering took effect');
    await assert.rejects(
      sql`update audit_events set subtype = 'x' where seq = 1`.execute(db),
      /append-only/,
      'the trigger is back on',
    );

    const res = await send(t, admin, 'GET', '/api/audit/verify');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      intact: false,
      checked: victim.seq - 1,
      firstBroken: {
        seq: victim.seq,
        id: victim.id,
        reason: 'its content does not match its hash (it was changed)',
      },
    });

    for (const batchSize of [1, 2, 3, 5]) {
      assert.deepEqual(await verifyAuditChain(db, batchSize), res.json(), `in batches of ${batchSize}`);
    }

    // New entries keep chaining after the damage; the first break is still reported.
    await signInAs(t, 'nurse');
    const again = await send(t, admin, 'GET', '/api/audit/verify');
    assert.equal(again.json().firstBroken.seq, victim.seq);
  });

  it('verify names the entry after a removed one', async () => {
    const db = t.deps.database.db;
    const [, second, third] = await auditRows(db);
    await tamperWithRow(db, (trx) => sql`delete from audit_events where seq = ${second!.seq}`.execute(trx));
    const res = await send(t, admin, 'GET', '/api/audit/verify');
    assert.deepEqual(res.json(), {
      intact: false,
      checked: 1,
      firstBroken: { seq: 3, id: third!.id, reason: 'entry 2 is missing (the next entry found is 3)' },
    });
    for (const batchSize of [1, 2, 3]) {
      assert.deepEqual(await verifyAuditChain(db, batchSize), res.json(), `in batches of ${batchSize}`);
    }
  });
});

// The script opens a data folder, so this part always runs on the embedded database.
describe('npm run audit:verify (a child process on a PGlite data folder)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stillwater-audit-verify-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  async function withDatabase(work: (db: Kysely<Database>, database: DatabaseHandle) => Promise<void>) {
    const database = await openDatabase({ driver: 'pglite', dataDir });
    try {
      await work(database.db, database);
    } finally {
      await database.close();
    }
  }

  function runVerify(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  let ids: string[] = [];

  before(async () => {
    await withDatabase(async (db, database) => {
      await migrateToLatest(db);
      await seedDemoClinic({ database });
      const context = {
        actor: null,
        ip: '127.0.0.1',
        userAgent: 'audit-verify-test',
        requestId: 'req-cli',
        now: () => new Date('2026-11-26T08:00:00Z'),
      };
      for (let n = 1; n <= 6; n += 1) {
        // Listed kinds only (the catalogue refuses others): reads and executions, some of a patient.
        const shared = {
          patientId: n % 3 === 0 ? demoIds.patient : null,
          actorUserId: demoIds.admin,
          actorRole: 'admin',
        };
        await recordAudit(
          db,
          context,
          n % 2
            ? { ...shared, action: 'R', subtype: 'patient.list', details: { returned: n, searched: false } }
            : {
                ...shared,
                action: 'E',
                subtype: 'session.readiness.held',
                details: { reasons: ['x', `entry_${n}`] },
              },
        );
      }
      ids = (await auditRows(db)).map((r) => r.id);
    });
  });

  it('says how many entries wait to be linked, and --link links them', async () => {
    const waiting = await runVerify();
    assert.equal(waiting.code, 0, waiting.stderr);
    assert.equal(
      waiting.stdout,
      'Audit trail intact: 0 entries checked.\n' +
        '6 entries wait to be linked into the chain (a running server links them within a second; ' +
        '--link links them now).\n',
    );
    const linked = await runVerify('--link');
    assert.equal(linked.code, 0, linked.stderr);
    assert.equal(linked.stdout, 'Audit trail intact: 6 entries checked.\n');
  });

  it('exits 0 and reports the count on an intact trail', async () => {
    const result = await runVerify();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Audit trail intact: 6 entries checked.\n');
  });

  it('exits 1 naming a changed entry and how many before it are intact', async () => {
    await withDatabase((db) =>
      tamperWithRow(db, (trx) => sql`update audit_events set outcome = 'failure' where seq = 4`.execute(trx)),
    );
    const result = await runVerify();
    assert.equal(result.code, 1, result.stderr);
    assert.equal(
      result.stdout,
      `Audit trail BROKEN at entry 4 (${ids[3]}): its content does not match its hash (it was changed).\n` +
        '3 entries before it are intact.\n',
    );
  });
});
