/**
 * Domain refusals are audited like access denials (issue 13): a 403 from a rule, a 409 or a 412
 * leaves a `request.refused` entry with outcome `denied`, the route pattern and the error code,
 * and nothing else: not the message, not the error's details, not the ids in the path. A refusal
 * already audited where it was decided (by role, a dose refused) is not recorded twice; a
 * request that was not valid (400) or found nothing (404) is not a refusal. The admin page reads
 * the kinds it offers from the catalogue, which lists every kind the trail holds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { type ReadyPatient, readyForSessions } from '../../testing/treatment-fixture.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

describe('domain refusals in the audit trail, and the catalogue of kinds', () => {
  let t: TestApp;
  let p: ReadyPatient;
  let admin: string;

  async function send(method: string, url: string, cookie: string, payload?: object, headers = {}) {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, ...headers },
      payload,
    });
    return {
      status: res.statusCode,
      body: res.body ? (res.json() as Json) : {},
      requestId: String(res.headers['x-request-id']),
    };
  }

  /** The trail's entries for one request, as stored. */
  const entriesOf = (requestId: string) =>
    t.deps.database.db
      .selectFrom('audit_events')
      .select(['subtype', 'outcome', 'action', 'actor_user_id', 'patient_id', 'entity_id', 'details'])
      .where('request_id', '=', requestId)
      .orderBy('seq')
      .execute();

  before(async () => {
    t = await startTestApp();
    p = await readyForSessions(t);
    admin = (await signInAs(t, 'admin')).cookie;
  });
  after(() => t.close());

  it('a rule refusing a nurse (403) leaves a denied entry with the route and code, and nothing a reader may not see', async () => {
    const positive = await send('POST', `/api/patients/${p.patientId}/assessments`, p.cookie, {
      instrument: 'phq9',
      answers: [3, 3, 2, 2, 2, 2, 2, 1, 2],
    });
    assert.equal(positive.status, 201, JSON.stringify(positive.body));
    const nurse = await signInAs(t, 'nurse');
    const alerts = await send('GET', `/api/patients/${p.patientId}/alerts`, nurse.cookie);
    const alert = (alerts.body.items as Json[]).find((a) => a.kind === 'item9_positive');
    assert.ok(alert, 'the item-9 alert is raised');
    const note = 'Spoke with Rowan tonight, partner at home';
    const refused = await send('POST', `/api/alerts/${alert.id}/resolve`, nurse.cookie, {
      note,
      followUp: { method: 'C-SSRS screener', riskLevel: 'low', plan: 'Weekly calls' },
    });
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /suicide-risk alert is closed by a clinician/);

    const entries = await entriesOf(refused.requestId);
    assert.deepEqual(entries, [
      {
        subtype: 'request.refused',
        outcome: 'denied',
        action: 'E',
        actor_user_id: nurse.userId,
        patient_id: null,
        entity_id: null,
        details: { route: 'POST /api/alerts/:alertId/resolve', code: 'forbidden' },
      },
    ]);

    // What the administrator reads: the refusal, by code and route; no message, note, id or answer.
    const page = await send('GET', '/api/audit?subtype=request.refused&outcome=denied', admin);
    assert.equal(page.status, 200);
    const shown = (page.body.items as Json[]).find((i) => i.requestId === refused.requestId);
    assert.ok(shown, 'the refusal is on the audit page');
    assert.deepEqual(shown.details, { route: 'POST /api/alerts/:alertId/resolve', code: 'forbidden' });
    const text = JSON.stringify(shown);
    for (const secret of ['suicide', 'clinician', note, 'C-SSRS', alert.id, p.patientId, 'item9']) {
      assert.ok(!text.includes(secret), `"${secret}" is not in the entry`);
    }
  });

  it('a stale version (412) is recorded with its code; the current version it answers is not', async () => {
    const clinician = await signInAs(t, 'clinician');
    const url = `/api/patients/${p.patientId}/plans/${p.planId}`;
    const current = await send('GET', url, clinician.cookie);
    assert.equal(current.status, 200);
    const stale = await send(
      'PATCH',
      url,
      clinician.cookie,
      { doseMg: 350, changeNote: 'Up a step' },
      { 'if-match': '"0"' },
    );
    assert.equal(stale.status, 412);
    assert.ok(stale.body.error.details.current, 'the reply carries the current plan');
    const entries = await entriesOf(stale.requestId);
    assert.deepEqual(
      entries.map((e) => [e.subtype, e.outcome, e.details]),
      [
        [
          'request.refused',
          'denied',
          { route: 'PATCH /api/patients/:patientId/plans/:planId', code: 'precondition_failed' },
        ],
      ],
    );
  });

  it('a refusal audited where it was decided is not recorded twice', async () => {
    const nurse = await signInAs(t, 'nurse');
    const byRole = await send('GET', '/api/audit', nurse.cookie);
    assert.equal(byRole.status, 403);
    assert.deepEqual(
      (await entriesOf(byRole.requestId)).map((e) => [e.subtype, e.outcome, e.details]),
      [['access.denied', 'denied', { route: 'GET /api/audit', reasonCode: 'role' }]],
    );

    // A dose refused (no readiness, no support person): the dose refusal of issue 11, once.
    const clinician = await signInAs(t, 'clinician');
    const scheduled = await send('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor: new Date(t.clock.now().getTime() + 10 * 60_000).toISOString(),
    });
    assert.equal(scheduled.status, 201, JSON.stringify(scheduled.body));
    const dose = await send(
      'POST',
      `/api/patients/${p.patientId}/sessions/${scheduled.body.id}/dose`,
      p.cookie,
      { idempotencyKey: 'refusal-audit-dose' },
    );
    assert.equal(dose.status, 409);
    assert.deepEqual(
      (await entriesOf(dose.requestId)).map((e) => [e.subtype, e.outcome]),
      [['session.dose', 'denied']],
    );
  });

  it('an invalid request (400) and a missing record (404) are not refusals', async () => {
    const clinician = await signInAs(t, 'clinician');
    const invalid = await send('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor: 'tomorrow',
    });
    assert.equal(invalid.status, 400);
    assert.deepEqual(await entriesOf(invalid.requestId), []);
    const missing = await send(
      'GET',
      `/api/patients/${p.patientId}/plans/01937a00-0000-7000-8000-00000000dead`,
      clinician.cookie,
    );
    assert.equal(missing.status, 404);
    assert.ok((await entriesOf(missing.requestId)).every((e) => e.subtype !== 'request.refused'));
  });

  it('lists every kind, grouped, with its action and description, to admins only', async () => {
    const res = await send('GET', '/api/audit/catalogue', admin);
    assert.equal(res.status, 200);
    const groups = res.body.groups as Json[];
    const kinds = new Map<string, Json>(
      groups.flatMap((g) => (g.kinds as Json[]).map((k) => [k.kind as string, { ...k, group: g.group }])),
    );
    assert.deepEqual(kinds.get('auth.login'), {
      kind: 'auth.login',
      actions: ['E'],
      entity: 'Session',
      description: 'Signed in',
      details: ['factor'],
      group: 'auth',
    });
    assert.deepEqual(kinds.get('request.refused')?.details, ['route', 'code']);
    assert.ok(kinds.has('alert.raise.item9_positive') && kinds.has('assessment.gad7'));
    assert.ok(groups.every((g) => typeof g.label === 'string' && g.kinds.length > 0));

    const nurse = await signInAs(t, 'nurse');
    assert.equal((await send('GET', '/api/audit/catalogue', nurse.cookie)).status, 403);

    // Every entry the trail holds after the journeys above is of a listed kind.
    const stored = await t.deps.database.db.selectFrom('audit_events').select('subtype').distinct().execute();
    assert.ok(stored.length > 0);
    for (const { subtype } of stored) assert.ok(kinds.has(subtype), subtype);
  });
});
