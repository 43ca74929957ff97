// Session-day answers the API tests send: every checklist item ticked, and no side effects.
import { type SideEffectName, sideEffectNames } from '../../clinical/titration.ts';

/** The pre-dose checklist with every item ticked. */
export const fullChecklist = {
  fasting: true,
  noAlcohol24h: true,
  privateQuietRoom: true,
  eyeMaskAndMusic: true,
  noDrivingUntilTomorrow: true,
};

/** The post-session check-in's side effects, each "none" (spread it and set the ones a test needs). */
export const noSideEffects = Object.fromEntries(sideEffectNames.map((name) => [name, 'none'])) as Record<
  SideEffectName,
  string
>;
