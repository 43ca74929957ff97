/**
 * Session-day safety that cannot be talked around (issue 11): the rested retake, a hold lifted
 * only by a nurse or clinician with a reason, the dose window, the observation time before the
 * check-in, the late-recheck alert, refusals that stay on the record, and honest titration.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { localDate } from '../../platform/time.ts';
import { demoIds } from '../../seed.ts';
import { sendForJson } from '../../testing/send.ts';
import { boardPathOfSessionDay, fullChecklist, noSideEffects } from '../../testing/session-day.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { type ReadyPatient, readyForSessions, signInReadyPatient } from '../../testing/treatment-fixture.ts';
import { clinicTimeZone } from './repo.ts';
import { runSessionDuties } from './scheduler.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

const checklist = fullChecklist;
const vitals = (systolic: number, diastolic: number, heartRate = 72) => ({ systolic, diastolic, heartRate });
const sideEffects = { ...noSideEffects, dissociation: 'mild' };
const liftReason = 'Called Maya: seated, calm, repeat reading 132/84 by phone; fine to go ahead.';

describe('session-day safety', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const inject = (method: string, url: string, cookie: string | null, payload?: object) =>
    sendForJson(t, cookie, method as 'GET', url, payload);

  const login = (p: ReadyPatient) => signInReadyPatient(t, p);

  /** A session `offsetMinutes` from now with the support person confirmed and the nurse live. */
  async function sessionWithCompany(p: ReadyPatient, offsetMinutes = 10) {
    const clinician = await signInAs(t, 'clinician');
    const scheduled = await inject('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor: new Date(t.clock.now().getTime() + offsetMinutes * 60_000).toISOString(),
    });
    assert.equal(scheduled.status, 201, JSON.stringify(scheduled.body));
    const base = `/api/patients/${p.patientId}/sessions/${scheduled.body.id}`;
    const support = await signInAs(t, 'support');
    const confirmed = await inject('POST', `${base}/support-confirmation`, support.cookie, { attest: true });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    const nurse = await signInAs(t, 'nurse');
    assert.equal((await inject('POST', `${base}/live-monitor`, nurse.cookie)).status, 200);
    return { id: scheduled.body.id as string, base };
  }

  /** The session's row on the nurse's board of its own clinic day. */
  const boardRow = async (sessionId: string, cookie: string) => {
    const board = await inject('GET', await boardPathOfSessionDay(t.deps.database.db, sessionId), cookie);
    return { board, row: board.body.items.find((r: Json) => r.sessionId === sessionId) };
  };

  const events = async (sessionId: string, kind: string) =>
    t.deps.database.db
      .selectFrom('session_events')
      .select(['kind', 'details'])
      .where('session_id', '=', sessionId)
      .where('kind', '=', kind)
      .execute();
  const deniedAudits = async (sessionId: string, subtype: string) =>
    t.deps.database.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('entity_id', '=', sessionId)
      .where('subtype', '=', subtype)
      .where('outcome', '=', 'denied')
      .execute();
  const doses = async (sessionId: string) => (await events(sessionId, 'dose_taken')).length;

  it('a high reading holds; a retake too soon is refused on the record; a high retake leaves it for a nurse, who lifts it with a reason', async () => {
    const p = await readyForSessions(t);
    const s = await sessionWithCompany(p);
    let cookie = p.cookie;

    const first = await inject('PUT', `${s.base}/preparation`, cookie, {
      checklist,
      vitals: vitals(168, 102),
    });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const held = await inject('POST', `${s.base}/readiness`, cookie);
    assert.equal(held.body.readiness.status, 'held');
    assert.deepEqual(
      held.body.readiness.reasons.map((r: Json) => r.code),
      ['blood_pressure_high'],
    );
    assert.match(
      held.body.readiness.reasons[0].explanation,
      /168\/102.*one more reading after sitting quietly for 5 minutes/,
    );
    assert.equal(held.body.vitalsCheck.status, 'retake_waiting');
    const opensAt = held.body.vitalsCheck.opensAt;

    // The retake before the rest time: 409 with when it opens, nothing stored, the refusal kept.
    t.clock.advanceMinutes(2);
    const tooSoon = await inject('POST', `${s.base}/readings`, cookie, { vitals: vitals(126, 82) });
    assert.equal(tooSoon.status, 409);
    assert.equal(tooSoon.body.error.code, 'retake_too_soon');
    assert.equal(tooSoon.body.error.details.opensAt, opensAt);
    // The words name the time as a clock reads it, in the clinic's zone, not as an ISO timestamp.
    assert.match(tooSoon.body.error.message, /measure again at \d{1,2}:\d\d\s?[AP]M \S+\.$/);
    assert.doesNotMatch(tooSoon.body.error.message, /\d{4}-\d\d-\d\dT/);
    // Going back to the preparation is no way around it either.
    const viaPreparation = await inject('PUT', `${s.base}/preparation`, cookie, {
      checklist,
      vitals: vitals(126, 82),
    });
    assert.equal(viaPreparation.status, 409);
    assert.equal(viaPreparation.body.error.code, 'retake_too_soon');
    assert.equal((await events(s.id, 'retake_refused')).length, 2);
    assert.equal((await deniedAudits(s.id, 'session.reading')).length, 2);
    const afterRefusals = await inject('GET', s.base, cookie);
    assert.equal(afterRefusals.body.vitals.length, 1, 'a refused reading is not stored');
    assert.equal(afterRefusals.body.status, 'held');

    // After the rest: a retake also high. The hold stands; the words say a nurse will call.
    t.clock.advanceMinutes(4);
    const retake = await inject('POST', `${s.base}/readings`, cookie, { vitals: vitals(150, 95) });
    assert.equal(retake.status, 200, JSON.stringify(retake.body));
    assert.equal(retake.body.vitalsCheck.status, 'staff_needed');
    const stillHeld = await inject('POST', `${s.base}/readiness`, cookie);
    assert.equal(stillHeld.body.readiness.status, 'held');
    assert.match(stillHeld.body.readiness.reasons[0].explanation, /retake, 150\/95.*They will call you\./);
    // A third try, however good, does not clear it.
    const third = await inject('PUT', `${s.base}/preparation`, cookie, {
      checklist,
      vitals: vitals(120, 78),
    });
    assert.equal(third.status, 200);
    assert.equal(third.body.vitalsCheck.status, 'staff_needed');
    assert.equal((await inject('POST', `${s.base}/readiness`, cookie)).body.readiness.status, 'held');
    const refused = await inject('POST', `${s.base}/dose`, cookie, { idempotencyKey: 'hold-dose-1' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'session_held');
    assert.equal(await doses(s.id), 0);

    // Every reading is kept, each marked against the limit.
    const view = await inject('GET', s.base, cookie);
    assert.deepEqual(
      view.body.vitals.map((v: Json) => [v.systolic, v.diastolic, v.overLimit]),
      [
        [168, 102, true],
        [150, 95, true],
        [120, 78, false],
      ],
    );

    // Nobody but a nurse or clinician lifts it; a reason is required.
    const bySupport = await inject('POST', `${s.base}/hold-lift`, (await signInAs(t, 'support')).cookie, {
      reason: liftReason,
    });
    assert.equal(bySupport.status, 403);
    assert.equal((await inject('POST', `${s.base}/hold-lift`, cookie, { reason: liftReason })).status, 403);
    const nurse = await signInAs(t, 'nurse');
    const short = await inject('POST', `${s.base}/hold-lift`, nurse.cookie, { reason: 'ok' });
    assert.equal(short.status, 400);

    // The nurse sees both readings and the hold on the board, then lifts it.
    const { board, row } = await boardRow(s.id, nurse.cookie);
    assert.ok(row, JSON.stringify(board.body));
    assert.equal(row.status, 'held');
    assert.equal(row.wasHeld, true);
    assert.deepEqual(
      row.readings.map((r: Json) => `${r.systolic}/${r.diastolic}`),
      ['168/102', '150/95', '120/78'],
    );
    assert.equal(row.vitalsCheck.status, 'staff_needed');

    t.clock.advanceMinutes(1);
    const lifted = await inject('POST', `${s.base}/hold-lift`, nurse.cookie, { reason: liftReason });
    assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
    assert.equal(lifted.body.holdLift.byName, 'Jordan Reyes');
    assert.equal(lifted.body.holdLift.reason, liftReason);
    assert.equal(lifted.body.vitalsCheck.status, 'lifted');
    assert.equal((await events(s.id, 'hold_lifted')).length, 1);
    const liftAudit = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['outcome', 'details'])
      .where('entity_id', '=', s.id)
      .where('subtype', '=', 'session.hold_lift')
      .execute();
    assert.equal(liftAudit.length, 1);
    assert.doesNotMatch(
      JSON.stringify(liftAudit[0]!.details),
      /Called Maya/,
      'free text stays off the audit trail',
    );
    const heldAlerts = await t.deps.database.db
      .selectFrom('alerts')
      .select(['status'])
      .where('source_id', '=', s.id)
      .where('kind', '=', 'session_held')
      .execute();
    assert.ok(
      heldAlerts.length > 0 && heldAlerts.every((a) => a.status === 'resolved'),
      'the hold alert is closed',
    );
    const liftedRow = (await boardRow(s.id, nurse.cookie)).row;
    assert.equal(liftedRow.holdLift.byName, 'Jordan Reyes');
    assert.equal(liftedRow.wasHeld, true, 'held today, even once lifted');

    // A second lift has nothing to lift.
    const again = await inject('POST', `${s.base}/hold-lift`, nurse.cookie, { reason: liftReason });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'no_hold_to_lift');

    cookie = await login(p);
    assert.equal((await inject('POST', `${s.base}/readiness`, cookie)).body.readiness.status, 'cleared');
    const dosed = await inject('POST', `${s.base}/dose`, cookie, { idempotencyKey: 'hold-dose-2' });
    assert.equal(dosed.status, 200, JSON.stringify(dosed.body));
    assert.equal(await doses(s.id), 1);
  });

  it('a rested retake within the limit clears the hold', async () => {
    const p = await readyForSessions(t);
    const s = await sessionWithCompany(p);
    await inject('PUT', `${s.base}/preparation`, p.cookie, { checklist, vitals: vitals(144, 88) });
    assert.equal((await inject('POST', `${s.base}/readiness`, p.cookie)).body.readiness.status, 'held');
    t.clock.advanceMinutes(5);
    const retake = await inject('POST', `${s.base}/readings`, p.cookie, { vitals: vitals(134, 84) });
    assert.equal(retake.status, 200, JSON.stringify(retake.body));
    assert.equal(retake.body.vitalsCheck.status, 'retake_within');
    const cleared = await inject('POST', `${s.base}/readiness`, p.cookie);
    assert.equal(cleared.body.readiness.status, 'cleared', JSON.stringify(cleared.body.readiness));
    assert.deepEqual(
      (await events(s.id, 'reading_taken')).map((e) => (e.details as Json).retake),
      [false, true],
    );
  });

  it('there is no hold to lift on readings within the limit', async () => {
    const p = await readyForSessions(t);
    const s = await sessionWithCompany(p);
    await inject('PUT', `${s.base}/preparation`, p.cookie, { checklist, vitals: vitals(120, 80) });
    const nurse = await signInAs(t, 'nurse');
    const res = await inject('POST', `${s.base}/hold-lift`, nurse.cookie, { reason: liftReason });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'no_hold_to_lift');
    assert.equal((await events(s.id, 'hold_lifted')).length, 0);
  });

  it('a dose outside its window is refused in plain words, and the refusal is on the record', async () => {
    const p = await readyForSessions(t);
    const s = await sessionWithCompany(p, 180);
    await inject('PUT', `${s.base}/preparation`, p.cookie, { checklist, vitals: vitals(120, 80) });
    const check = await inject('POST', `${s.base}/readiness`, p.cookie);
    assert.deepEqual(
      check.body.readiness.reasons.map((r: Json) => r.code),
      ['outside_dose_window'],
    );
    const early = await inject('POST', `${s.base}/dose`, p.cookie, { idempotencyKey: 'window-1' });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'outside_dose_window');
    assert.match(early.body.error.message, /too early.*between .* and /);
    assert.equal(early.body.error.details.opensAt, check.body.doseWindow.opensAt);
    assert.equal(
      Date.parse(early.body.error.details.opensAt),
      Date.parse(check.body.scheduledFor) - 60 * 60_000,
      'the window opens 60 minutes before',
    );
    assert.equal(await doses(s.id), 0);
    assert.deepEqual(
      (await events(s.id, 'dose_refused')).map((e) => (e.details as Json).code),
      ['outside_dose_window'],
    );
    assert.equal((await deniedAudits(s.id, 'session.dose')).length, 1);
    // Waiting for the window is nothing for the nurse to act on.
    const alerts = await t.deps.database.db
      .selectFrom('alerts')
      .select('id')
      .where('source_id', '=', s.id)
      .execute();
    assert.equal(alerts.length, 0);

    t.clock.advanceMinutes(125);
    const cookie = await login(p);
    assert.equal((await inject('POST', `${s.base}/readiness`, cookie)).body.readiness.status, 'cleared');
    assert.equal(
      (await inject('POST', `${s.base}/dose`, cookie, { idempotencyKey: 'window-2' })).status,
      200,
    );
  });

  it('a dose refused for a hold commits the hold status, a timeline event and a denied audit entry', async () => {
    const p = await readyForSessions(t);
    const s = await sessionWithCompany(p);
    await inject('PUT', `${s.base}/preparation`, p.cookie, { checklist, vitals: vitals(160, 100) });
    // Straight to the dose without a readiness check: the refusal still lands on the record.
    const res = await inject('POST', `${s.base}/dose`, p.cookie, { idempotencyKey: 'durable-1' });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'session_held');
    const row = await t.deps.database.db
      .selectFrom('dosing_sessions')
      .select(['status', 'readiness', 'dosed_at'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'held');
    assert.equal(row.dosed_at, null);
    assert.deepEqual(
      (await events(s.id, 'dose_refused')).map((e) => (e.details as Json).code),
      ['session_held'],
    );
    const denied = await deniedAudits(s.id, 'session.dose');
    assert.equal(denied.length, 1);
    assert.deepEqual((denied[0]!.details as Json).reasons, ['blood_pressure_high']);
  });

  it('the check-in opens only after the observation time; a late recheck alerts the nurse once', async () => {
    const p = await readyForSessions(t);
    const s = await sessionWithCompany(p);
    await inject('PUT', `${s.base}/preparation`, p.cookie, { checklist, vitals: vitals(120, 80) });
    await inject('POST', `${s.base}/readiness`, p.cookie);
    const dosed = await inject('POST', `${s.base}/dose`, p.cookie, { idempotencyKey: 'observation-dose' });
    assert.equal(dosed.status, 200, JSON.stringify(dosed.body));
    assert.equal(
      Date.parse(dosed.body.checkInOpensAt) - Date.parse(dosed.body.dosedAt),
      120 * 60_000,
      'two hours of observation',
    );
    const checkIn = {
      idempotencyKey: 'obs-checkin',
      sideEffects,
      effect: 'moderate',
      experience: 4,
      mood: 4,
    };
    const early = await inject('POST', `${s.base}/check-in`, p.cookie, checkIn);
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'check_in_not_open');
    assert.equal(early.body.error.details.opensAt, dosed.body.checkInOpensAt);
    assert.match(early.body.error.message, /120 minutes after the dose, at \d{1,2}:\d\d\s?[AP]M \S+\./);
    assert.doesNotMatch(early.body.error.message, /\d{4}-\d\d-\d\dT/);
    assert.equal((await events(s.id, 'check_in_refused')).length, 1);
    assert.equal((await deniedAudits(s.id, 'session.check_in')).length, 1);

    // The recheck is due at 40 minutes; 20 minutes of grace; then the nurse is told, once.
    t.clock.advanceMinutes(59);
    await runSessionDuties(t.deps);
    const lateAlerts = async () =>
      t.deps.database.db
        .selectFrom('alerts')
        .select(['id', 'severity'])
        .where('source_id', '=', s.id)
        .where('kind', '=', 'recheck_overdue')
        .execute();
    assert.equal((await lateAlerts()).length, 0, 'not yet: within the grace');
    t.clock.advanceMinutes(2);
    await runSessionDuties(t.deps);
    await runSessionDuties(t.deps);
    const raised = await lateAlerts();
    assert.equal(raised.length, 1, 'raised once, however often the duties run');
    assert.equal(raised[0]!.severity, 'high');
    assert.equal((await events(s.id, 'recheck_late')).length, 1);
    let cookie = await login(p);
    const view = await inject('GET', s.base, cookie);
    assert.equal(view.body.recheckLate, true);
    assert.equal(view.body.recheckDone, false);
    const nurse = await signInAs(t, 'nurse');
    const lateRow = (await boardRow(s.id, nurse.cookie)).row;
    assert.equal(lateRow.recheckLate, true);
    // Resolving it does not bring it back.
    await inject('POST', `/api/alerts/${raised[0]!.id}/resolve`, nurse.cookie, {
      note: 'Called; recheck 128/80.',
    });
    await runSessionDuties(t.deps);
    assert.equal((await lateAlerts()).length, 1);

    t.clock.advanceMinutes(60);
    cookie = await login(p);
    const done = await inject('POST', `${s.base}/check-in`, cookie, checkIn);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'completed');
  });

  it('titration suggests no increase after a help press, and an earlier suggestion cannot be approved once overtaken', async () => {
    const p = await readyForSessions(t);
    const complete = async (s: { base: string }, key: string, help: boolean) => {
      let cookie = await login(p);
      await inject('PUT', `${s.base}/preparation`, cookie, { checklist, vitals: vitals(120, 80) });
      assert.equal((await inject('POST', `${s.base}/readiness`, cookie)).body.readiness.status, 'cleared');
      assert.equal(
        (await inject('POST', `${s.base}/dose`, cookie, { idempotencyKey: `${key}-dose` })).status,
        200,
      );
      if (help) await inject('POST', `${s.base}/help`, cookie, { idempotencyKey: `${key}-help` });
      t.clock.advanceMinutes(121);
      cookie = await login(p);
      const res = await inject('POST', `${s.base}/check-in`, cookie, {
        idempotencyKey: `${key}-checkin`,
        sideEffects,
        effect: 'none',
        experience: 4,
        mood: 4,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };
    const suggestions = async () => {
      const clinician = await signInAs(t, 'clinician');
      return (await inject('GET', `/api/patients/${p.patientId}/titration`, clinician.cookie)).body
        .items as Json[];
    };

    const first = await sessionWithCompany(p);
    await complete(first, 'first', true);
    const [afterHelp] = await suggestions();
    assert.equal(afterHelp!.action, 'keep');
    assert.ok(
      afterHelp!.reasons.some((r: string) => /pressed "I need help"/.test(r)),
      afterHelp!.reasons.join(' '),
    );
    assert.ok(afterHelp!.reasons.every((r: string) => !/well tolerated/.test(r)));

    // Close the help alert, then a second, calm session: its suggestion replaces the first.
    const nurse = await signInAs(t, 'nurse');
    const alerts = await inject('GET', `/api/patients/${p.patientId}/alerts`, nurse.cookie);
    for (const alert of alerts.body.items) {
      if (alert.status !== 'resolved') {
        await inject('POST', `/api/alerts/${alert.id}/resolve`, nurse.cookie, {
          note: 'Called; all well now.',
        });
      }
    }
    t.clock.advanceMinutes(72 * 60);
    const second = await sessionWithCompany(p);
    await complete(second, 'second', false);
    const items = await suggestions();
    const old = items.find((s) => s.id === afterHelp!.id)!;
    assert.equal(old.status, 'superseded');
    const current = items.find((s) => s.status === 'pending')!;
    assert.equal(current.sessionNumber, 2);
    assert.equal(current.action, 'increase');
    const decide = await signInAs(t, 'clinician');
    const stale = await inject(
      'POST',
      `/api/patients/${p.patientId}/titration/${old.id}/decision`,
      decide.cookie,
      {
        decision: 'approve',
      },
    );
    assert.equal(stale.status, 409);
    assert.match(stale.body.error.message, /later session/);
    const queue = await inject('GET', '/api/titration/queue', decide.cookie);
    assert.deepEqual(
      queue.body.items.filter((s: Json) => s.patientId === p.patientId).map((s: Json) => s.id),
      [current.id],
    );
  });

  it('the support person and the coach see that a session is held, never why: no item answer, dose, vital or check-in', async () => {
    const p = await readyForSessions(t);
    const admin = await signInAs(t, 'admin');
    assert.equal(
      (
        await inject('POST', `/api/patients/${p.patientId}/care-team`, admin.cookie, {
          staffUserId: demoIds.coach,
          role: 'coach',
        })
      ).status,
      204,
    );
    const s = await sessionWithCompany(p);
    await inject('PUT', `${s.base}/preparation`, p.cookie, { checklist, vitals: vitals(168, 102) });
    // An urgent alert of the kind a positive item 9 raises holds the dose too.
    await inject('POST', `${s.base}/help`, p.cookie, { idempotencyKey: 'need-to-know-help' });
    const own = await inject('POST', `${s.base}/readiness`, p.cookie);
    assert.deepEqual(
      own.body.readiness.reasons.map((r: Json) => r.code),
      ['blood_pressure_high', 'safety_alert_open'],
    );
    assert.match(JSON.stringify(own.body.readiness), /168\/102/, 'the patient reads her own reading');

    for (const role of ['support', 'coach'] as const) {
      const viewer = await signInAs(t, role);
      const view = await inject('GET', s.base, viewer.cookie);
      assert.equal(view.status, 200, `${role}: ${JSON.stringify(view.body)}`);
      assert.equal(view.body.status, 'held');
      assert.deepEqual(
        view.body.readiness.reasons.map((r: Json) => r.code),
        ['care_team_check'],
        `${role} sees one plain hold`,
      );
      const text = JSON.stringify(view.body);
      // The readings as numbers in any field, or in words: ids and times may hold the same digits.
      assert.doesNotMatch(text, /:\s*(168|102)[,}\]]/, `${role} must not read the readings: ${text}`);
      for (const secret of ['168/102', 'blood_pressure', 'I need help" was pressed', 'item 9', 'Spravato']) {
        assert.ok(!text.includes(secret), `${role} must not read "${secret}": ${text}`);
      }
      assert.equal(view.body.plannedDoseMg, null);
      assert.deepEqual(view.body.vitals, []);
      assert.equal(view.body.checkIn, null);
      assert.equal(view.body.vitalsCheck, null);
      const list = await inject('GET', `/api/patients/${p.patientId}/sessions`, viewer.cookie);
      assert.ok(list.body.items.every((item: Json) => item.plannedDoseMg === null && item.doseMg === null));
    }
  });
});
