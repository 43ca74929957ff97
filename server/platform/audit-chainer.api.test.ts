/**
 * The lock-free audit path: requests insert entries without a shared lock, and the chainer links
 * what committed, in one place, into a chain that verifies. Runs on both drivers (PostgreSQL
 * with TEST_DATABASE_URL); the test that a request never waits for the chainer needs a second
 * connection, so it runs on PostgreSQL only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../testing/test-database.ts';
import { appendAudit, recordAudit } from './audit.ts';
import {
  countPendingAudit,
  linkAllPendingAudit,
  linkPendingAudit,
  verifyAuditChain,
} from './audit-chainer.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { RequestContext } from './request-context.ts';

const context = (n: number): RequestContext => ({
  actor: null,
  ip: '127.0.0.1',
  userAgent: 'chainer-test',
  requestId: `req-${n}`,
  now: () => new Date(),
});

const entry = (n: number) =>
  ({ action: 'R', subtype: 'patient.list', details: { returned: n, searched: false } }) as const;

class RolledBack extends Error {}

describe('the audit chainer', () => {
  let database: DatabaseHandle;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  it('links committed entries from concurrent transactions; rolled-back ones leave no trace', async () => {
    const db = database.db;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, n) =>
        db.transaction().execute(async (trx) => {
          await appendAudit(trx, context(n), entry(n), entry(n + 100));
          if (n % 5 === 0) throw new RolledBack();
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    assert.equal(committed, 32);
    assert.equal(await countPendingAudit(db), 64, 'two entries per committed transaction wait');
    assert.equal(await linkAllPendingAudit(db), 64);
    assert.equal(await countPendingAudit(db), 0);
    assert.deepEqual(await verifyAuditChain(db), { intact: true, checked: 64, firstBroken: null });
    const rows = await db.selectFrom('audit_events').select(['request_id', 'chain_seq']).execute();
    assert.ok(
      rows.every((row) => Number(row.request_id!.slice(4)) % 5 !== 0),
      'no rolled-back entry',
    );
    assert.deepEqual(
      rows.map((row) => row.chain_seq).sort((a, b) => a! - b!),
      Array.from({ length: 64 }, (_, i) => i + 1),
      'chain positions 1…64 without gaps',
    );
  });

  it('two chainers at once with writes going on link each entry exactly once', async () => {
    const db = database.db;
    const writes = Array.from({ length: 30 }, (_, n) => recordAudit(db, context(200 + n), entry(200 + n)));
    const chainers = Array.from({ length: 6 }, (_, n) =>
      linkPendingAudit(db, { wait: n % 2 === 0, batchSize: 7 }),
    );
    await Promise.all([...writes, ...chainers]);
    await linkAllPendingAudit(db);
    assert.deepEqual(await verifyAuditChain(db), { intact: true, checked: 94, firstBroken: null });
    for (const batchSize of [1, 3, 50]) {
      assert.equal((await verifyAuditChain(db, batchSize)).checked, 94, `in batches of ${batchSize}`);
    }
  });

  it('the database lets the chain columns be set once, and nothing else be changed', async () => {
    const db = database.db;
    await recordAudit(db, context(300), entry(300));
    const pending = await db
      .selectFrom('audit_events')
      .select('seq')
      .where('chain_seq', 'is', null)
      .executeTakeFirstOrThrow();
    const refused = /audit_events is append-only: UPDATE is not allowed/;
    await assert.rejects(
      sql`update audit_events set chain_seq = 999, prev_hash = 'x', hash = 'y', outcome = 'failure'
        where seq = ${pending.seq}`.execute(db),
      refused,
      'a content change rides along with the link',
    );
    await assert.rejects(
      sql`update audit_events set hash = 'y' where chain_seq = 1`.execute(db),
      refused,
      'a linked entry is never relinked',
    );
    await assert.rejects(
      sql`update audit_events set chain_seq = 999 where seq = ${pending.seq}`.execute(db),
      /audit_events_chained_whole/,
      'a link is whole: position, previous hash and hash together',
    );
    assert.equal(await linkAllPendingAudit(db), 1);
    assert.equal((await verifyAuditChain(db)).intact, true);
  });

  it('a request appends while a chainer holds the chain (PostgreSQL: two connections)', async (t) => {
    if (database.driver !== 'postgres') return t.skip('needs a second connection');
    const db = database.db;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${7_362_514_001})`.execute(trx);
      locked();
      await held;
    });
    await lockTaken;
    const started = Date.now();
    await recordAudit(db, context(400), entry(400));
    assert.ok(Date.now() - started < 1000, 'the append did not wait for the chain');
    assert.equal(await linkPendingAudit(db), 0, 'a chainer that finds another at work leaves it the round');
    release();
    await holder;
    assert.equal(await linkAllPendingAudit(db), 1);
  });
});
