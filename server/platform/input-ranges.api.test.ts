/**
 * Inputs out of any sane range are a 400 naming the field, on PGlite and PostgreSQL alike:
 * dates (year 0, year 9999, a session beyond the plan), numbers (5e-324 mg), cursors, FHIR
 * search tokens and Bundle shapes. Before, each of these was a 500, a SQL error, or stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fhir, mintToken } from '../fhir/testing/fhir-helpers.ts';
import { inductionProtocol } from '../seed.ts';
import { demoIntakeAnswers } from '../seed-journeys/index.ts';
import { send } from '../testing/send.ts';
import { newPatientPassword, signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { type ReadyPatient, readyForSessions } from '../testing/treatment-fixture.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

const dayMs = 86_400_000;

describe('input ranges', () => {
  let t: TestApp;
  let patient: ReadyPatient;
  before(async () => {
    t = await startTestApp();
    patient = await readyForSessions(t);
  });
  after(() => t.close());

  async function call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    cookie: string,
    payload?: object,
  ) {
    const res = await send(t, cookie, method, url, payload);
    return { status: res.statusCode, body: res.body ? (res.json() as Json) : {} };
  }

  function assertRefused(res: { status: number; body: Json }, field: string) {
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'invalid_request');
    assert.match(res.body.error.message, new RegExp(`^${field.replaceAll('.', '\\.')}: `));
  }

  /** The fixture patient, signed in again (staff sign-ins move the clock). */
  async function signInPatient() {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: patient.email, password: newPatientPassword },
    });
    assert.equal(res.statusCode, 200, res.body);
    return String([res.headers['set-cookie']].flat().find((c) => c?.includes('sw_session='))).split(';')[0]!;
  }

  let signups = 0;
  /** A new patient whose intake is still open; returns where to save its sections. */
  async function openIntake() {
    signups += 1;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      remoteAddress: `10.88.0.${signups}`,
      payload: {
        email: `ranges-${signups}-${Date.now()}@example.org`,
        password: newPatientPassword,
        givenName: 'Robin',
        familyName: 'Ranges',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const cookie = String([res.headers['set-cookie']].flat()[0]).split(';')[0]!;
    const patientId = res.json().user.patientId as string;
    const intake = await call('GET', `/api/patients/${patientId}/intake`, cookie);
    return {
      save: (section: string, answers: object) =>
        call('PUT', `/api/patients/${patientId}/intake/sections/${section}`, cookie, {
          answers,
          version: intake.body.version,
        }),
    };
  }

  const sessionsUrl = () => `/api/patients/${patient.patientId}/sessions`;
  const inDays = (days: number) => new Date(t.clock.now().getTime() + days * dayMs).toISOString();

  it('refuses a session in year 9999 or year 0, and the schedule stays readable', async () => {
    const patientCookie = await signInPatient();
    for (const scheduledFor of ['9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2201-01-01T00:00:00Z']) {
      assertRefused(await call('POST', sessionsUrl(), patientCookie, { scheduledFor }), 'scheduledFor');
    }
    const schedule = await call(
      'GET',
      `/api/patients/${patient.patientId}/assessments/schedule`,
      patientCookie,
    );
    assert.equal(schedule.status, 200, JSON.stringify(schedule.body));
    const rows = await t.deps.database.db
      .selectFrom('dosing_sessions')
      .select('id')
      .where('patient_id', '=', patient.patientId)
      .execute();
    assert.equal(rows.length, 0);
  });

  it('schedules a session only within the plan and at most a year ahead', async () => {
    const clinician = await signInAs(t, 'clinician');
    const tooFar = await call('POST', sessionsUrl(), clinician.cookie, { scheduledFor: inDays(400) });
    assertRefused(tooFar, 'scheduledFor');
    assert.match(tooFar.body.error.message, /at most 366 days ahead/);

    const ending = await readyForSessions(t, { endsOn: inDays(20).slice(0, 10) });
    const url = `/api/patients/${ending.patientId}/sessions`;
    const afterEnd = await call('POST', url, clinician.cookie, { scheduledFor: inDays(30) });
    assertRefused(afterEnd, 'scheduledFor');
    assert.match(afterEnd.body.error.message, /plan's last day/);
    const withinPlan = await call('POST', url, clinician.cookie, { scheduledFor: inDays(7) });
    assert.equal(withinPlan.status, 201, JSON.stringify(withinPlan.body));
  });

  it('refuses out-of-range dates in every module that takes one', async () => {
    const admin = await signInAs(t, 'admin');
    assertRefused(await call('GET', '/api/audit?from=0000-01-01', admin.cookie), 'querystring.from');
    assertRefused(await call('GET', '/api/audit?to=9999-12-31', admin.cookie), 'querystring.to');
    assertRefused(
      await call('POST', `/api/staff/${(await signInAs(t, 'clinician')).userId}/licences`, admin.cookie, {
        state: 'CO',
        number: 'RANGE-1',
        expiresOn: '9999-12-31',
      }),
      'expiresOn',
    );
    const clinician = await signInAs(t, 'clinician');
    assertRefused(
      await call('POST', `/api/patients/${patient.patientId}/adverse-events`, clinician.cookie, {
        grade: 1,
        description: 'Mild nausea',
        occurredAt: '0000-06-01T10:00:00Z',
      }),
      'occurredAt',
    );
    assertRefused(
      await call('GET', '/api/sessions/board?date=0000-01-01', clinician.cookie),
      'querystring.date',
    );

    const intake = await openIntake();
    const demographics = demoIntakeAnswers().demographics;
    for (const dateOfBirth of ['0000-01-01', '1899-12-31', inDays(30).slice(0, 10)]) {
      const res = await intake.save('demographics', { ...demographics, dateOfBirth });
      assert.equal(res.status, 400, `${dateOfBirth}: ${JSON.stringify(res.body)}`);
      assert.match(JSON.stringify(res.body.error), /dateOfBirth/);
    }
    assert.equal((await intake.save('demographics', demographics)).status, 200);
  });

  it('refuses numbers no dose, strength or measurement can have', async () => {
    const clinician = await signInAs(t, 'clinician');
    const prescription = {
      form: 'sublingual lozenge (troche)',
      strengthMg: 5e-324,
      quantity: 6,
      directions: 'Dissolve under the tongue at the start of each session.',
      pharmacy: { name: 'Front Range Compounding', address: '1 Main St, Denver, CO' },
      basis: 'Telemedicine (audio-video), DEA telemedicine flexibilities through 31 Dec 2026',
    };
    const url = `/api/patients/${patient.patientId}/prescriptions`;
    assertRefused(await call('POST', url, clinician.cookie, prescription), 'strengthMg');
    assertRefused(
      await call('POST', url, clinician.cookie, { ...prescription, strengthMg: 0.5 }),
      'strengthMg',
    );
    assertRefused(
      await call('POST', url, clinician.cookie, { ...prescription, strengthMg: 100.001 }),
      'strengthMg',
    );

    const admin = await signInAs(t, 'admin');
    const { id: _id, ...settings } = inductionProtocol;
    const protocol = { ...settings, key: 'range-check', name: 'Range check' };
    for (const [field, value] of [
      ['stepMg', 5e-324],
      ['fastingHours', 5e-324],
      ['startingDoseMg', 5e-324],
    ] as const) {
      assertRefused(
        await call('POST', '/api/protocols', admin.cookie, { ...protocol, [field]: value }),
        field,
      );
    }

    const intake = await openIntake();
    for (const body of [
      { weight: { value: 5e-324, unit: 'kg' }, height: { value: 170, unit: 'cm' } },
      { weight: { value: 1000, unit: 'kg' }, height: { value: 170, unit: 'cm' } },
      { weight: { value: 70, unit: 'kg' }, height: { value: 5, unit: 'in' } },
    ]) {
      const res = await intake.save('body', body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.match(JSON.stringify(res.body.error), /(weight|height)\.value/);
    }
    const fine = await intake.save('body', {
      weight: { value: 154.5, unit: 'lb' },
      height: { value: 67, unit: 'in' },
    });
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
  });

  it('refuses cursors it never gave out', async () => {
    const admin = await signInAs(t, 'admin');
    assertRefused(
      await call('GET', '/api/audit?cursor=99999999999999999999', admin.cookie),
      'querystring.cursor',
    );
    assertRefused(await call('GET', '/api/audit?cursor=0', admin.cookie), 'querystring.cursor');

    const clinician = await signInAs(t, 'clinician');
    const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const [sort, values] of [
      ['name', ['a', 'b', 'not-a-uuid']],
      ['name', [1, 2, 3]],
      ['name', ['a\u0000', 'b', '01937a00-0000-7000-8000-000000000500']],
      ['latest_phq9', [1e300, '01937a00-0000-7000-8000-000000000500']],
      ['risk', ['x', null, '01937a00-0000-7000-8000-000000000500']],
    ] as const) {
      const res = await call('GET', `/api/patients?sort=${sort}&cursor=${cursor(values)}`, clinician.cookie);
      assertRefused(res, 'cursor');
    }
    const first = await call('GET', '/api/patients?sort=risk&limit=1', clinician.cookie);
    assert.equal(first.status, 200);
    assert.ok(first.body.nextCursor, 'the caseload has more than one patient');
    const next = await call(
      'GET',
      `/api/patients?sort=risk&limit=1&cursor=${first.body.nextCursor}`,
      clinician.cookie,
    );
    assert.equal(next.status, 200, JSON.stringify(next.body));
  });

  describe('FHIR', () => {
    let clinicianToken: string;
    let adminToken: string;
    before(async () => {
      clinicianToken = await mintToken(t, await signInAs(t, 'clinician'));
      adminToken = await mintToken(t, await signInAs(t, 'admin'));
    });

    function assertOutcome(res: { status: number; body: Json }, expression: string) {
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.resourceType, 'OperationOutcome');
      const expressions = (res.body.issue as Json[]).flatMap((i) => i.expression ?? []);
      assert.ok(expressions.includes(expression), JSON.stringify(res.body.issue));
    }

    it('refuses a status outside the value set, and finds nothing for one no row has', async () => {
      assertOutcome(await fhir(t, 'GET', '/fhir/R4/CarePlan?status=xyz', clinicianToken), 'status');
      assertOutcome(await fhir(t, 'GET', '/fhir/R4/Flag?status=open', clinicianToken), 'status');
      for (const url of ['/fhir/R4/CarePlan?status=revoked', '/fhir/R4/Flag?status=entered-in-error']) {
        const res = await fhir(t, 'GET', url, clinicianToken);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.total, 0);
      }
      const active = await fhir(t, 'GET', '/fhir/R4/CarePlan?status=active,revoked', clinicianToken);
      assert.equal(active.status, 200, JSON.stringify(active.body));
      assert.ok((active.body.total as number) > 0);
    });

    it('refuses dates, cursors and value lists out of range', async () => {
      assertOutcome(await fhir(t, 'GET', '/fhir/R4/CarePlan?date=ge0001', clinicianToken), 'date');
      assertOutcome(await fhir(t, 'GET', '/fhir/R4/Observation?date=lt9999-12-31', clinicianToken), 'date');
      const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
      for (const values of [
        ['0000-01-01T00:00:00Z', 'abc'],
        ['+275760-09-13T00:00:00Z', 'abc'],
        ['2026-01-01T00:00:00Z', "x' or 1=1"],
      ]) {
        assertOutcome(
          await fhir(t, 'GET', `/fhir/R4/CarePlan?_cursor=${cursor(values)}`, clinicianToken),
          '_cursor',
        );
      }
      const repeated = Array.from({ length: 11 }, () => 'date=ge2026-01-01').join('&');
      const tooMany = await fhir(t, 'GET', `/fhir/R4/CarePlan?${repeated}`, clinicianToken);
      assert.equal(tooMany.status, 400, JSON.stringify(tooMany.body));
      assert.equal(tooMany.body.resourceType, 'OperationOutcome');
      const many = Array.from({ length: 51 }, (_, i) => `c${i}`).join(',');
      assertOutcome(await fhir(t, 'GET', `/fhir/R4/Observation?code=${many}`, clinicianToken), 'code');
      assertOutcome(
        await fhir(t, 'GET', `/fhir/R4/Observation?code=${'9'.repeat(300)}`, clinicianToken),
        'code',
      );
    });

    it('refuses a transaction Bundle whose entries are not an array of resources', async () => {
      for (const entry of [true, {}, 'x', [], undefined]) {
        const res = await fhir(t, 'POST', '/fhir/R4', adminToken, {
          resourceType: 'Bundle',
          type: 'transaction',
          ...(entry === undefined ? {} : { entry }),
        });
        assertOutcome(res, 'Bundle.entry');
      }
      assertOutcome(
        await fhir(t, 'POST', '/fhir/R4', adminToken, {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [true],
        }),
        'Bundle.entry[0]',
      );
      assertOutcome(
        await fhir(t, 'POST', '/fhir/R4', adminToken, {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [{ resource: 'Patient' }],
        }),
        'Bundle.entry[0]',
      );
      const yearZero = await fhir(t, 'POST', '/fhir/R4', adminToken, {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:0b9f4d1e-0000-4000-8000-0000000000a0',
            resource: {
              resourceType: 'Patient',
              name: [{ given: ['Ada'], family: 'Zero' }],
              birthDate: '0000-01-01',
            },
            request: { method: 'POST', url: 'Patient' },
          },
        ],
      });
      assert.equal(yearZero.status, 422, JSON.stringify(yearZero.body));
      const where = (yearZero.body.issue as Json[]).flatMap((i) => i.expression ?? []);
      assert.deepEqual(where, ['Bundle.entry[0].resource.birthDate']);
    });
  });
});
