/**
 * The audit trail's hash chain as pure functions: canonical JSON, the link hash, and the
 * verifier. The property tests build random valid chains, tamper with them in every way a
 * person with database access could, and require the verifier to name the first entry the
 * tampering affected — checked in one pass or in batches.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type ChainCheckState,
  type ChainedContent,
  type ChainedEntry,
  type ChainSegmentResult,
  canonicalJson,
  chainHash,
  chainStart,
  checkChainSegment,
  genesisHash,
} from './audit-chain.ts';

// ——— helpers ———

function content(seq: number, overrides: Partial<ChainedContent> = {}): ChainedContent {
  return {
    seq,
    id: `01937a00-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    occurredAt: '2026-11-26T16:00:00.000Z',
    actorUserId: '01937a00-0000-7000-8000-000000000006',
    actorRole: 'admin',
    patientId: null,
    action: 'R',
    subtype: 'audit.read',
    entityType: 'AuditEvent',
    entityId: null,
    outcome: 'success',
    ip: '127.0.0.1',
    userAgent: 'node-test',
    requestId: `req-${seq}`,
    details: { n: seq },
    ...overrides,
  };
}

/** Links contents into a chain, numbering them from `state.expectedSeq`. */
function link(contents: readonly ChainedContent[], state: ChainCheckState = chainStart): ChainedEntry[] {
  let prevHash = state.prevHash;
  return contents.map((c, index) => {
    const withSeq = { ...c, seq: state.expectedSeq + index };
    const hash = chainHash(prevHash, withSeq);
    const entry = { ...withSeq, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

function chainOf(length: number): ChainedEntry[] {
  return link(Array.from({ length }, (_, i) => content(i + 1)));
}

/** Checks a chain cut into segments, carrying the state across, as the database verifier does. */
function checkInSegments(entries: readonly ChainedEntry[], cuts: readonly number[]): ChainSegmentResult {
  const bounds = [...new Set(cuts.map((c) => Math.min(c, entries.length)))].sort((a, b) => a - b);
  let state = chainStart;
  let checked = 0;
  let start = 0;
  for (const end of [...bounds, entries.length]) {
    const result = checkChainSegment(entries.slice(start, end), state);
    if (result.broken) return { broken: result.broken, checked: checked + result.checked };
    checked += result.checked;
    state = result.state;
    start = end;
  }
  return { broken: undefined, state, checked };
}

// ——— canonical JSON ———

describe('canonicalJson', () => {
  const cases: { name: string; value: unknown; expected: string }[] = [
    { name: 'null', value: null, expected: 'null' },
    { name: 'undefined at the top becomes null', value: undefined, expected: 'null' },
    { name: 'true', value: true, expected: 'true' },
    { name: 'an integer', value: 42, expected: '42' },
    { name: 'a fraction', value: -0.5, expected: '-0.5' },
    { name: 'a string with quotes and a newline', value: 'a"b\nc', expected: '"a\\"b\\nc"' },
    { name: 'an empty object', value: {}, expected: '{}' },
    { name: 'an empty array', value: [], expected: '[]' },
    { name: 'object keys are sorted', value: { b: 1, a: 2, c: 3 }, expected: '{"a":2,"b":1,"c":3}' },
    {
      name: 'keys are sorted at every depth',
      value: { z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null },
      expected: '{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}',
    },
    { name: 'arrays keep their order', value: [3, 1, 2], expected: '[3,1,2]' },
    { name: 'undefined properties are left out', value: { a: 1, b: undefined }, expected: '{"a":1}' },
    { name: 'undefined in an array becomes null', value: [1, undefined], expected: '[1,null]' },
    {
      name: 'keys sort by code unit, upper case before lower case',
      value: { b: 1, B: 2, é: 3, a: 4 },
      expected: '{"B":2,"a":4,"b":1,"é":3}',
    },
    { name: 'keys are escaped', value: { 'k"ey': 1 }, expected: '{"k\\"ey":1}' },
  ];
  for (const { name, value, expected } of cases) {
    it(name, () => assert.equal(canonicalJson(value), expected));
  }

  it('is the same for the same data however its keys were ordered (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reversed = JSON.parse(JSON.stringify(value), (_key, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse())
            : v,
        );
        assert.equal(canonicalJson(reversed), canonicalJson(value));
      }),
    );
  });

  it('parses back to the same data (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

// ——— the link hash ———

describe('chainHash', () => {
  const first = content(1, {
    id: '01937a00-0000-7000-8000-00000000a001',
    actorRole: 'admin',
    action: 'E',
    subtype: 'auth.login',
    entityType: 'Session',
    entityId: 's-1',
    userAgent: null,
    requestId: 'req-1',
    details: { factor: 'totp' },
  });

  it('is SHA-256 of the previous hash, a newline and the canonical content (pinned vector)', () => {
    // Pinned: changing the hash format would make every stored trail fail verification.
    const expected = '42ee634b0d0602c8731efa5ae3ac2d6a8eae4eb47f16ab11cec18264bcf741f9';
    assert.equal(chainHash(genesisHash, first), expected);
    const byHand = createHash('sha256')
      .update(`${genesisHash}\n${canonicalJson(first)}`)
      .digest('hex');
    assert.equal(byHand, expected);
  });

  it('the genesis hash is 64 zeros', () => {
    assert.equal(genesisHash, '0'.repeat(64));
  });

  it('does not depend on the order of keys in the content or its details', () => {
    const shuffled = Object.fromEntries(Object.entries(first).reverse()) as ChainedContent;
    assert.equal(chainHash(genesisHash, shuffled), chainHash(genesisHash, first));
    const a = content(1, { details: { a: 1, b: { c: 2, d: 3 } } });
    const b = content(1, { details: { b: { d: 3, c: 2 }, a: 1 } });
    assert.equal(chainHash(genesisHash, a), chainHash(genesisHash, b));
  });

  const changes: { field: keyof ChainedContent; value: unknown }[] = [
    { field: 'seq', value: 2 },
    { field: 'id', value: '01937a00-0000-7000-8000-00000000a002' },
    { field: 'occurredAt', value: '2026-11-26T16:00:00.001Z' },
    { field: 'actorUserId', value: null },
    { field: 'actorRole', value: 'clinician' },
    { field: 'patientId', value: '01937a00-0000-7000-8000-000000000101' },
    { field: 'action', value: 'R' },
    { field: 'subtype', value: 'auth.logout' },
    { field: 'entityType', value: null },
    { field: 'entityId', value: 's-2' },
    { field: 'outcome', value: 'failure' },
    { field: 'ip', value: '10.0.0.1' },
    { field: 'userAgent', value: '' },
    { field: 'requestId', value: 'req-2' },
    { field: 'details', value: { factor: 'recovery_code' } },
    { field: 'details', value: { factor: 'totp', extra: null } },
    { field: 'details', value: {} },
  ];
  for (const { field, value } of changes) {
    it(`changes when ${field} changes to ${JSON.stringify(value)}`, () => {
      assert.notEqual(chainHash(genesisHash, { ...first, [field]: value }), chainHash(genesisHash, first));
    });
  }

  it('changes when the previous hash changes', () => {
    assert.notEqual(chainHash('1'.repeat(64), first), chainHash(genesisHash, first));
  });

  it('tells null apart from a missing value and from the string "null"', () => {
    const withNull = chainHash(genesisHash, content(1, { details: { a: null } }));
    const without = chainHash(genesisHash, content(1, { details: {} }));
    const text = chainHash(genesisHash, content(1, { details: { a: 'null' } }));
    assert.equal(new Set([withNull, without, text]).size, 3);
  });
});

// ——— the verifier, by example ———

describe('checkChainSegment', () => {
  it('an empty segment is intact and keeps the state', () => {
    assert.deepEqual(checkChainSegment([]), { broken: undefined, state: chainStart, checked: 0 });
  });

  it('a valid chain is intact and ends on its last hash', () => {
    const chain = chainOf(3);
    assert.deepEqual(checkChainSegment(chain), {
      broken: undefined,
      state: { expectedSeq: 4, prevHash: chain[2]!.hash },
      checked: 3,
    });
  });

  it('a chain checked in two batches carries the state over', () => {
    const chain = chainOf(5);
    const head = checkChainSegment(chain.slice(0, 2));
    assert.equal(head.broken, undefined);
    const tail = checkChainSegment(chain.slice(2), head.broken ? chainStart : head.state);
    assert.deepEqual(tail, {
      broken: undefined,
      state: { expectedSeq: 6, prevHash: chain[4]!.hash },
      checked: 3,
    });
  });

  const chain = chainOf(5);
  const at = (i: number) => chain[i]!;
  const cases: {
    name: string;
    entries: ChainedEntry[];
    broken: { seq: number; id: string; reason: RegExp };
    checked: number;
  }[] = [
    {
      name: 'a chain that does not start at entry 1 is missing entry 1',
      entries: chain.slice(1),
      broken: { seq: 2, id: at(1).id, reason: /^entry 1 is missing \(the next entry found is 2\)$/ },
      checked: 0,
    },
    {
      name: 'a removed entry names the entry after the gap',
      entries: [at(0), at(1), at(3), at(4)],
      broken: { seq: 4, id: at(3).id, reason: /^entry 3 is missing \(the next entry found is 4\)$/ },
      checked: 2,
    },
    {
      name: 'two swapped entries name the first position',
      entries: [at(0), at(3), at(2), at(1), at(4)],
      broken: { seq: 4, id: at(3).id, reason: /^entry 2 is missing \(the next entry found is 4\)$/ },
      checked: 1,
    },
    {
      name: 'an entry repeated out of order',
      entries: [at(0), at(1), at(1), at(2)],
      broken: { seq: 2, id: at(1).id, reason: /^entry 2 is out of order \(expected 3\)$/ },
      checked: 2,
    },
    {
      name: 'changed content',
      entries: [at(0), { ...at(1), outcome: 'failure' }, at(2)],
      broken: { seq: 2, id: at(1).id, reason: /content does not match its hash/ },
      checked: 1,
    },
    {
      name: 'changed details',
      entries: [at(0), at(1), { ...at(2), details: { n: 99 } }],
      broken: { seq: 3, id: at(2).id, reason: /content does not match its hash/ },
      checked: 2,
    },
    {
      name: 'a replaced hash',
      entries: [at(0), { ...at(1), hash: 'f'.repeat(64) }, at(2)],
      broken: { seq: 2, id: at(1).id, reason: /content does not match its hash/ },
      checked: 1,
    },
    {
      name: 'a replaced link',
      entries: [at(0), { ...at(1), prevHash: 'f'.repeat(64) }, at(2)],
      broken: { seq: 2, id: at(1).id, reason: /link to the previous entry does not match/ },
      checked: 1,
    },
    {
      name: 'a rewritten entry with a recomputed hash breaks the next link',
      entries: (() => {
        const forged = { ...at(2), subtype: 'nothing.to.see' };
        const rehashed = { ...forged, hash: chainHash(forged.prevHash, contentOf(forged)) };
        return [at(0), at(1), rehashed, at(3)];
      })(),
      broken: { seq: 4, id: at(3).id, reason: /link to the previous entry does not match/ },
      checked: 3,
    },
    {
      name: 'a renumbered entry',
      entries: [at(0), { ...at(1), seq: 7 }],
      broken: { seq: 7, id: at(1).id, reason: /^entry 2 is missing \(the next entry found is 7\)$/ },
      checked: 1,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = checkChainSegment(c.entries);
      assert.ok(result.broken, 'the verifier must report a break');
      assert.equal(result.broken.seq, c.broken.seq);
      assert.equal(result.broken.id, c.broken.id);
      assert.match(result.broken.reason, c.broken.reason);
      assert.equal(result.checked, c.checked, 'intact entries before the break');
    });
  }

  it('known limit: removing the newest entries leaves a valid, shorter chain (needs an outside anchor)', () => {
    const result = checkChainSegment(chain.slice(0, 3));
    assert.deepEqual(result, {
      broken: undefined,
      state: { expectedSeq: 4, prevHash: at(2).hash },
      checked: 3,
    });
  });
});

function contentOf(entry: ChainedEntry): ChainedContent {
  const { prevHash: _p, hash: _h, ...rest } = entry;
  return rest;
}

// ——— the verifier, by property ———

const roles = ['patient', 'support', 'clinician', 'nurse', 'coach', 'admin'];
const optionalText = fc.option(fc.string({ maxLength: 20 }), { nil: null });
const contentArb: fc.Arbitrary<Omit<ChainedContent, 'seq'>> = fc.record({
  id: fc.uuid(),
  occurredAt: fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  actorUserId: fc.option(fc.uuid(), { nil: null }),
  actorRole: fc.option(fc.constantFrom(...roles), { nil: null }),
  patientId: fc.option(fc.uuid(), { nil: null }),
  action: fc.constantFrom('C', 'R', 'U', 'D', 'E'),
  subtype: fc.string({ minLength: 1, maxLength: 30 }),
  entityType: optionalText,
  entityId: optionalText,
  outcome: fc.constantFrom('success', 'failure', 'denied'),
  ip: optionalText,
  userAgent: optionalText,
  requestId: optionalText,
  details: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
});

const chainArb = fc
  .array(contentArb, { minLength: 1, maxLength: 25 })
  .map((contents) => link(contents.map((c, i) => ({ ...c, seq: i + 1 }))));

const contentFields = [
  'id',
  'occurredAt',
  'actorUserId',
  'actorRole',
  'patientId',
  'action',
  'subtype',
  'entityType',
  'entityId',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'details',
] as const;
const entryFields = [...contentFields, 'seq', 'prevHash', 'hash'] as const;
type EntryField = (typeof entryFields)[number];

/** A value for `field` that differs from `current` once canonicalised (so the change is real). */
function changedValue(field: EntryField, current: unknown, seed: string, n: number): unknown {
  switch (field) {
    case 'seq':
      return (current as number) + (n === 0 ? 1 : n);
    case 'prevHash':
    case 'hash': {
      const flipped = createHash('sha256').update(`${current}${seed}`).digest('hex');
      return flipped === current ? flipped.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) : flipped;
    }
    case 'details': {
      const details = { ...(current as Record<string, unknown>) };
      const keys = Object.keys(details);
      const key = keys.length > 0 && n % 2 === 0 ? keys[Math.abs(n) % keys.length]! : `tampered${seed}`;
      details[key] = [details[key] ?? null, seed];
      return details;
    }
    default:
      return current === null ? seed : n % 3 === 0 ? null : `${current}${seed || 'x'}`;
  }
}

