/**
 * The screening engine: a pure function from what a person told us to explained flags.
 * `exclude` — not a candidate without a specialist override; `review` — a clinician must
 * weigh it; `info` — worth knowing. Every threshold is a clinic protocol setting whose
 * defaults come from CLINICAL-REFERENCE.md › Screening. The software flags and explains;
 * a licensed clinician decides.
 */
import { checkInteractions, type InteractionResult } from './interactions.ts';

export type ScreeningFacts = {
  ageYears: number;
  pregnant: boolean;
  breastfeeding: boolean;
  psychosisHistory: boolean;
  maniaHistory: boolean;
  bipolarDisorder: boolean;
  substanceUse: {
    currentDependence: boolean;
    ketamineOrPcpMisuse: boolean;
    opioidUseDisorderHistory: boolean;
    auditC?: number | undefined;
  };
  cardiovascular: {
    hypertension: 'none' | 'controlled' | 'uncontrolled';
    recentMyocardialInfarction: boolean;
    heartFailure: boolean;
    unstableAngina: boolean;
    aneurysmOrAvm: boolean;
    intracerebralHemorrhage: boolean;
  };
  bloodPressure?: { systolic: number; diastolic: number } | undefined;
  suicideAttemptMonthsAgo?: number | null | undefined;
  currentSuicidalIntent: boolean;
  ketamineHypersensitivity: boolean;
  glaucomaOrRaisedIntracranialPressure: boolean;
  liverDisease: boolean;
  hyperthyroidismUncontrolled: boolean;
  bladderSymptoms: boolean;
  sleepApneaOrRespiratoryDisease: boolean;
  phq9?: number | undefined;
  gad7?: number | undefined;
  medications?: readonly string[] | undefined;
  /** Body-mass index, when weight and height are known. */
  bmi?: number | undefined;
};

export type ScreeningThresholds = {
  minimumAgeYears: number;
  /** At or above either: uncontrolled, exclude until treated. */
  excludeSystolic: number;
  excludeDiastolic: number;
  /** At or above either (and below the exclusion): clinician review. */
  reviewSystolic: number;
  reviewDiastolic: number;
  /** An attempt within this many months excludes; an older one is clinician review. */
  recentSuicideAttemptMonths: number;
  /** AUDIT-C at or above this is hazardous drinking: clinician review. */
  auditCReview: number;
  /** The inclusion signal used in studies: PHQ-9 and/or GAD-7 at or above these. */
  inclusionPhq9: number;
  inclusionGad7: number;
  /** BMI outside this range is clinician review; the reference gives no default, so off until a clinic sets it. */
  bmiReviewBelow: number | null;
  bmiReviewAbove: number | null;
};

export const defaultScreeningThresholds: ScreeningThresholds = {
  minimumAgeYears: 18,
  excludeSystolic: 160,
  excludeDiastolic: 100,
  reviewSystolic: 140,
  reviewDiastolic: 90,
  recentSuicideAttemptMonths: 6,
  auditCReview: 4,
  inclusionPhq9: 10,
  inclusionGad7: 10,
  bmiReviewBelow: null,
  bmiReviewAbove: null,
};

export type FlagSeverity = 'exclude' | 'review' | 'info';

export type ScreeningFlag = {
  ruleId: string;
  severity: FlagSeverity;
  title: string;
  explanation: string;
  source: string;
};

export type ScreeningResult = {
  eligible: boolean;
  flags: ScreeningFlag[];
  interactions: InteractionResult[];
};

const exclusionsSource =
  'Stillwater clinical reference › Screening: absolute exclusions (clinic protocol default)';
const cautionsSource =
  'Stillwater clinical reference › Screening: clinician review (clinic protocol default)';

type Rule = (facts: ScreeningFacts, t: ScreeningThresholds) => ScreeningFlag | ScreeningFlag[] | undefined;

