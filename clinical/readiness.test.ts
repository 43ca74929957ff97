import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assessReadiness,
  assessVitals,
  type HoldCode,
  holdCodes,
  type ReadinessInput,
  sessionSafetyDefaults,
} from './readiness.ts';

const now = new Date('2026-03-10T15:00:00.000Z');
const hour = 3_600_000;

const ready: ReadinessInput = {
  now,
  candidacyApproved: true,
  consentUpToDate: true,
  plan: {
    status: 'active',
    doseMg: 300,
    maxDoseMg: 450,
    minHoursBetweenSessions: 72,
    bloodPressureLimit: { systolic: 140, diastolic: 90 },
    heartRateRange: { min: 50, max: 110 },
    endsOn: '2026-04-30',
    sessionsPlanned: 6,
    sessionsDosed: 2,
  },
  requestedDoseMg: 300,
  lastDoseAt: new Date(now.getTime() - 7 * 24 * hour),
  vitals: { systolic: 122, diastolic: 78, heartRate: 72 },
  supportPersonConfirmed: true,
  checklist: {
    fasting: true,
    noAlcohol24h: true,
    privateQuietRoom: true,
    eyeMaskAndMusic: true,
    noDrivingUntilTomorrow: true,
  },
  firstSession: false,
  liveMonitorPresent: false,
  unresolvedSafetyAlerts: [],
  localDate: '2026-03-10',
};

type Change = Partial<Omit<ReadinessInput, 'plan'>> & { plan?: Partial<ReadinessInput['plan']> };

function input(change: Change): ReadinessInput {
  return { ...ready, ...change, plan: { ...ready.plan, ...change.plan } };
}

const vitals = (systolic: number, diastolic: number, heartRate = 72) => ({ systolic, diastolic, heartRate });

