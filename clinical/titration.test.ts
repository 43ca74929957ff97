import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CompletedSession,
  type Grade,
  phq9Mcid,
  type SideEffectName,
  sideEffectNames,
  suggestTitration,
  type TitrationAction,
  type TitrationPlan,
} from './titration.ts';

const plan: TitrationPlan = {
  doseMg: 300,
  stepMg: 50,
  maxDoseMg: 450,
  minDoseMg: 200,
  bloodPressureLimit: { systolic: 140, diastolic: 90 },
};

const noSideEffects = Object.fromEntries(sideEffectNames.map((name) => [name, 'none'])) as Record<
  SideEffectName,
  Grade
>;

function session(
  change: Omit<Partial<CompletedSession>, 'sideEffects'> & {
    sideEffects?: Partial<Record<SideEffectName, Grade>>;
  },
): CompletedSession {
  return {
    doseMg: 300,
    effect: 'mild',
    adverseEventGrade: null,
    ...change,
    sideEffects: { ...noSideEffects, ...change.sideEffects },
  };
}

type Case = {
  description: string;
  last: Parameters<typeof session>[0];
  planChange?: Partial<TitrationPlan>;
  phq9Change?: number | null;
  action: TitrationAction;
  nextDoseMg: number;
  /** A pattern one of the reasons must match. */
  says: RegExp;
};

