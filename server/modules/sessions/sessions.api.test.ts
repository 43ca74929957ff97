import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../../seed.ts';
import { sendForJson } from '../../testing/send.ts';
import {
  boardPathOfSessionDay,
  fullChecklist,
  noSideEffects as noneOfTheSideEffects,
} from '../../testing/session-day.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { type ReadyPatient, readyForSessions, signInReadyPatient } from '../../testing/treatment-fixture.ts';
import { runSessionDuties } from './scheduler.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

const goodVitals = { systolic: 122, diastolic: 78, heartRate: 72 };
const noSideEffects = { ...noneOfTheSideEffects, dizziness: 'mild', dissociation: 'mild' };

describe('at-home sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const inject = (method: string, url: string, cookie: string | null, payload?: object) =>
    sendForJson(t, cookie, method as 'GET', url, payload);

  /** Schedules a session an hour from now as the clinician. */
  async function schedule(p: ReadyPatient, offsetMinutes = 60) {
    const clinician = await signInAs(t, 'clinician');
    const scheduledFor = new Date(t.clock.now().getTime() + offsetMinutes * 60_000).toISOString();
    const res = await inject('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }

  /** Re-signs the patient in (the test clock moves past idle timeouts). */
  const patientCookie = (p: ReadyPatient) => signInReadyPatient(t, p);

  async function doseCount(sessionId: string) {
    const rows = await t.deps.database.db
      .selectFrom('session_events')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('kind', '=', 'dose_taken')
      .execute();
    return rows.length;
  }

  it('a first session: support person confirms with a code, the nurse joins live, the dose is recorded once', async () => {
    const p = await readyForSessions(t);
    const session = await schedule(p);
    assert.equal(session.firstSession, true);
    assert.equal(session.plannedDoseMg, 300);
    const base = `/api/patients/${p.patientId}/sessions/${session.id}`;

    const prepared = await inject('PUT', `${base}/preparation`, p.cookie, {
      checklist: fullChecklist,
      vitals: goodVitals,
      intention: 'To meet my sadness with kindness.',
    });
    assert.equal(prepared.status, 200, JSON.stringify(prepared.body));

    const held = await inject('POST', `${base}/readiness`, p.cookie);
    assert.equal(held.body.readiness.status, 'held');
    assert.deepEqual(
      held.body.readiness.reasons.map((r: Json) => r.code),
      ['support_person_not_confirmed', 'live_monitor_required'],
    );
    const early = await inject('POST', `${base}/dose`, p.cookie, { idempotencyKey: 'dose-early-0001' });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'session_held');
    assert.equal(await doseCount(session.id), 0);

    const code = await inject('POST', `${base}/support-code`, p.cookie);
    assert.match(code.body.code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const wrong = await inject('POST', '/api/support-confirmations', null, {
      code: 'AAAA-AAAA',
      name: 'Sam',
      attest: true,
    });
    assert.equal(wrong.status, 400);
    const confirmed = await inject('POST', '/api/support-confirmations', null, {
      code: code.body.code.toLowerCase(),
      name: 'Sam Torres',
      attest: true,
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.ok(confirmed.body.instructions.length > 2);
    const reused = await inject('POST', '/api/support-confirmations', null, {
      code: code.body.code,
      name: 'Sam Torres',
      attest: true,
    });
    assert.equal(reused.status, 400, 'a code works once');

    const nurse = await signInAs(t, 'nurse');
    const joined = await inject('POST', `${base}/live-monitor`, nurse.cookie);
    assert.equal(joined.body.liveMonitorName, 'Jordan Reyes');

    const cleared = await inject('POST', `${base}/readiness`, p.cookie);
    assert.equal(cleared.body.readiness.status, 'cleared', JSON.stringify(cleared.body.readiness));

    // The dose: at the plan's dose, once, whatever the device retries.
    const dosed = await inject('POST', `${base}/dose`, p.cookie, { idempotencyKey: 'dose-key-0001' });
    assert.equal(dosed.status, 200, JSON.stringify(dosed.body));
    assert.equal(dosed.body.status, 'dosed');
    assert.equal(dosed.body.doseMg, 300);
    const retry = await inject('POST', `${base}/dose`, p.cookie, { idempotencyKey: 'dose-key-0001' });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.dosedAt, dosed.body.dosedAt);
    const [a, b] = await Promise.all([
      inject('POST', `${base}/dose`, p.cookie, { idempotencyKey: 'dose-key-0002' }),
      inject('POST', `${base}/dose`, p.cookie, { idempotencyKey: 'dose-key-0003' }),
    ]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.equal(await doseCount(session.id), 1, 'never two doses for one session');

    const count = await inject('GET', `/api/patients/${p.patientId}/medication-count`, p.cookie);
    assert.equal(count.body.expected, 15, '18 lozenges received, 3 taken');

    t.clock.advanceMinutes(40);
    const cookie = await patientCookie(p);
    const recheck = await inject('POST', `${base}/recheck`, cookie, {
      idempotencyKey: 'recheck-0001',
      vitals: { systolic: 138, diastolic: 86, heartRate: 80 },
    });
    assert.equal(recheck.status, 200, JSON.stringify(recheck.body));
    assert.equal(recheck.body.vitals.length, 2);

    const checkIn = {
      idempotencyKey: 'checkin-0001',
      sideEffects: noSideEffects,
      effect: 'mild',
      experience: 4,
      mood: 4,
    };
    // The check-in opens after the protocol's observation time (120 minutes after the dose).
    t.clock.advanceMinutes(80);
    const later = await patientCookie(p);
    const done = await inject('POST', `${base}/check-in`, later, checkIn);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'completed');
    assert.equal(
      (await inject('POST', `${base}/check-in`, later, checkIn)).status,
      200,
      'a retry is harmless',
    );

    // The titration suggestion waits for the prescriber; the patient's dose changes only on approval.
    const clinician = await signInAs(t, 'clinician');
    const queue = await inject('GET', '/api/titration/queue', clinician.cookie);
    const suggestion = queue.body.items.find((s: Json) => s.patientId === p.patientId);
    assert.equal(suggestion.action, 'increase');
    assert.equal(suggestion.suggestedDoseMg, 350);
    const plansBefore = await inject('GET', `/api/patients/${p.patientId}/plans`, later);
    assert.equal(plansBefore.body.items[0].doseMg, 300);
    const approved = await inject(
      'POST',
      `/api/patients/${p.patientId}/titration/${suggestion.id}/decision`,
      clinician.cookie,
      { decision: 'approve' },
    );
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const plansAfter = await inject('GET', `/api/patients/${p.patientId}/plans`, later);
    assert.equal(plansAfter.body.items[0].doseMg, 350);

    const timeline = (await inject('GET', base, later)).body.events.map((e: Json) => e.kind);
    for (const kind of [
      'prepared',
      'held',
      'support_confirmed',
      'live_monitor_joined',
      'cleared',
      'dose_taken',
    ]) {
      assert.ok(timeline.includes(kind), kind);
    }
  });

  it('blood pressure 165/100 holds the session with the reason, alerts the nurse, and no dose is recorded', async () => {
    const p = await readyForSessions(t);
    const session = await schedule(p);
    const base = `/api/patients/${p.patientId}/sessions/${session.id}`;
    await inject('PUT', `${base}/preparation`, p.cookie, {
      checklist: fullChecklist,
      vitals: { systolic: 165, diastolic: 100, heartRate: 80 },
    });
    const held = await inject('POST', `${base}/readiness`, p.cookie);
    const bp = held.body.readiness.reasons.find((r: Json) => r.code === 'blood_pressure_high');
    assert.ok(bp);
    assert.match(bp.explanation, /165\/100/);
    assert.match(bp.explanation, /140\/90/);
    const dose = await inject('POST', `${base}/dose`, p.cookie, { idempotencyKey: 'dose-bp-0001' });
    assert.equal(dose.status, 409);
    assert.ok(dose.body.error.details.reasons.some((r: Json) => r.code === 'blood_pressure_high'));
    assert.equal(await doseCount(session.id), 0);
    const nurse = await signInAs(t, 'nurse');
    const alerts = await inject('GET', '/api/alerts', nurse.cookie);
    assert.ok(alerts.body.items.some((a: Json) => a.patientId === p.patientId && a.kind === 'session_held'));
    const board = await inject(
      'GET',
      await boardPathOfSessionDay(t.deps.database.db, session.id),
      nurse.cookie,
    );
    const item = board.body.items.find((i: Json) => i.sessionId === session.id);
    assert.equal(item.status, 'held');
    assert.ok(item.holdReasons.length > 0);
  });

  it('sessions are never scheduled closer than the plan allows, nor more than it allows', async () => {
    const p = await readyForSessions(t, { sessionsPlanned: 2 });
    await schedule(p, 60);
    const clinician = await signInAs(t, 'clinician');
    const tooSoon = await inject('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor: new Date(t.clock.now().getTime() + 48 * 3_600_000).toISOString(),
    });
    assert.equal(tooSoon.status, 422);
    assert.match(tooSoon.body.error.message, /72 hours/);
    await schedule(p, 60 + 72 * 60);
    const third = await inject('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor: new Date(t.clock.now().getTime() + 14 * 24 * 3_600_000).toISOString(),
    });
    assert.equal(third.status, 422);
  });

  it('the help button raises an urgent alert and shows crisis help; while it is open the next dose is held', async () => {
    const p = await readyForSessions(t);
    const session = await schedule(p);
    const base = `/api/patients/${p.patientId}/sessions/${session.id}`;
    const support = await signInAs(t, 'support');
    const help = await inject('POST', `${base}/help`, support.cookie, { idempotencyKey: 'help-0001' });
    assert.equal(help.status, 200, JSON.stringify(help.body));
    assert.ok(help.body.crisis.resources.some((r: Json) => r.href === 'tel:911'));
    const again = await inject('POST', `${base}/help`, support.cookie, { idempotencyKey: 'help-0001' });
    assert.equal(again.body.alertId, help.body.alertId);
    const nurse = await signInAs(t, 'nurse');
    const alert = (await inject('GET', '/api/alerts', nurse.cookie)).body.items.find(
      (a: Json) => a.id === help.body.alertId,
    );
    assert.equal(alert.severity, 'urgent');
    assert.equal(alert.kind, 'help_requested');

    await inject('PUT', `${base}/preparation`, p.cookie, { checklist: fullChecklist, vitals: goodVitals });
    const readiness = await inject('POST', `${base}/readiness`, p.cookie);
    assert.ok(readiness.body.readiness.reasons.some((r: Json) => r.code === 'safety_alert_open'));
  });

  it('a missed check-in raises an alert, then an urgent one', async () => {
    const p = await readyForSessions(t);
    const session = await schedule(p, 0);
    const base = `/api/patients/${p.patientId}/sessions/${session.id}`;
    const support = await signInAs(t, 'support');
    await inject('POST', `${base}/support-confirmation`, support.cookie, { attest: true });
    const nurse = await signInAs(t, 'nurse');
    await inject('POST', `${base}/live-monitor`, nurse.cookie);
    const cookie = await patientCookie(p);
    await inject('PUT', `${base}/preparation`, cookie, { checklist: fullChecklist, vitals: goodVitals });
    const dosed = await inject('POST', `${base}/dose`, cookie, { idempotencyKey: 'dose-miss-0001' });
    assert.equal(dosed.status, 200, JSON.stringify(dosed.body));
    t.clock.advanceMinutes(181);
    await runSessionDuties(t.deps);
    t.clock.advanceMinutes(180);
    await runSessionDuties(t.deps);
    await runSessionDuties(t.deps);
    const kinds = await t.deps.database.db
      .selectFrom('alerts')
      .select(['kind', 'severity'])
      .where('patient_id', '=', p.patientId)
      .where('kind', 'like', 'missed_check_in%')
      .orderBy('kind')
      .execute();
    assert.deepEqual(kinds, [
      { kind: 'missed_check_in', severity: 'high' },
      { kind: 'missed_check_in_escalated', severity: 'urgent' },
    ]);
  });

  it('a grade 3 adverse event raises an urgent alert and pauses the plan until a clinician reviews it', async () => {
    const p = await readyForSessions(t);
    const reported = await inject('POST', `/api/patients/${p.patientId}/adverse-events`, p.cookie, {
      grade: 3,
      description: 'Fainted briefly after standing up.',
      occurredAt: t.clock.now().toISOString(),
    });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    const plan = (await inject('GET', `/api/patients/${p.patientId}/plans`, p.cookie)).body.items[0];
    assert.equal(plan.status, 'paused');
    const clinician = await signInAs(t, 'clinician');
    const scheduleWhilePaused = await inject(
      'POST',
      `/api/patients/${p.patientId}/sessions`,
      clinician.cookie,
      {
        scheduledFor: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
      },
    );
    assert.equal(scheduleWhilePaused.status, 422);
    const nurse = await signInAs(t, 'nurse');
    const nurseReview = await inject(
      'POST',
      `/api/patients/${p.patientId}/adverse-events/${reported.body.id}/review`,
      nurse.cookie,
      { note: 'Seen', resumePlan: true },
    );
    assert.equal(nurseReview.status, 403, 'a nurse cannot resume a plan');
    const reviewed = await inject(
      'POST',
      `/api/patients/${p.patientId}/adverse-events/${reported.body.id}/review`,
      clinician.cookie,
      { note: 'Orthostatic; advised to sit up slowly. Resume.', resumePlan: true },
    );
    assert.equal(reviewed.status, 200, JSON.stringify(reviewed.body));
    const resumed = (await inject('GET', `/api/patients/${p.patientId}/plans`, p.cookie)).body.items[0];
    assert.equal(resumed.status, 'active');
  });

  it('access: another patient, a coach and bad input are refused, and nothing is stored', async () => {
    const p = await readyForSessions(t);
    const session = await schedule(p);
    const base = `/api/patients/${p.patientId}/sessions/${session.id}`;
    const maya = await signInAs(t, 'patient');
    assert.equal((await inject('GET', base, maya.cookie)).status, 404);
    assert.equal(
      (await inject('POST', `${base}/dose`, maya.cookie, { idempotencyKey: 'dose-other-0001' })).status,
      404,
    );
    const coach = await signInAs(t, 'coach');
    assert.equal(
      (
        await inject('PUT', `${base}/preparation`, coach.cookie, {
          checklist: fullChecklist,
          vitals: goodVitals,
        })
      ).status,
      404,
    );
    const bad = await inject('PUT', `${base}/preparation`, p.cookie, {
      checklist: fullChecklist,
      vitals: { systolic: 80, diastolic: 120, heartRate: 70 },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /diastolic/);
    const vitals = await t.deps.database.db
      .selectFrom('vitals')
      .select('id')
      .where('session_id', '=', session.id)
      .execute();
    assert.equal(vitals.length, 0);
    const supportForOther = await signInAs(t, 'support');
    const mayaSessions = await inject(
      'GET',
      `/api/patients/${demoIds.unassignedPatient}/sessions`,
      supportForOther.cookie,
    );
    assert.equal(mayaSessions.status, 404);
  });
});
