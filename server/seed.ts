import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { insertClinicIfMissing } from './modules/clinic/repo.ts';
import { hashPassword } from './modules/identity/passwords.ts';
import { insertProtocolVersion } from './modules/protocols/repo.ts';
import { firstVersionRow, type ProtocolSettings } from './modules/protocols/service.ts';
import { insertIntakeTeamMember } from './modules/staff/repo.ts';
import type { AppDeps } from './platform/app-deps.ts';
import type { CareTeamRole, Database, Role } from './platform/db/schema.ts';
import {
  type DemoJourney,
  seedConsentDocument,
  seedDemoScores,
  seedDemoSessions,
  seedDemoTreatment,
  seedJourney,
} from './seed-journeys/index.ts';

export const demoPassword = 'calm-harbor-demo-2026';
export const demoTotpSecret = 'JBSWY3DPEHPK3PXP';
export const demoState = 'CO';

type DemoUser = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  staff?: {
    credentials: string;
    title: string;
    deaNumber?: string;
    deaExpiresOn?: string;
    licences: { id: string; state: string; number: string; expiresOn: string }[];
    /** On the clinic's intake team: receives alerts and reviews of patients without a care team. */
    intakeTeam?: boolean;
  };
};

/** Fixed ids, so the seed is idempotent and tests and docs can name the demo records. */
export const demoIds = {
  patientUser: '01937a00-0000-7000-8000-000000000001',
  supportUser: '01937a00-0000-7000-8000-000000000002',
  clinician: '01937a00-0000-7000-8000-000000000003',
  nurse: '01937a00-0000-7000-8000-000000000004',
  coach: '01937a00-0000-7000-8000-000000000005',
  admin: '01937a00-0000-7000-8000-000000000006',
  patient: '01937a00-0000-7000-8000-000000000101',
  /** A patient no demo staff member is assigned to: for break-glass. */
  unassignedPatient: '01937a00-0000-7000-8000-000000000199',
  /** Maya's active treatment plan (from the induction protocol) and its prescription. */
  plan: '01937a00-0000-7000-8000-000000000501',
  prescription: '01937a00-0000-7000-8000-000000000502',
} as const;

/**
 * The protocol every clinic starts with (seeded whether or not the demo is): an induction
 * course of six at-home sublingual sessions, each default taken from CLINICAL-REFERENCE.md.
 */
export const inductionProtocol: {
  id: string;
  key: string;
  name: string;
  description: string;
} & ProtocolSettings = {
  id: '01937a00-0000-7000-8000-000000000500',
  key: 'induction-sublingual-6',
  name: 'Induction — 6 sublingual sessions',
  description: [
    'An induction course of six supervised at-home sessions with a sublingual lozenge (troche). Sources of each default (Stillwater clinical reference):',
    '• Starting dose 300 mg, maximum 450 mg: Hull et al. 2022 gave 300–450 mg sublingually at home (about 5 mg/kg to start).',
    '• Minimum 200 mg: published at-home sublingual sessions range 200–450 mg.',
    '• Step 50 mg: start low and adjust after each session by response and tolerance.',
    '• At least 72 hours between sessions: at most twice weekly (common prescriber rule).',
    '• 6 sessions: an induction course is typically 4–6 sessions, weekly to every 2 weeks.',
    '• Blood pressure hold at 140/90 or above: Spravato label, weigh the risk above 140/90.',
    '• Heart rate 50–110 bpm: outside this range, hold for review.',
    '• Fasting 3 hours: about 2–4 hours before the dose, against nausea.',
    '• Support-person check-in every 15 minutes: the support person checks in every 15 minutes.',
    '• Missed post-session check-in escalates after 3 hours (180 minutes) from dosing.',
    '• Blood-pressure recheck 40 minutes after dosing: blood pressure peaks about 40 minutes after a dose.',
    '• One rested retake after 5 minutes: a home reading is taken seated after 5 minutes of quiet rest (2017 ACC/AHA guideline, home monitoring); if the retake is also high, a nurse or clinician decides.',
    '• Dose window 60 minutes before to 4 hours after the scheduled time: clinic operating default.',
    '• Recheck alert when 20 minutes late: clinic operating default.',
    '• Check-in opens 120 minutes after the dose: Spravato REMS monitors at least 2 hours after each dose; oral effects typically subside within a couple of hours.',
  ].join('\n'),
  route: 'sublingual',
  startingDoseMg: 300,
  stepMg: 50,
  minDoseMg: 200,
  maxDoseMg: 450,
  minHoursBetweenSessions: 72,
  sessionsPlanned: 6,
  bloodPressureLimit: { systolic: 140, diastolic: 90 },
  heartRateRange: { min: 50, max: 110 },
  fastingHours: 3,
  checkInIntervalMinutes: 15,
  missedCheckInMinutes: 180,
  bpRecheckMinutes: 40,
  retakeAfterMinutes: 5,
  doseWindowBeforeMinutes: 60,
  doseWindowAfterMinutes: 240,
  recheckGraceMinutes: 20,
  observationMinutes: 120,
};

