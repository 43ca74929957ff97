/**
 * Demo intakes and consent: the demo clinic's patients at each point of the journey, so
 * every screen has something true to life to show. Part of the demo seed (seed.ts).
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { severityBand } from '../clinical/instruments.ts';
import { defaultScreeningThresholds } from '../clinical/screening.ts';
import { suggestTitration } from '../clinical/titration.ts';
import { consentDocumentHash } from './modules/consent/service.ts';
import type { IntakeAnswers } from './modules/intake/schema.ts';
import { screenIntake } from './modules/intake/service.ts';
import * as planRepo from './modules/plans/repo.ts';
import { planRecord, snapshotOf } from './modules/plans/service.ts';
import * as prescriptionRepo from './modules/prescriptions/repo.ts';
import { prescribedDrug } from './modules/prescriptions/schema.ts';
import { findActiveLicence } from './modules/staff/repo.ts';
import type { AssessmentContext, Database, IntakeStatus } from './platform/db/schema.ts';
import { localDate } from './platform/time.ts';

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

const dayMs = 86_400_000;

/**
 * The demo patient's treatment: an active plan from the induction protocol at 300 mg,
 * started a week ago, and its prescription of 18 × 100 mg lozenges, receipt confirmed.
 * Idempotent: skipped when the plan exists or the patient already has a plan in force.
 * Sessions under the plan are seeded by the sessions module.
 */
export async function seedDemoTreatment(
  db: Kysely<Database>,
  now: Date,
  ids: {
    patientId: string;
    patientUserId: string;
    clinicianId: string;
    protocolId: string;
    planId: string;
    prescriptionId: string;
  },
): Promise<boolean> {
  const existing = await db
    .selectFrom('treatment_plans')
    .select('id')
    .where('id', '=', ids.planId)
    .executeTakeFirst();
  if (existing || (await planRepo.findOpenPlanRow(db, ids.patientId))) return false;
  const protocol = await db
    .selectFrom('protocols')
    .selectAll()
    .where('id', '=', ids.protocolId)
    .executeTakeFirst();
  const patient = await db
    .selectFrom('patients')
    .selectAll()
    .where('id', '=', ids.patientId)
    .executeTakeFirst();
  if (!protocol || !patient?.state_of_residence) return false;
  const clinic = await db.selectFrom('clinic').select('time_zone').executeTakeFirst();
  const timeZone = clinic?.time_zone ?? 'America/Denver';
  const startsOn = localDate(new Date(now.getTime() - 7 * dayMs), timeZone);
  const endsOn = localDate(new Date(now.getTime() + 11 * 7 * dayMs), timeZone);
  const prescriber = await prescriptionRepo.findPrescriberProfile(db, ids.clinicianId);
  const licence = await findActiveLicence(db, ids.clinicianId, patient.state_of_residence, startsOn);
  if (!prescriber?.dea_number || !licence) return false;

  await db.transaction().execute(async (trx) => {
    const writtenAt = new Date(now.getTime() - 8 * dayMs);
    const {
      id: _id,
      key: _key,
      version: _v,
      name: _n,
      description: _d,
      change_note: _c,
      created_by: _b,
      created_at: _a,
      assessment_schedule: schedule,
      ...settings
    } = protocol;
    await planRepo.insertPlan(trx, {
      ...settings,
      assessment_schedule: JSON.stringify(schedule),
      id: ids.planId,
      patient_id: ids.patientId,
      protocol_id: protocol.id,
      status: 'draft',
      version: 1,
      dose_mg: protocol.starting_dose_mg,
      bp_limit_reason: null,
      starts_on: startsOn,
      ends_on: endsOn,
      status_reason: null,
      notes: 'Sessions on Tuesday evenings with Sam at home. Take the lozenge after a light lunch, no later.',
      created_by: ids.clinicianId,
      created_at: writtenAt,
      updated_at: writtenAt,
    });
    const draft = planRecord((await planRepo.lockPlan(trx, ids.planId))!);
    await planRepo.insertPlanVersion(trx, {
      planId: ids.planId,
      version: 1,
      patientId: ids.patientId,
      snapshot: snapshotOf(draft),
      changeNote: `Written from ${protocol.name} (version ${protocol.version})`,
      changedBy: ids.clinicianId,
      now: writtenAt,
    });
    const activatedAt = new Date(now.getTime() - 7 * dayMs);
    await planRepo.updatePlanIfVersion(trx, ids.planId, 1, { status: 'active', updated_at: activatedAt });
    const active = planRecord((await planRepo.lockPlan(trx, ids.planId))!);
    await planRepo.insertPlanVersion(trx, {
      planId: ids.planId,
      version: 2,
      patientId: ids.patientId,
      snapshot: snapshotOf(active),
      changeNote: 'Activated after the video visit; prescription sent to the pharmacy.',
      changedBy: ids.clinicianId,
      now: activatedAt,
    });
    await prescriptionRepo.insertPrescription(trx, {
      id: ids.prescriptionId,
      patient_id: ids.patientId,
      plan_id: ids.planId,
      drug: prescribedDrug,
      form: 'sublingual lozenge (troche)',
      strength_mg: 100,
      quantity: 18,
      directions:
        'Dissolve 3 lozenges (300 mg) under the tongue at the start of each supervised session; do not swallow for 15 minutes.',
      refills: 0,
      prescriber_id: ids.clinicianId,
      prescriber_name: prescriber.credentials
        ? `${prescriber.display_name}, ${prescriber.credentials}`
        : prescriber.display_name,
      dea_number: prescriber.dea_number!,
      licence_state: licence.state,
      licence_number: licence.number,
      pharmacy_name: 'Front Range Compounding Pharmacy',
      pharmacy_address: '1450 Wynkoop St, Denver, CO 80202',
      pharmacy_phone: '+1 (555) 010-0450',
      written_on: localDate(writtenAt, timeZone),
      basis: 'Telemedicine (audio-video), DEA telemedicine flexibilities through 31 Dec 2026',
      received_at: new Date(now.getTime() - 6 * dayMs),
      received_quantity: 18,
      created_at: writtenAt,
    });
    await prescriptionRepo.insertCountEntry(trx, {
      id: uuidv7(),
      patientId: ids.patientId,
      prescriptionId: ids.prescriptionId,
      kind: 'received',
      change: 18,
      expectedAfter: 18,
      recordedBy: ids.patientUserId,
      now: new Date(now.getTime() - 6 * dayMs),
    });
  });
  return true;
}

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
    plan: {
      doseMg: plan.dose_mg,
      stepMg: plan.step_mg,
      maxDoseMg: plan.max_dose_mg,
      minDoseMg: plan.min_dose_mg,
      bloodPressureLimit: { systolic: plan.bp_systolic_limit, diastolic: plan.bp_diastolic_limit },
    },
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
  const day = 86_400_000;
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
          created_at: new Date(now.getTime() - (170 - index * 3) * day),
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
        const takenAt = new Date(now.getTime() - entry.daysAgo * day);
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
      const lastAt = new Date(now.getTime() - last.daysAgo * day);
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