describe('session readiness', () => {
  it('a fully ready session is cleared with no reasons', () => {
    assert.deepEqual(assessReadiness(ready), { status: 'cleared', reasons: [] });
  });

  /** [description, change, the one hold expected, or null for cleared] */
  const cases: [string, Change, HoldCode | null][] = [
    ['candidacy not approved', { candidacyApproved: false }, 'candidacy_not_approved'],
    ['consent not up to date', { consentUpToDate: false }, 'consent_not_signed'],
    ['plan draft', { plan: { status: 'draft' } }, 'plan_not_active'],
    ['plan paused', { plan: { status: 'paused' } }, 'plan_not_active'],
    ['plan completed', { plan: { status: 'completed' } }, 'plan_not_active'],
    ['plan ends today', { plan: { endsOn: '2026-03-10' } }, null],
    ['plan ended yesterday', { plan: { endsOn: '2026-03-09' } }, 'plan_expired'],
    ['plan without an end date', { plan: { endsOn: null } }, null],
    ['5 of 6 sessions dosed', { plan: { sessionsDosed: 5 } }, null],
    ['6 of 6 sessions dosed', { plan: { sessionsDosed: 6 } }, 'course_complete'],
    ['7 of 6 sessions dosed', { plan: { sessionsDosed: 7 } }, 'course_complete'],
    ['requested dose equal to the plan dose', { requestedDoseMg: 300 }, null],
    ['requested dose below the plan dose', { requestedDoseMg: 200 }, null],
    ['requested dose 1 mg above the plan dose', { requestedDoseMg: 301 }, 'dose_above_plan'],
    [
      'requested dose at the plan dose but above the maximum',
      { requestedDoseMg: 500, plan: { doseMg: 500 } },
      'dose_above_plan',
    ],
    ['requested dose at the maximum', { requestedDoseMg: 450, plan: { doseMg: 450 } }, null],
    ['first ever dose (no last dose)', { lastDoseAt: null }, null],
    [
      'exactly the minimum interval since the last dose',
      { lastDoseAt: new Date(now.getTime() - 72 * hour) },
      null,
    ],
    [
      'one minute short of the minimum interval',
      { lastDoseAt: new Date(now.getTime() - 72 * hour + 60_000) },
      'interval_too_short',
    ],
    [
      'one minute before the dose window opens',
      {
        doseWindow: {
          opensAt: new Date(now.getTime() + 60_000),
          closesAt: new Date(now.getTime() + 5 * hour),
        },
      },
      'outside_dose_window',
    ],
    [
      'one minute after the dose window closed',
      {
        doseWindow: {
          opensAt: new Date(now.getTime() - 5 * hour),
          closesAt: new Date(now.getTime() - 60_000),
        },
      },
      'outside_dose_window',
    ],
    [
      'at the moment the dose window opens',
      { doseWindow: { opensAt: now, closesAt: new Date(now.getTime() + 5 * hour) } },
      null,
    ],
    ['no vitals recorded', { vitals: null }, 'vitals_missing'],
    ['blood pressure 139/89', { vitals: vitals(139, 89) }, null],
    ['systolic 140', { vitals: vitals(140, 80) }, 'blood_pressure_high'],
    ['diastolic 90', { vitals: vitals(120, 90) }, 'blood_pressure_high'],
    ['blood pressure 165/100', { vitals: vitals(165, 100) }, 'blood_pressure_high'],
    [
      "the plan's own higher limit, 149/94 under 150/95",
      { vitals: vitals(149, 94), plan: { bloodPressureLimit: { systolic: 150, diastolic: 95 } } },
      null,
    ],
    ['heart rate 50', { vitals: vitals(120, 80, 50) }, null],
    ['heart rate 110', { vitals: vitals(120, 80, 110) }, null],
    ['heart rate 49', { vitals: vitals(120, 80, 49) }, 'heart_rate_out_of_range'],
    ['heart rate 111', { vitals: vitals(120, 80, 111) }, 'heart_rate_out_of_range'],
    ['support person not confirmed', { supportPersonConfirmed: false }, 'support_person_not_confirmed'],
    ['checklist not filled in', { checklist: null }, 'checklist_incomplete'],
    [
      'checklist with one item unticked',
      { checklist: { ...ready.checklist!, noAlcohol24h: false } },
      'checklist_incomplete',
    ],
    ['first session without a live monitor', { firstSession: true }, 'live_monitor_required'],
    ['first session with a live monitor', { firstSession: true, liveMonitorPresent: true }, null],
    [
      'an open safety alert',
      {
        unresolvedSafetyAlerts: [
          { id: 'a1', kind: 'phq9_item9', severity: 'urgent', reason: 'PHQ-9 item 9 answered 2' },
        ],
      },
      'safety_alert_open',
    ],
  ];

  for (const [description, change, code] of cases) {
    it(`${description} → ${code ?? 'cleared'}`, () => {
      const result = assessReadiness(input(change));
      if (code === null) {
        assert.deepEqual(result, { status: 'cleared', reasons: [] });
        return;
      }
      assert.equal(result.status, 'held');
      assert.deepEqual(
        result.reasons.map((r) => r.code),
        [code],
      );
      const [reason] = result.reasons;
      assert.ok(reason!.title.length > 3 && reason!.title.length <= 50, 'a short title');
      assert.ok(reason!.explanation.length > 40, 'explained in words');
      assert.match(reason!.explanation, /\.$/, 'in sentences');
      assert.doesNotMatch(reason!.explanation, /_/, 'no codes in the words a patient reads');
      assert.ok(reason!.source.length > 10, 'with a source');
    });
  }

  it('every hold code is covered by a case above', () => {
    const covered = new Set(cases.map(([, , code]) => code));
    assert.deepEqual(
      holdCodes.filter((code) => !covered.has(code)),
      [],
    );
  });

  it('says which state a plan that is not active is in', () => {
    for (const status of ['draft', 'paused', 'completed'] as const) {
      const [reason] = assessReadiness(input({ plan: { status } })).reasons;
      assert.match(reason!.explanation, new RegExp(status));
    }
  });

  it('says when the next dose may be taken after an interval hold', () => {
    const lastDoseAt = new Date('2026-03-08T09:30:00.000Z');
    const result = assessReadiness(input({ lastDoseAt }));
    assert.equal(result.earliestDoseAt, '2026-03-11T09:30:00.000Z');
    assert.match(result.reasons[0]!.explanation, /72 hours/);
    assert.match(result.reasons[0]!.explanation, /2026-03-11T09:30:00\.000Z/);
    assert.equal(assessReadiness(ready).earliestDoseAt, undefined);
  });

  it('explains a blood-pressure hold with the reading, the limit and the Spravato-label source', () => {
    const [reason] = assessReadiness(input({ vitals: vitals(165, 100) })).reasons;
    assert.match(
      reason!.explanation,
      /^Your blood pressure reading 165\/100 is at or above your plan's limit of 140\/90/,
    );
    assert.match(reason!.source, /Spravato label/);
    assert.match(reason!.source, /clinic protocol default 140\/90/);
  });

  it("gives the clinician's reason for a patient's own blood-pressure limit", () => {
    const [reason] = assessReadiness(
      input({
        vitals: vitals(132, 80),
        plan: { bloodPressureLimit: { systolic: 130, diastolic: 85, reason: 'treated hypertension' } },
      }),
    ).reasons;
    assert.match(reason!.explanation, /132\/80/);
    assert.match(reason!.explanation, /limit of 130\/85/);
    assert.match(reason!.explanation, /because: treated hypertension\./);
    assert.match(reason!.source, /Spravato label.*130\/85 set in this patient's plan/);
  });

  it('explains a heart-rate hold with the reading and the range', () => {
    const [reason] = assessReadiness(input({ vitals: vitals(120, 80, 118) })).reasons;
    assert.match(reason!.explanation, /118 beats a minute/);
    assert.match(reason!.explanation, /50–110/);
  });

  it('lists the unticked checklist items in words', () => {
    const [reason] = assessReadiness(
      input({ checklist: { ...ready.checklist!, fasting: false, noDrivingUntilTomorrow: false } }),
    ).reasons;
    assert.match(reason!.explanation, /no food for about 2–4 hours/);
    assert.match(reason!.explanation, /no driving until tomorrow/);
    assert.doesNotMatch(reason!.explanation, /alcohol|quiet room|eye mask/);
    const [all] = assessReadiness(input({ checklist: null })).reasons;
    assert.match(all!.explanation, /not been filled in.*food.*alcohol.*quiet room.*eye mask.*driving/);
  });

  it('names both limits when the dose is above the plan dose and the maximum', () => {
    const [reason] = assessReadiness(input({ requestedDoseMg: 500 })).reasons;
    assert.match(reason!.explanation, /500 mg.*current dose of 300 mg and .*maximum of 450 mg/);
  });

  it('gives one reason per open safety alert, without repeating what the alert says', () => {
    const result = assessReadiness(
      input({
        unresolvedSafetyAlerts: [
          { id: 'a1', kind: 'phq9_item9', severity: 'urgent', reason: 'PHQ-9 item 9 answered 2' },
          { id: 'a2', kind: 'adverse_event', severity: 'high', reason: 'Fainted after the last session' },
        ],
      }),
    );
    assert.deepEqual(
      result.reasons.map((r) => [r.code, r.alertId]),
      [
        ['safety_alert_open', 'a1'],
        ['safety_alert_open', 'a2'],
      ],
    );
    // The patient and their support person read these words: the alert's own stay with the team.
    for (const reason of result.reasons) {
      assert.doesNotMatch(reason.explanation, /item 9|answered|Fainted/);
      assert.match(reason.explanation, /care team/);
    }
  });

  it('returns every reason when several things are wrong, in hold-code order', () => {
    const result = assessReadiness(
      input({
        consentUpToDate: false,
        plan: { status: 'paused', endsOn: '2026-03-01' },
        requestedDoseMg: 350,
        lastDoseAt: new Date(now.getTime() - 24 * hour),
        vitals: vitals(150, 95, 120),
        supportPersonConfirmed: false,
        checklist: { ...ready.checklist!, fasting: false },
        firstSession: true,
        unresolvedSafetyAlerts: [{ id: 'a1', kind: 'missed_check_in', severity: 'high', reason: 'No reply' }],
      }),
    );
    assert.equal(result.status, 'held');
    // All but the four this input leaves alone (candidacy, course, dose window, a missing reading).
    const notTriggered: HoldCode[] = [
      'candidacy_not_approved',
      'course_complete',
      'outside_dose_window',
      'vitals_missing',
    ];
    assert.deepEqual(
      result.reasons.map((r) => r.code),
      holdCodes.filter((code) => !notTriggered.includes(code)),
    );
    assert.equal(result.earliestDoseAt, '2026-03-12T15:00:00.000Z');
  });

  it('without vitals holds for the missing reading, not for blood pressure or heart rate', () => {
    const result = assessReadiness(input({ vitals: null, supportPersonConfirmed: false }));
    assert.deepEqual(
      result.reasons.map((r) => r.code),
      ['vitals_missing', 'support_person_not_confirmed'],
    );
  });

  it('starts new plans from the clinic protocol defaults 140/90 and 50–110', () => {
    assert.deepEqual(sessionSafetyDefaults, {
      bloodPressureLimit: { systolic: 140, diastolic: 90 },
      heartRateRange: { min: 50, max: 110 },
    });
  });

  /** Inputs that would otherwise compare false against every limit and clear a dose. */
  const invalid: [string, Change][] = [
    ['a NaN systolic reading', { vitals: vitals(Number.NaN, 80) }],
    ['a NaN heart rate', { vitals: vitals(120, 80, Number.NaN) }],
    ['a NaN requested dose', { requestedDoseMg: Number.NaN }],
    ['a zero requested dose', { requestedDoseMg: 0 }],
    ['an invalid now', { now: new Date('not a date') }],
    ['an invalid last dose time', { lastDoseAt: new Date('not a date') }],
    ['a malformed local date', { localDate: '10/03/2026' }],
    ['a malformed plan end date', { plan: { endsOn: '2026-3-1' } }],
    ['a NaN minimum interval', { plan: { minHoursBetweenSessions: Number.NaN } }],
  ];
  for (const [description, change] of invalid) {
    it(`refuses ${description} with a RangeError`, () => {
      assert.throws(() => assessReadiness(input(change)), RangeError);
    });
  }
});

describe('the rested retake (assessVitals and readiness)', () => {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  const reading = (systolic: number, diastolic: number, minutesAgo: number, heartRate = 72) => ({
    systolic,
    diastolic,
    heartRate,
    takenAt: at(minutesAgo),
  });
  const limits = {
    bloodPressureLimit: ready.plan.bloodPressureLimit,
    heartRateRange: ready.plan.heartRateRange,
  };
  const check = (readings: ReturnType<typeof reading>[], lifted = false) =>
    assessVitals({ readings, plan: limits, lifted, retakeAfterMinutes: 5, now });

  /** [description, readings, lifted, expected status, held by readiness?] */
  const rows: [string, ReturnType<typeof reading>[], boolean, string, boolean][] = [
    ['no reading', [], false, 'missing', true],
    ['no reading after a staff lift', [], true, 'lifted', false],
    ['one reading within the limit', [reading(126, 82, 3)], false, 'within', false],
    ['high, retake not yet open (4 minutes of rest)', [reading(168, 102, 4)], false, 'retake_waiting', true],
    ['high, retake open at exactly 5 minutes', [reading(168, 102, 5)], false, 'retake_open', true],
    [
      'high, then a rested retake within the limit',
      [reading(168, 102, 9), reading(132, 84, 1)],
      false,
      'retake_within',
      false,
    ],
    [
      'high, then a retake also high',
      [reading(168, 102, 9), reading(150, 95, 1)],
      false,
      'staff_needed',
      true,
    ],
    [
      'high, retake within, then a third try',
      [reading(168, 102, 12), reading(132, 84, 6), reading(126, 80, 1)],
      false,
      'staff_needed',
      true,
    ],
    [
      'within, then a later high reading',
      [reading(126, 82, 20), reading(150, 95, 2)],
      false,
      'retake_waiting',
      true,
    ],
    [
      'heart rate 120, then a retake at 80',
      [reading(120, 80, 8, 120), reading(120, 80, 1, 80)],
      false,
      'retake_within',
      false,
    ],
    [
      'heart rate 120, then a retake still 115',
      [reading(120, 80, 8, 120), reading(120, 80, 1, 115)],
      false,
      'staff_needed',
      true,
    ],
  ];
  for (const [description, readings, lifted, status, held] of rows) {
    it(`${description}: ${status}`, () => {
      assert.equal(check(readings, lifted).status, status);
      const result = assessReadiness(input({ readings, vitalsHoldLifted: lifted, retakeAfterMinutes: 5 }));
      assert.equal(result.status, held ? 'held' : 'cleared');
    });
  }

  it('names when the retake opens, and says a nurse will call once it is used', () => {
    const waiting = assessReadiness(
      input({ readings: [reading(168, 102, 2)], retakeAfterMinutes: 5, timeZone: 'America/Denver' }),
    );
    assert.deepEqual(
      waiting.reasons.map((r) => r.code),
      ['blood_pressure_high'],
    );
    assert.match(waiting.reasons[0]!.explanation, /168\/102/);
    assert.match(waiting.reasons[0]!.explanation, /after sitting quietly for 5 minutes, from 9:03 AM MDT/);
    assert.match(waiting.reasons[0]!.source, /one rested retake after 5 minutes/);

    const used = assessReadiness(input({ readings: [reading(168, 102, 9), reading(150, 95, 1)] }));
    assert.match(used.reasons[0]!.explanation, /168\/102/);
    assert.match(used.reasons[0]!.explanation, /retake, 150\/95.*also outside/);
    assert.match(
      used.reasons[0]!.explanation,
      /nurse or clinician has spoken with you\. They will call you\./,
    );
  });

  it('every reading counts: a high reading is not forgotten because a later one is lower', () => {
    const result = assessReadiness(
      input({ readings: [reading(168, 102, 30), reading(150, 95, 20), reading(120, 75, 1)] }),
    );
    assert.equal(result.status, 'held');
  });

  it('names the dose window in the clinic time zone', () => {
    const result = assessReadiness(
      input({
        doseWindow: { opensAt: new Date('2026-03-10T15:30:00Z'), closesAt: new Date('2026-03-10T20:30:00Z') },
        timeZone: 'America/Denver',
      }),
    );
    assert.match(result.reasons[0]!.explanation, /between 9:30 AM MDT and 2:30 PM MDT/);
    assert.match(result.reasons[0]!.explanation, /too early/);
  });
});
