import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../../seed.ts';
import { send } from '../../testing/send.ts';
import { fullChecklist } from '../../testing/session-day.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { readyForSessions } from '../../testing/treatment-fixture.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

describe('PHQ-9 / GAD-7 progress and the item-9 workflow', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const call = async (method: string, url: string, cookie: string, payload?: object) => {
    const res = await send(t, cookie, method as 'GET', url, payload);
    return { status: res.statusCode, body: res.body ? (res.json() as Json) : {}, raw: res };
  };

  it('the intake baseline is stored as the first score; taking a PHQ-9 shows the change in kind words', async () => {
    const p = await readyForSessions(t);
    const scores = await call('GET', `/api/patients/${p.patientId}/assessments`, p.cookie);
    assert.deepEqual(
      scores.body.items.map((a: Json) => [a.instrument, a.context, a.source]),
      [
        ['phq9', 'baseline', 'intake'],
        ['gad7', 'baseline', 'intake'],
      ],
    );
    const baseline = scores.body.items[0].total;
    const res = await call('POST', `/api/patients/${p.patientId}/assessments`, p.cookie, {
      instrument: 'phq9',
      answers: [1, 1, 0, 1, 0, 0, 1, 0, 0],
      difficulty: 'Somewhat difficult',
      context: 'before_session',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.assessment.total, 4);
    assert.equal(res.body.assessment.band, 'minimal');
    assert.equal(res.body.crisis, null);
    assert.equal(res.body.outcome.changeFromBaseline, 4 - baseline);
    assert.equal(typeof res.body.outcome.summary, 'string');
    const patient = await t.deps.database.db
      .selectFrom('patients')
      .select(['latest_phq9'])
      .where('id', '=', p.patientId)
      .executeTakeFirstOrThrow();
    assert.equal(patient.latest_phq9, 4, 'the patient list sorts by the latest score');
  });

  it('a positive item 9 shows crisis help at once, raises an urgent alert, holds the next dose until a clinician closes it with a follow-up', async () => {
    const p = await readyForSessions(t);
    const res = await call('POST', `/api/patients/${p.patientId}/assessments`, p.cookie, {
      instrument: 'phq9',
      answers: [3, 3, 3, 2, 2, 2, 2, 2, 1],
      idempotencyKey: 'phq9-item9-0001',
    });
    assert.equal(res.status, 201);
    assert.ok(res.body.crisis.resources.some((r: Json) => r.href === 'tel:988'));
    assert.ok(res.body.crisis.resources.some((r: Json) => r.href === 'tel:911'));
    const retry = await call('POST', `/api/patients/${p.patientId}/assessments`, p.cookie, {
      instrument: 'phq9',
      answers: [3, 3, 3, 2, 2, 2, 2, 2, 1],
      idempotencyKey: 'phq9-item9-0001',
    });
    assert.equal(retry.body.assessment.id, res.body.assessment.id, 'a retry stores nothing new');

    const nurse = await signInAs(t, 'nurse');
    const alerts = (await call('GET', '/api/alerts', nurse.cookie)).body.items.filter(
      (a: Json) => a.patientId === p.patientId,
    );
    const item9 = alerts.find((a: Json) => a.kind === 'item9_positive');
    assert.equal(item9.severity, 'urgent');
    const severe = alerts.find((a: Json) => a.kind === 'phq9_severe');
    assert.equal(severe.severity, 'high', 'a PHQ-9 of 20 or more is high priority');
    assert.equal(alerts.filter((a: Json) => a.kind === 'item9_positive').length, 1);

    // The next dose is held while the alert is open, and still after a nurse acknowledges it.
    const clinician = await signInAs(t, 'clinician');
    const session = await call('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    });
    const base = `/api/patients/${p.patientId}/sessions/${session.body.id}`;
    await call('PUT', `${base}/preparation`, p.cookie, {
      checklist: fullChecklist,
      vitals: { systolic: 120, diastolic: 78, heartRate: 70 },
    });
    const ack = await call('POST', `/api/alerts/${item9.id}/acknowledge`, nurse.cookie, {
      note: 'Called; safe now.',
    });
    assert.equal(ack.status, 204);
    const held = await call('POST', `${base}/readiness`, p.cookie);
    assert.ok(held.body.readiness.reasons.some((r: Json) => r.code === 'safety_alert_open'));

    const clinicianAgain = await signInAs(t, 'clinician');
    const closed = await call('POST', `/api/alerts/${item9.id}/resolve`, clinicianAgain.cookie, {
      note: 'Video visit.',
      followUp: { method: 'C-SSRS screener', riskLevel: 'low', plan: 'Safety plan reviewed; continue.' },
    });
    assert.equal(closed.status, 204);
    const after = await call('POST', `${base}/readiness`, p.cookie);
    assert.ok(!after.body.readiness.reasons.some((r: Json) => r.alertId === item9.id));
  });

  it('the schedule shows the next session’s assessments as due, and a score completes them', async () => {
    const p = await readyForSessions(t);
    const clinician = await signInAs(t, 'clinician');
    const session = await call('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor: new Date(t.clock.now().getTime() + 96 * 3_600_000).toISOString(),
    });
    // Two days later the window before the session (72 h) is open; the intake baseline is older.
    t.clock.advance(48 * 3_600_000);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: p.email, password: 'a quiet morning by the lake' },
    });
    p.cookie = String([login.headers['set-cookie']].flat().find((c) => c?.includes('sw_session='))).split(
      ';',
    )[0]!;
    const schedule = await call('GET', `/api/patients/${p.patientId}/assessments/schedule`, p.cookie);
    const key = `phq9:before_session:${session.body.id}`;
    assert.equal(schedule.body.items.find((i: Json) => i.key === key).status, 'due');
    await call('POST', `/api/patients/${p.patientId}/assessments`, p.cookie, {
      instrument: 'phq9',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 0],
    });
    const after = await call('GET', `/api/patients/${p.patientId}/assessments/schedule`, p.cookie);
    assert.equal(after.body.items.find((i: Json) => i.key === key).status, 'done');
    assert.equal(
      after.body.items.find((i: Json) => i.key === `gad7:before_session:${session.body.id}`).status,
      'due',
    );
  });

  it('bad input answers 400 naming the field and stores nothing', async () => {
    const patient = await signInAs(t, 'patient');
    const before = await t.deps.database.db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [payload, field] of [
      [{ instrument: 'phq9', answers: [1, 1, 1] }, 'answers'],
      [{ instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }, 'answers'],
      [{ instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 4] }, 'answers'],
      [{ instrument: 'bdi', answers: [0] }, 'instrument'],
      [{ instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0], difficulty: 'Very difficult' }, 'difficulty'],
    ] as const) {
      const res = await call('POST', `/api/patients/${demoIds.patient}/assessments`, patient.cookie, payload);
      assert.equal(res.status, 400, JSON.stringify(payload));
      assert.match(res.body.error.message, new RegExp(field));
    }
    const after = await t.deps.database.db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });

  it('access: a coach sees no scores (the policy keeps scores from coaches); another patient’s scores answer 404', async () => {
    const coach = await signInAs(t, 'coach');
    assert.equal(
      (await call('GET', `/api/patients/${demoIds.patient}/assessments`, coach.cookie)).status,
      404,
    );
    assert.equal((await call('GET', `/api/patients/${demoIds.patient}/outcomes`, coach.cookie)).status, 404);
    const p = await readyForSessions(t);
    assert.equal((await call('GET', `/api/patients/${demoIds.patient}/assessments`, p.cookie)).status, 404);
    assert.equal(
      (
        await call('POST', `/api/patients/${demoIds.patient}/assessments`, p.cookie, {
          instrument: 'gad7',
          answers: [0, 0, 0, 0, 0, 0, 0],
        })
      ).status,
      404,
    );
    const support = await signInAs(t, 'support');
    assert.equal(
      (await call('GET', `/api/patients/${demoIds.patient}/assessments`, support.cookie)).status,
      404,
    );
  });

  it('the outcome report: clinicians and admins only, JSON and CSV, with the published reference', async () => {
    const clinician = await signInAs(t, 'clinician');
    const today = t.clock.now().toISOString().slice(0, 10);
    const url = `/api/reports/outcomes?instrument=phq9&from=2020-01-01&to=${today}`;
    const res = await call('GET', url, clinician.cookie);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.instrument, 'phq9');
    assert.ok(res.body.cohort.withFollowUp >= 1);
    assert.equal(res.body.reference.response, 0.628);
    const csv = await send(t, clinician.cookie, 'GET', `${url}&format=csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /^metric,value,ci95_low,ci95_high\r\n/);
    for (const role of ['nurse', 'coach', 'patient'] as const) {
      const other = await signInAs(t, role);
      assert.equal((await call('GET', url, other.cookie)).status, 403, role);
    }
    const bad = await call(
      'GET',
      '/api/reports/outcomes?instrument=phq9&from=2026-13-01&to=2026-01-01',
      clinician.cookie,
    );
    assert.equal(bad.status, 400);
  });
});