/**
 * What every clinic needs whether or not it runs the demo: the starting protocol.
 * Idempotent: creates only what is missing.
 */
export async function seedClinicDefaults(
  deps: Pick<AppDeps, 'database'>,
  now = new Date(),
): Promise<{ created: string[] }> {
  const db = deps.database.db;
  const exists = await db
    .selectFrom('protocols')
    .select('id')
    .where('key', '=', inductionProtocol.key)
    .executeTakeFirst();
  if (exists) return { created: [] };
  const inserted = await insertProtocolVersion(db, firstVersionRow(inductionProtocol, null, now));
  return { created: inserted ? ['induction protocol'] : [] };
}

const demoUsers: DemoUser[] = [
  {
    id: demoIds.patientUser,
    email: 'patient@stillwater.example',
    displayName: 'Maya Torres',
    role: 'patient',
  },
  {
    id: demoIds.supportUser,
    email: 'support@stillwater.example',
    displayName: 'Sam Torres',
    role: 'support',
  },
  {
    id: demoIds.clinician,
    email: 'clinician@stillwater.example',
    displayName: 'Dr. Elena Park',
    role: 'clinician',
    staff: {
      credentials: 'MD',
      title: 'Psychiatrist, prescriber',
      intakeTeam: true,
      deaNumber: 'FP1234563',
      deaExpiresOn: '2028-03-31',
      licences: [
        {
          id: '01937a00-0000-7000-8000-000000000301',
          state: 'CO',
          number: 'DR.0061234',
          expiresOn: '2028-04-30',
        },
        {
          id: '01937a00-0000-7000-8000-000000000302',
          state: 'NM',
          number: 'MD-2019-0457',
          expiresOn: '2027-07-01',
        },
      ],
    },
  },
  {
    id: demoIds.nurse,
    email: 'nurse@stillwater.example',
    displayName: 'Jordan Reyes',
    role: 'nurse',
    staff: {
      credentials: 'RN',
      title: 'Nurse',
      intakeTeam: true,
      licences: [
        {
          id: '01937a00-0000-7000-8000-000000000303',
          state: 'CO',
          number: 'RN.1723456',
          expiresOn: '2027-09-30',
        },
      ],
    },
  },
  {
    id: demoIds.coach,
    email: 'coach@stillwater.example',
    displayName: 'Avery Lin',
    role: 'coach',
    staff: { credentials: 'MA, LPC', title: 'Integration coach', licences: [] },
  },
  {
    id: demoIds.admin,
    email: 'admin@stillwater.example',
    displayName: 'Riley Morgan',
    role: 'admin',
    staff: { credentials: '', title: 'Clinic administrator', licences: [] },
  },
];

type DemoPatient = {
  id: string;
  userId?: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  state: string;
  timeZone: string;
  stage: string;
  careTeam: { staffUserId: string; role: CareTeamRole }[];
  journey: DemoJourney;
};

const approvedInCo = { userId: demoIds.clinician, licenceState: 'CO', licenceNumber: 'DR.0061234' };

const fullTeam = [
  { staffUserId: demoIds.clinician, role: 'prescriber' as const },
  { staffUserId: demoIds.nurse, role: 'nurse' as const },
  { staffUserId: demoIds.coach, role: 'coach' as const },
];