type Tampering =
  | { kind: 'change'; index: number; field: EntryField; seed: string; n: number }
  | { kind: 'remove'; index: number }
  | { kind: 'swap'; i: number; j: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'insertGarbage'; index: number; forged: Omit<ChainedContent, 'seq'>; seq: number }
  | { kind: 'insertLinked'; index: number; forged: Omit<ChainedContent, 'seq'> };

function tamperingArb(length: number): fc.Arbitrary<Tampering> {
  const index = fc.nat({ max: length - 1 });
  const options: fc.Arbitrary<Tampering>[] = [
    fc.record({
      kind: fc.constant('change' as const),
      index,
      field: fc.constantFrom(...entryFields),
      seed: fc.string({ minLength: 1, maxLength: 8 }),
      n: fc.integer({ min: -1000, max: 1000 }),
    }),
    fc.record({
      kind: fc.constant('insertGarbage' as const),
      index: fc.nat({ max: length }),
      forged: contentArb,
      seq: fc.integer({ min: -5, max: length + 5 }),
    }),
    fc.record({ kind: fc.constant('insertLinked' as const), index, forged: contentArb }),
  ];
  if (length >= 2) {
    options.push(
      // The newest entry's removal cannot be seen from the chain alone (see the known-limit test).
      fc.record({ kind: fc.constant('remove' as const), index: fc.nat({ max: length - 2 }) }),
      fc
        .tuple(index, index)
        .filter(([i, j]) => i !== j)
        .map(([a, b]) => ({ kind: 'swap' as const, i: Math.min(a, b), j: Math.max(a, b) })),
      fc
        .tuple(index, index)
        .filter(([a, b]) => a !== b)
        .map(([from, to]) => ({ kind: 'move' as const, from, to })),
    );
  }
  return fc.oneof(...options);
}

