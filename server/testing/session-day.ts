// Session-day answers the API tests send: every checklist item ticked, and no side effects.
import { type SideEffectName, sideEffectNames } from '../../clinical/titration.ts';
import { clinicTimeZone } from '../modules/sessions/repo.ts';
import type { Db } from '../platform/db/schema.ts';
import { localDate } from '../platform/time.ts';

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

/**
 * The nurse's board of the clinic day a session is scheduled for. Tests move the clock hours
 * ahead, so late in the evening "today" may already be the next day.
 */
export async function boardPathOfSessionDay(db: Db, sessionId: string): Promise<string> {
  const { scheduled_for } = await db
    .selectFrom('dosing_sessions')
    .select('scheduled_for')
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return `/api/sessions/board?date=${localDate(scheduled_for, await clinicTimeZone(db))}`;
}
