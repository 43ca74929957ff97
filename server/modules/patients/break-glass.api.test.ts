/** Break-glass access to a patient's record: a reason, a time limit, an urgent review, and the audit. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../platform/db/schema.ts';
import { demoIds } from '../../seed.ts';
import { send } from '../../testing/send.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

const nobody = '01937a00-0000-7000-8000-0000000001ff'; // no such patient

describe('break-glass access', () => {
  let t: TestApp;
  let grantId: string;
  let clinician: { cookie: string; userId: string };

  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const get = (url: string, cookie: string) => send(t, cookie, 'GET', url);
  const post = (url: string, cookie: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const grants = () => t.deps.database.db.selectFrom('break_glass_grants').selectAll().execute();
  const reason = 'Patient called the after-hours line with chest pain; assigned prescriber unreachable.';

  it('a clinician outside the care team first gets 404', async () => {
    clinician = await signInAs(t, 'clinician');
    const res = await get(`/api/patients/${demoIds.unassignedPatient}`, clinician.cookie);
    assert.equal(res.statusCode, 404);
  });

  it('breaking the glass needs a real reason (400 otherwise, nothing granted)', async () => {
    for (const short of ['urgent', '   too short   ', '']) {
      const res = await post(`/api/patients/${demoIds.unassignedPatient}/break-glass`, clinician.cookie, {
        reason: short,
      });
      assert.equal(res.statusCode, 400, JSON.stringify(short));
      assert.equal(res.json().error.code, 'invalid_request');
      assert.match(res.json().error.message, /^reason: must say why, in at least 10 characters$/);
    }
    const missing = await post(
      `/api/patients/${demoIds.unassignedPatient}/break-glass`,
      clinician.cookie,
      {},
    );
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(await grants(), []);
  });

  it('nurses, coaches, patients and support people cannot break the glass (403)', async () => {
    for (const role of ['nurse', 'coach', 'patient', 'support'] as Role[]) {
      const { cookie } = await signInAs(t, role);
      const res = await post(`/api/patients/${demoIds.unassignedPatient}/break-glass`, cookie, { reason });
      assert.equal(res.statusCode, 403, role);
      assert.equal(res.json().error.code, 'forbidden');
    }
    assert.deepEqual(await grants(), []);
  });

  it('breaking the glass on a patient who does not exist answers 404', async () => {
    const res = await post(`/api/patients/${nobody}/break-glass`, clinician.cookie, { reason });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(await grants(), []);
  });

  it('with a real reason: 201, 60 minutes of access, audited as an emergency access', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${demoIds.unassignedPatient}/break-glass`,
      headers: { cookie: clinician.cookie, 'x-request-id': 'req-break-glass' },
      payload: { reason: `  ${reason}  ` },
    });
    assert.equal(res.statusCode, 201, res.body);
    grantId = res.json().id;
    assert.equal(res.json().expiresAt, new Date(t.clock.now().getTime() + 60 * 60_000).toISOString());
    const [grant] = await grants();
    assert.equal(grant!.user_id, clinician.userId);
    assert.equal(grant!.patient_id, demoIds.unassignedPatient);
    assert.equal(grant!.reason, reason, 'stored trimmed');
    const [entry] = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('request_id', '=', 'req-break-glass')
      .execute();
    assert.equal(entry!.subtype, 'access.break_glass');
    assert.equal(entry!.action, 'E');
    assert.equal(entry!.actor_user_id, clinician.userId);
    assert.equal(entry!.patient_id, demoIds.unassignedPatient);
    assert.equal(entry!.entity_id, grantId);
    assert.deepEqual(
      entry!.details,
      { expiresAt: res.json().expiresAt },
      'the reason stays with the grant, out of the trail',
    );
  });

  it('the chart opens, and each read is audited with basis break_glass', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${demoIds.unassignedPatient}`,
      headers: { cookie: clinician.cookie, 'x-request-id': 'req-bg-read' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().givenName, 'Owen');
    const [entry] = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('request_id', '=', 'req-bg-read')
      .execute();
    assert.equal(entry!.subtype, 'patient.profile.read');
    assert.equal(entry!.patient_id, demoIds.unassignedPatient);
    assert.equal(entry!.actor_user_id, clinician.userId);
    assert.deepEqual(entry!.details, { basis: 'break_glass' });
    const team = await get(`/api/patients/${demoIds.unassignedPatient}/care-team`, clinician.cookie);
    assert.equal(team.statusCode, 200);
    assert.deepEqual(team.json(), { items: [] });
  });

  it('the grant is personal: another role still gets 404', async () => {
    const nurse = await signInAs(t, 'nurse');
    assert.equal((await get(`/api/patients/${demoIds.unassignedPatient}`, nurse.cookie)).statusCode, 404);
  });

  it('the grant lasts 60 minutes: open at 59, closed at 61', async () => {
    // Sign in again on the way (a session idles out after 30 minutes); each sign-in adds 30 s.
    t.clock.advanceMinutes(29);
    clinician = await signInAs(t, 'clinician');
    t.clock.advanceMinutes(29);
    clinician = await signInAs(t, 'clinician'); // 59 minutes in
    assert.equal((await get(`/api/patients/${demoIds.unassignedPatient}`, clinician.cookie)).statusCode, 200);
    t.clock.advanceMinutes(1.5);
    clinician = await signInAs(t, 'clinician'); // 61 minutes in
    const res = await get(`/api/patients/${demoIds.unassignedPatient}`, clinician.cookie);
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
    // The care-team assignments of the clinician still work.
    assert.equal((await get(`/api/patients/${demoIds.patient}`, clinician.cookie)).statusCode, 200);
  });

  it('an admin can break the glass to read (not write) a chart', async () => {
    const admin = await signInAs(t, 'admin');
    assert.equal((await get(`/api/patients/${demoIds.patient}`, admin.cookie)).statusCode, 404);
    const res = await post(`/api/patients/${demoIds.patient}/break-glass`, admin.cookie, {
      reason: 'Records request from the state board; prescriber on leave.',
    });
    assert.equal(res.statusCode, 201);
    assert.equal((await get(`/api/patients/${demoIds.patient}`, admin.cookie)).statusCode, 200);
  });

  it('admins see grants to review, unreviewed first, with who, whom and why', async () => {
    const admin = await signInAs(t, 'admin');
    const res = await get('/api/admin/break-glass', admin.cookie);
    assert.equal(res.statusCode, 200);
    const items = res.json().items;
    assert.equal(items.length, 2);
    const clinicianGrant = items.find((g: { id: string }) => g.id === grantId);
    assert.deepEqual(
      { ...clinicianGrant, createdAt: undefined, expiresAt: undefined },
      {
        id: grantId,
        kind: 'break_glass',
        userId: demoIds.clinician,
        userName: 'Dr. Elena Park',
        patientId: demoIds.unassignedPatient,
        patientName: 'Owen Price',
        reason,
        createdAt: undefined,
        expiresAt: undefined,
        reviewedAt: null,
        reviewedByName: null,
        reviewNote: null,
      },
    );
  });

  it('an admin reviews a grant once (204); a second review answers 404', async () => {
    const admin = await signInAs(t, 'admin');
    const empty = await post(`/api/admin/break-glass/${grantId}/review`, admin.cookie, { note: '  ' });
    assert.equal(empty.statusCode, 400);
    const res = await post(`/api/admin/break-glass/${grantId}/review`, admin.cookie, {
      note: 'Confirmed with the on-call log.',
    });
    assert.equal(res.statusCode, 204);
    const list = (await get('/api/admin/break-glass', admin.cookie)).json().items;
    assert.equal(list.at(-1).id, grantId, 'reviewed grants sort after unreviewed ones');
    assert.equal(list.at(-1).reviewedByName, 'Riley Morgan');
    assert.equal(list.at(-1).reviewNote, 'Confirmed with the on-call log.');
    assert.equal(list.at(-1).reviewedAt, t.clock.now().toISOString());
    const entry = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', 'access.break_glass.review')
      .executeTakeFirstOrThrow();
    assert.equal(entry.entity_id, grantId);
    assert.equal(entry.actor_user_id, demoIds.admin);

    const again = await post(`/api/admin/break-glass/${grantId}/review`, admin.cookie, { note: 'Again.' });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'not_found');
    const unknown = await post(`/api/admin/break-glass/${nobody}/review`, admin.cookie, { note: 'Who?' });
    assert.equal(unknown.statusCode, 404);
    const [row] = await t.deps.database.db
      .selectFrom('break_glass_grants')
      .select('review_note')
      .where('id', '=', grantId)
      .execute();
    assert.equal(row!.review_note, 'Confirmed with the on-call log.', 'the first review stands');
  });

  it('an admin cannot review their own break-glass access (403)', async () => {
    const admin = await signInAs(t, 'admin');
    const own = (await get('/api/admin/break-glass', admin.cookie))
      .json()
      .items.find((g: { userId: string }) => g.userId === demoIds.admin);
    const res = await post(`/api/admin/break-glass/${own.id}/review`, admin.cookie, { note: 'Fine by me.' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'forbidden');
    const [row] = await t.deps.database.db
      .selectFrom('break_glass_grants')
      .select('reviewed_at')
      .where('id', '=', own.id)
      .execute();
    assert.equal(row!.reviewed_at, null);
  });

  it('only admins list and review grants (403 for everyone else)', async () => {
    for (const role of ['patient', 'support', 'clinician', 'nurse', 'coach'] as Role[]) {
      const { cookie } = await signInAs(t, role);
      assert.equal((await get('/api/admin/break-glass', cookie)).statusCode, 403, role);
      const review = await post(`/api/admin/break-glass/${grantId}/review`, cookie, { note: 'x' });
      assert.equal(review.statusCode, 403, role);
    }
  });
});
