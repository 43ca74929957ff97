/**
 * Patient records through the API: who sees a profile and a care team, what everyone else
 * gets (404, audited), break-glass access and its review, care-team assignment, staff
 * caseloads — and an audit entry naming the patient for every read of their data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../platform/db/schema.ts';
import { demoIds } from '../../seed.ts';
import { demoAlumniIds } from '../../seed-journeys/index.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

const noah = '01937a00-0000-7000-8000-000000000102'; // no care team
const priya = '01937a00-0000-7000-8000-000000000103'; // clinician only
const lucas = '01937a00-0000-7000-8000-000000000104'; // clinician and nurse, NM
const grace = '01937a00-0000-7000-8000-000000000105'; // full team
const nobody = '01937a00-0000-7000-8000-0000000001ff'; // no such patient

type CareTeamMember = {
  userId: string;
  displayName: string;
  role: string;
  credentials: string;
  title: string;
  licences: { state: string; number: string; expiresOn: string; active: boolean }[];
};

describe('patient records', () => {
  let t: TestApp;
  let requestNumber = 0;

  /** Every request carries a unique request id, so its audit entries can be found. */
  const get = async (url: string, cookie?: string) => {
    const requestId = `req-${++requestNumber}`;
    const res = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'x-request-id': requestId, ...(cookie ? { cookie } : {}) },
    });
    return Object.assign(res, { requestId });
  };
  const entriesFor = (requestId: string) =>
    t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('seq')
      .execute();

  /** A 404 exactly like a patient that does not exist, with the denial in the trail. */
  async function assertDeniedAsMissing(
    res: Awaited<ReturnType<typeof get>>,
    who: { userId: string; role: Role },
    patientId: string,
    permission: string,
  ) {
    assert.equal(res.statusCode, 404, `${who.role} ${permission} ${patientId}`);
    assert.deepEqual(res.json(), { error: { code: 'not_found', message: 'No such patient.' } });
    const entries = await entriesFor(res.requestId);
    assert.equal(entries.length, 1, 'one denial entry, nothing else');
    const [entry] = entries;
    assert.equal(entry!.subtype, 'access.denied');
    assert.equal(entry!.outcome, 'denied');
    assert.equal(entry!.actor_user_id, who.userId);
    assert.equal(entry!.actor_role, who.role);
    assert.equal(entry!.patient_id, patientId === nobody ? null : patientId);
    assert.equal(entry!.entity_id, patientId);
    assert.deepEqual(entry!.details, { permission });
  }

  /** A successful read of health data wrote one entry naming the patient and the basis. */
  async function assertReadAudited(
    res: Awaited<ReturnType<typeof get>>,
    who: { userId: string; role: Role },
    patientId: string,
    subtype: string,
    basis: string,
  ) {
    assert.equal(res.statusCode, 200, res.body);
    const entries = await entriesFor(res.requestId);
    assert.deepEqual(
      entries.map((e) => ({
        subtype: e.subtype,
        action: e.action,
        outcome: e.outcome,
        actor: e.actor_user_id,
        role: e.actor_role,
        patientId: e.patient_id,
        basis: (e.details as { basis?: string }).basis,
      })),
      [{ subtype, action: 'R', outcome: 'success', actor: who.userId, role: who.role, patientId, basis }],
    );
  }

  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('a patient sees their own profile and care team, with names, credentials and licences', async () => {
    const patient = await signInAs(t, 'patient');
    const who = { userId: patient.userId, role: 'patient' as Role };
    assert.equal(patient.patientId, demoIds.patient);

    const profile = await get(`/api/patients/${demoIds.patient}`, patient.cookie);
    await assertReadAudited(profile, who, demoIds.patient, 'patient.profile.read', 'self');
    assert.deepEqual(profile.json(), {
      id: demoIds.patient,
      givenName: 'Maya',
      familyName: 'Torres',
      dateOfBirth: '1988-04-12',
      stateOfResidence: 'CO',
      timeZone: 'America/Denver',
      journeyStage: 'sessions',
    });

    const team = await get(`/api/patients/${demoIds.patient}/care-team`, patient.cookie);
    await assertReadAudited(team, who, demoIds.patient, 'patient.care_team.read', 'self');
    const items = team.json().items as CareTeamMember[];
    assert.deepEqual(
      items.map((m) => [m.role, m.displayName, m.credentials, m.title]),
      [
        ['coach', 'Avery Lin', 'MA, LPC', 'Integration coach'],
        ['nurse', 'Jordan Reyes', 'RN', 'Nurse'],
        ['prescriber', 'Dr. Elena Park', 'MD', 'Psychiatrist, prescriber'],
      ],
    );
    const prescriber = items.find((m) => m.role === 'prescriber')!;
    assert.equal(prescriber.userId, demoIds.clinician);
    const inPatientState = prescriber.licences.filter((l) => l.state === profile.json().stateOfResidence);
    assert.deepEqual(inPatientState, [
      { state: 'CO', number: 'DR.0061234', expiresOn: '2028-04-30', active: true },
    ]);
    assert.deepEqual(
      prescriber.licences.map((l) => l.state),
      ['CO', 'NM'],
    );
    assert.ok(!('id' in prescriber.licences[0]!), 'licence ids are internal');
    assert.deepEqual(items.find((m) => m.role === 'nurse')!.licences, [
      { state: 'CO', number: 'RN.1723456', expiresOn: '2027-09-30', active: true },
    ]);
    assert.equal(JSON.stringify(items).includes('FP1234563'), false, 'the DEA number is not shown');
  });

  it("a support person sees the linked patient's care team but not their profile", async () => {
    const support = await signInAs(t, 'support');
    const who = { userId: support.userId, role: 'support' as Role };
    const team = await get(`/api/patients/${demoIds.patient}/care-team`, support.cookie);
    await assertReadAudited(team, who, demoIds.patient, 'patient.care_team.read', 'support');
    assert.equal(team.json().items.length, 3);

    const profile = await get(`/api/patients/${demoIds.patient}`, support.cookie);
    await assertDeniedAsMissing(profile, who, demoIds.patient, 'patient.profile.read');
  });

  it('an assigned coach sees the profile', async () => {
    const coach = await signInAs(t, 'coach');
    const who = { userId: coach.userId, role: 'coach' as Role };
    const profile = await get(`/api/patients/${demoIds.patient}`, coach.cookie);
    await assertReadAudited(profile, who, demoIds.patient, 'patient.profile.read', 'care_team');
    assert.equal(profile.json().givenName, 'Maya');
    const team = await get(`/api/patients/${grace}/care-team`, coach.cookie);
    await assertReadAudited(team, who, grace, 'patient.care_team.read', 'care_team');
  });

  it("another patient's record answers 404 (as if missing) to every role but its own, and each denial is audited", async () => {
    for (const role of ['patient', 'support', 'coach', 'nurse', 'clinician'] as Role[]) {
      const signedIn = await signInAs(t, role);
      const who = { userId: signedIn.userId, role };
      for (const patientId of [noah, nobody]) {
        await assertDeniedAsMissing(
          await get(`/api/patients/${patientId}`, signedIn.cookie),
          who,
          patientId,
          'patient.profile.read',
        );
        await assertDeniedAsMissing(
          await get(`/api/patients/${patientId}/care-team`, signedIn.cookie),
          who,
          patientId,
          'patient.care_team.read',
        );
      }
    }
  });

  it('a support person is refused a patient other than the one who invited them', async () => {
    const support = await signInAs(t, 'support');
    await assertDeniedAsMissing(
      await get(`/api/patients/${grace}/care-team`, support.cookie),
      { userId: support.userId, role: 'support' },
      grace,
      'patient.care_team.read',
    );
  });

  it('a nurse is refused a patient whose team has only a clinician', async () => {
    const nurse = await signInAs(t, 'nurse');
    await assertDeniedAsMissing(
      await get(`/api/patients/${priya}`, nurse.cookie),
      { userId: nurse.userId, role: 'nurse' },
      priya,
      'patient.profile.read',
    );
  });

  it('an admin gets 404 on a patient profile without break-glass (admins run the clinic, not the care)', async () => {
    const admin = await signInAs(t, 'admin');
    const who = { userId: admin.userId, role: 'admin' as Role };
    await assertDeniedAsMissing(
      await get(`/api/patients/${demoIds.patient}`, admin.cookie),
      who,
      demoIds.patient,
      'patient.profile.read',
    );
    await assertDeniedAsMissing(
      await get(`/api/patients/${demoIds.patient}/care-team`, admin.cookie),
      who,
      demoIds.patient,
      'patient.care_team.read',
    );
  });

  it('a malformed patient id answers 400, and signed-out callers 401', async () => {
    const patient = await signInAs(t, 'patient');
    const bad = await get('/api/patients/not-an-id', patient.cookie);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'invalid_request');
    for (const url of [`/api/patients/${demoIds.patient}`, `/api/patients/${demoIds.patient}/care-team`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'unauthenticated');
      assert.deepEqual(await entriesFor(res.requestId), []);
    }
  });
});

