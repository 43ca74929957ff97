import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FhirError } from './operation-outcome.ts';
import { dateValueRange, parseSearch, type SearchParamSpec, tokenMatches } from './search-params.ts';

const specs: SearchParamSpec[] = [
  { name: 'patient', type: 'reference', target: 'Patient', documentation: '' },
  { name: 'code', type: 'token', documentation: '' },
  { name: 'date', type: 'date', documentation: '' },
];

const iso = (d: Date | undefined) => d?.toISOString();

describe('FHIR date values cover their own precision', () => {
  for (const [value, start, end] of [
    ['2026', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2026-02', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['2026-12-31', '2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2026-03-01T10:15Z', '2026-03-01T10:15:00.000Z', '2026-03-01T10:16:00.000Z'],
    ['2026-03-01T10:15:30+02:00', '2026-03-01T08:15:30.000Z', '2026-03-01T08:15:31.000Z'],
    ['2026-03-01T10:15:30.25Z', '2026-03-01T10:15:30.250Z', '2026-03-01T10:15:30.251Z'],
  ] as const) {
    it(value, () => {
      const range = dateValueRange(value);
      assert.deepEqual([iso(range?.start), iso(range?.end)], [start, end]);
    });
  }
  for (const value of ['2026-13-01', '2026-02-30', '2026-03-01T10:15', 'yesterday', '26-01-01']) {
    it(`refuses ${value}`, () => assert.equal(dateValueRange(value), undefined));
  }
});

describe('parseSearch', () => {
  it('combines date prefixes into one half-open range', () => {
    const parsed = parseSearch({ date: ['ge2026-01-01', 'le2026-01-31', 'lt2026-02-15'] }, specs, 'date');
    assert.deepEqual(
      [iso(parsed.date?.from), iso(parsed.date?.to)],
      ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    );
    const gt = parseSearch({ date: 'gt2026-01-01' }, specs, 'date');
    assert.equal(iso(gt.date?.from), '2026-01-02T00:00:00.000Z');
  });

  it('reads references, tokens, paging and sorting', () => {
    const parsed = parseSearch(
      { patient: 'Patient/abc-1', code: 'http://loinc.org|44261-6,70274-6', _count: '5', _sort: 'date' },
      specs,
      'date',
    );
    assert.deepEqual(parsed.references.patient, ['abc-1']);
    assert.deepEqual(parsed.tokens.code, [
      { system: 'http://loinc.org', code: '44261-6' },
      { code: '70274-6' },
    ]);
    assert.equal(parsed.count, 5);
    assert.equal(parsed.order, 'asc');
    assert.equal(parseSearch({}, specs, 'date').order, 'desc');
    assert.ok(tokenMatches(parsed.tokens.code, 'http://loinc.org', '70274-6'));
    assert.ok(!tokenMatches(parsed.tokens.code, 'urn:other', '44261-6'));
    assert.ok(tokenMatches(undefined, 'anything', 'x'), 'no filter matches all');
  });

  for (const [query, expression] of [
    [{ colour: 'blue' }, 'colour'],
    [{ _count: '201' }, '_count'],
    [{ _count: '1.5' }, '_count'],
    [{ _sort: '-name' }, '_sort'],
    [{ date: 'ne2026' }, 'date'],
    [{ patient: 'Group/1' }, 'patient'],
    [{ patient: ['a', 'b'] }, undefined],
    [{ _cursor: 'x' }, '_cursor'],
    [{ _format: 'xml' }, '_format'],
  ] as const) {
    it(`refuses ${JSON.stringify(query)} with 400`, () => {
      assert.throws(
        () => parseSearch(query as Record<string, string | string[]>, specs, 'date'),
        (error: unknown) =>
          error instanceof FhirError &&
          error.status === 400 &&
          (expression === undefined || error.issues[0]?.expression === expression),
      );
    });
  }
});
