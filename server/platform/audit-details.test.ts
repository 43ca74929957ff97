/**
 * The audit details rule as a pure function: which keys and shapes it admits, what it refuses
 * (clinical values, free text, nesting), that its message never repeats a value, and that the
 * read filter keeps exactly what the rule admits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AuditDetailsError,
  assertAuditDetails,
  auditDetailProblems,
  auditDetailRules,
  auditDetailsForDisplay,
  retiredAuditDetailKeys,
} from './audit-details.ts';

const patientId = '01937a00-0000-7000-8000-000000000001';

describe('auditDetailProblems', () => {
  it('admits ids, codes, counts, flags, times, a document hash, a route and nulls', () => {
    assert.deepEqual(
      auditDetailProblems({
        planId: patientId,
        patientIds: [patientId, patientId.toUpperCase()],
        basis: 'care_team',
        permission: 'patient.treatment.read',
        flags: ['exclude:bp_uncontrolled', 'review:prior_psychosis'],
        protocolKey: '12-week-induction',
        format: 'fhir+json',
        fields: ['doseMg', 'status'],
        returned: 0,
        version: 12,
        retake: false,
        dueAt: '2026-11-26T16:00:00.000Z',
        periodFrom: '2026-01-01',
        documentHash: 'ab'.repeat(32),
        route: 'GET /api/patients/:patientId',
        licenceId: null,
        code: undefined,
      }),
      [],
    );
    assert.deepEqual(auditDetailProblems(undefined), []);
    assert.deepEqual(auditDetailProblems({}), []);
  });

  it('refuses the keys that carried clinical values or free text, whatever their value', () => {
    for (const key of ['answer', 'total', 'reason', 'note', 'justification', 'doseMg', 'email', 'search']) {
      assert.deepEqual(auditDetailProblems({ [key]: 'x' }), [`${key}: not an allowed audit detail`], key);
    }
  });

  it('refuses a value of the wrong shape for an allowed key', () => {
    const cases: [string, unknown][] = [
      ['basis', 'thoughts of self-harm'], // a sentence is not a code
      ['basis', 'person@example.org'],
      ['basis', '14'], // a number dressed as a code
      ['basis', 'x'.repeat(65)],
      ['basis', 3],
      ['returned', -1],
      ['returned', 2.5],
      ['returned', '3'],
      ['retake', 'yes'],
      ['planId', 'not-a-uuid'],
      ['patientIds', [patientId, 'Jane Doe']],
      ['patientIds', patientId],
      ['reasons', [{ code: 'x' }]],
      ['dueAt', '26 November'],
      ['documentHash', 'AB'.repeat(32)],
      ['route', '/api/patients'],
      ['fields', Array.from({ length: 1001 }, () => 'x')],
    ];
    for (const [key, value] of cases) {
      assert.deepEqual(
        auditDetailProblems({ [key]: value }),
        [`${key}: must be ${auditDetailRules[key as keyof typeof auditDetailRules]}`],
        `${key}: ${JSON.stringify(value)}`,
      );
    }
  });

  it('refuses anything but a plain object, and nested objects', () => {
    assert.deepEqual(auditDetailProblems([]), ['details must be an object']);
    assert.deepEqual(auditDetailProblems('total 14'), ['details must be an object']);
    assert.deepEqual(auditDetailProblems({ basis: { nested: 'care_team' } }), ['basis: must be code']);
  });

  it('names every offending key in one error, never the value', () => {
    assert.throws(
      () => assertAuditDetails('assessment.phq9', { total: 23, answer: 3, basis: 'self', returned: 'many' }),
      (error: unknown) => {
        assert.ok(error instanceof AuditDetailsError);
        assert.deepEqual(error.problems, [
          'total: not an allowed audit detail',
          'answer: not an allowed audit detail',
          'returned: must be count',
        ]);
        assert.match(error.message, /^Audit entry assessment\.phq9 breaks the audit details rule/);
        assert.doesNotMatch(error.message, /23|many/);
        return true;
      },
    );
    assert.doesNotThrow(() => assertAuditDetails('plan.read', { basis: 'care_team', returned: 2 }));
  });

  it('keeps no retired key in the allow-list, and knows no key by inheritance', () => {
    for (const key of retiredAuditDetailKeys) assert.ok(!Object.hasOwn(auditDetailRules, key), key);
    assert.deepEqual(auditDetailProblems({ toString: 'x', constructor: 'y' }), [
      'toString: not an allowed audit detail',
      'constructor: not an allowed audit detail',
    ]);
  });
});

describe('auditDetailsForDisplay', () => {
  it('keeps what the rule admits from an old entry and leaves out answers, totals and free text', () => {
    assert.deepEqual(
      auditDetailsForDisplay({
        answer: 3,
        total: 23,
        reason: 'PHQ-9 item 9 was answered 3 (thoughts of being better off dead or of self-harm).',
        severity: 'urgent',
        dueAt: '2026-11-26T16:15:00.000Z',
        basis: 'nothing to see', // an allowed key with a value that is not a code
        changes: { doseMg: { before: 300, after: 350 } },
      }),
      { severity: 'urgent', dueAt: '2026-11-26T16:15:00.000Z' },
    );
  });

  it('shows nothing for details that are not an object', () => {
    assert.deepEqual(auditDetailsForDisplay(null), {});
    assert.deepEqual(auditDetailsForDisplay(['total', 23]), {});
    assert.deepEqual(auditDetailsForDisplay('answer 3'), {});
  });
});
