/**
 * The demo patients' journeys, one file each: the consent document they sign, their intakes
 * (and consent), Maya's treatment plan and prescription, her sessions, and the score histories
 * (with the alumni who finished a course). Steps of the demo seed (seed.ts).
 */
export { demoConsentDocument, seedConsentDocument } from './consent.ts';
export { type DemoJourney, demoIntakeAnswers, seedJourney } from './intake.ts';
export { demoAlumniIds, seedDemoScores } from './scores.ts';
export { seedDemoSessions } from './sessions.ts';
export { seedDemoTreatment } from './treatment.ts';