const flag = (
  ruleId: string,
  severity: FlagSeverity,
  title: string,
  explanation: string,
  source = severity === 'exclude' ? exclusionsSource : cautionsSource,
): ScreeningFlag => ({ ruleId, severity, title, explanation, source });

const when = (condition: boolean, make: () => ScreeningFlag) => (condition ? make() : undefined);

const rules: Rule[] = [
  (f, t) =>
    when(f.ageYears < t.minimumAgeYears, () =>
      flag(
        'age.minimum',
        'exclude',
        `Under ${t.minimumAgeYears}`,
        `The program is for adults aged ${t.minimumAgeYears} or over; the applicant is ${f.ageYears}.`,
      ),
    ),
  (f) =>
    when(f.pregnant, () =>
      flag('pregnancy.pregnant', 'exclude', 'Pregnant', 'Ketamine is not given during pregnancy.'),
    ),
  (f) =>
    when(f.breastfeeding, () =>
      flag(
        'pregnancy.breastfeeding',
        'exclude',
        'Breastfeeding',
        'Ketamine is not given while breastfeeding.',
      ),
    ),
  (f) =>
    when(f.psychosisHistory, () =>
      flag(
        'psychiatric.psychosis',
        'exclude',
        'Psychosis, current or past',
        'Ketamine can bring on or worsen psychotic symptoms, so any history of psychosis excludes.',
      ),
    ),
  (f) =>
    when(f.maniaHistory, () =>
      flag(
        'psychiatric.mania',
        'exclude',
        'Mania, current or past',
        'Ketamine can trigger mania; a history of mania excludes without a specialist override.',
      ),
    ),
  (f) =>
    when(f.bipolarDisorder && !f.maniaHistory, () =>
      flag(
        'psychiatric.bipolar',
        'review',
        'Bipolar disorder (no recent mania reported)',
        'Bipolar disorder without recent mania needs a clinician to weigh the risk of switching into mania.',
      ),
    ),
  (f) =>
    when(f.substanceUse.currentDependence, () =>
      flag(
        'substance.current_dependence',
        'exclude',
        'Current substance dependence',
        'Current dependence on a substance excludes: at-home ketamine carries a risk of misuse.',
      ),
    ),
  (f) =>
    when(f.substanceUse.ketamineOrPcpMisuse, () =>
      flag(
        'substance.ketamine_pcp_misuse',
        'exclude',
        'History of ketamine or PCP misuse',
        'Any history of ketamine or PCP misuse excludes at-home ketamine.',
      ),
    ),
  (f) =>
    when(f.substanceUse.opioidUseDisorderHistory, () =>
      flag(
        'substance.opioid_use_disorder',
        'review',
        'History of opioid use disorder',
        'A past opioid use disorder needs a clinician to weigh misuse risk and possible interactions (naltrexone, buprenorphine).',
      ),
    ),
  (f, t) =>
    when(f.substanceUse.auditC !== undefined && f.substanceUse.auditC >= t.auditCReview, () =>
      flag(
        'substance.hazardous_alcohol',
        'review',
        'Hazardous alcohol use',
        `AUDIT-C is ${f.substanceUse.auditC} (review at ${t.auditCReview} or more). Alcohol adds to ketamine's sedation.`,
      ),
    ),
  (f) =>
    when(f.ketamineHypersensitivity, () =>
      flag(
        'allergy.ketamine',
        'exclude',
        'Known ketamine hypersensitivity',
        'A known allergy to ketamine excludes.',
      ),
    ),
  (f) =>
    when(f.cardiovascular.aneurysmOrAvm, () =>
      flag(
        'cardiovascular.aneurysm_avm',
        'exclude',
        'Aneurysmal vascular disease or arteriovenous malformation',
        'Ketamine raises blood pressure, which is dangerous with an aneurysm or AVM.',
      ),
    ),
  (f) =>
    when(f.cardiovascular.intracerebralHemorrhage, () =>
      flag(
        'cardiovascular.intracerebral_hemorrhage',
        'exclude',
        'History of bleeding in the brain',
        'Ketamine raises blood pressure, which is dangerous after an intracerebral haemorrhage.',
      ),
    ),
  (f) => {
    const unstable = [
      f.cardiovascular.recentMyocardialInfarction && 'a recent heart attack',
      f.cardiovascular.heartFailure && 'heart failure',
      f.cardiovascular.unstableAngina && 'unstable angina',
    ].filter(Boolean);
    return when(unstable.length > 0, () =>
      flag(
        'cardiovascular.unstable_cardiac',
        'exclude',
        'Unstable heart disease',
        `Reported ${unstable.join(', ')}. Ketamine raises heart rate and blood pressure, so unstable heart disease excludes.`,
      ),
    );
  },
  (f) =>
    when(f.cardiovascular.hypertension === 'uncontrolled', () =>
      flag(
        'cardiovascular.hypertension_uncontrolled',
        'exclude',
        'Uncontrolled high blood pressure',
        'High blood pressure that is not controlled excludes until it is treated: ketamine raises blood pressure further.',
      ),
    ),
  (f) =>
    when(f.cardiovascular.hypertension === 'controlled', () =>
      flag(
        'cardiovascular.hypertension_controlled',
        'review',
        'High blood pressure, controlled with treatment',
        'Controlled hypertension needs a clinician to set a safe pre-dose blood-pressure limit.',
      ),
    ),
  (f, t) => {
    const bp = f.bloodPressure;
    if (!bp) return undefined;
    const reading = `${bp.systolic}/${bp.diastolic} mmHg`;
    if (bp.systolic >= t.excludeSystolic || bp.diastolic >= t.excludeDiastolic) {
      return flag(
        'blood_pressure.uncontrolled',
        'exclude',
        'Blood pressure in the uncontrolled range',
        `The reading is ${reading}; ${t.excludeSystolic}/${t.excludeDiastolic} or above counts as uncontrolled. Exclude until treated, then re-check.`,
      );
    }
    if (bp.systolic >= t.reviewSystolic || bp.diastolic >= t.reviewDiastolic) {
      return flag(
        'blood_pressure.elevated',
        'review',
        'Raised blood pressure',
        `The reading is ${reading}; from ${t.reviewSystolic}/${t.reviewDiastolic} a clinician reviews it before treatment.`,
      );
    }
    return undefined;
  },
  (f) =>
    when(f.currentSuicidalIntent, () =>
      flag(
        'suicide.current_intent',
        'exclude',
        'Current suicidal intent',
        'Current suicidal intent needs urgent care first, not an at-home program. Crisis resources were shown.',
      ),
    ),
  (f, t) => {
    const months = f.suicideAttemptMonthsAgo;
    if (months === undefined || months === null) return undefined;
    if (months < t.recentSuicideAttemptMonths) {
      return flag(
        'suicide.recent_attempt',
        'exclude',
        'Suicide attempt in the recent past',
        `An attempt ${months} month(s) ago is within the last ${t.recentSuicideAttemptMonths} months, which excludes at-home treatment.`,
      );
    }
    return flag(
      'suicide.past_attempt',
      'review',
      'Past suicide attempt',
      `An attempt ${months} months ago (more than ${t.recentSuicideAttemptMonths} months) needs a clinician's assessment of current risk.`,
    );
  },
  (f) =>
    when(f.liverDisease, () =>
      flag(
        'medical.liver',
        'review',
        'Significant liver disease',
        'Ketamine is cleared by the liver; liver disease needs review.',
      ),
    ),
  (f) =>
    when(f.glaucomaOrRaisedIntracranialPressure, () =>
      flag(
        'medical.intracranial_intraocular_pressure',
        'review',
        'Raised pressure in the eye or skull',
        'Ketamine can raise intraocular and intracranial pressure (glaucoma, raised ICP).',
      ),
    ),
  (f) =>
    when(f.hyperthyroidismUncontrolled, () =>
      flag(
        'medical.hyperthyroidism',
        'review',
        'Overactive thyroid, not controlled',
        'Uncontrolled hyperthyroidism adds to the rise in heart rate and blood pressure.',
      ),
    ),
  (f) =>
    when(f.bladderSymptoms, () =>
      flag(
        'medical.bladder',
        'review',
        'Bladder or urinary symptoms',
        'Repeated ketamine can inflame the bladder (ketamine cystitis); existing symptoms need a baseline review.',
      ),
    ),
  (f) =>
    when(f.sleepApneaOrRespiratoryDisease, () =>
      flag(
        'medical.respiratory',
        'review',
        'Sleep apnoea or lung disease',
        'Breathing problems need review because of sedation during and after a session.',
      ),
    ),
  (f, t) => {
    if (f.bmi === undefined) return undefined;
    const low = t.bmiReviewBelow !== null && f.bmi < t.bmiReviewBelow;
    const high = t.bmiReviewAbove !== null && f.bmi > t.bmiReviewAbove;
    return when(low || high, () =>
      flag(
        'medical.bmi',
        'review',
        'Body-mass index out of range',
        `BMI is ${f.bmi!.toFixed(1)}; this clinic reviews BMI outside ${t.bmiReviewBelow ?? '–'} to ${t.bmiReviewAbove ?? '–'}.`,
      ),
    );
  },
  (f, t) => {
    if (f.phq9 === undefined && f.gad7 === undefined) {
      return flag(
        'scores.missing',
        'info',
        'No baseline scores',
        'PHQ-9 and GAD-7 were not given; both are needed as a baseline to measure change.',
      );
    }
    const phqBelow = f.phq9 === undefined || f.phq9 < t.inclusionPhq9;
    const gadBelow = f.gad7 === undefined || f.gad7 < t.inclusionGad7;
    return when(phqBelow && gadBelow, () =>
      flag(
        'scores.below_inclusion',
        'review',
        'Symptom scores below the usual threshold',
        `PHQ-9 ${f.phq9 ?? 'not given'} and GAD-7 ${f.gad7 ?? 'not given'}: studies enrolled people with PHQ-9 ≥ ${t.inclusionPhq9} and/or GAD-7 ≥ ${t.inclusionGad7}.`,
      ),
    );
  },
];