/** Applies the tampering; returns the tampered chain and the position the verifier must name. */
function tamper(chain: readonly ChainedEntry[], t: Tampering): { entries: ChainedEntry[]; names: number } {
  const entries = [...chain];
  switch (t.kind) {
    case 'change': {
      const entry = entries[t.index]!;
      entries[t.index] = { ...entry, [t.field]: changedValue(t.field, entry[t.field], t.seed, t.n) };
      return { entries, names: t.index };
    }
    case 'remove':
      entries.splice(t.index, 1);
      return { entries, names: t.index };
    case 'swap':
      [entries[t.i], entries[t.j]] = [entries[t.j]!, entries[t.i]!];
      return { entries, names: t.i };
    case 'move': {
      const [moved] = entries.splice(t.from, 1);
      entries.splice(t.to, 0, moved!);
      return { entries, names: Math.min(t.from, t.to) };
    }
    case 'insertGarbage': {
      const prevHash = t.index > 0 ? entries[t.index - 1]!.hash : genesisHash;
      // Random content with a made-up hash: never a valid continuation.
      const forged = { ...t.forged, seq: t.seq, prevHash, hash: 'e'.repeat(64) };
      entries.splice(t.index, 0, forged);
      return { entries, names: t.index };
    }
    case 'insertLinked': {
      // A careful forgery: right number, right link, a correct hash. It verifies itself, so
      // the break shows at the genuine entry it pushed aside.
      const prevHash = t.index > 0 ? entries[t.index - 1]!.hash : genesisHash;
      const forgedContent = { ...t.forged, seq: t.index + 1 };
      const forged = { ...forgedContent, prevHash, hash: chainHash(prevHash, forgedContent) };
      entries.splice(t.index, 0, forged);
      return { entries, names: t.index + 1 };
    }
  }
}