const demoPatients: DemoPatient[] = [
  {
    id: demoIds.patient,
    userId: demoIds.patientUser,
    givenName: 'Maya',
    familyName: 'Torres',
    dateOfBirth: '1988-04-12',
    state: demoState,
    timeZone: 'America/Denver',
    stage: 'sessions',
    careTeam: fullTeam,
    journey: { status: 'approved', answers: {}, approvedBy: approvedInCo, consented: true },
  },
  {
    id: '01937a00-0000-7000-8000-000000000102',
    givenName: 'Noah',
    familyName: 'Bennett',
    dateOfBirth: '1979-11-02',
    state: 'CO',
    timeZone: 'America/Denver',
    stage: 'intake',
    careTeam: [],
    journey: {
      status: 'draft',
      answers: {
        demographics: { dateOfBirth: '1979-11-02', stateOfResidence: 'CO', phone: '+1 555 010 3000' },
      },
    },
  },
  {
    id: '01937a00-0000-7000-8000-000000000103',
    givenName: 'Priya',
    familyName: 'Shah',
    dateOfBirth: '1992-06-23',
    state: 'CO',
    timeZone: 'America/Denver',
    stage: 'review',
    // Submitted, taking an interacting medication; the demo clinician has started the review.
    careTeam: [{ staffUserId: demoIds.clinician, role: 'prescriber' }],
    journey: {
      status: 'submitted',
      answers: {
        demographics: { dateOfBirth: '1992-06-23', stateOfResidence: 'CO', phone: '+1 555 010 4000' },
        medications: {
          items: [
            { name: 'Xanax', dose: '0.5 mg as needed' },
            { name: 'sertraline', dose: '50 mg' },
          ],
        },
      },
    },
  },
  {
    id: '01937a00-0000-7000-8000-000000000104',
    givenName: 'Lucas',
    familyName: 'Meyer',
    dateOfBirth: '1985-01-30',
    state: 'NM',
    timeZone: 'America/Denver',
    stage: 'consent',
    careTeam: [
      { staffUserId: demoIds.clinician, role: 'prescriber' },
      { staffUserId: demoIds.nurse, role: 'nurse' },
    ],
    journey: {
      status: 'approved',
      answers: {
        demographics: { dateOfBirth: '1985-01-30', stateOfResidence: 'NM', phone: '+1 555 010 5000' },
      },
      approvedBy: { userId: demoIds.clinician, licenceState: 'NM', licenceNumber: 'MD-2019-0457' },
    },
  },
  {
    id: '01937a00-0000-7000-8000-000000000105',
    givenName: 'Grace',
    familyName: 'Okafor',
    dateOfBirth: '1970-09-14',
    state: 'CO',
    timeZone: 'America/Denver',
    stage: 'maintenance',
    careTeam: fullTeam,
    journey: {
      status: 'approved',
      answers: {
        demographics: { dateOfBirth: '1970-09-14', stateOfResidence: 'CO', phone: '+1 555 010 6000' },
      },
      approvedBy: approvedInCo,
      consented: true,
    },
  },
  {
    id: '01937a00-0000-7000-8000-000000000106',
    givenName: 'Ethan',
    familyName: 'Brooks',
    dateOfBirth: '1981-12-05',
    state: 'CO',
    timeZone: 'America/Denver',
    stage: 'review',
    careTeam: [],
    // Submitted with an exclusion: blood pressure in the uncontrolled range.
    journey: {
      status: 'submitted',
      answers: {
        demographics: { dateOfBirth: '1981-12-05', stateOfResidence: 'CO', phone: '+1 555 010 7000' },
        cardiovascular: {
          hypertension: 'uncontrolled',
          recentMyocardialInfarction: false,
          heartFailure: false,
          unstableAngina: false,
          aneurysmOrAvm: false,
          intracerebralHemorrhage: false,
          bloodPressure: { systolic: 165, diastolic: 100 },
          heartRate: 88,
        },
      },
    },
  },
  {
    id: demoIds.unassignedPatient,
    givenName: 'Owen',
    familyName: 'Price',
    dateOfBirth: '1990-03-08',
    state: 'CO',
    timeZone: 'America/Denver',
    stage: 'sessions',
    careTeam: [],
    journey: {
      status: 'approved',
      answers: {
        demographics: { dateOfBirth: '1990-03-08', stateOfResidence: 'CO', phone: '+1 555 010 8000' },
      },
      approvedBy: approvedInCo,
      consented: true,
    },
  },
];

