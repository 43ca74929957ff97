/** The demo patient's dosing sessions under their plan. Part of the demo seed (seed.ts). */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { suggestTitration } from '../../clinical/titration.ts';
import { titrationPlanOf } from '../modules/titration/service.ts';
import type { Database } from '../platform/db/schema.ts';

/**
 * The demo patient's sessions: session 1 done four days ago (watched live by the nurse,
 * support person confirmed, vitals, check-in, a titration suggestion waiting for the
 * prescriber) and session 2 scheduled in half an hour, inside its dose window. Idempotent: skipped once the plan has sessions.
 */
export async function seedDemoSessions(
  db: Kysely<Database>,
  now: Date,
  ids: {
    patientId: string;
    patientUserId: string;
    supportUserId: string;
    nurseId: string;
    planId: string;
    prescriptionId: string;
  },
): Promise<boolean> {
  const existing = await db
    .selectFrom('dosing_sessions')
    .select('id')
    .where('plan_id', '=', ids.planId)
    .executeTakeFirst();
  if (existing) return false;
  const plan = await db
    .selectFrom('treatment_plans')
    .selectAll()
    .where('id', '=', ids.planId)
    .executeTakeFirst();
  if (!plan) return false;
  const at = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * 60_000);
  const dosedAt = at(-4 * 24 * 60);
  const first = uuidv7();
  const today = uuidv7();
  const sideEffects = {
    nausea: 'mild',
    vomiting: 'none',
    dizziness: 'mild',
    headache: 'none',
    blurredVision: 'none',
    dissociation: 'mild',
    anxiety: 'none',
  } as const;
  const checklist = {
    fasting: true,
    noAlcohol24h: true,
    privateQuietRoom: true,
    eyeMaskAndMusic: true,
    noDrivingUntilTomorrow: true,
  };
  const suggestion = suggestTitration({
    plan: titrationPlanOf(plan),
    sessions: [
      {
        doseMg: plan.dose_mg,
        sideEffects,
        effect: 'mild',
        adverseEventGrade: null,
        bloodPressureAfter: { systolic: 132, diastolic: 84 },
      },
    ],
    phq9Change: null,
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('dosing_sessions')
      .values([
        {
          id: first,
          patient_id: ids.patientId,
          plan_id: ids.planId,
          number: 1,
          scheduled_for: at(-4 * 24 * 60 - 30),
          status: 'completed',
          first_session: true,
          checklist: JSON.stringify(checklist),
          intention: 'To be gentle with myself and notice what comes up.',
          support_confirmed_by: ids.supportUserId,
          support_confirmed_at: at(-4 * 24 * 60 - 12),
          live_monitor_id: ids.nurseId,
          live_monitor_joined_at: at(-4 * 24 * 60 - 8),
          dose_mg: plan.dose_mg,
          dosed_at: dosedAt,
          recheck_due_at: new Date(dosedAt.getTime() + plan.bp_recheck_minutes * 60_000),
          check_in_due_at: new Date(dosedAt.getTime() + plan.missed_check_in_minutes * 60_000),
          completed_at: at(-4 * 24 * 60 + 95),
          created_by: ids.nurseId,
          created_at: at(-7 * 24 * 60),
          updated_at: at(-4 * 24 * 60 + 95),
        },
        {
          id: today,
          patient_id: ids.patientId,
          plan_id: ids.planId,
          number: 2,
          // Half an hour from the demo's start: inside the dose window (from 60 minutes before).
          scheduled_for: at(30),
          created_by: ids.nurseId,
          created_at: at(-4 * 24 * 60 + 120),
          updated_at: at(-4 * 24 * 60 + 120),
        },
      ])
      .execute();
    const events: [string, number, string | null, Record<string, unknown>][] = [
      [
        'prepared',
        -4 * 24 * 60 - 20,
        ids.patientUserId,
        { vitals: { systolic: 124, diastolic: 80, heartRate: 72 } },
      ],
      [
        'support_confirmed',
        -4 * 24 * 60 - 12,
        ids.supportUserId,
        { name: 'Sam Torres', via: 'account', attested: true },
      ],
      ['live_monitor_joined', -4 * 24 * 60 - 8, ids.nurseId, { name: 'Jordan Reyes', role: 'nurse' }],
      ['cleared', -4 * 24 * 60 - 5, ids.patientUserId, { reasons: [] }],
      ['dose_taken', -4 * 24 * 60, ids.patientUserId, { doseMg: plan.dose_mg, route: plan.route }],
      [
        'vitals_recheck',
        -4 * 24 * 60 + 41,
        ids.patientUserId,
        { vitals: { systolic: 132, diastolic: 84, heartRate: 78 } },
      ],
      ['checked_in', -4 * 24 * 60 + 95, ids.patientUserId, { sideEffects, effect: 'mild' }],
    ];
    await trx
      .insertInto('session_events')
      .values(
        events.map(([kind, minutes, actor, details]) => ({
          id: uuidv7(),
          patient_id: ids.patientId,
          session_id: first,
          kind,
          details: JSON.stringify(details),
          actor_id: actor,
          occurred_at: at(minutes),
          recorded_at: at(minutes),
        })),
      )
      .execute();
    await trx
      .insertInto('vitals')
      .values([
        {
          id: uuidv7(),
          patient_id: ids.patientId,
          session_id: first,
          context: 'pre_dose',
          systolic: 124,
          diastolic: 80,
          heart_rate: 72,
          taken_at: at(-4 * 24 * 60 - 20),
          recorded_by: ids.patientUserId,
        },
        {
          id: uuidv7(),
          patient_id: ids.patientId,
          session_id: first,
          context: 'recheck',
          systolic: 132,
          diastolic: 84,
          heart_rate: 78,
          taken_at: at(-4 * 24 * 60 + 41),
          recorded_by: ids.patientUserId,
        },
      ])
      .execute();
    await trx
      .insertInto('session_check_ins')
      .values({
        session_id: first,
        patient_id: ids.patientId,
        side_effects: JSON.stringify(sideEffects),
        effect: 'mild',
        experience: 4,
        mood: 3,
        note: 'Felt floaty and calm. A little queasy at the start.',
        recorded_by: ids.patientUserId,
        created_at: at(-4 * 24 * 60 + 95),
      })
      .execute();
    await trx
      .insertInto('medication_count_entries')
      .values({
        id: uuidv7(),
        patient_id: ids.patientId,
        prescription_id: ids.prescriptionId,
        kind: 'dose',
        change: -plan.dose_mg / 100,
        expected_after: 18 - plan.dose_mg / 100,
        session_id: first,
        recorded_by: ids.patientUserId,
        created_at: dosedAt,
      })
      .execute();
    await trx
      .insertInto('titration_suggestions')
      .values({
        id: uuidv7(),
        patient_id: ids.patientId,
        plan_id: ids.planId,
        session_id: first,
        action: suggestion.action,
        current_dose_mg: plan.dose_mg,
        suggested_dose_mg: suggestion.nextDoseMg,
        reasons: JSON.stringify(suggestion.reasons),
        created_at: at(-4 * 24 * 60 + 95),
      })
      .execute();
  });
  return true;
}
