import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IN_SESSION_POLL_MS, type SessionFacts, sessionPhase, WAITING_POLL_MS } from './sessionPhase';

const DOSED = '2026-11-26T18:00:00.000Z';

/** A session scheduled for today, prepared, with the support person confirmed: ready for the safety check. */
const ready = (change: Partial<SessionFacts> = {}): SessionFacts => ({
  status: 'scheduled',
  firstSession: false,
  checklist: { quietRoom: true },
  vitals: [{ context: 'pre_dose' }],
  supportConfirmedAt: '2026-11-26T17:40:00.000Z',
  liveMonitorJoinedAt: null,
  ...change,
});

const at = (session: SessionFacts | null, more: Partial<Parameters<typeof sessionPhase>[0]> = {}) =>
  sessionPhase({ session, override: null, dosedAt: null, checkedIn: false, ...more });

describe('where the patient is on a session day', () => {
  it('starts at preparation before the session has loaded, asking nobody', () => {
    assert.deepEqual(at(null), {
      phase: 'pre-dose',
      preDoseStep: 'prepare',
      steps: ['prepare', 'support', 'readiness'],
      pollEveryMs: null,
    });
  });

  it('asks for preparation until both the checklist and a pre-dose reading are saved', () => {
    assert.equal(at(ready({ checklist: null })).preDoseStep, 'prepare');
    assert.equal(at(ready({ vitals: [] })).preDoseStep, 'prepare');
    assert.equal(at(ready({ vitals: [{ context: 'recheck' }] })).preDoseStep, 'prepare');
    assert.equal(at(ready()).preDoseStep, 'readiness');
  });

  it('waits for the support person, asking the server every few seconds', () => {
    const waiting = at(ready({ supportConfirmedAt: null }));
    assert.equal(waiting.preDoseStep, 'support');
    assert.equal(waiting.pollEveryMs, WAITING_POLL_MS);
  });

  it('goes back to a step the patient chose, even when it is done', () => {
    assert.equal(at(ready(), { override: 'prepare' }).preDoseStep, 'prepare');
    assert.equal(at(ready(), { override: 'support' }).preDoseStep, 'support');
  });

  it('on a first session, waits for the nurse to join before the safety check', () => {
    const first = at(ready({ firstSession: true }));
    assert.equal(first.preDoseStep, 'nurse');
    assert.deepEqual(first.steps, ['prepare', 'support', 'nurse', 'readiness']);
    assert.equal(first.pollEveryMs, WAITING_POLL_MS);
    const joined = at(ready({ firstSession: true, liveMonitorJoinedAt: '2026-11-26T17:55:00.000Z' }));
    assert.equal(joined.preDoseStep, 'readiness');
  });

  it('keeps asking while a hold waits for the retake or a nurse, and not while the check is open', () => {
    assert.equal(at(ready({ status: 'held' })).pollEveryMs, WAITING_POLL_MS);
    assert.equal(at(ready({ status: 'scheduled' })).pollEveryMs, null);
    assert.equal(at(ready({ status: 'cleared' })).pollEveryMs, null);
  });

  it('is in session once the dose is taken, even while the dose is only queued on this phone', () => {
    const dosed = at(ready({ status: 'cleared' }), { dosedAt: DOSED });
    assert.equal(dosed.phase, 'in-session');
    assert.equal(dosed.pollEveryMs, IN_SESSION_POLL_MS);
  });

  it('shows the summary once the check-in is answered', () => {
    assert.equal(at(ready({ status: 'dosed' }), { dosedAt: DOSED, checkedIn: true }).phase, 'summary');
    assert.equal(at(ready({ status: 'dosed' }), { dosedAt: DOSED, checkedIn: true }).pollEveryMs, null);
  });

  it('closes a missed or cancelled session that was never dosed', () => {
    assert.equal(at(ready({ status: 'missed' })).phase, 'closed');
    assert.equal(at(ready({ status: 'cancelled' })).phase, 'closed');
    assert.equal(at(ready({ status: 'missed' })).pollEveryMs, null);
  });
});