describe('checkChainSegment (property): random chains and random tampering', () => {
  it('a random valid chain is intact and ends on its last hash', () => {
    fc.assert(
      fc.property(chainArb, (chain) => {
        const result = checkChainSegment(chain);
        assert.deepEqual(result, {
          broken: undefined,
          state: { expectedSeq: chain.length + 1, prevHash: chain.at(-1)!.hash },
          checked: chain.length,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('detects any tampering and names the first affected entry', () => {
    fc.assert(
      fc.property(
        chainArb.chain((chain) => fc.tuple(fc.constant(chain), tamperingArb(chain.length))),
        ([chain, tampering]) => {
          const { entries, names } = tamper(chain, tampering);
          const result = checkChainSegment(entries);
          assert.ok(result.broken, `not detected: ${JSON.stringify(tampering)}`);
          const expected = entries[names]!;
          assert.deepEqual(
            { seq: result.broken.seq, id: result.broken.id },
            { seq: expected.seq, id: expected.id },
            `named the wrong entry for ${tampering.kind}`,
          );
          assert.equal(result.checked, names, 'every entry before the named one is intact');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('checking in batches gives the same verdict as checking the whole chain', () => {
    const maybeTampered = chainArb.chain((chain) =>
      fc.tuple(
        fc.constant(chain),
        fc.option(tamperingArb(chain.length), { nil: undefined }),
        fc.array(fc.nat({ max: chain.length + 1 }), { maxLength: 6 }),
      ),
    );
    fc.assert(
      fc.property(maybeTampered, ([chain, tampering, cuts]) => {
        const entries = tampering ? tamper(chain, tampering).entries : chain;
        assert.deepEqual(checkInSegments(entries, cuts), checkChainSegment(entries));
      }),
      { numRuns: 500 },
    );
  });
});
