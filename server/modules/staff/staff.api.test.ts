/**
 * Staff administration through the API: the staff list with licences, credentials and DEA,
 * licences added and removed, accounts disabled (sessions and tokens end at once) and
 * enabled, and the invitation flow from the emailed link to the first sign-in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../platform/db/schema.ts';
import { demoIds, demoPassword } from '../../seed.ts';
import { demoEmails, freshDemoTotp, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

type Licence = { id: string; state: string; number: string; expiresOn: string; active: boolean };
type StaffMember = {
  userId: string;
  email: string;
  displayName: string;
  role: string;
  status: 'active' | 'disabled';
  credentials: string;
  title: string;
  deaNumber: string | null;
  deaExpiresOn: string | null;
  mfaEnabled: boolean;
  licences: Licence[];
};

const day = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

describe('staff administration', () => {
  let t: TestApp;
  let admin: string;

  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { cookie?: string; payload?: object; headers?: Record<string, string> } = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
      ...(options.payload ? { payload: options.payload } : {}),
    });

  async function staffList(): Promise<StaffMember[]> {
    const res = await inject('GET', '/api/staff', { cookie: admin });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items;
  }
  async function member(userId: string): Promise<StaffMember> {
    const found = (await staffList()).find((m) => m.userId === userId);
    assert.ok(found, `staff member ${userId} is listed`);
    return found;
  }
  const auditCount = async (subtype: string) =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('subtype', '=', subtype)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const lastAudit = (subtype: string) =>
    t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', subtype)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();

  before(async () => {
    t = await startTestApp();
    admin = (await signInAs(t, 'admin')).cookie;
  });
  after(() => t.close());

  it('lists every staff member (and no patients) with credentials, DEA, MFA and licences', async () => {
    const items = await staffList();
    assert.deepEqual(
      items.map((m) => [m.displayName, m.role]),
      [
        ['Avery Lin', 'coach'],
        ['Dr. Elena Park', 'clinician'],
        ['Jordan Reyes', 'nurse'],
        ['Riley Morgan', 'admin'],
      ],
      'staff only, by name',
    );
    const clinician = items.find((m) => m.userId === demoIds.clinician)!;
    assert.deepEqual(clinician, {
      userId: demoIds.clinician,
      email: 'clinician@stillwater.example',
      displayName: 'Dr. Elena Park',
      role: 'clinician',
      status: 'active',
      credentials: 'MD',
      title: 'Psychiatrist, prescriber',
      deaNumber: 'FP1234563',
      deaExpiresOn: '2028-03-31',
      mfaEnabled: true,
      onIntakeTeam: true,
      licences: [
        {
          id: '01937a00-0000-7000-8000-000000000301',
          state: 'CO',
          number: 'DR.0061234',
          expiresOn: '2028-04-30',
          active: true,
        },
        {
          id: '01937a00-0000-7000-8000-000000000302',
          state: 'NM',
          number: 'MD-2019-0457',
          expiresOn: '2027-07-01',
          active: true,
        },
      ],
    });
    assert.deepEqual(items.find((m) => m.role === 'coach')!.licences, []);
  });

  it('a licence is active through its expiry date and inactive the day after', async () => {
    const today = isoDay(t.clock.now());
    const yesterday = isoDay(new Date(t.clock.now().getTime() - day));
    const lapsed = await inject('POST', `/api/staff/${demoIds.nurse}/licences`, {
      cookie: admin,
      payload: { state: 'NM', number: 'RN-OLD-1', expiresOn: yesterday },
    });
    assert.equal(lapsed.statusCode, 201, lapsed.body);
    assert.equal(lapsed.json().active, false);
    const lastDay = await inject('POST', `/api/staff/${demoIds.nurse}/licences`, {
      cookie: admin,
      payload: { state: 'AZ', number: 'RN-LAST-DAY', expiresOn: today },
    });
    assert.equal(lastDay.json().active, true);
    const nurse = await member(demoIds.nurse);
    const byNumber = Object.fromEntries(nurse.licences.map((l) => [l.number, l.active]));
    assert.deepEqual(byNumber, { 'RN.1723456': true, 'RN-OLD-1': false, 'RN-LAST-DAY': true });
  });

  it('edits credentials, title and DEA registration, and records which fields changed (not their text)', async () => {
    const res = await inject('PATCH', `/api/staff/${demoIds.clinician}`, {
      cookie: admin,
      payload: {
        credentials: 'MD, PhD',
        title: 'Medical director',
        deaNumber: 'AB1234563',
        deaExpiresOn: '2029-01-31',
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().credentials, 'MD, PhD');
    const after = await member(demoIds.clinician);
    assert.equal(after.credentials, 'MD, PhD');
    assert.equal(after.title, 'Medical director');
    assert.equal(after.deaNumber, 'AB1234563');
    assert.equal(after.deaExpiresOn, '2029-01-31');
    assert.equal(after.displayName, 'Dr. Elena Park', 'fields not sent stay as they were');
    const entry = await lastAudit('staff.update');
    assert.equal(entry.actor_user_id, demoIds.admin);
    assert.equal(entry.entity_id, demoIds.clinician);
    assert.deepEqual(entry.details, { fields: ['credentials', 'title', 'deaNumber', 'deaExpiresOn'] });

    const cleared = await inject('PATCH', `/api/staff/${demoIds.clinician}`, {
      cookie: admin,
      payload: { deaNumber: null, deaExpiresOn: null },
    });
    assert.equal(cleared.statusCode, 200);
    assert.equal(cleared.json().deaNumber, null);
    assert.equal(cleared.json().deaExpiresOn, null);
  });

  it('gives a nurse a profile when edited for the first time (no profile row yet)', async () => {
    await t.deps.database.db.deleteFrom('staff_profiles').where('user_id', '=', demoIds.nurse).execute();
    const res = await inject('PATCH', `/api/staff/${demoIds.nurse}`, {
      cookie: admin,
      payload: { credentials: 'RN, BSN' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().credentials, 'RN, BSN');
    assert.equal(res.json().title, '');
  });

  it('a DEA number with a wrong check digit is refused with 400 naming deaNumber, and nothing changes', async () => {
    const before = await member(demoIds.clinician);
    const updates = await auditCount('staff.update');
    for (const deaNumber of ['AB1234564', 'A1234563', 'ab1234563', 'AB123456', '']) {
      const res = await inject('PATCH', `/api/staff/${demoIds.clinician}`, {
        cookie: admin,
        payload: { credentials: 'changed', deaNumber },
      });
      assert.equal(res.statusCode, 400, deaNumber);
      assert.equal(res.json().error.code, 'invalid_request');
      assert.match(res.json().error.message, /^deaNumber: /, deaNumber);
    }
    assert.match(
      (
        await inject('PATCH', `/api/staff/${demoIds.clinician}`, {
          cookie: admin,
          payload: { deaNumber: 'AB1234564' },
        })
      ).json().error.message,
      /check digit/,
    );
    assert.deepEqual(await member(demoIds.clinician), before);
    assert.equal(await auditCount('staff.update'), updates, 'no audit entry for a refused change');
  });

  it('editing someone who is not staff, or no one, answers 404', async () => {
    for (const userId of [demoIds.patientUser, demoIds.supportUser, '01937a00-0000-7000-8000-0000000009ff']) {
      const res = await inject('PATCH', `/api/staff/${userId}`, {
        cookie: admin,
        payload: { credentials: 'MD' },
      });
      assert.equal(res.statusCode, 404, userId);
      assert.equal(res.json().error.code, 'not_found');
    }
    const profile = await t.deps.database.db
      .selectFrom('staff_profiles')
      .select('user_id')
      .where('user_id', '=', demoIds.patientUser)
      .executeTakeFirst();
    assert.equal(profile, undefined, 'no staff profile was created for a patient');
  });

  it('adds a licence (audited) and removes it again', async () => {
    const added = await inject('POST', `/api/staff/${demoIds.clinician}/licences`, {
      cookie: admin,
      payload: { state: 'UT', number: ' 12345-1205 ', expiresOn: '2029-05-31' },
    });
    assert.equal(added.statusCode, 201, added.body);
    const licence = added.json() as Licence;
    assert.deepEqual(
      { ...licence, id: undefined },
      {
        id: undefined,
        state: 'UT',
        number: '12345-1205',
        expiresOn: '2029-05-31',
        active: true,
      },
    );
    assert.ok((await member(demoIds.clinician)).licences.some((l) => l.id === licence.id));
    const addEntry = await lastAudit('staff.licence.add');
    assert.equal(addEntry.entity_id, licence.id);
    assert.deepEqual(addEntry.details, { userId: demoIds.clinician }, 'the licence itself is on its row');

    const removed = await inject('DELETE', `/api/staff/${demoIds.clinician}/licences/${licence.id}`, {
      cookie: admin,
    });
    assert.equal(removed.statusCode, 204);
    assert.ok(!(await member(demoIds.clinician)).licences.some((l) => l.id === licence.id));
    const removeEntry = await lastAudit('staff.licence.remove');
    assert.equal(removeEntry.entity_id, licence.id);

    const again = await inject('DELETE', `/api/staff/${demoIds.clinician}/licences/${licence.id}`, {
      cookie: admin,
    });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'not_found');
  });

  it("a licence is removed only from its own holder: another member's path answers 404", async () => {
    const coLicence = '01937a00-0000-7000-8000-000000000301';
    const res = await inject('DELETE', `/api/staff/${demoIds.nurse}/licences/${coLicence}`, {
      cookie: admin,
    });
    assert.equal(res.statusCode, 404);
    assert.ok(
      (await member(demoIds.clinician)).licences.some((l) => l.id === coLicence),
      'still there',
    );
  });

  it('refuses a licence in a state that is not a US state (400 naming state), adding nothing', async () => {
    const before = (await member(demoIds.nurse)).licences;
    for (const state of ['Colorado', 'co', 'C0', 'ZZ', 'XX', '']) {
      const res = await inject('POST', `/api/staff/${demoIds.nurse}/licences`, {
        cookie: admin,
        payload: { state, number: 'RN-1', expiresOn: '2029-01-01' },
      });
      assert.equal(res.statusCode, 400, state);
      assert.equal(res.json().error.code, 'invalid_request');
      assert.match(res.json().error.message, /^state: /, state);
    }
    for (const payload of [
      { state: 'CO', number: '', expiresOn: '2029-01-01' },
      { state: 'CO', number: 'RN-1', expiresOn: '2029-02-30' },
      { state: 'CO', number: 'RN-1' },
    ]) {
      const res = await inject('POST', `/api/staff/${demoIds.nurse}/licences`, { cookie: admin, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    assert.deepEqual((await member(demoIds.nurse)).licences, before);
  });

  it('a duplicate licence (same state and number) answers 409 and is not added twice', async () => {
    const before = (await member(demoIds.nurse)).licences;
    const adds = await auditCount('staff.licence.add');
    const res = await inject('POST', `/api/staff/${demoIds.nurse}/licences`, {
      cookie: admin,
      payload: { state: 'CO', number: 'RN.1723456', expiresOn: '2030-01-01' },
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'conflict');
    assert.deepEqual((await member(demoIds.nurse)).licences, before);
    assert.equal(await auditCount('staff.licence.add'), adds);
  });

  it('identical licence requests at once: one 201, the rest 409 (never 500), one licence', async () => {
    const payload = { state: 'WY', number: 'RACE-1', expiresOn: '2030-01-01' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        inject('POST', `/api/staff/${demoIds.nurse}/licences`, { cookie: admin, payload }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409]);
    const rows = await t.deps.database.db
      .selectFrom('staff_licences')
      .select('id')
      .where('number', '=', 'RACE-1')
      .execute();
    assert.equal(rows.length, 1);
  });

  it('disabling a nurse ends their session and revokes their token at once; they cannot sign in', async () => {
    const nurse = await signInAs(t, 'nurse');
    const created = await inject('POST', '/api/auth/tokens', {
      cookie: nurse.cookie,
      payload: { name: 'charting script' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    assert.equal((await inject('GET', '/api/auth/me', { cookie: nurse.cookie })).statusCode, 200);
    assert.equal((await inject('GET', '/api/auth/me', { headers: bearer })).statusCode, 200);

    const disabled = await inject('POST', `/api/staff/${demoIds.nurse}/disable`, { cookie: admin });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal(disabled.json().status, 'disabled');
    const entry = await lastAudit('staff.disable');
    assert.equal(entry.entity_id, demoIds.nurse);
    assert.equal(entry.actor_user_id, demoIds.admin);
    assert.deepEqual(entry.details, { sessionsEnded: 1, tokensRevoked: 1, emailChangeCancelled: false });

    const bySession = await inject('GET', '/api/auth/me', { cookie: nurse.cookie });
    assert.equal(bySession.statusCode, 401);
    assert.equal(bySession.json().error.code, 'unauthenticated');
    const byToken = await inject('GET', '/api/auth/me', { headers: bearer });
    assert.equal(byToken.statusCode, 401);
    assert.equal(byToken.json().error.code, 'unauthenticated');
    const byTokenOnData = await inject('GET', '/api/patients', { headers: bearer });
    assert.equal(byTokenOnData.statusCode, 401);

    const login = await inject('POST', '/api/auth/login', {
      payload: { email: demoEmails.nurse, password: demoPassword, totp: freshDemoTotp(t) },
    });
    assert.equal(login.statusCode, 401);
    assert.equal(login.json().error.code, 'invalid_credentials');
    const failure = await lastAudit('auth.login.failed');
    assert.equal(failure.actor_user_id, demoIds.nurse);
    assert.deepEqual(failure.details, { reasonCode: 'disabled' });

    assert.equal((await member(demoIds.nurse)).status, 'disabled');

    // A disabled member no longer shows on a patient's care team.
    const patient = await signInAs(t, 'patient');
    const team = await inject('GET', `/api/patients/${demoIds.patient}/care-team`, {
      cookie: patient.cookie,
    });
    assert.ok(!team.json().items.some((m: { userId: string }) => m.userId === demoIds.nurse));
  });

  it('enabling the nurse again lets them sign in; the old session and token stay dead', async () => {
    const res = await inject('POST', `/api/staff/${demoIds.nurse}/enable`, { cookie: admin });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'active');
    assert.equal((await lastAudit('staff.enable')).entity_id, demoIds.nurse);
    const nurse = await signInAs(t, 'nurse');
    const me = await inject('GET', '/api/auth/me', { cookie: nurse.cookie });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().role, 'nurse');
    const revoked = await t.deps.database.db
      .selectFrom('access_tokens')
      .select(['revoked_at'])
      .where('user_id', '=', demoIds.nurse)
      .execute();
    assert.ok(
      revoked.length === 1 && revoked[0]!.revoked_at !== null,
      'enabling does not bring the token back',
    );
  });

  it('an admin cannot disable their own account (409); it stays active', async () => {
    const res = await inject('POST', `/api/staff/${demoIds.admin}/disable`, { cookie: admin });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'conflict');
    assert.equal((await inject('GET', '/api/auth/me', { cookie: admin })).statusCode, 200);
    assert.equal((await member(demoIds.admin)).status, 'active');
  });

  it('disabling or enabling someone who is not staff answers 404', async () => {
    for (const action of ['disable', 'enable']) {
      const res = await inject('POST', `/api/staff/${demoIds.patientUser}/${action}`, { cookie: admin });
      assert.equal(res.statusCode, 404, action);
    }
    const patient = await t.deps.database.db
      .selectFrom('users')
      .select('status')
      .where('id', '=', demoIds.patientUser)
      .executeTakeFirstOrThrow();
    assert.equal(patient.status, 'active');
  });

  it('every staff route answers 403 to other roles and 401 when signed out, changing nothing', async () => {
    const licenceId = '01937a00-0000-7000-8000-000000000301';
    const routes: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object }[] = [
      { method: 'GET', url: '/api/staff' },
      { method: 'PATCH', url: `/api/staff/${demoIds.clinician}`, payload: { credentials: 'hacked' } },
      {
        method: 'POST',
        url: `/api/staff/${demoIds.clinician}/licences`,
        payload: { state: 'CA', number: 'X-1', expiresOn: '2030-01-01' },
      },
      { method: 'DELETE', url: `/api/staff/${demoIds.clinician}/licences/${licenceId}` },
      { method: 'POST', url: `/api/staff/${demoIds.coach}/disable` },
      { method: 'POST', url: `/api/staff/${demoIds.coach}/enable` },
      {
        method: 'POST',
        url: '/api/staff/invites',
        payload: { email: 'sneaky@stillwater.example', role: 'admin', displayName: 'Sneaky' },
      },
      { method: 'GET', url: '/api/admin/outbox' },
    ];
    const before = await staffList();
    for (const role of ['patient', 'support', 'clinician', 'nurse', 'coach'] as Role[]) {
      const { cookie } = await signInAs(t, role);
      for (const route of routes) {
        const res = await inject(route.method, route.url, {
          cookie,
          ...(route.payload ? { payload: route.payload } : {}),
        });
        assert.equal(res.statusCode, 403, `${role} ${route.method} ${route.url}`);
        assert.equal(res.json().error.code, 'forbidden');
      }
    }
    for (const route of routes) {
      const res = await inject(route.method, route.url, route.payload ? { payload: route.payload } : {});
      assert.equal(res.statusCode, 401, `signed out ${route.method} ${route.url}`);
    }
    assert.deepEqual(await staffList(), before);
    const invites = await t.deps.database.db
      .selectFrom('one_time_tokens')
      .select('id')
      .where('email', '=', 'sneaky@stillwater.example')
      .execute();
    assert.deepEqual(invites, []);
  });
});
