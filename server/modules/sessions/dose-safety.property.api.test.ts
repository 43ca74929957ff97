/**
 * The dose invariants under random use (DESIGN › Safety invariants), as a property test:
 * over random sequences of scheduling, preparing with random vitals, confirming the support
 * person or not, joining live or not, readiness checks, doses with retries and concurrent
 * duplicates, rested retakes, holds lifted by a nurse, check-ins early and on time, plan edits
 * with fresh or stale versions, and time passing, a dose is never recorded while a hold applies,
 * never above the plan's dose, never inside the minimum interval, never outside its dose window,
 * and never twice for one session; no check-in comes before the observation time. The checks read
 * the database afterwards and recompute each condition independently of the readiness module;
 * "before the dose" is the order of the audit trail, not a timestamp (the test clock stands still
 * between actions, so an alert raised after the dose can carry the dose's very time).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { fullChecklist, noSideEffects } from '../../testing/session-day.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { readyForSessions } from '../../testing/treatment-fixture.ts';

type Action =
  | { kind: 'schedule'; hoursAhead: number }
  | { kind: 'prepare'; systolic: number; diastolic: number; heartRate: number; checklistOk: boolean }
  | { kind: 'confirmSupport' }
  | { kind: 'joinLive' }
  | { kind: 'readiness' }
  | { kind: 'dose'; key: number; duplicates: number }
  | { kind: 'help' }
  | { kind: 'resolveAlerts' }
  | { kind: 'editPlan'; doseMg: number; stale: boolean }
  | { kind: 'checkIn' }
  | { kind: 'wait'; hours: number }
  | { kind: 'rest'; minutes: number }
  | { kind: 'retake'; systolic: number; diastolic: number; heartRate: number }
  | { kind: 'liftHold' }
  | {
      kind: 'attempt';
      systolic: number;
      diastolic: number;
      heartRate: number;
      support: boolean;
      live: boolean;
      duplicates: number;
    };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('schedule' as const),
      hoursAhead: fc.integer({ min: 0, max: 200 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('prepare' as const),
      systolic: fc.integer({ min: 100, max: 175 }),
      diastolic: fc.integer({ min: 60, max: 99 }),
      heartRate: fc.integer({ min: 40, max: 125 }),
      checklistOk: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'confirmSupport' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'joinLive' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'readiness' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('dose' as const),
      key: fc.integer({ min: 0, max: 3 }),
      duplicates: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'help' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resolveAlerts' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('editPlan' as const),
      doseMg: fc.constantFrom(200, 250, 300, 350, 400, 450),
      stale: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'checkIn' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 96 }) }),
  },
  // Minutes: the rest before a retake, the observation before the check-in, the dose window.
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('rest' as const), minutes: fc.constantFrom(2, 5, 30, 90, 130) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('retake' as const),
      systolic: fc.integer({ min: 110, max: 165 }),
      diastolic: fc.integer({ min: 65, max: 99 }),
      heartRate: fc.integer({ min: 45, max: 120 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'liftHold' as const }) },
  // A whole session-day attempt, mostly well prepared, so runs reach the dose often.
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('attempt' as const),
      systolic: fc.integer({ min: 105, max: 150 }),
      diastolic: fc.integer({ min: 65, max: 95 }),
      heartRate: fc.integer({ min: 45, max: 115 }),
      support: fc.boolean(),
      live: fc.boolean(),
      duplicates: fc.integer({ min: 1, max: 3 }),
    }),
  },
);

describe('dose safety invariants (property)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('hold, plan dose, minimum interval and once-per-session always hold', async () => {
    let run = 0;
    let dosesSeen = 0;
    let holdsSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 22 }), async (randomActions) => {
        const actions: Action[] = [{ kind: 'schedule', hoursAhead: 0 }, ...randomActions];
        run += 1;
        const p = await readyForSessions(t);
        const api = async (method: string, url: string, cookie: string, payload?: object, headers = {}) => {
          const res = await t.app.inject({
            method: method as 'POST',
            url,
            headers: { cookie, ...headers },
            payload,
          });
          assert.ok(res.statusCode < 500, `${method} ${url}: ${res.statusCode} ${res.body}`);
          return { status: res.statusCode, body: res.body ? res.json() : {} };
        };
        const login = async (email: string) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email, password: 'a quiet morning by the lake' },
          });
          return String([res.headers['set-cookie']].flat().find((c) => c?.includes('sw_session='))).split(
            ';',
          )[0]!;
        };
        let patient = p.cookie;
        let staleVersion: number | null = null;
        const base = () => `/api/patients/${p.patientId}/sessions`;
        const currentSession = async () => {
          const list = await api('GET', base(), patient);
          return (list.body.items ?? []).find(
            (s: { status: string }) => !['completed', 'missed', 'cancelled'].includes(s.status),
          ) as { id: string; status: string } | undefined;
        };
        for (const a of actions) {
          const session =
            a.kind === 'schedule' || a.kind === 'wait' || a.kind === 'editPlan'
              ? undefined
              : await currentSession();
          const sessionUrl = session ? `${base()}/${session.id}` : null;
          switch (a.kind) {
            case 'schedule': {
              const clinician = await signInAs(t, 'clinician');
              await api('POST', base(), clinician.cookie, {
                scheduledFor: new Date(t.clock.now().getTime() + a.hoursAhead * 3_600_000).toISOString(),
              });
              break;
            }
            case 'prepare':
              if (sessionUrl) {
                await api('PUT', `${sessionUrl}/preparation`, patient, {
                  checklist: {
                    fasting: true,
                    noAlcohol24h: a.checklistOk,
                    privateQuietRoom: true,
                    eyeMaskAndMusic: true,
                    noDrivingUntilTomorrow: true,
                  },
                  vitals: { systolic: a.systolic, diastolic: a.diastolic, heartRate: a.heartRate },
                });
              }
              break;
            case 'confirmSupport':
              if (sessionUrl) {
                const support = await signInAs(t, 'support');
                await api('POST', `${sessionUrl}/support-confirmation`, support.cookie, { attest: true });
              }
              break;
            case 'joinLive':
              if (sessionUrl) {
                const nurse = await signInAs(t, 'nurse');
                await api('POST', `${sessionUrl}/live-monitor`, nurse.cookie);
              }
              break;
            case 'readiness':
              if (sessionUrl) await api('POST', `${sessionUrl}/readiness`, patient);
              break;
            case 'dose':
              if (sessionUrl) {
                await Promise.all(
                  Array.from({ length: a.duplicates }, () =>
                    api('POST', `${sessionUrl}/dose`, patient, { idempotencyKey: `run${run}-dose-${a.key}` }),
                  ),
                );
              }
              break;
            case 'help':
              if (sessionUrl)
                await api('POST', `${sessionUrl}/help`, patient, { idempotencyKey: `run${run}-help` });
              break;
            case 'resolveAlerts': {
              const nurse = await signInAs(t, 'nurse');
              const alerts = await api('GET', `/api/patients/${p.patientId}/alerts`, nurse.cookie);
              for (const alert of alerts.body.items ?? []) {
                if (alert.status !== 'resolved') {
                  await api('POST', `/api/alerts/${alert.id}/resolve`, nurse.cookie, {
                    note: 'Called; all well.',
                  });
                }
              }
              break;
            }
            case 'editPlan': {
              const clinician = await signInAs(t, 'clinician');
              const plan = (
                await api('GET', `/api/patients/${p.patientId}/plans/${p.planId}`, clinician.cookie)
              ).body;
              const version = a.stale && staleVersion !== null ? staleVersion : plan.version;
              const res = await api(
                'PATCH',
                `/api/patients/${p.patientId}/plans/${p.planId}`,
                clinician.cookie,
                { doseMg: a.doseMg, changeNote: 'Property test edit' },
                { 'if-match': String(version) },
              );
              if (version !== plan.version) assert.equal(res.status, 412, 'a stale edit never overwrites');
              staleVersion = plan.version;
              break;
            }
            case 'checkIn':
              if (sessionUrl) {
                await api('POST', `${sessionUrl}/check-in`, patient, {
                  idempotencyKey: `run${run}-checkin`,
                  sideEffects: { ...noSideEffects, dissociation: 'mild' },
                  effect: 'moderate',
                  experience: 4,
                  mood: 4,
                });
              }
              break;
            case 'attempt':
              if (sessionUrl) {
                await api('PUT', `${sessionUrl}/preparation`, patient, {
                  checklist: fullChecklist,
                  vitals: { systolic: a.systolic, diastolic: a.diastolic, heartRate: a.heartRate },
                });
                if (a.support) {
                  const support = await signInAs(t, 'support');
                  await api('POST', `${sessionUrl}/support-confirmation`, support.cookie, { attest: true });
                }
                if (a.live) {
                  const nurse = await signInAs(t, 'nurse');
                  await api('POST', `${sessionUrl}/live-monitor`, nurse.cookie);
                }
                await api('POST', `${sessionUrl}/readiness`, patient);
                await Promise.all(
                  Array.from({ length: a.duplicates }, (_, i) =>
                    api('POST', `${sessionUrl}/dose`, patient, { idempotencyKey: `run${run}-attempt-${i}` }),
                  ),
                );
              }
              break;
            case 'wait':
              t.clock.advance(a.hours * 3_600_000);
              patient = await login(p.email);
              break;
            case 'rest':
              t.clock.advanceMinutes(a.minutes);
              patient = await login(p.email);
              break;
            case 'retake':
              if (sessionUrl) {
                const res = await api('POST', `${sessionUrl}/readings`, patient, {
                  vitals: { systolic: a.systolic, diastolic: a.diastolic, heartRate: a.heartRate },
                });
                if (res.status === 409)
                  assert.ok(['retake_too_soon', 'conflict'].includes(res.body.error.code));
              }
              break;
            case 'liftHold':
              if (sessionUrl) {
                const nurse = await signInAs(t, 'nurse');
                await api('POST', `${sessionUrl}/hold-lift`, nurse.cookie, {
                  reason: 'Spoke with her; feeling well, rested reading acceptable.',
                });
              }
              break;
          }
        }
        const seen = await assertInvariants(t, p.patientId, p.planId);
        dosesSeen += seen.doses;
        holdsSeen += seen.holds;
      }),
      {
        // About a minute in CI; `npm run test:property` runs 1,000.
        numRuns: Number(process.env.PROPERTY_RUNS ?? 16),
        endOnFailure: true,
        includeErrorInReport: true,
        // Seed 723636949, path 7: help pressed right after a dose, at the same frozen instant.
        // The server was right (the dose came first); the old oracle compared timestamps.
        examples: [[regressionSeed723636949], [helpAtTheInstantOfTheDose]],
        ...(process.env.PROPERTY_SEED
          ? { seed: Number(process.env.PROPERTY_SEED), path: process.env.PROPERTY_PATH }
          : {}),
      },
    );
    // The property is only worth something if the runs both dosed and were held.
    assert.ok(dosesSeen > 0, `no run recorded a dose (${holdsSeen} holds)`);
    assert.ok(holdsSeen > 0, `no run was held (${dosesSeen} doses)`);
  });
});

async function assertInvariants(t: TestApp, patientId: string, planId: string) {
  const db = t.deps.database.db;
  const sessions = await db
    .selectFrom('dosing_sessions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('dosed_at', 'is not', null)
    .orderBy('dosed_at')
    .execute();
  const doseEvents = await db
    .selectFrom('session_events')
    .select(['session_id'])
    .where('patient_id', '=', patientId)
    .where('kind', '=', 'dose_taken')
    .execute();
  // Never twice for one session.
  assert.equal(doseEvents.length, sessions.length);
  assert.equal(new Set(doseEvents.map((e) => e.session_id)).size, doseEvents.length);

  const versions = await db
    .selectFrom('treatment_plan_versions')
    .select(['version', 'snapshot', 'changed_at'])
    .where('plan_id', '=', planId)
    .orderBy('version')
    .execute();
  const alerts = await db
    .selectFrom('alerts')
    .select(['id', 'severity'])
    .where('patient_id', '=', patientId)
    .execute();
  // The audit trail's order is the order things happened in, whatever the (frozen) clock says.
  const audit = await db
    .selectFrom('audit_events')
    .select(['seq', 'subtype', 'entity_id', 'outcome'])
    .where('patient_id', '=', patientId)
    .orderBy('seq')
    .execute();
  const seqOf = (entityId: string, match: (subtype: string) => boolean) =>
    audit.find((e) => e.entity_id === entityId && e.outcome === 'success' && match(e.subtype))?.seq ?? null;
  const plan = await db
    .selectFrom('treatment_plans')
    .selectAll()
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  let previous: Date | null = null;
  for (const session of sessions) {
    const dosedAt = session.dosed_at!;
    // The plan in force when the dose was taken: the latest version written at or before it.
    const inForce = versions.filter((v) => v.changed_at.getTime() <= dosedAt.getTime()).at(-1)!;
    const snapshot = inForce.snapshot as {
      doseMg: number;
      maxDoseMg: number;
      status: string;
      minHoursBetweenSessions: number;
      bloodPressureLimit: { systolic: number; diastolic: number };
      heartRateRange: { min: number; max: number };
    };
    assert.equal(session.dose_mg, snapshot.doseMg, 'the dose is the plan dose in force');
    assert.ok(session.dose_mg! <= snapshot.maxDoseMg);
    assert.equal(snapshot.status, 'active');
    if (previous) {
      assert.ok(
        dosedAt.getTime() - previous.getTime() >= snapshot.minHoursBetweenSessions * 3_600_000,
        'never inside the minimum interval',
      );
    }
    previous = dosedAt;

    // Every pre-dose reading since the last staff lift, under the rested-retake rule.
    const liftedAt = session.hold_lifted_at;
    const readings = (
      await db
        .selectFrom('vitals')
        .selectAll()
        .where('session_id', '=', session.id)
        .where('context', '=', 'pre_dose')
        .where('taken_at', '<=', dosedAt)
        .orderBy('taken_at')
        .orderBy('id')
        .execute()
    ).filter((r) => liftedAt === null || r.taken_at.getTime() >= liftedAt.getTime());
    const high = (r: (typeof readings)[number]) =>
      r.systolic! >= snapshot.bloodPressureLimit.systolic ||
      r.diastolic! >= snapshot.bloodPressureLimit.diastolic ||
      r.heart_rate! < snapshot.heartRateRange.min ||
      r.heart_rate! > snapshot.heartRateRange.max;
    if (liftedAt === null) assert.ok(readings.length > 0, 'vitals were taken before the dose');
    else assert.ok(liftedAt <= dosedAt, 'a hold is lifted before the dose');
    const firstHigh = readings.findIndex(high);
    if (firstHigh >= 0) {
      const after = readings.slice(firstHigh + 1);
      assert.equal(after.length, 1, 'after a high reading, exactly one retake, then staff');
      assert.ok(!high(after[0]!), 'the retake was within the limits');
      assert.ok(
        after[0]!.taken_at.getTime() - readings[firstHigh]!.taken_at.getTime() >=
          plan.retake_after_minutes * 60_000,
        'the retake came after the rest time',
      );
    }
    const window = session.scheduled_for.getTime();
    assert.ok(
      dosedAt.getTime() >= window - plan.dose_window_before_minutes * 60_000 &&
        dosedAt.getTime() <= window + plan.dose_window_after_minutes * 60_000,
      'the dose was inside its window',
    );
    if (session.completed_at) {
      assert.ok(
        session.completed_at.getTime() >= dosedAt.getTime() + plan.observation_minutes * 60_000,
        'no check-in before the observation time',
      );
    }
    const checklist = session.checklist as Record<string, boolean> | null;
    assert.ok(checklist && Object.values(checklist).every(Boolean), 'the checklist was complete');
    assert.ok(
      session.support_confirmed_at && session.support_confirmed_at <= dosedAt,
      'support person confirmed',
    );
    if (session.first_session) {
      assert.ok(
        session.live_monitor_joined_at && session.live_monitor_joined_at <= dosedAt,
        'live monitor on the first',
      );
    }
    const doseSeq = seqOf(session.id, (subtype) => subtype === 'session.dose');
    assert.ok(doseSeq !== null, 'the dose is on the audit trail');
    const openUrgent = alerts.filter((a) => {
      if (a.severity !== 'urgent') return false;
      const raised = seqOf(a.id, (subtype) => subtype.startsWith('alert.raise.'));
      const resolved = seqOf(a.id, (subtype) => subtype === 'alert.resolve');
      return raised !== null && raised < doseSeq! && (resolved === null || resolved > doseSeq!);
    });
    assert.equal(openUrgent.length, 0, 'no unresolved urgent alert at the dose');
  }
  const holds = await db
    .selectFrom('session_events')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('kind', '=', 'held')
    .execute();
  return { doses: sessions.length, holds: holds.length };
}

/** The counterexample of seed 723636949 (path 7), kept as a fixed case. */
const regressionSeed723636949: Action[] = [
  { kind: 'wait', hours: 58 },
  { kind: 'confirmSupport' },
  { kind: 'dose', key: 2, duplicates: 3 },
  { kind: 'checkIn' },
  { kind: 'dose', key: 1, duplicates: 2 },
  { kind: 'checkIn' },
  { kind: 'prepare', systolic: 104, diastolic: 66, heartRate: 45, checklistOk: false },
  { kind: 'attempt', systolic: 134, diastolic: 70, heartRate: 50, support: true, live: true, duplicates: 1 },
  { kind: 'help' },
  { kind: 'dose', key: 1, duplicates: 2 },
  { kind: 'readiness' },
  { kind: 'attempt', systolic: 134, diastolic: 77, heartRate: 81, support: false, live: true, duplicates: 3 },
  { kind: 'help' },
  { kind: 'wait', hours: 80 },
];

/**
 * The same situation inside today's rules (the original waits 58 hours, now outside the dose
 * window): a dose, then "I need help" at the very same instant, then more dose taps.
 */
const helpAtTheInstantOfTheDose: Action[] = [
  { kind: 'attempt', systolic: 134, diastolic: 70, heartRate: 50, support: true, live: true, duplicates: 1 },
  { kind: 'help' },
  { kind: 'dose', key: 1, duplicates: 2 },
  { kind: 'readiness' },
  { kind: 'help' },
  { kind: 'wait', hours: 80 },
];
