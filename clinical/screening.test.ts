import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultScreeningThresholds, type ScreeningThresholds, screen } from './screening.ts';
import { cleanScreeningFacts, type ScreeningFactsChange, screeningFacts } from './testing/screening-facts.ts';

describe('screening engine', () => {
  it('a person with nothing of concern is eligible with no flags', () => {
    assert.deepEqual(screen(cleanScreeningFacts).flags, []);
    assert.equal(screen(cleanScreeningFacts).eligible, true);
  });

  /** [description, change, expected rule id or null for "no flag", severity] */
  const cases: [string, ScreeningFactsChange, string | null, string?][] = [
    ['age 17', { ageYears: 17 }, 'age.minimum', 'exclude'],
    ['age 18', { ageYears: 18 }, null],
    ['pregnant', { pregnant: true }, 'pregnancy.pregnant', 'exclude'],
    ['breastfeeding', { breastfeeding: true }, 'pregnancy.breastfeeding', 'exclude'],
    ['psychosis', { psychosisHistory: true }, 'psychiatric.psychosis', 'exclude'],
    ['mania', { maniaHistory: true }, 'psychiatric.mania', 'exclude'],
    ['bipolar without mania', { bipolarDisorder: true }, 'psychiatric.bipolar', 'review'],
    [
      'current dependence',
      { substanceUse: { currentDependence: true } },
      'substance.current_dependence',
      'exclude',
    ],
    [
      'ketamine or PCP misuse',
      { substanceUse: { ketamineOrPcpMisuse: true } },
      'substance.ketamine_pcp_misuse',
      'exclude',
    ],
    [
      'opioid use disorder history',
      { substanceUse: { opioidUseDisorderHistory: true } },
      'substance.opioid_use_disorder',
      'review',
    ],
    ['AUDIT-C 3', { substanceUse: { auditC: 3 } }, null],
    ['AUDIT-C 4', { substanceUse: { auditC: 4 } }, 'substance.hazardous_alcohol', 'review'],
    ['AUDIT-C 12', { substanceUse: { auditC: 12 } }, 'substance.hazardous_alcohol', 'review'],
    ['hypersensitivity', { ketamineHypersensitivity: true }, 'allergy.ketamine', 'exclude'],
    [
      'aneurysm or AVM',
      { cardiovascular: { aneurysmOrAvm: true } },
      'cardiovascular.aneurysm_avm',
      'exclude',
    ],
    [
      'intracerebral haemorrhage',
      { cardiovascular: { intracerebralHemorrhage: true } },
      'cardiovascular.intracerebral_hemorrhage',
      'exclude',
    ],
    [
      'recent MI',
      { cardiovascular: { recentMyocardialInfarction: true } },
      'cardiovascular.unstable_cardiac',
      'exclude',
    ],
    [
      'heart failure',
      { cardiovascular: { heartFailure: true } },
      'cardiovascular.unstable_cardiac',
      'exclude',
    ],
    [
      'unstable angina',
      { cardiovascular: { unstableAngina: true } },
      'cardiovascular.unstable_cardiac',
      'exclude',
    ],
    [
      'uncontrolled hypertension',
      { cardiovascular: { hypertension: 'uncontrolled' } },
      'cardiovascular.hypertension_uncontrolled',
      'exclude',
    ],
    [
      'controlled hypertension',
      { cardiovascular: { hypertension: 'controlled' } },
      'cardiovascular.hypertension_controlled',
      'review',
    ],
    ['BP 139/89', { bloodPressure: { systolic: 139, diastolic: 89 } }, null],
    ['BP 140/80', { bloodPressure: { systolic: 140, diastolic: 80 } }, 'blood_pressure.elevated', 'review'],
    ['BP 120/90', { bloodPressure: { systolic: 120, diastolic: 90 } }, 'blood_pressure.elevated', 'review'],
    ['BP 159/99', { bloodPressure: { systolic: 159, diastolic: 99 } }, 'blood_pressure.elevated', 'review'],
    [
      'BP 160/80',
      { bloodPressure: { systolic: 160, diastolic: 80 } },
      'blood_pressure.uncontrolled',
      'exclude',
    ],
    [
      'BP 120/100',
      { bloodPressure: { systolic: 120, diastolic: 100 } },
      'blood_pressure.uncontrolled',
      'exclude',
    ],
    [
      'BP 165/100',
      { bloodPressure: { systolic: 165, diastolic: 100 } },
      'blood_pressure.uncontrolled',
      'exclude',
    ],
    ['no BP reading', { bloodPressure: undefined }, null],
    ['current suicidal intent', { currentSuicidalIntent: true }, 'suicide.current_intent', 'exclude'],
    ['attempt 0 months ago', { suicideAttemptMonthsAgo: 0 }, 'suicide.recent_attempt', 'exclude'],
    ['attempt 5 months ago', { suicideAttemptMonthsAgo: 5 }, 'suicide.recent_attempt', 'exclude'],
    ['attempt 6 months ago', { suicideAttemptMonthsAgo: 6 }, 'suicide.past_attempt', 'review'],
    ['attempt 30 months ago', { suicideAttemptMonthsAgo: 30 }, 'suicide.past_attempt', 'review'],
    ['liver disease', { liverDisease: true }, 'medical.liver', 'review'],
    [
      'glaucoma or raised ICP',
      { glaucomaOrRaisedIntracranialPressure: true },
      'medical.intracranial_intraocular_pressure',
      'review',
    ],
    [
      'uncontrolled hyperthyroidism',
      { hyperthyroidismUncontrolled: true },
      'medical.hyperthyroidism',
      'review',
    ],
    ['bladder symptoms', { bladderSymptoms: true }, 'medical.bladder', 'review'],
    ['sleep apnoea', { sleepApneaOrRespiratoryDisease: true }, 'medical.respiratory', 'review'],
    ['PHQ-9 9 and GAD-7 9', { phq9: 9, gad7: 9 }, 'scores.below_inclusion', 'review'],
    ['PHQ-9 10 and GAD-7 0', { phq9: 10, gad7: 0 }, null],
    ['PHQ-9 0 and GAD-7 10', { phq9: 0, gad7: 10 }, null],
    ['PHQ-9 9 and no GAD-7', { phq9: 9, gad7: undefined }, 'scores.below_inclusion', 'review'],
    ['no scores', { phq9: undefined, gad7: undefined }, 'scores.missing', 'info'],
    ['BMI without clinic thresholds', { bmi: 45 }, null],
    ['a major interaction (Xanax)', { medications: ['Xanax 0.5 mg'] }, 'interaction.alprazolam', 'review'],
    [
      'a moderate interaction (lamotrigine)',
      { medications: ['Lamictal'] },
      'interaction.lamotrigine',
      'info',
    ],
    [
      'an unknown medication',
      { medications: ['Moonflower tonic'] },
      'interaction.not_checked.moonflower_tonic',
      'info',
    ],
    ['sertraline (no known interaction)', { medications: ['Zoloft 50 mg'] }, null],
    ['lithium (no known interaction)', { medications: ['lithium'] }, null],
  ];

  for (const [description, change, ruleId, severity] of cases) {
    it(`${description} → ${ruleId ? `${severity} ${ruleId}` : 'no flag'}`, () => {
      const result = screen(screeningFacts(change));
      if (ruleId === null) {
        assert.deepEqual(result.flags, [], JSON.stringify(result.flags));
        assert.equal(result.eligible, true);
        return;
      }
      assert.equal(result.flags.length, 1, JSON.stringify(result.flags.map((f) => f.ruleId)));
      const [found] = result.flags;
      assert.equal(found!.ruleId, ruleId);
      assert.equal(found!.severity, severity);
      assert.ok(found!.title.length > 3);
      assert.ok(found!.explanation.length > 20, 'explained in words');
      assert.ok(found!.source.length > 10, 'with a source');
      assert.equal(result.eligible, severity !== 'exclude');
    });
  }

  it('puts exclusions first and keeps every flag', () => {
    const result = screen(
      screeningFacts({
        liverDisease: true,
        pregnant: true,
        medications: ['Moonflower tonic'],
        bladderSymptoms: true,
      }),
    );
    assert.deepEqual(
      result.flags.map((f) => f.severity),
      ['exclude', 'review', 'review', 'info'],
    );
    assert.equal(result.eligible, false);
  });

  it('explains blood pressure with the reading and the limit', () => {
    const [bp] = screen(screeningFacts({ bloodPressure: { systolic: 165, diastolic: 100 } })).flags;
    assert.match(bp!.explanation, /165\/100 mmHg/);
    assert.match(bp!.explanation, /160\/100/);
  });

  it('uses the clinic protocol thresholds when they differ from the defaults', () => {
    const stricter: ScreeningThresholds = {
      ...defaultScreeningThresholds,
      excludeSystolic: 150,
      bmiReviewBelow: 18.5,
      bmiReviewAbove: 40,
    };
    const result = screen(
      screeningFacts({ bloodPressure: { systolic: 155, diastolic: 80 }, bmi: 17.2 }),
      stricter,
    );
    assert.deepEqual(
      result.flags.map((f) => f.ruleId),
      ['blood_pressure.uncontrolled', 'medical.bmi'],
    );
    assert.match(result.flags[0]!.explanation, /150\/100/);
    assert.deepEqual(screen(screeningFacts({ bmi: 25 }), stricter).flags, []);
    assert.deepEqual(screen(screeningFacts({ bmi: 40 }), stricter).flags, []);
    assert.equal(screen(screeningFacts({ bmi: 40.1 }), stricter).flags[0]!.ruleId, 'medical.bmi');
  });

  it('returns every medication with its interaction status', () => {
    const result = screen(screeningFacts({ medications: ['Adderall XR', 'lithium', 'Moonflower tonic'] }));
    assert.deepEqual(
      result.interactions.map((r) => r.status),
      ['interaction', 'no_known_interaction', 'not_checked'],
    );
  });
});
