/** The FHIR history import's writes and its duplicate check. */
import { type Insertable, sql, type Transaction } from 'kysely';
import type { Database, Db, VitalsTable } from '../platform/db/schema.ts';

export async function insertImportedPatient(
  trx: Transaction<Database>,
  patient: {
    id: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string | null;
    state: string | null;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('patients')
    .values({
      id: patient.id,
      user_id: null,
      given_name: patient.givenName,
      family_name: patient.familyName,
      date_of_birth: patient.dateOfBirth,
      state_of_residence: patient.state,
      created_at: patient.now,
      updated_at: patient.now,
    })
    .execute();
}

/** Patients already on file with this name and date of birth (a second import of the same history). */
export async function findPatientsByNameAndBirthDate(
  db: Db,
  people: readonly { givenName: string; familyName: string; dateOfBirth: string }[],
) {
  if (people.length === 0) return [];
  return db
    .selectFrom('patients')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where((eb) =>
      eb.or(
        people.map((p) =>
          eb.and([
            eb(sql`lower(given_name)`, '=', p.givenName.toLowerCase()),
            eb(sql`lower(family_name)`, '=', p.familyName.toLowerCase()),
            eb('date_of_birth', '=', p.dateOfBirth),
          ]),
        ),
      ),
    )
    .execute();
}

export async function insertVitals(
  trx: Transaction<Database>,
  rows: Insertable<VitalsTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('vitals').values(rows).execute();
}
