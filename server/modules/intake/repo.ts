import { careQueueScopeSql, onCareTeamSql } from '../../platform/access-repo.ts';
import type { Db, IntakeStatus } from '../../platform/db/schema.ts';

export function findLatestIntake(db: Db, patientId: string) {
  return db
    .selectFrom('intakes')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findIntake(db: Db, intakeId: string) {
  return db.selectFrom('intakes').selectAll().where('id', '=', intakeId).executeTakeFirst();
}

export async function insertIntake(db: Db, intake: { id: string; patientId: string; now: Date }) {
  await db
    .insertInto('intakes')
    .values({ id: intake.id, patient_id: intake.patientId, created_at: intake.now, updated_at: intake.now })
    .execute();
}

/** Saves a section if the intake is still at `expectedVersion`; false when someone saved first. */
export async function saveSectionIfCurrent(
  db: Db,
  intakeId: string,
  expectedVersion: number,
  answers: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('intakes')
    .set({ answers: JSON.stringify(answers), version: expectedVersion + 1, updated_at: now })
    .where('id', '=', intakeId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markSubmitted(
  db: Db,
  intakeId: string,
  expectedVersion: number,
  screening: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('intakes')
    .set({
      status: 'submitted',
      screening: JSON.stringify(screening),
      submitted_at: now,
      updated_at: now,
      version: expectedVersion + 1,
      clinician_question: null,
    })
    .where('id', '=', intakeId)
    .where('version', '=', expectedVersion)
    .where('status', 'in', ['draft', 'needs_info'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setIntakeStatus(
  db: Db,
  intakeId: string,
  from: IntakeStatus,
  to: IntakeStatus,
  now: Date,
  clinicianQuestion: string | null = null,
): Promise<boolean> {
  const result = await db
    .updateTable('intakes')
    .set((eb) => ({
      status: to,
      updated_at: now,
      clinician_question: clinicianQuestion,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', intakeId)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updatePatientFromIntake(
  db: Db,
  patientId: string,
  changes: { date_of_birth?: string; state_of_residence?: string; journey_stage?: string },
  now: Date,
) {
  await db
    .updateTable('patients')
    .set({ ...changes, updated_at: now })
    .where('id', '=', patientId)
    .execute();
}

/** Submitted intakes waiting for a decision, oldest first. */
/**
 * Intakes awaiting review that reach a clinician: their own patients', and for the intake team
 * those of applicants nobody cares for yet (`on_care_team` tells the two apart).
 */
export function listReviewQueue(db: Db, staff: { userId: string; onIntakeTeam: boolean }, limit: number) {
  return db
    .selectFrom('intakes')
    .innerJoin('patients', 'patients.id', 'intakes.patient_id')
    .select([
      'intakes.id',
      'intakes.patient_id',
      'intakes.submitted_at',
      'intakes.screening',
      'patients.given_name',
      'patients.family_name',
      'patients.state_of_residence',
      onCareTeamSql('intakes.patient_id', staff.userId).as('on_care_team'),
    ])
    .where('intakes.status', '=', 'submitted')
    .where(careQueueScopeSql('intakes.patient_id', staff.userId, staff.onIntakeTeam))
    .orderBy('intakes.submitted_at')
    .orderBy('intakes.id')
    .limit(limit)
    .execute();
}

export async function insertDecision(
  db: Db,
  decision: {
    id: string;
    patientId: string;
    intakeId: string;
    clinicianUserId: string;
    decision: 'approved' | 'declined' | 'more_info';
    messageToPatient: string | null;
    clinicalNote: string | null;
    overriddenRuleIds: string[];
    overrideJustification: string | null;
    licenceState: string;
    licenceNumber: string;
    now: Date;
  },
) {
  await db
    .insertInto('candidacy_decisions')
    .values({
      id: decision.id,
      patient_id: decision.patientId,
      intake_id: decision.intakeId,
      clinician_user_id: decision.clinicianUserId,
      decision: decision.decision,
      message_to_patient: decision.messageToPatient,
      clinical_note: decision.clinicalNote,
      overridden_rule_ids: JSON.stringify(decision.overriddenRuleIds),
      override_justification: decision.overrideJustification,
      licence_state: decision.licenceState,
      licence_number: decision.licenceNumber,
      created_at: decision.now,
    })
    .execute();
}

export function listDecisions(db: Db, patientId: string) {
  return db
    .selectFrom('candidacy_decisions')
    .innerJoin('users', 'users.id', 'candidacy_decisions.clinician_user_id')
    .selectAll('candidacy_decisions')
    .select('users.display_name as clinician_name')
    .where('candidacy_decisions.patient_id', '=', patientId)
    .orderBy('candidacy_decisions.created_at', 'desc')
    .execute();
}
