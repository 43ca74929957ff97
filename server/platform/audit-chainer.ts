/**
 * The audit chainer: the one place that links audit entries into the hash chain.
 *
 * Requests insert their entries lock-free in their own transaction (audit.ts), so an entry
 * commits exactly with the work it records. The chainer then takes the committed entries not yet
 * linked, in insert order, and gives each its place in the chain (`chain_seq` 1, 2, 3 … without
 * gaps), the previous entry's hash and its own. Only chainers take the chain's advisory lock, so
 * one links at a time on any number of instances, and a request never waits for it.
 */
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import {
  type ChainBreak,
  type ChainCheckState,
  type ChainedContent,
  type ChainedEntry,
  chainHash,
  chainStart,
  checkChainSegment,
  genesisHash,
} from './audit-chain.ts';
import type { AuditEvent, Database } from './db/schema.ts';

const chainLockKey = 7_362_514_001;
const linkBatchSize = 500;

/** What an entry's hash covers, at its place in the chain. */
function chainedContent(row: AuditEvent, chainSeq: number): ChainedContent {
  return {
    seq: chainSeq,
    ...(row.seq !== chainSeq ? { recordSeq: row.seq } : {}),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    patientId: row.patient_id,
    action: row.action,
    subtype: row.subtype,
    entityType: row.entity_type,
    entityId: row.entity_id,
    outcome: row.outcome,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    details: row.details,
  };
}

function toChainedEntry(row: AuditEvent): ChainedEntry {
  const chainSeq = row.chain_seq ?? -1;
  return { ...chainedContent(row, chainSeq), prevHash: row.prev_hash ?? '', hash: row.hash ?? '' };
}

/**
 * Links up to `batchSize` committed entries into the chain, in one transaction. Returns how many
 * it linked: 0 when nothing waits, or when another chainer is at work and `wait` is false.
 */
export async function linkPendingAudit(
  db: Kysely<Database>,
  { wait = false, batchSize = linkBatchSize }: { wait?: boolean; batchSize?: number } = {},
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (wait) {
      await sql`select pg_advisory_xact_lock(${chainLockKey})`.execute(trx);
    } else {
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(${chainLockKey}) as locked`.execute(trx);
      if (!rows[0]?.locked) return 0;
    }
    const pending = await trx
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_seq', 'is', null)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (pending.length === 0) return 0;
    const last = await trx
      .selectFrom('audit_events')
      .select(['chain_seq', 'hash'])
      .where('chain_seq', 'is not', null)
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let chainSeq = last?.chain_seq ?? 0;
    let prevHash = last?.hash ?? genesisHash;
    const links = pending.map((row) => {
      chainSeq += 1;
      const hash = chainHash(prevHash, chainedContent(row, chainSeq));
      const link = sql`(${row.seq}::bigint, ${chainSeq}::bigint, ${prevHash}::text, ${hash}::text)`;
      prevHash = hash;
      return link;
    });
    await sql`
      update audit_events as entry
      set chain_seq = link.chain_seq, prev_hash = link.prev_hash, hash = link.hash
      from (values ${sql.join(links)}) as link (seq, chain_seq, prev_hash, hash)
      where entry.seq = link.seq and entry.chain_seq is null`.execute(trx);
    return links.length;
  });
}

/** Links every committed entry that waits, after any other chainer at work has finished. */
export async function linkAllPendingAudit(db: Kysely<Database>): Promise<number> {
  let total = 0;
  for (;;) {
    const linked = await linkPendingAudit(db, { wait: true });
    total += linked;
    if (linked < linkBatchSize) return total;
  }
}

/** How many committed entries wait to be linked. */
export async function countPendingAudit(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('pending'))
    .where('chain_seq', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.pending);
}

/**
 * Links new entries every second (the chain's lag is at most about that). Safe on every
 * instance at once: a chainer that finds another at work leaves the round to it. Returns a
 * function that stops it after a last round.
 */
export function startAuditChainer(
  db: Kysely<Database>,
  log: FastifyBaseLogger,
  intervalMs = 1000,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    running = running
      .then(async () => {
        while ((await linkPendingAudit(db)) === linkBatchSize) {
          // A backlog (after a restart or a burst): keep linking until it is gone.
        }
      })
      .catch((error) => log.error({ err: error }, 'audit chainer failed'));
  };
  round();
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    round();
    await running;
  };
}

export type ChainVerification = { intact: boolean; checked: number; firstBroken: ChainBreak | null };

/** Walks the linked trail in chain order and names the first entry whose link is broken. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 2000): Promise<ChainVerification> {
  let state: ChainCheckState = chainStart;
  let checked = 0;
  let afterChainSeq = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_seq', '>', afterChainSeq)
      .orderBy('chain_seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { intact: true, checked, firstBroken: null };
    const result = checkChainSegment(rows.map(toChainedEntry), state);
    if (result.broken) {
      // Counted by position, not from the broken entry's seq: a tampered or missing seq says
      // nothing about how many entries before it were intact.
      return { intact: false, checked: checked + result.checked, firstBroken: result.broken };
    }
    state = result.state;
    checked += rows.length;
    afterChainSeq = rows[rows.length - 1]!.chain_seq!;
  }
}
