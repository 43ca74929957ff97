import { sql } from 'kysely';
import type { CareTeamRole, Db, TakeOnVia } from '../../platform/db/schema.ts';

export function findPatient(db: Db, patientId: string) {
  return db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirst();
}

export function listCareTeam(db: Db, patientId: string) {
  return db
    .selectFrom('care_team')
    .innerJoin('users', 'users.id', 'care_team.staff_user_id')
    .leftJoin('staff_profiles', 'staff_profiles.user_id', 'users.id')
    .select([
      'users.id as userId',
      'users.display_name as displayName',
      'care_team.role',
      'staff_profiles.credentials',
      'staff_profiles.title',
    ])
    .where('care_team.patient_id', '=', patientId)
    .where('users.status', '=', 'active')
    .orderBy('care_team.role')
    .execute();
}

/** Access outside the care team that an admin reviews afterwards: break-glass grants and take-ons. */
type ReviewedAccess = 'break_glass_grants' | 'care_team_take_ons';

function findReviewable(db: Db, table: ReviewedAccess, id: string) {
  return db.selectFrom(table).select(['id', 'user_id']).where('id', '=', id).executeTakeFirst();
}

/** Records the admin's review once; false when it was already reviewed (or is not there). */
async function markReviewed(
  db: Db,
  table: ReviewedAccess,
  id: string,
  reviewerId: string,
  note: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable(table)
    .set({ reviewed_by: reviewerId, reviewed_at: now, review_note: note })
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertBreakGlass(
  db: Db,
  grant: { id: string; userId: string; patientId: string; reason: string; now: Date; expiresAt: Date },
) {
  await db
    .insertInto('break_glass_grants')
    .values({
      id: grant.id,
      user_id: grant.userId,
      patient_id: grant.patientId,
      reason: grant.reason,
      created_at: grant.now,
      expires_at: grant.expiresAt,
    })
    .execute();
}

export function findBreakGlass(db: Db, id: string) {
  return findReviewable(db, 'break_glass_grants', id);
}

export function listBreakGlass(db: Db) {
  return db
    .selectFrom('break_glass_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('patients as p', 'p.id', 'g.patient_id')
    .leftJoin('users as r', 'r.id', 'g.reviewed_by')
    .select([
      'g.id',
      'g.user_id',
      'u.display_name as user_name',
      'g.patient_id',
      'p.given_name',
      'p.family_name',
      'g.reason',
      'g.created_at',
      'g.expires_at',
      'g.reviewed_at',
      'r.display_name as reviewed_by_name',
      'g.review_note',
    ])
    .orderBy('g.reviewed_at', (ob) => ob.desc().nullsFirst())
    .orderBy('g.created_at', 'desc')
    .limit(500)
    .execute();
}

export function markBreakGlassReviewed(db: Db, id: string, reviewerId: string, note: string, now: Date) {
  return markReviewed(db, 'break_glass_grants', id, reviewerId, note, now);
}

/** Locks the patient's row until the transaction ends; answers whether anyone cares for them yet. */
export async function lockAndCheckCareTeam(db: Db, patientId: string): Promise<boolean> {
  await db.selectFrom('patients').select('id').where('id', '=', patientId).forUpdate().execute();
  return hasCareTeam(db, patientId);
}

/** Whether anyone is on the patient's care team yet. */
export async function hasCareTeam(db: Db, patientId: string): Promise<boolean> {
  const row = await db
    .selectFrom('care_team')
    .select('id')
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTakeOn(
  db: Db,
  takeOn: {
    id: string;
    userId: string;
    patientId: string;
    via: TakeOnVia;
    entityId: string;
    careRole: CareTeamRole;
    now: Date;
  },
) {
  await db
    .insertInto('care_team_take_ons')
    .values({
      id: takeOn.id,
      user_id: takeOn.userId,
      patient_id: takeOn.patientId,
      via: takeOn.via,
      entity_id: takeOn.entityId,
      care_role: takeOn.careRole,
      created_at: takeOn.now,
    })
    .execute();
}

export function findTakeOn(db: Db, id: string) {
  return findReviewable(db, 'care_team_take_ons', id);
}

export function listTakeOns(db: Db) {
  return db
    .selectFrom('care_team_take_ons as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('patients as p', 'p.id', 't.patient_id')
    .leftJoin('users as r', 'r.id', 't.reviewed_by')
    .select([
      't.id',
      't.user_id',
      'u.display_name as user_name',
      't.patient_id',
      'p.given_name',
      'p.family_name',
      't.via',
      't.care_role',
      't.created_at',
      't.reviewed_at',
      'r.display_name as reviewed_by_name',
      't.review_note',
    ])
    .orderBy('t.reviewed_at', (ob) => ob.desc().nullsFirst())
    .orderBy('t.created_at', 'desc')
    .limit(500)
    .execute();
}

export function markTakeOnReviewed(db: Db, id: string, reviewerId: string, note: string, now: Date) {
  return markReviewed(db, 'care_team_take_ons', id, reviewerId, note, now);
}

export type CaseloadSort = 'name' | 'latest_phq9' | 'risk';

/** A keyset cursor value: a score, a rank, a lower-cased name or an id; null for "no score yet". */
export type CursorValue = string | number | null;

/**
 * A staff member's caseload, one page at a time. The patients table drives the query in the
 * order of an index on the sort columns (name, latest PHQ-9, or alert rank then PHQ-9), kept
 * to the caseload by care_team's (staff, patient) key; pages continue from the last row's sort
 * values (keyset), so a deep page costs about what the first does.
 */
export function listPatientsForStaff(
  db: Db,
  staffUserId: string,
  options: { search?: string; sort: CaseloadSort; after?: CursorValue[]; limit: number },
) {
  const family = sql<string>`lower(patients.family_name)`;
  const given = sql<string>`lower(patients.given_name)`;
  let query = db
    .selectFrom('patients')
    .innerJoin('care_team', (join) =>
      join.onRef('care_team.patient_id', '=', 'patients.id').on('care_team.staff_user_id', '=', staffUserId),
    )
    .select([
      'patients.id',
      'patients.given_name',
      'patients.family_name',
      'patients.state_of_residence',
      'patients.journey_stage',
      'patients.latest_phq9',
      'patients.latest_phq9_at',
      'patients.latest_gad7',
      'patients.latest_gad7_at',
      'patients.alert_rank',
      'care_team.role as care_role',
    ]);
  const words = (options.search ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const prefix = (word: string) => `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // One word matches either name; "maya t" matches given name "maya…" and family name "t…".
    query =
      words.length === 1
        ? query.where((eb) =>
            eb.or([eb(family, 'like', prefix(words[0]!)), eb(given, 'like', prefix(words[0]!))]),
          )
        : query
            .where(given, 'like', prefix(words[0]!))
            .where(family, 'like', prefix(words.slice(1).join(' ')));
  }
  const after = options.after;
  // "Below this score": lower scores, the same score further on, then people with no score yet.
  const afterScore = (score: CursorValue, id: CursorValue) =>
    score === null
      ? sql<boolean>`(patients.latest_phq9 is null and patients.id > ${id})`
      : sql<boolean>`(patients.latest_phq9 < ${score} or (patients.latest_phq9 = ${score} and patients.id > ${id})
          or patients.latest_phq9 is null)`;
  if (options.sort === 'name') {
    if (after)
      query = query.where(
        sql<boolean>`(${family}, ${given}, patients.id) > (${after[0]}, ${after[1]}, ${after[2]})`,
      );
    return query.orderBy(family).orderBy(given).orderBy('patients.id').limit(options.limit).execute();
  }
  if (options.sort === 'latest_phq9') {
    if (after) query = query.where(afterScore(after[0] ?? null, after[1] ?? null));
    return query
      .orderBy(sql`patients.latest_phq9 desc nulls last`)
      .orderBy('patients.id')
      .limit(options.limit)
      .execute();
  }
  if (after) {
    query = query.where(
      sql<boolean>`(patients.alert_rank < ${after[0]} or (patients.alert_rank = ${after[0]} and ${afterScore(after[1] ?? null, after[2] ?? null)}))`,
    );
  }
  return query
    .orderBy('patients.alert_rank', 'desc')
    .orderBy(sql`patients.latest_phq9 desc nulls last`)
    .orderBy('patients.id')
    .limit(options.limit)
    .execute();
}

export async function countCaseload(db: Db, staffUserId: string): Promise<number> {
  const row = await db
    .selectFrom('care_team')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('staff_user_id', '=', staffUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertCareTeamMember(
  db: Db,
  member: { id: string; patientId: string; staffUserId: string; role: 'prescriber' | 'nurse' | 'coach' },
): Promise<boolean> {
  const result = await db
    .insertInto('care_team')
    .values({
      id: member.id,
      patient_id: member.patientId,
      staff_user_id: member.staffUserId,
      role: member.role,
    })
    .onConflict((oc) => oc.columns(['patient_id', 'staff_user_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteCareTeamMember(db: Db, patientId: string, staffUserId: string): Promise<number> {
  const result = await db
    .deleteFrom('care_team')
    .where('patient_id', '=', patientId)
    .where('staff_user_id', '=', staffUserId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The latest intake's contact answers and the active support people of a set of patients. */
export async function listContactSources(db: Db, patientIds: readonly string[]) {
  if (patientIds.length === 0) return { intakes: [], supporters: [] };
  const [intakes, supporters] = await Promise.all([
    db
      .selectFrom('intakes')
      .select([
        'patient_id',
        sql<unknown>`answers->'demographics'->'phone'`.as('patient_phone'),
        sql<unknown>`answers->'supportPerson'`.as('support_person'),
        sql<unknown>`answers->'emergencyContact'`.as('emergency_contact'),
      ])
      .distinctOn('patient_id')
      .where('patient_id', 'in', patientIds)
      .orderBy('patient_id')
      .orderBy('created_at', 'desc')
      .execute(),
    db
      .selectFrom('support_links')
      .innerJoin('users', 'users.id', 'support_links.support_user_id')
      .select(['support_links.patient_id', 'support_links.relationship', 'users.display_name'])
      .where('support_links.patient_id', 'in', patientIds)
      .where('support_links.status', '=', 'active')
      .orderBy('support_links.created_at')
      .execute(),
  ]);
  return { intakes, supporters };
}

/** The people a support person supports through an active link, by first name. */
export function listSupportedPeople(db: Db, supportUserId: string) {
  return db
    .selectFrom('support_links')
    .innerJoin('patients', 'patients.id', 'support_links.patient_id')
    .select(['patients.id', 'patients.given_name', 'patients.family_name', 'support_links.relationship'])
    .where('support_links.support_user_id', '=', supportUserId)
    .where('support_links.status', '=', 'active')
    .orderBy('patients.given_name')
    .execute();
}

/** A new patient at the start of their journey (the intake). */
export async function insertPatient(
  db: Db,
  patient: { id: string; userId: string; givenName: string; familyName: string; now: Date },
) {
  await db
    .insertInto('patients')
    .values({
      id: patient.id,
      user_id: patient.userId,
      given_name: patient.givenName,
      family_name: patient.familyName,
      journey_stage: 'intake',
      created_at: patient.now,
      updated_at: patient.now,
    })
    .execute();
}
