import type { Db } from '../../platform/db/schema.ts';

export const staffRoleNames = ['clinician', 'nurse', 'coach', 'admin'] as const;

export function listStaffUsers(db: Db, userId?: string) {
  let query = db
    .selectFrom('users')
    .leftJoin('staff_profiles', 'staff_profiles.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.status',
      'users.totp_secret',
      'staff_profiles.credentials',
      'staff_profiles.title',
      'staff_profiles.dea_number',
      'staff_profiles.dea_expires_on',
    ])
    .where('users.role', 'in', staffRoleNames)
    .orderBy('users.display_name');
  if (userId) query = query.where('users.id', '=', userId);
  return query.execute();
}

export function listLicences(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staff_licences')
    .selectAll()
    .where('user_id', 'in', userIds)
    .orderBy('state')
    .orderBy('expires_on')
    .execute();
}

export async function upsertStaffProfile(
  db: Db,
  userId: string,
  changes: {
    credentials?: string;
    title?: string;
    dea_number?: string | null;
    dea_expires_on?: string | null;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('staff_profiles')
    .values({ user_id: userId, ...changes, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...changes, updated_at: now }))
    .execute();
}

export async function updateDisplayName(db: Db, userId: string, displayName: string, now: Date) {
  await db
    .updateTable('users')
    .set({ display_name: displayName, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function setUserStatus(db: Db, userId: string, status: 'active' | 'disabled', now: Date) {
  await db
    .updateTable('users')
    .set({ status, disabled_at: status === 'disabled' ? now : null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/** Inserts the licence unless the member already holds that number in that state; true when inserted. */
export async function insertLicence(
  db: Db,
  licence: { id: string; userId: string; state: string; number: string; expiresOn: string },
): Promise<boolean> {
  const result = await db
    .insertInto('staff_licences')
    .values({
      id: licence.id,
      user_id: licence.userId,
      state: licence.state,
      number: licence.number,
      expires_on: licence.expiresOn,
    })
    .onConflict((oc) => oc.columns(['user_id', 'state', 'number']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteLicence(db: Db, userId: string, licenceId: string): Promise<number> {
  const result = await db
    .deleteFrom('staff_licences')
    .where('id', '=', licenceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A licence in `state` that has not expired by `today` (YYYY-MM-DD), if the user holds one. */
export function findActiveLicence(db: Db, userId: string, state: string, today: string) {
  return db
    .selectFrom('staff_licences')
    .select(['id', 'state', 'number', 'expires_on'])
    .where('user_id', '=', userId)
    .where('state', '=', state)
    .where('expires_on', '>=', today)
    .orderBy('expires_on', 'desc')
    .executeTakeFirst();
}

/** Staff roles that may serve on the intake team: those who act on alerts. */
export const intakeTeamRoles = ['clinician', 'nurse'] as const;

export async function listIntakeTeamIds(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('intake_team_members').select('staff_user_id').execute();
  return new Set(rows.map((row) => row.staff_user_id));
}

/** Whether a staff member is on the clinic's intake team (and still active). */
export async function isOnIntakeTeam(db: Db, staffUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom('intake_team_members')
    .innerJoin('users', 'users.id', 'intake_team_members.staff_user_id')
    .select('intake_team_members.staff_user_id')
    .where('intake_team_members.staff_user_id', '=', staffUserId)
    .where('users.status', '=', 'active')
    .where('users.role', 'in', intakeTeamRoles)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertIntakeTeamMember(
  db: Db,
  member: { staffUserId: string; addedBy: string | null; now: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('intake_team_members')
    .values({ staff_user_id: member.staffUserId, added_by: member.addedBy, added_at: member.now })
    .onConflict((oc) => oc.column('staff_user_id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteIntakeTeamMember(db: Db, staffUserId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('intake_team_members')
    .where('staff_user_id', '=', staffUserId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
