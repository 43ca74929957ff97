/**
 * A patient ready for at-home sessions, reached through the real API from sign-up: intake,
 * candidacy approved by the demo clinician (licensed in CO), consent signed, the demo nurse
 * on the care team, the demo support person linked, an active plan from the induction
 * protocol and a received prescription.
 */
import assert from 'node:assert/strict';
import { uuidv7 } from 'uuidv7';
import { demoIds, inductionProtocol } from '../seed.ts';
import { demoIntakeAnswers } from '../seed-journeys/index.ts';
import { signInAs } from './sign-in.ts';
import type { TestApp } from './test-app.ts';

export type ReadyPatient = { patientId: string; cookie: string; planId: string; email: string };

let counter = 0;

async function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  cookie: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  const res = await t.app.inject({ method, url, headers: { cookie, ...headers }, payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : {};
}

export async function readyForSessions(
  t: TestApp,
  plan: Record<string, unknown> = {},
): Promise<ReadyPatient> {
  counter += 1;
  const email = `ready-${counter}-${Date.now()}@example.org`;
  const signup = await t.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    // Sign-up is rate-limited per address; each fixture patient comes from its own.
    remoteAddress: `10.77.${Math.floor(counter / 250)}.${counter % 250}`,
    payload: {
      email,
      password: 'a quiet morning by the lake',
      givenName: 'Rowan',
      familyName: `Ready${counter}`,
    },
  });
  assert.equal(signup.statusCode, 201, signup.body);
  const cookie = String([signup.headers['set-cookie']].flat()[0]).split(';')[0]!;
  const patientId = signup.json().user.patientId as string;

  let version = (await call(t, 'GET', `/api/patients/${patientId}/intake`, cookie)).version as number;
  for (const [section, answers] of Object.entries(demoIntakeAnswers())) {
    version = (
      await call(t, 'PUT', `/api/patients/${patientId}/intake/sections/${section}`, cookie, {
        answers,
        version,
      })
    ).intake.version;
  }
  const submitted = await call(t, 'POST', `/api/patients/${patientId}/intake/submit`, cookie, { version });

  const clinician = await signInAs(t, 'clinician');
  await call(t, 'POST', `/api/candidacy/${submitted.id}/start`, clinician.cookie);
  const intake = await call(t, 'GET', `/api/patients/${patientId}/intake`, clinician.cookie);
  const excluded = (intake.screening?.flags ?? [])
    .filter((f: { severity: string }) => f.severity === 'exclude')
    .map((f: { ruleId: string }) => f.ruleId);
  await call(t, 'POST', `/api/patients/${patientId}/candidacy-decisions`, clinician.cookie, {
    decision: 'approve',
    clinicalNote: 'Good candidate; video visit done.',
    ...(excluded.length > 0 ? { overrideJustification: 'Test fixture override.' } : {}),
  });
  const doc = await call(t, 'GET', '/api/consent-documents/current', cookie);
  await call(t, 'POST', `/api/patients/${patientId}/consents`, cookie, {
    documentVersion: doc.version,
    signedName: `Rowan Ready${counter}`,
    agree: true,
  });

  const admin = await signInAs(t, 'admin');
  await call(t, 'POST', `/api/patients/${patientId}/care-team`, admin.cookie, {
    staffUserId: demoIds.nurse,
    role: 'nurse',
  });
  await t.deps.database.db
    .insertInto('support_links')
    .values({ id: uuidv7(), patient_id: patientId, support_user_id: demoIds.supportUser, status: 'active' })
    .execute();

  const clinicianAgain = await signInAs(t, 'clinician');
  const created = await call(t, 'POST', `/api/patients/${patientId}/plans`, clinicianAgain.cookie, {
    protocolId: inductionProtocol.id,
    ...plan,
  });
  await call(
    t,
    'PATCH',
    `/api/patients/${patientId}/plans/${created.id}`,
    clinicianAgain.cookie,
    { status: 'active', changeNote: 'Starting the induction course.' },
    { 'if-match': String(created.version) },
  );
  const prescription = await call(
    t,
    'POST',
    `/api/patients/${patientId}/prescriptions`,
    clinicianAgain.cookie,
    {
      form: 'sublingual lozenge (troche)',
      strengthMg: 100,
      quantity: 18,
      directions: 'Dissolve 3 lozenges (300 mg) under the tongue at the start of each supervised session.',
      pharmacy: { name: 'Front Range Compounding Pharmacy', address: '1 Main St, Denver, CO' },
      basis: 'Telemedicine (audio-video), DEA telemedicine flexibilities through 31 Dec 2026',
    },
  );
  await call(t, 'POST', `/api/patients/${patientId}/prescriptions/${prescription.id}/receipt`, cookie, {
    quantityReceived: 18,
  });
  return { patientId, cookie, planId: created.id, email };
}

/** Signs the ready patient in again (the test clock moves past idle timeouts); their cookie header. */
export async function signInReadyPatient(t: TestApp, p: ReadyPatient): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: p.email, password: 'a quiet morning by the lake' },
  });
  assert.equal(res.statusCode, 200, res.body);
  return String([res.headers['set-cookie']].flat().find((c) => c?.includes('sw_session='))).split(';')[0]!;
}
