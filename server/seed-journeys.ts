/**
 * Demo intakes and consent: the demo clinic's patients at each point of the journey, so
 * every screen has something true to life to show. Part of the demo seed (seed.ts).
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { defaultScreeningThresholds } from '../clinical/screening.ts';
import { consentDocumentHash } from './modules/consent/service.ts';
import type { IntakeAnswers } from './modules/intake/schema.ts';
import { screenIntake } from './modules/intake/service.ts';
import type { Database, IntakeStatus } from './platform/db/schema.ts';

export const demoConsentDocument = {
  title: 'Informed consent for at-home oral ketamine treatment',
  body: `This document explains the treatment your clinician has proposed, so that you can decide whether to go ahead. Please read it carefully, and ask your care team about anything that is unclear.

1. What the treatment is. Ketamine is a medicine first used as an anaesthetic. At lower doses, taken as a lozenge under your care team's guidance, it can ease depression and anxiety that other treatments have not helped. It is not approved for this use by the FDA; it is prescribed "off-label", which is legal and common, but means the evidence is still growing.

2. How sessions work. You take each dose at home, at the time agreed, in a quiet private room, with a support person aged 18 or over nearby who is sober and stays within calling distance. Before every dose you check your blood pressure and heart rate and complete a short checklist; if anything is outside your plan's limits, the session is paused and your care team contacts you. Your first session is watched live by a nurse or clinician by video.

3. What you may feel. Effects usually begin within 10 to 15 minutes, are strongest around 30 to 45 minutes and mostly fade within 1 to 2 hours. You may feel detached from your body or surroundings (dissociation), dizzy, sleepy or sick, have blurred vision or a headache, or feel anxious. Blood pressure and heart rate rise for a while. Rarely, people have distressing experiences, confusion, or bladder problems with repeated use.

4. Keeping safe. Do not eat for a few hours before a dose, and do not drink alcohol in the 24 hours before. Do not drive or operate machinery until the next day, after a night's sleep. Tell your care team about every medicine and supplement you take, and about any change. Keep your lozenges locked away and never share them: ketamine is a controlled substance (Schedule III) and can be misused.

5. Getting help. During a session, the "I need help" button alerts your care team. In a crisis, call or text 988 at any time; in an emergency, call 911.

6. Your choices. Taking part is voluntary. You can pause or stop at any time, and your other care will not be affected. Your care team may pause or stop treatment if it is not safe to continue.

7. Your information. Your answers, scores and session records are kept securely, seen only by your care team, and every access is recorded.

By signing, you confirm that you have read this document, had the chance to ask questions, and agree to start treatment.`,
};

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

export async function seedConsentDocument(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('consent_documents').select('id').executeTakeFirst();
  if (existing) return false;
  await db
    .insertInto('consent_documents')
    .values({
      id: uuidv7(),
      version: 1,
      title: demoConsentDocument.title,
      body: demoConsentDocument.body,
      material: true,
      content_hash: consentDocumentHash(demoConsentDocument.title, demoConsentDocument.body),
      published_at: now,
      published_by: null,
    })
    .execute();
  return true;
}

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
