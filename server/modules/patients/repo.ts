import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

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
  return db
    .selectFrom('break_glass_grants')
    .select(['id', 'user_id'])
    .where('id', '=', id)
    .executeTakeFirst();
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

export async function markBreakGlassReviewed(
  db: Db,
  id: string,
  reviewerId: string,
  note: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('break_glass_grants')
    .set({ reviewed_by: reviewerId, reviewed_at: now, review_note: note })
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export type CaseloadSort = 'name' | 'latest_phq9' | 'risk';

/**
 * A staff member's caseload, one page at a time: reached through care_team's (staff, patient)
 * index, searched by name prefix, sorted on columns kept on the patient row, and paged by
 * keyset (the last row's sort values), so page 200 costs what page 1 costs.
 */
export function listPatientsForStaff(
  db: Db,
  staffUserId: string,
  options: { search?: string; sort: CaseloadSort; after?: (string | number)[]; limit: number },
) {
  const phq9 = sql<number>`coalesce(patients.latest_phq9, -1)`;
  const family = sql<string>`lower(patients.family_name)`;
  const given = sql<string>`lower(patients.given_name)`;
  let query = db
    .selectFrom('care_team')
    .innerJoin('patients', 'patients.id', 'care_team.patient_id')
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
    ])
    .where('care_team.staff_user_id', '=', staffUserId);
  const search = options.search?.trim().toLowerCase();
  if (search) {
    const prefix = `${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(family, 'like', prefix),
        eb(given, 'like', prefix),
        eb(sql<string>`lower(patients.given_name || ' ' || patients.family_name)`, 'like', prefix),
      ]),
    );
  }
  const after = options.after;
  if (options.sort === 'name') {
    if (after)
      query = query.where(
        sql<boolean>`(${family}, ${given}, patients.id) > (${after[0]}, ${after[1]}, ${after[2]})`,
      );
    query = query.orderBy(family).orderBy(given).orderBy('patients.id');
  } else if (options.sort === 'latest_phq9') {
    if (after) {
      query = query.where(
        sql<boolean>`(${phq9} < ${after[0]} or (${phq9} = ${after[0]} and patients.id > ${after[1]}))`,
      );
    }
    query = query.orderBy(phq9, 'desc').orderBy('patients.id');
  } else {
    if (after) {
      query = query.where(
        sql<boolean>`(patients.alert_rank < ${after[0]} or (patients.alert_rank = ${after[0]} and (${phq9} < ${after[1]}
          or (${phq9} = ${after[1]} and patients.id > ${after[2]}))))`,
      );
    }
    query = query.orderBy('patients.alert_rank', 'desc').orderBy(phq9, 'desc').orderBy('patients.id');
  }
  return query.limit(options.limit).execute();
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
