/**
 * Demo intakes: the demo clinic's patients at each point of the journey (draft, submitted,
 * approved, consented), so every screen has something true to life to show. Part of the demo seed (seed.ts).
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { defaultScreeningThresholds } from '../../clinical/screening.ts';
import type { IntakeAnswers } from '../modules/intake/schema.ts';
import { screenIntake } from '../modules/intake/service.ts';
import type { Database, IntakeStatus } from '../platform/db/schema.ts';

export function demoIntakeAnswers(overrides: Partial<IntakeAnswers> = {}): Required<IntakeAnswers> {
  return {
    demographics: { dateOfBirth: '1988-04-12', stateOfResidence: 'CO', phone: '+1 555 010 2000' },
    body: { weight: { value: 68, unit: 'kg' }, height: { value: 170, unit: 'cm' } },
    psychiatric: {
      conditions: ['Major depressive disorder', 'Generalised anxiety'],
      psychosisHistory: false,
      maniaHistory: false,
      bipolarDisorder: false,
      suicideAttemptMonthsAgo: null,
      currentSuicidalIntent: false,
    },
    priorTreatments: {
      antidepressantsTried: 3,
      psychotherapy: true,
      tms: false,
      ect: false,
      esketamine: false,
      ketaminePreviously: false,
    },
    cardiovascular: {
      hypertension: 'none',
      recentMyocardialInfarction: false,
      heartFailure: false,
      unstableAngina: false,
      aneurysmOrAvm: false,
      intracerebralHemorrhage: false,
      bloodPressure: { systolic: 118, diastolic: 76 },
      heartRate: 72,
    },
    medical: {
      ketamineHypersensitivity: false,
      glaucomaOrRaisedIntracranialPressure: false,
      liverDisease: false,
      hyperthyroidismUncontrolled: false,
      bladderSymptoms: false,
      sleepApneaOrRespiratoryDisease: false,
    },
    substanceUse: {
      currentDependence: false,
      ketamineOrPcpMisuse: false,
      opioidUseDisorderHistory: false,
      auditC: [1, 0, 0],
    },
    pregnancy: { pregnant: false, breastfeeding: false },
    medications: { items: [{ name: 'sertraline', dose: '100 mg daily' }] },
    emergencyContact: { name: 'Ana Torres', relationship: 'Sister', phone: '+1 555 010 2001' },
    supportPerson: {
      name: 'Sam Torres',
      relationship: 'Partner',
      phone: '+1 555 010 2002',
      email: 'support@stillwater.example',
    },
    baseline: {
      phq9: [2, 2, 2, 2, 1, 2, 2, 1, 0],
      phq9Difficulty: 'Very difficult',
      gad7: [2, 2, 2, 1, 1, 2, 2],
    },
    ...overrides,
  };
}

export type DemoJourney = {
  status: IntakeStatus;
  answers: Partial<IntakeAnswers>;
  /** For approved intakes: the clinician who decided and the licence they decided under. */
  approvedBy?: { userId: string; licenceState: string; licenceNumber: string };
  consented?: boolean;
};

/** Gives a newly created demo patient their intake (and consent), in the caller's transaction. */
export async function seedJourney(
  trx: Kysely<Database>,
  patient: { id: string; givenName: string; familyName: string },
  journey: DemoJourney,
  now: Date,
): Promise<void> {
  const complete = journey.status !== 'draft';
  const answers = complete ? demoIntakeAnswers(journey.answers) : journey.answers;
  const submittedAt = new Date(now.getTime() - 26 * 3_600_000);
  const screening = complete
    ? screenIntake(
        answers as Required<IntakeAnswers>,
        { version: 0, thresholds: defaultScreeningThresholds, updatedAt: null },
        submittedAt,
      )
    : null;
  const intakeId = uuidv7();
  await trx
    .insertInto('intakes')
    .values({
      id: intakeId,
      patient_id: patient.id,
      status: journey.status,
      answers: JSON.stringify(answers),
      version: 1 + Object.keys(answers).length,
      screening: screening ? JSON.stringify(screening) : null,
      submitted_at: complete ? submittedAt : null,
      created_at: new Date(now.getTime() - 30 * 3_600_000),
      updated_at: complete ? submittedAt : now,
    })
    .execute();
  if (journey.approvedBy) {
    await trx
      .insertInto('candidacy_decisions')
      .values({
        id: uuidv7(),
        patient_id: patient.id,
        intake_id: intakeId,
        clinician_user_id: journey.approvedBy.userId,
        decision: 'approved',
        message_to_patient: 'Welcome to the program. Next, please read and sign the consent document.',
        clinical_note: 'Demo: screening reviewed, video consult completed.',
        licence_state: journey.approvedBy.licenceState,
        licence_number: journey.approvedBy.licenceNumber,
        created_at: new Date(now.getTime() - 22 * 3_600_000),
      })
      .execute();
  }
  if (journey.consented) {
    const doc = await trx
      .selectFrom('consent_documents')
      .selectAll()
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('consents')
      .values({
        id: uuidv7(),
        patient_id: patient.id,
        document_id: doc.id,
        document_version: doc.version,
        document_hash: doc.content_hash,
        signed_name: `${patient.givenName} ${patient.familyName}`,
        signed_at: new Date(now.getTime() - 20 * 3_600_000),
        ip: '127.0.0.1',
        user_agent: 'demo seed',
      })
      .execute();
  }
}
