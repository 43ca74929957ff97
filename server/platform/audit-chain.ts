/**
 * The audit trail's hash chain, as pure functions: each entry stores the SHA-256 of the
 * previous entry's hash joined to its own canonical content, so changing, removing or
 * reordering any entry breaks every link after it.
 */
import { createHash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

/** The fields an entry's hash covers: everything but the hashes themselves. */
export type ChainedContent = {
  /** The entry's place in the chain (1, 2, 3 … without gaps). */
  seq: number;
  /**
   * The entry's insert number, when it differs from its place in the chain (entries are
   * inserted lock-free and linked later). Absent for entries linked as they were inserted, so
   * their hashes are those they were stored with.
   */
  recordSeq?: number;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  patientId: string | null;
  action: string;
  subtype: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: unknown;
};

export type ChainedEntry = ChainedContent & { prevHash: string; hash: string };

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export type ChainBreak = { seq: number; id: string; reason: string };

export type ChainCheckState = { expectedSeq: number; prevHash: string };

export const chainStart: ChainCheckState = { expectedSeq: 1, prevHash: genesisHash };

export type ChainSegmentResult =
  /** `checked`: how many entries of this segment, before the broken one, are intact. */
  { broken: ChainBreak; checked: number } | { broken: undefined; state: ChainCheckState; checked: number };

/**
 * Checks entries that follow `state` (in seq order); returns the first break, or the state
 * to continue from with the next batch.
 */
export function checkChainSegment(
  entries: readonly ChainedEntry[],
  state: ChainCheckState = chainStart,
): ChainSegmentResult {
  let { expectedSeq, prevHash } = state;
  let checked = 0;
  for (const entry of entries) {
    const where = { seq: entry.seq, id: entry.id };
    if (entry.seq !== expectedSeq) {
      return {
        checked,
        broken: {
          ...where,
          reason:
            entry.seq > expectedSeq
              ? `entry ${expectedSeq} is missing (the next entry found is ${entry.seq})`
              : `entry ${entry.seq} is out of order (expected ${expectedSeq})`,
        },
      };
    }
    if (entry.prevHash !== prevHash) {
      return { checked, broken: { ...where, reason: 'its link to the previous entry does not match' } };
    }
    const { prevHash: _stored, hash, ...content } = entry;
    if (chainHash(prevHash, content) !== hash) {
      return {
        checked,
        broken: { ...where, reason: 'its content does not match its hash (it was changed)' },
      };
    }
    prevHash = hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { broken: undefined, state: { expectedSeq, prevHash }, checked };
}
