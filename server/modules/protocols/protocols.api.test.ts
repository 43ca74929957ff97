import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inductionProtocol } from '../../seed.ts';
import { sendAs } from '../../testing/send.ts';
import { type SignedIn, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

const { id: _id, key: _key, ...induction } = inductionProtocol;
const maintenance = {
  ...induction,
  key: 'maintenance-sublingual',
  name: 'Maintenance — monthly sublingual sessions',
  description: 'Maintenance every 1–2 months after induction (clinical reference › Spacing).',
  minHoursBetweenSessions: 24 * 28,
  sessionsPlanned: 3,
};

describe('protocol templates', () => {
  let t: TestApp;
  let admin: SignedIn;
  let clinician: SignedIn;
  before(async () => {
    t = await startTestApp();
    admin = await signInAs(t, 'admin');
    clinician = await signInAs(t, 'clinician');
  });
  after(() => t.close());

  const call = (
    who: SignedIn,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    ifMatch?: string,
  ) => sendAs(t, who, method, url, payload, ifMatch);
  const protocolRows = () => t.deps.database.db.selectFrom('protocols').selectAll().execute();
  const auditOf = (subtype: string) =>
    t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', subtype)
      .orderBy('seq', 'desc')
      .execute();

  it('every clinic starts with the induction protocol, each default with its source', async () => {
    const res = await call(clinician, 'GET', '/api/protocols');
    assert.equal(res.statusCode, 200, res.body);
    const protocol = res.json().items.find((p: Json) => p.key === 'induction-sublingual-6');
    assert.ok(protocol);
    assert.equal(protocol.name, 'Induction — 6 sublingual sessions');
    assert.equal(protocol.version, 1);
    assert.equal(protocol.route, 'sublingual');
    assert.deepEqual(
      [protocol.startingDoseMg, protocol.stepMg, protocol.minDoseMg, protocol.maxDoseMg],
      [300, 50, 200, 450],
    );
    assert.equal(protocol.minHoursBetweenSessions, 72);
    assert.equal(protocol.sessionsPlanned, 6);
    assert.deepEqual(protocol.bloodPressureLimit, { systolic: 140, diastolic: 90 });
    assert.deepEqual(protocol.heartRateRange, { min: 50, max: 110 });
    assert.deepEqual(
      [
        protocol.fastingHours,
        protocol.checkInIntervalMinutes,
        protocol.missedCheckInMinutes,
        protocol.bpRecheckMinutes,
      ],
      [3, 15, 180, 40],
    );
    assert.match(protocol.description, /Hull et al\. 2022/);
    assert.match(protocol.description, /Spravato/);
    assert.match(protocol.description, /twice weekly/);

    const one = await call(clinician, 'GET', '/api/protocols/induction-sublingual-6');
    assert.equal(one.headers.etag, '"1"');
  });

  it('an admin adds a protocol: version 1, audited', async () => {
    const res = await call(admin, 'POST', '/api/protocols', maintenance);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers.etag, '"1"');
    const created = res.json();
    assert.equal(created.version, 1);
    assert.equal(created.createdByName, 'Riley Morgan');
    assert.equal(created.minHoursBetweenSessions, 672);

    const [entry] = await auditOf('protocol.create');
    assert.equal(entry!.actor_role, 'admin');
    assert.equal(entry!.entity_id, created.id);
    assert.deepEqual(entry!.details, { key: created.key, version: 1 });

    const again = await call(admin, 'POST', '/api/protocols', maintenance);
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /^key: /);
  });

  it('an admin changes a protocol with If-Match: a new version, the old one kept, the change audited', async () => {
    const change = {
      ...induction,
      maxDoseMg: 400,
      changeNote: 'Lower ceiling after the quarterly safety review',
    };
    const res = await call(admin, 'PUT', '/api/protocols/induction-sublingual-6', change, '"1"');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, '"2"');
    assert.equal(res.json().version, 2);
    assert.equal(res.json().maxDoseMg, 400);
    assert.equal(res.json().changeNote, change.changeNote);

    const versions = (await call(clinician, 'GET', '/api/protocols/induction-sublingual-6/versions')).json();
    assert.deepEqual(
      versions.items.map((v: Json) => [v.version, v.maxDoseMg]),
      [
        [2, 400],
        [1, 450],
      ],
    );
    const list = (await call(clinician, 'GET', '/api/protocols')).json();
    assert.equal(list.items.find((p: Json) => p.key === 'induction-sublingual-6').version, 2);

    const [entry] = await auditOf('protocol.update');
    assert.equal(entry!.actor_role, 'admin');
    // Which setting changed; its values and the note are in the versions listed above.
    assert.deepEqual(entry!.details, {
      key: 'induction-sublingual-6',
      fromVersion: 1,
      version: 2,
      fields: ['maxDoseMg'],
    });
  });

  it('a stale If-Match gets 412 with the current version and stores nothing; a missing one gets 400', async () => {
    const before = (await protocolRows()).length;
    const change = { ...induction, stepMg: 25, changeNote: 'Smaller steps' };
    const stale = await call(admin, 'PUT', '/api/protocols/induction-sublingual-6', change, '"1"');
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().error.code, 'precondition_failed');
    assert.equal(stale.json().error.details.currentVersion, 2);
    assert.equal(stale.json().error.details.current.stepMg, 50);

    const missing = await call(admin, 'PUT', '/api/protocols/induction-sublingual-6', change);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /^If-Match: /);

    const unknown = await call(admin, 'PUT', '/api/protocols/no-such-protocol', change, '"1"');
    assert.equal(unknown.statusCode, 404);
    assert.equal((await protocolRows()).length, before);
  });

  it('bad input gets 400 naming the field, and nothing is stored', async () => {
    const before = (await protocolRows()).length;
    const cases: [object, RegExp][] = [
      [
        { ...maintenance, key: 'low-start', startingDoseMg: 150 },
        /^startingDoseMg: must not be below minDoseMg/,
      ],
      [
        { ...maintenance, key: 'high-start', startingDoseMg: 500 },
        /^startingDoseMg: must not be above maxDoseMg/,
      ],
      [{ ...maintenance, key: 'min-over-max', minDoseMg: 500, maxDoseMg: 400 }, /^minDoseMg: /],
      [
        { ...maintenance, key: 'hr-upside-down', heartRateRange: { min: 90, max: 80 } },
        /^heartRateRange\.max: /,
      ],
      [
        { ...maintenance, key: 'bp-too-high', bloodPressureLimit: { systolic: 200, diastolic: 90 } },
        /^bloodPressureLimit\.systolic: /,
      ],
      [{ ...maintenance, key: 'no-route', route: 'rectal' }, /^route: /],
      [{ ...maintenance, key: 'Bad Key' }, /^key: /],
      [{ ...maintenance, key: 'fast-too-long', fastingHours: 24 }, /^fastingHours: /],
      [{ ...maintenance, key: 'too-close', minHoursBetweenSessions: 2 }, /^minHoursBetweenSessions: /],
    ];
    for (const [body, message] of cases) {
      const res = await call(admin, 'POST', '/api/protocols', body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.code, 'invalid_request');
      assert.match(res.json().error.message, message);
    }
    const noNote = await call(admin, 'PUT', '/api/protocols/induction-sublingual-6', induction, '"2"');
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.json().error.message, /^changeNote: /);
    const badUpdate = await call(
      admin,
      'PUT',
      '/api/protocols/induction-sublingual-6',
      { ...induction, startingDoseMg: 100, changeNote: 'Lower start' },
      '"2"',
    );
    assert.equal(badUpdate.statusCode, 400);
    assert.match(badUpdate.json().error.message, /^startingDoseMg: /);
    assert.equal((await protocolRows()).length, before);
  });

  it('nurses, coaches and patients cannot see or change protocols; clinicians read but cannot change them', async () => {
    for (const role of ['nurse', 'coach', 'patient', 'support'] as const) {
      const who = await signInAs(t, role);
      assert.equal((await call(who, 'GET', '/api/protocols')).statusCode, 403, role);
      assert.equal(
        (await call(who, 'POST', '/api/protocols', { ...maintenance, key: `by-${role}` })).statusCode,
        403,
      );
    }
    const put = await call(
      clinician,
      'PUT',
      '/api/protocols/induction-sublingual-6',
      { ...induction, changeNote: 'Clinician edit' },
      '"2"',
    );
    assert.equal(put.statusCode, 403);
    assert.equal(
      (await call(clinician, 'POST', '/api/protocols', { ...maintenance, key: 'by-clinician' })).statusCode,
      403,
    );
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/protocols' });
    assert.equal(anonymous.statusCode, 401);
  });
});
