/**
 * Screening facts for tests: a person with nothing of concern, and a way to change only what a
 * test is about. Shared by the engine's table-driven tests and the public endpoint's API tests.
 */
import type { ScreeningFacts } from '../screening.ts';

export const cleanScreeningFacts: ScreeningFacts = {
  ageYears: 35,
  pregnant: false,
  breastfeeding: false,
  psychosisHistory: false,
  maniaHistory: false,
  bipolarDisorder: false,
  substanceUse: {
    currentDependence: false,
    ketamineOrPcpMisuse: false,
    opioidUseDisorderHistory: false,
    auditC: 2,
  },
  cardiovascular: {
    hypertension: 'none',
    recentMyocardialInfarction: false,
    heartFailure: false,
    unstableAngina: false,
    aneurysmOrAvm: false,
    intracerebralHemorrhage: false,
  },
  bloodPressure: { systolic: 118, diastolic: 76 },
  suicideAttemptMonthsAgo: null,
  currentSuicidalIntent: false,
  ketamineHypersensitivity: false,
  glaucomaOrRaisedIntracranialPressure: false,
  liverDisease: false,
  hyperthyroidismUncontrolled: false,
  bladderSymptoms: false,
  sleepApneaOrRespiratoryDisease: false,
  phq9: 16,
  gad7: 12,
  medications: [],
};

export type ScreeningFactsChange = Partial<Omit<ScreeningFacts, 'substanceUse' | 'cardiovascular'>> & {
  substanceUse?: Partial<ScreeningFacts['substanceUse']>;
  cardiovascular?: Partial<ScreeningFacts['cardiovascular']>;
};

/** The clean facts with a change, merged one level into substance use and cardiovascular history. */
export function screeningFacts(change: ScreeningFactsChange = {}): ScreeningFacts {
  return {
    ...cleanScreeningFacts,
    ...change,
    substanceUse: { ...cleanScreeningFacts.substanceUse, ...change.substanceUse },
    cardiovascular: { ...cleanScreeningFacts.cardiovascular, ...change.cardiovascular },
  };
}
