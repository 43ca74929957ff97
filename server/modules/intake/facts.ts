/** Turns saved intake answers into the screening engine's facts: ages, BMI, AUDIT-C and scores computed here. */
import { scoreInstrument } from '../../../clinical/instruments.ts';
import type { ScreeningFacts } from '../../../clinical/screening.ts';
import type { IntakeAnswers } from './schema.ts';

export function ageOn(dateOfBirth: string, now: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const today = { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() };
  return today.y - y - (today.m < m || (today.m === m && today.d < d) ? 1 : 0);
}

export function bodyMassIndex(body: NonNullable<IntakeAnswers['body']>): number {
  const kg = body.weight.unit === 'kg' ? body.weight.value : body.weight.value * 0.45359237;
  const metres = (body.height.unit === 'cm' ? body.height.value : body.height.value * 2.54) / 100;
  return Math.round((kg / (metres * metres)) * 10) / 10;
}

/** Requires a complete intake (every section present). */
export function screeningFactsFrom(answers: Required<IntakeAnswers>, now: Date): ScreeningFacts {
  const phq9 = scoreInstrument('phq9', answers.baseline.phq9);
  const gad7 = scoreInstrument('gad7', answers.baseline.gad7);
  return {
    ageYears: ageOn(answers.demographics.dateOfBirth, now),
    pregnant: answers.pregnancy.pregnant,
    breastfeeding: answers.pregnancy.breastfeeding,
    psychosisHistory: answers.psychiatric.psychosisHistory,
    maniaHistory: answers.psychiatric.maniaHistory,
    bipolarDisorder: answers.psychiatric.bipolarDisorder,
    substanceUse: {
      currentDependence: answers.substanceUse.currentDependence,
      ketamineOrPcpMisuse: answers.substanceUse.ketamineOrPcpMisuse,
      opioidUseDisorderHistory: answers.substanceUse.opioidUseDisorderHistory,
      auditC: answers.substanceUse.auditC.reduce((sum, n) => sum + n, 0),
    },
    cardiovascular: {
      hypertension: answers.cardiovascular.hypertension,
      recentMyocardialInfarction: answers.cardiovascular.recentMyocardialInfarction,
      heartFailure: answers.cardiovascular.heartFailure,
      unstableAngina: answers.cardiovascular.unstableAngina,
      aneurysmOrAvm: answers.cardiovascular.aneurysmOrAvm,
      intracerebralHemorrhage: answers.cardiovascular.intracerebralHemorrhage,
    },
    bloodPressure: answers.cardiovascular.bloodPressure,
    suicideAttemptMonthsAgo: answers.psychiatric.suicideAttemptMonthsAgo,
    currentSuicidalIntent: answers.psychiatric.currentSuicidalIntent,
    ketamineHypersensitivity: answers.medical.ketamineHypersensitivity,
    glaucomaOrRaisedIntracranialPressure: answers.medical.glaucomaOrRaisedIntracranialPressure,
    liverDisease: answers.medical.liverDisease,
    hyperthyroidismUncontrolled: answers.medical.hyperthyroidismUncontrolled,
    bladderSymptoms: answers.medical.bladderSymptoms,
    sleepApneaOrRespiratoryDisease: answers.medical.sleepApneaOrRespiratoryDisease,
    phq9: phq9.total,
    gad7: gad7.total,
    medications: answers.medications.items.map((m) => m.name),
    bmi: bodyMassIndex(answers.body),
  };
}