describe('titration suggestion', () => {
  const cases: Case[] = [
    // pause
    {
      description: 'adverse event grade 3',
      last: { adverseEventGrade: 3 },
      action: 'pause',
      nextDoseMg: 300,
      says: /grade 3/,
    },
    {
      description: 'adverse event grade 5',
      last: { adverseEventGrade: 5, effect: 'strong' },
      action: 'pause',
      nextDoseMg: 300,
      says: /clinician should review/,
    },
    {
      description: 'a severe side effect',
      last: { sideEffects: { headache: 'severe' } },
      action: 'pause',
      nextDoseMg: 300,
      says: /Severe headache/,
    },
    {
      description: 'a severe side effect outranks moderate vomiting',
      last: { sideEffects: { dissociation: 'severe', vomiting: 'moderate' } },
      action: 'pause',
      nextDoseMg: 300,
      says: /Severe dissociation/,
    },
    // decrease
    {
      description: 'moderate vomiting',
      last: { sideEffects: { vomiting: 'moderate' } },
      action: 'decrease',
      nextDoseMg: 250,
      says: /Moderate vomiting/,
    },
    {
      description: 'two moderate side effects',
      last: { sideEffects: { nausea: 'moderate', blurredVision: 'moderate' } },
      action: 'decrease',
      nextDoseMg: 250,
      says: /Moderate nausea and blurred vision after session 2 \(300 mg\): 2 moderate side effects/,
    },
    {
      description: 'post-dose blood pressure at the systolic limit',
      last: { bloodPressureAfter: { systolic: 140, diastolic: 80 } },
      action: 'decrease',
      nextDoseMg: 250,
      says: /140\/80, at or above the plan's limit of 140\/90/,
    },
    {
      description: 'post-dose blood pressure at the diastolic limit',
      last: { bloodPressureAfter: { systolic: 120, diastolic: 90 } },
      action: 'decrease',
      nextDoseMg: 250,
      says: /120\/90/,
    },
    {
      description: 'decrease stops at the minimum dose (partial step)',
      last: { sideEffects: { vomiting: 'moderate' } },
      planChange: { doseMg: 220 },
      action: 'decrease',
      nextDoseMg: 200,
      says: /minimum of 200 mg/,
    },
    {
      description: 'decrease at the minimum dose keeps it, saying so',
      last: { sideEffects: { vomiting: 'moderate' } },
      planChange: { doseMg: 200 },
      action: 'keep',
      nextDoseMg: 200,
      says: /already at the plan's minimum of 200 mg/,
    },
    // keep for tolerance
    {
      description: 'post-dose blood pressure just below the limit is not a reason to decrease',
      last: { bloodPressureAfter: { systolic: 139, diastolic: 89 } },
      action: 'increase',
      nextDoseMg: 350,
      says: /one step of 50 mg/,
    },
    {
      description: 'one moderate side effect (not vomiting)',
      last: { sideEffects: { nausea: 'moderate' } },
      action: 'keep',
      nextDoseMg: 300,
      says: /Moderate nausea/,
    },
    {
      description: 'one moderate side effect with mild others',
      last: { sideEffects: { anxiety: 'moderate', dizziness: 'mild', headache: 'mild' } },
      action: 'keep',
      nextDoseMg: 300,
      says: /Moderate anxiety/,
    },
    {
      description: 'adverse event grade 2 with no other side effects',
      last: { adverseEventGrade: 2 },
      action: 'keep',
      nextDoseMg: 300,
      says: /grade 2/,
    },
    // increase
    {
      description: 'well tolerated, no effect, no PHQ-9 yet',
      last: { effect: 'none' },
      phq9Change: null,
      action: 'increase',
      nextDoseMg: 350,
      says: /No PHQ-9 change/,
    },
    {
      description: 'mild side effects, mild effect, PHQ-9 down 4 (less than the MCID)',
      last: { effect: 'mild', sideEffects: { nausea: 'mild', dissociation: 'mild' } },
      phq9Change: -4,
      action: 'increase',
      nextDoseMg: 350,
      says: /changed by -4 points/,
    },
    {
      description: 'an adverse event of grade 1, otherwise a case for more',
      last: { effect: 'mild', sideEffects: { nausea: 'mild' }, adverseEventGrade: 1 },
      phq9Change: -4,
      action: 'keep',
      nextDoseMg: 300,
      says: /adverse event of grade 1 was recorded in session 2/,
    },
    {
      description: '"I need help" pressed during the session',
      last: { effect: 'none', helpRequested: true },
      phq9Change: 0,
      action: 'keep',
      nextDoseMg: 300,
      says: /pressed "I need help" during session 2/,
    },
    {
      description: 'a suicide-risk alert still open',
      last: { effect: 'none', openSafetyAlerts: ['PHQ-9 item 9 positive'] },
      phq9Change: 0,
      action: 'keep',
      nextDoseMg: 300,
      says: /A safety alert is still open \(PHQ-9 item 9 positive\)/,
    },
    {
      description: 'mild effect, PHQ-9 worse',
      last: { effect: 'mild' },
      phq9Change: 3,
      action: 'increase',
      nextDoseMg: 350,
      says: /changed by \+3 points/,
    },
    {
      description: 'increase stops at the maximum (partial step)',
      last: { effect: 'none' },
      planChange: { doseMg: 430 },
      action: 'increase',
      nextDoseMg: 450,
      says: /maximum of 450 mg/,
    },
    {
      description: 'increase at the maximum keeps it, saying so',
      last: { effect: 'none' },
      planChange: { doseMg: 450 },
      action: 'keep',
      nextDoseMg: 450,
      says: /already at the plan's maximum of 450 mg/,
    },
    // keep for response
    {
      description: 'mild effect but PHQ-9 down exactly the MCID of 5',
      last: { effect: 'mild' },
      phq9Change: -5,
      action: 'keep',
      nextDoseMg: 300,
      says: /improved by at least 5 points/,
    },
    {
      description: 'moderate effect',
      last: { effect: 'moderate' },
      phq9Change: -2,
      action: 'keep',
      nextDoseMg: 300,
      says: /effect is moderate/,
    },
    {
      description: 'strong effect, no PHQ-9 yet',
      last: { effect: 'strong' },
      phq9Change: null,
      action: 'keep',
      nextDoseMg: 300,
      says: /effect is strong/,
    },
  ];

  for (const c of cases) {
    it(`${c.description} → ${c.action} ${c.nextDoseMg} mg`, () => {
      const result = suggestTitration({
        plan: { ...plan, ...c.planChange },
        sessions: [session({}), session(c.last)],
        phq9Change: c.phq9Change === undefined ? -2 : c.phq9Change,
      });
      assert.equal(result.action, c.action, result.reasons.join(' '));
      assert.equal(result.nextDoseMg, c.nextDoseMg);
      assert.ok(
        result.reasons.some((reason) => c.says.test(reason)),
        `one reason matches ${c.says}: ${JSON.stringify(result.reasons)}`,
      );
      // A session that needed help or left a safety question open is never called well tolerated.
      const troubled =
        c.last.helpRequested ||
        (c.last.openSafetyAlerts?.length ?? 0) > 0 ||
        c.last.adverseEventGrade != null;
      if (troubled) assert.ok(result.reasons.every((reason) => !/well tolerated/.test(reason)));
      for (const reason of result.reasons) assert.match(reason, /^[A-Z].*[.]$/, 'a plain sentence');
      assert.ok(
        result.reasons.some((reason) => /\d+ mg/.test(reason)),
        'names the dose',
      );
    });
  }

  it('uses the PHQ-9 MCID of 5 from the instrument (Löwe 2004)', () => assert.equal(phq9Mcid, 5));

  it('names the session number and its dose', () => {
    const result = suggestTitration({
      plan,
      sessions: [session({}), session({}), session({ doseMg: 280, sideEffects: { nausea: 'moderate' } })],
      phq9Change: null,
    });
    assert.match(result.reasons[0]!, /session 3 \(280 mg\)/);
  });

  const invalid: [string, Partial<TitrationPlan>, CompletedSession[], number | null][] = [
    ['no sessions', {}, [], null],
    ['a zero step', { stepMg: 0 }, [session({})], null],
    ['a minimum above the maximum', { minDoseMg: 500 }, [session({})], null],
    ['a plan dose above the maximum', { doseMg: 500 }, [session({})], null],
    ['a plan dose below the minimum', { doseMg: 100 }, [session({})], null],
    ['an adverse event grade of 6', {}, [session({ adverseEventGrade: 6 })], null],
    ['an adverse event grade of 0', {}, [session({ adverseEventGrade: 0 })], null],
    ['a NaN PHQ-9 change', {}, [session({})], Number.NaN],
  ];
  for (const [description, planChange, sessions, phq9Change] of invalid) {
    it(`refuses ${description} with a RangeError`, () => {
      assert.throws(
        () => suggestTitration({ plan: { ...plan, ...planChange }, sessions, phq9Change }),
        RangeError,
      );
    });
  }

  it('never suggests a dose outside the plan minimum and maximum, and moves by at most one step', () => {
    const grades: Grade[] = ['none', 'mild', 'moderate', 'severe'];
    const effects: CompletedSession['effect'][] = ['none', 'mild', 'moderate', 'strong'];
    const sideEffectPatterns: Partial<Record<SideEffectName, Grade>>[] = [{}];
    for (const name of sideEffectNames)
      for (const grade of grades) sideEffectPatterns.push({ [name]: grade });
    sideEffectPatterns.push(
      { nausea: 'moderate', headache: 'moderate' },
      { vomiting: 'mild', anxiety: 'mild' },
    );
    const plans: TitrationPlan[] = [];
    for (const [minDoseMg, maxDoseMg] of [
      [200, 450],
      [100, 100],
      [25, 120],
    ] as const) {
      for (const stepMg of [10, 25, 50, 75]) {
        for (let doseMg = minDoseMg; doseMg <= maxDoseMg; doseMg += 25) {
          plans.push({ ...plan, doseMg, stepMg, minDoseMg, maxDoseMg });
        }
      }
    }
    let checked = 0;
    for (const p of plans) {
      for (const sideEffects of sideEffectPatterns) {
        for (const effect of effects) {
          for (const adverseEventGrade of [null, 1, 2, 3]) {
            for (const bloodPressureAfter of [null, { systolic: 150, diastolic: 80 }]) {
              for (const phq9Change of [null, -5, -4, 3]) {
                const last = session({
                  doseMg: p.doseMg,
                  sideEffects,
                  effect,
                  adverseEventGrade,
                  bloodPressureAfter,
                });
                const { action, nextDoseMg, reasons } = suggestTitration({
                  plan: p,
                  sessions: [last],
                  phq9Change,
                });
                const where = JSON.stringify({
                  p,
                  sideEffects,
                  effect,
                  adverseEventGrade,
                  phq9Change,
                  action,
                });
                assert.ok(nextDoseMg >= p.minDoseMg && nextDoseMg <= p.maxDoseMg, where);
                assert.ok(Math.abs(nextDoseMg - p.doseMg) <= p.stepMg, where);
                if (action === 'increase') assert.ok(nextDoseMg > p.doseMg, where);
                if (action === 'decrease') assert.ok(nextDoseMg < p.doseMg, where);
                if (action === 'keep' || action === 'pause') assert.equal(nextDoseMg, p.doseMg, where);
                if (Object.values(sideEffects).includes('severe') || (adverseEventGrade ?? 0) >= 3) {
                  assert.equal(action, 'pause', where);
                }
                if (action === 'increase') {
                  assert.ok(
                    Object.values(sideEffects).every((g) => g === 'none' || g === 'mild'),
                    where,
                  );
                  assert.ok(bloodPressureAfter === null && phq9Change !== -5, where);
                }
                assert.ok(reasons.length > 0, where);
                checked++;
              }
            }
          }
        }
      }
    }
    assert.ok(checked > 100_000, `checked ${checked} combinations`);
  });
});