function interactionFlags(results: InteractionResult[]): ScreeningFlag[] {
  return results.flatMap((result) => {
    if (result.status === 'not_checked') {
      return [
        flag(
          `interaction.not_checked.${result.input.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`,
          'info',
          `Not checked: ${result.input}`,
          `"${result.input}" is not in the interaction knowledge base, so it was not checked. A clinician should review it.`,
          'Stillwater interaction knowledge base',
        ),
      ];
    }
    if (result.status !== 'interaction') return [];
    return [
      flag(
        `interaction.${result.matched!.replace(/[^a-z0-9]+/g, '_')}`,
        result.severity === 'major' ? 'review' : 'info',
        `${result.severity === 'major' ? 'Major' : result.severity === 'moderate' ? 'Moderate' : 'Minor'} interaction: ${result.input}`,
        result.effect!,
        result.source!,
      ),
    ];
  });
}

const severityOrder: Record<FlagSeverity, number> = { exclude: 0, review: 1, info: 2 };

/** Runs every rule; `eligible` is true exactly when no flag is `exclude`. Exclusions come first. */
export function screen(
  facts: ScreeningFacts,
  thresholds: ScreeningThresholds = defaultScreeningThresholds,
): ScreeningResult {
  const interactions = checkInteractions(facts.medications ?? []);
  const flags = [
    ...rules.flatMap((rule) => rule(facts, thresholds) ?? []),
    ...interactionFlags(interactions),
  ].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
  return { eligible: !flags.some((f) => f.severity === 'exclude'), flags, interactions };
}
