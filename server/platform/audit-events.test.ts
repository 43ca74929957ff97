/**
 * The audit catalogue as data: every kind is in a group with an action and a description, its
 * details schema is strict and built from the facts vocabulary, and what appendAudit checks
 * before an entry is appended refuses an unlisted kind, a wrong action and a detail of another kind.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AuditEntry, checkedAuditEntry } from './audit.ts';
import { AuditDetailsError, auditDetailRules, retiredAuditDetailKeys } from './audit-details.ts';
import { AuditKindError, alertRaisedKind, auditCatalogue, auditEvents, auditGroups } from './audit-events.ts';

describe('the audit catalogue', () => {
  it('files every kind under a known group, with an action, a description and vocabulary keys', () => {
    for (const [kind, spec] of Object.entries(auditEvents)) {
      assert.match(kind, /^[a-z0-9_]+(\.[a-z0-9_]+)+$/, kind);
      assert.ok(Object.hasOwn(auditGroups, spec.group), kind);
      assert.ok([spec.action].flat().length > 0, kind);
      assert.ok(spec.description.length > 5, kind);
      for (const key of spec.detailKeys) {
        assert.ok(Object.hasOwn(auditDetailRules, key), `${kind}: ${key}`);
        assert.ok(!(retiredAuditDetailKeys as readonly string[]).includes(key), `${kind}: ${key}`);
      }
    }
    const listed = auditCatalogue().flatMap((group) => group.kinds.map((k) => k.kind));
    assert.deepEqual(
      [...listed].sort(),
      Object.keys(auditEvents).sort(),
      'the catalogue lists every kind once',
    );
  });

  it("a kind's schema is strict: its own keys (or null) pass, any other key is refused", () => {
    const schema = auditEvents['plan.read'].details;
    assert.ok(schema.safeParse({ basis: 'care_team', returned: 2 }).success);
    assert.ok(schema.safeParse({ basis: null }).success);
    assert.ok(
      !schema.safeParse({ basis: 'care_team', planId: '01937a00-0000-7000-8000-000000000001' }).success,
    );
    assert.ok(!schema.safeParse({ returned: -1 }).success);
    assert.ok(!schema.safeParse({ basis: 'thoughts of self-harm' }).success);
  });
});

describe('checkedAuditEntry', () => {
  it('takes the action and entity from the catalogue unless the call names them', () => {
    assert.deepEqual(checkedAuditEntry({ subtype: 'plan.read', details: { basis: 'self' } }), {
      action: 'R',
      entityType: 'TreatmentPlan',
    });
    assert.deepEqual(checkedAuditEntry({ subtype: 'access.denied', action: 'E', entityType: null }), {
      action: 'E',
      entityType: null,
    });
  });

  it('refuses an unlisted kind, an action the kind does not record, and a detail of another kind', () => {
    assert.throws(
      () => checkedAuditEntry({ subtype: 'test.entry' } as unknown as AuditEntry),
      AuditKindError,
    );
    assert.throws(
      () => checkedAuditEntry({ subtype: 'plan.read', action: 'U' } as unknown as AuditEntry),
      (error: unknown) =>
        error instanceof AuditDetailsError && /action: must be one of R/.test(error.message),
    );
    // A key spread in from a variable gets past the type; the kind's schema refuses it.
    const spread: Record<string, unknown> = { planVersion: 3 };
    assert.throws(
      () => checkedAuditEntry({ subtype: 'plan.read', details: { basis: 'self', ...spread } }),
      (error: unknown) =>
        error instanceof AuditDetailsError &&
        error.problems.includes('planVersion: not a detail of plan.read'),
    );
    // And the vocabulary rule still comes first: free text is refused whatever the kind.
    assert.throws(
      () => checkedAuditEntry({ subtype: 'plan.read', details: { basis: 'self', note: 'x' } as never }),
      (error: unknown) =>
        error instanceof AuditDetailsError && error.problems.includes('note: not an allowed audit detail'),
    );
  });

  it('an alert kind the catalogue does not list cannot be raised into the trail', () => {
    assert.equal(alertRaisedKind('item9_positive'), 'alert.raise.item9_positive');
    assert.throws(() => alertRaisedKind('something_new'), AuditKindError);
  });
});