describe('care-team assignment and caseloads', () => {
  let t: TestApp;
  let admin: string;

  before(async () => {
    t = await startTestApp();
    admin = (await signInAs(t, 'admin')).cookie;
  });
  after(() => t.close());

  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const assign = (patientId: string, staffUserId: string, role: string, cookie = admin) =>
    inject('POST', `/api/patients/${patientId}/care-team`, cookie, { staffUserId, role });
  const teamRows = (patientId: string) =>
    t.deps.database.db
      .selectFrom('care_team')
      .select(['staff_user_id', 'role'])
      .where('patient_id', '=', patientId)
      .orderBy('role')
      .execute();

  it("a staff member's caseload lists only their assigned patients, by family name", async () => {
    const expected: Record<string, [string, string, string][]> = {
      clinician: [
        [lucas, 'Meyer', 'prescriber'],
        [grace, 'Okafor', 'prescriber'],
        [priya, 'Shah', 'prescriber'],
        [demoIds.patient, 'Torres', 'prescriber'],
      ],
      nurse: [
        [lucas, 'Meyer', 'nurse'],
        [grace, 'Okafor', 'nurse'],
        [demoIds.patient, 'Torres', 'nurse'],
      ],
      coach: [
        [grace, 'Okafor', 'coach'],
        [demoIds.patient, 'Torres', 'coach'],
      ],
    };
    for (const [role, rows] of Object.entries(expected)) {
      const signedIn = await signInAs(t, role as Role);
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/patients',
        headers: { cookie: signedIn.cookie, 'x-request-id': `req-caseload-${role}` },
      });
      assert.equal(res.statusCode, 200);
      const all = res.json().items as { id: string; familyName: string; careRole: string }[];
      // The ten alumni (finished courses, for the outcome report) sit on the clinician's and nurse's lists.
      const alumni = all.filter((p) => demoAlumniIds.includes(p.id));
      assert.equal(alumni.length, role === 'coach' ? 0 : demoAlumniIds.length, role);
      const items = all.filter((p) => !demoAlumniIds.includes(p.id));
      assert.deepEqual(
        items.map((p) => [p.id, p.familyName, p.careRole]),
        rows,
        role,
      );
      assert.deepEqual(Object.keys(items[0]!).sort(), [
        'careRole',
        'familyName',
        'givenName',
        'id',
        'journeyStage',
        'latestGad7',
        'latestGad7At',
        'latestPhq9',
        'latestPhq9At',
        'risk',
        'stateOfResidence',
      ]);
      const [entry] = await t.deps.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('request_id', '=', `req-caseload-${role}`)
        .execute();
      assert.equal(entry!.subtype, 'patient.list');
      assert.equal(entry!.actor_user_id, signedIn.userId);
      assert.deepEqual(entry!.details, {
        returned: all.length,
        sort: 'name',
        searched: false,
        patientIds: all.map((p) => p.id),
      });
    }
  });

  it('patients, support people and admins have no caseload (403)', async () => {
    for (const role of ['patient', 'support', 'admin'] as Role[]) {
      const { cookie } = await signInAs(t, role);
      const res = await inject('GET', '/api/patients', cookie);
      assert.equal(res.statusCode, 403, role);
    }
  });

  it('an admin assigns a nurse: the nurse now reaches the patient and sees them in the caseload', async () => {
    const nurse = await signInAs(t, 'nurse');
    assert.equal((await inject('GET', `/api/patients/${noah}`, nurse.cookie)).statusCode, 404);
    const res = await assign(noah, demoIds.nurse, 'nurse');
    assert.equal(res.statusCode, 204, res.body);
    assert.deepEqual(await teamRows(noah), [{ staff_user_id: demoIds.nurse, role: 'nurse' }]);
    const entry = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', 'patient.care_team.assign')
      .executeTakeFirstOrThrow();
    assert.equal(entry.patient_id, noah);
    assert.equal(entry.actor_user_id, demoIds.admin);
    assert.deepEqual(entry.details, { staffUserId: demoIds.nurse, role: 'nurse' });

    assert.equal((await inject('GET', `/api/patients/${noah}`, nurse.cookie)).statusCode, 200);
    const caseload = (await inject('GET', '/api/patients', nurse.cookie)).json().items;
    assert.ok(caseload.some((p: { id: string }) => p.id === noah));
  });

  it('assigning someone twice answers 409 and keeps one row', async () => {
    const res = await assign(noah, demoIds.nurse, 'nurse');
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'conflict');
    assert.deepEqual(await teamRows(noah), [{ staff_user_id: demoIds.nurse, role: 'nurse' }]);
    // One person holds one role on a team: the prescriber cannot also be added as its nurse.
    const secondRole = await assign(priya, demoIds.clinician, 'nurse');
    assert.equal(secondRole.statusCode, 409);
    assert.deepEqual(await teamRows(priya), [{ staff_user_id: demoIds.clinician, role: 'prescriber' }]);
  });

  it('a role that does not fit the person answers 422 and assigns nothing', async () => {
    const misfits: [string, string][] = [
      [demoIds.coach, 'prescriber'],
      [demoIds.nurse, 'prescriber'],
      [demoIds.clinician, 'coach'],
      [demoIds.nurse, 'coach'],
      [demoIds.admin, 'nurse'],
      [demoIds.patientUser, 'coach'],
      [demoIds.supportUser, 'nurse'],
      ['01937a00-0000-7000-8000-0000000009ff', 'nurse'],
    ];
    for (const [staffUserId, role] of misfits) {
      const res = await assign(priya, staffUserId, role);
      assert.equal(res.statusCode, 422, `${staffUserId} as ${role}`);
      assert.equal(res.json().error.code, 'unprocessable');
    }
    assert.deepEqual(await teamRows(priya), [{ staff_user_id: demoIds.clinician, role: 'prescriber' }]);
    const bad = await assign(priya, demoIds.coach, 'therapist');
    assert.equal(bad.statusCode, 400);
  });

  it('a clinician may also be assigned as a nurse', async () => {
    const res = await assign(noah, demoIds.clinician, 'nurse');
    assert.equal(res.statusCode, 204);
  });

  it('a disabled staff member cannot be assigned (422)', async () => {
    const disabled = await inject('POST', `/api/staff/${demoIds.coach}/disable`, admin);
    assert.equal(disabled.statusCode, 200);
    const res = await assign(noah, demoIds.coach, 'coach');
    assert.equal(res.statusCode, 422);
    assert.equal((await inject('POST', `/api/staff/${demoIds.coach}/enable`, admin)).statusCode, 200);
    assert.equal((await assign(noah, demoIds.coach, 'coach')).statusCode, 204);
  });

  it('an admin removes a member: their access ends; removing again answers 404', async () => {
    const res = await inject('DELETE', `/api/patients/${noah}/care-team/${demoIds.nurse}`, admin);
    assert.equal(res.statusCode, 204);
    const entry = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', 'patient.care_team.remove')
      .executeTakeFirstOrThrow();
    assert.equal(entry.patient_id, noah);
    assert.deepEqual(entry.details, { staffUserId: demoIds.nurse });
    const nurse = await signInAs(t, 'nurse');
    assert.equal((await inject('GET', `/api/patients/${noah}`, nurse.cookie)).statusCode, 404);
    const again = await inject('DELETE', `/api/patients/${noah}/care-team/${demoIds.nurse}`, admin);
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'not_found');
  });

  it('assigning on a patient who does not exist answers 404', async () => {
    const res = await assign(nobody, demoIds.nurse, 'nurse');
    assert.equal(res.statusCode, 404);
    const removal = await inject('DELETE', `/api/patients/${nobody}/care-team/${demoIds.nurse}`, admin);
    assert.equal(removal.statusCode, 404);
  });

  it('only admins manage care teams (403 for everyone else, even the assigned prescriber)', async () => {
    const before = await teamRows(demoIds.patient);
    for (const role of ['patient', 'support', 'clinician', 'nurse', 'coach'] as Role[]) {
      const { cookie } = await signInAs(t, role);
      const add = await assign(demoIds.patient, demoIds.clinician, 'nurse', cookie);
      assert.equal(add.statusCode, 403, role);
      assert.equal(add.json().error.code, 'forbidden');
      const remove = await inject(
        'DELETE',
        `/api/patients/${demoIds.patient}/care-team/${demoIds.coach}`,
        cookie,
      );
      assert.equal(remove.statusCode, 403, role);
    }
    assert.deepEqual(await teamRows(demoIds.patient), before);
  });
});
