/** Session-day answers the API tests send: every checklist item ticked, and no side effects. */

/** The pre-dose checklist with every item ticked. */
export const fullChecklist = {
  fasting: true,
  noAlcohol24h: true,
  privateQuietRoom: true,
  eyeMaskAndMusic: true,
  noDrivingUntilTomorrow: true,
};

/** The post-session check-in's side effects, each "none" (spread it and set the ones a test needs). */
export const noSideEffects = {
  nausea: 'none',
  vomiting: 'none',
  dizziness: 'none',
  headache: 'none',
  blurredVision: 'none',
  dissociation: 'none',
  anxiety: 'none',
};