async function seedUsers(db: Kysely<Database>, now: Date): Promise<number> {
  const existing = new Set(
    (
      await db
        .selectFrom('users')
        .select('id')
        .where(
          'id',
          'in',
          demoUsers.map((u) => u.id),
        )
        .execute()
    ).map((r) => r.id),
  );
  const missing = demoUsers.filter((u) => !existing.has(u.id));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction().execute(async (trx) => {
    for (const user of missing) {
      const isStaff = user.staff !== undefined;
      await trx
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          display_name: user.displayName,
          role: user.role,
          password_hash: passwordHash,
          totp_secret: isStaff ? demoTotpSecret : null,
          totp_enabled_at: isStaff ? now : null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (user.staff) {
        await trx
          .insertInto('staff_profiles')
          .values({
            user_id: user.id,
            credentials: user.staff.credentials,
            title: user.staff.title,
            dea_number: user.staff.deaNumber ?? null,
            dea_expires_on: user.staff.deaExpiresOn ?? null,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        for (const licence of user.staff.licences) {
          await trx
            .insertInto('staff_licences')
            .values({
              id: licence.id,
              user_id: user.id,
              state: licence.state,
              number: licence.number,
              expires_on: licence.expiresOn,
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        // Named with the account, so an administrator's later change to the team stands.
        if (user.staff.intakeTeam) {
          await insertIntakeTeamMember(trx, { staffUserId: user.id, addedBy: null, now });
        }
      }
    }
  });
  return missing.length;
}

async function seedPatients(db: Kysely<Database>, now: Date): Promise<number> {
  let created = 0;
  for (const patient of demoPatients) {
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('patients')
        .values({
          id: patient.id,
          user_id: patient.userId ?? null,
          given_name: patient.givenName,
          family_name: patient.familyName,
          date_of_birth: patient.dateOfBirth,
          state_of_residence: patient.state,
          time_zone: patient.timeZone,
          journey_stage: patient.stage,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) return;
      created += 1;
      await seedJourney(trx, patient, patient.journey, now);
      // The team is created with the patient, in one transaction, so it is never added twice.
      for (const member of patient.careTeam) {
        await trx
          .insertInto('care_team')
          .values({
            id: uuidv7(),
            patient_id: patient.id,
            staff_user_id: member.staffUserId,
            role: member.role,
          })
          .execute();
      }
    });
  }
  await db
    .insertInto('support_links')
    .values({
      id: '01937a00-0000-7000-8000-000000000401',
      patient_id: demoIds.patient,
      support_user_id: demoIds.supportUser,
      relationship: 'Partner',
      status: 'active',
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return created;
}

/**
 * The demo clinic: what a new install shows so people can try every role at once.
 * Idempotent: each step creates only what is missing, so running it again changes nothing.
 * Later capabilities add their demo records here, each as its own step.
 */
export async function seedDemoClinic(
  deps: Pick<AppDeps, 'database'>,
  now = new Date(),
): Promise<{ created: string[] }> {
  const created: string[] = [];
  const db = deps.database.db;

  const clinicCreated = await insertClinicIfMissing(db, {
    name: 'Stillwater Demo Clinic',
    phone: '+1 (555) 010-0100',
    after_hours_phone: '+1 (555) 010-0199',
    email: 'care@stillwater.example',
    time_zone: 'America/Denver',
    updated_at: now,
  });
  if (clinicCreated) created.push('clinic');
  created.push(...(await seedClinicDefaults(deps, now)).created);
  if (await seedConsentDocument(db, now)) created.push('consent document');
  const users = await seedUsers(db, now);
  if (users > 0) created.push(`${users} users`);
  const patients = await seedPatients(db, now);
  if (patients > 0) created.push(`${patients} patients`);
  const treatment = await seedDemoTreatment(db, now, {
    patientId: demoIds.patient,
    patientUserId: demoIds.patientUser,
    clinicianId: demoIds.clinician,
    protocolId: inductionProtocol.id,
    planId: demoIds.plan,
    prescriptionId: demoIds.prescription,
  });
  if (treatment) created.push('demo treatment plan and prescription');
  const sessions = await seedDemoSessions(db, now, {
    patientId: demoIds.patient,
    patientUserId: demoIds.patientUser,
    supportUserId: demoIds.supportUser,
    nurseId: demoIds.nurse,
    planId: demoIds.plan,
    prescriptionId: demoIds.prescription,
  });
  if (sessions) created.push('demo sessions');
  const scores = await seedDemoScores(db, now, {
    maya: demoIds.patient,
    grace: '01937a00-0000-7000-8000-000000000105',
    clinicianId: demoIds.clinician,
    nurseId: demoIds.nurse,
  });
  if (scores) created.push('demo score histories');

  return { created };
}
