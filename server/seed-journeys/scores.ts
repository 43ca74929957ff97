/** Demo score histories and the alumni who finished a course. Part of the demo seed (seed.ts). */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { severityBand } from '../../clinical/instruments.ts';
import type { AssessmentContext, Database } from '../platform/db/schema.ts';
import { dayMs } from '../platform/time.ts';

/** Answers that add up to `total`, spread evenly, with item 9 kept at 0 (no demo crisis). */
function answersFor(items: number, total: number): number[] {
  const answers = new Array<number>(items).fill(0);
  const scorable = items === 9 ? 8 : items;
  let left = total;
  for (let round = 0; left > 0 && round < 3; round += 1) {
    for (let i = 0; i < scorable && left > 0; i += 1) {
      answers[i]! += 1;
      left -= 1;
    }
  }
  return answers;
}

type ScoreHistory = { daysAgo: number; phq9: number; gad7: number; context: AssessmentContext }[];

/** People who finished a course at the demo clinic: their scores make the outcome report true to life. */
const alumni: { id: string; givenName: string; familyName: string; history: [number, number][] }[] = [
  {
    id: '01937a00-0000-7000-8000-000000000111',
    givenName: 'Hannah',
    familyName: 'Lee',
    history: [
      [18, 15],
      [14, 12],
      [9, 8],
      [6, 5],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000112',
    givenName: 'Marcus',
    familyName: 'Hill',
    history: [
      [21, 17],
      [19, 16],
      [17, 15],
      [16, 14],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000113',
    givenName: 'Sofia',
    familyName: 'Reyes',
    history: [
      [15, 12],
      [10, 9],
      [6, 5],
      [4, 3],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000114',
    givenName: 'Daniel',
    familyName: 'Kim',
    history: [
      [13, 16],
      [12, 12],
      [9, 9],
      [7, 6],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000115',
    givenName: 'Amara',
    familyName: 'Nwosu',
    history: [
      [24, 19],
      [18, 15],
      [12, 10],
      [8, 7],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000116',
    givenName: 'Tom',
    familyName: 'Novak',
    history: [
      [11, 9],
      [12, 10],
      [14, 12],
      [17, 14],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000117',
    givenName: 'Leila',
    familyName: 'Haddad',
    history: [
      [17, 14],
      [11, 10],
      [5, 6],
      [3, 2],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000118',
    givenName: 'Owen',
    familyName: 'Walsh',
    history: [
      [16, 11],
      [15, 11],
      [13, 10],
      [11, 8],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000119',
    givenName: 'Yuki',
    familyName: 'Tanaka',
    history: [
      [20, 18],
      [13, 12],
      [8, 7],
      [9, 8],
    ],
  },
  {
    id: '01937a00-0000-7000-8000-000000000120',
    givenName: 'Rosa',
    familyName: 'Diaz',
    history: [
      [8, 12],
      [6, 9],
      [5, 7],
      [4, 5],
    ],
  },
];

/** The alumni's patient ids (no accounts; on the demo clinician's and nurse's caseloads). */
export const demoAlumniIds: readonly string[] = alumni.map((a) => a.id);

/**
 * Score histories: Maya in her course, Grace through a finished course into maintenance, and
 * ten alumni with courses that went well, partly, not at all and worse — so charts and the
 * outcome report show something true to life. Idempotent: skipped once Maya has scores.
 */
export async function seedDemoScores(
  db: Kysely<Database>,
  now: Date,
  ids: { maya: string; grace: string; clinicianId: string; nurseId: string },
): Promise<boolean> {
  const existing = await db
    .selectFrom('assessments')
    .select('id')
    .where('patient_id', '=', ids.maya)
    .executeTakeFirst();
  if (existing) return false;
  const histories: [string, ScoreHistory][] = [
    [
      ids.maya,
      [
        { daysAgo: 14, phq9: 17, gad7: 14, context: 'baseline' },
        { daysAgo: 4.1, phq9: 16, gad7: 13, context: 'before_session' },
        // 3.5 days ago: outside the 72-hour window before today's session, so its check-ins are due.
        { daysAgo: 3.5, phq9: 12, gad7: 10, context: 'after_session' },
      ],
    ],
    [
      ids.grace,
      [
        { daysAgo: 150, phq9: 19, gad7: 15, context: 'baseline' },
        { daysAgo: 138, phq9: 17, gad7: 13, context: 'before_session' },
        { daysAgo: 131, phq9: 13, gad7: 10, context: 'before_session' },
        { daysAgo: 124, phq9: 10, gad7: 8, context: 'before_session' },
        { daysAgo: 110, phq9: 8, gad7: 6, context: 'before_session' },
        { daysAgo: 100, phq9: 6, gad7: 5, context: 'end_of_course' },
        { daysAgo: 70, phq9: 5, gad7: 4, context: 'follow_up' },
        { daysAgo: 10, phq9: 7, gad7: 6, context: 'follow_up' },
      ],
    ],
  ];
  await db.transaction().execute(async (trx) => {
    for (const [index, person] of alumni.entries()) {
      const inserted = await trx
        .insertInto('patients')
        .values({
          id: person.id,
          given_name: person.givenName,
          family_name: person.familyName,
          state_of_residence: 'CO',
          journey_stage: 'maintenance',
          created_at: new Date(now.getTime() - (170 - index * 3) * dayMs),
          updated_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) continue;
      for (const member of [
        { staffUserId: ids.clinicianId, role: 'prescriber' as const },
        { staffUserId: ids.nurseId, role: 'nurse' as const },
      ]) {
        await trx
          .insertInto('care_team')
          .values({
            id: uuidv7(),
            patient_id: person.id,
            staff_user_id: member.staffUserId,
            role: member.role,
          })
          .execute();
      }
      const start = 160 - index * 3;
      const contexts: AssessmentContext[] = ['baseline', 'after_session', 'after_session', 'end_of_course'];
      histories.push([
        person.id,
        person.history.map(([phq9, gad7], i) => ({
          daysAgo: start - i * 10,
          phq9,
          gad7,
          context: contexts[i]!,
        })),
      ]);
    }
    for (const [patientId, history] of histories) {
      for (const entry of history) {
        const takenAt = new Date(now.getTime() - entry.daysAgo * dayMs);
        for (const instrument of ['phq9', 'gad7'] as const) {
          const total = entry[instrument];
          const answers = answersFor(instrument === 'phq9' ? 9 : 7, total);
          await trx
            .insertInto('assessments')
            .values({
              id: uuidv7(),
              patient_id: patientId,
              instrument,
              answers: JSON.stringify(answers),
              difficulty: instrument === 'phq9' ? 'Somewhat difficult' : null,
              total,
              band: severityBand(instrument, total),
              context: entry.context,
              source: entry.context === 'baseline' ? 'intake' : 'app',
              taken_at: takenAt,
            })
            .execute();
        }
      }
      const last = history.at(-1)!;
      const lastAt = new Date(now.getTime() - last.daysAgo * dayMs);
      await trx
        .updateTable('patients')
        .set({
          latest_phq9: last.phq9,
          latest_phq9_at: lastAt,
          latest_gad7: last.gad7,
          latest_gad7_at: lastAt,
        })
        .where('id', '=', patientId)
        .execute();
    }
  });
  return true;
}
