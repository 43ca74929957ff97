import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { RequestContext } from '../../platform/request-context.ts';
import { demoIds, demoPassword, demoTotpSecret } from '../../seed.ts';
import { sendAs } from '../../testing/send.ts';
import { type SignedIn, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { hashPassword } from '../identity/passwords.ts';
import { applyApprovedDose } from '../plans/plan-changes.ts';
import { recordDoseTaken } from './service.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

const maya = demoIds.patient;
const prescription = {
  form: 'sublingual lozenge (troche)',
  strengthMg: 100,
  quantity: 18,
  directions:
    'Dissolve 3 lozenges (300 mg) under the tongue at the start of each supervised session; do not swallow for 15 minutes.',
  pharmacy: { name: 'Front Range Compounding Pharmacy', address: '1450 Wynkoop St, Denver, CO 80202' },
  basis: 'Telemedicine (audio-video), DEA telemedicine flexibilities through 31 Dec 2026',
};

function contextFor(t: TestApp): RequestContext {
  return { actor: null, ip: '127.0.0.1', userAgent: 'test', requestId: uuidv7(), now: t.clock.now };
}

/** A second prescriber on Maya's team, licensed only in New Mexico (Maya lives in Colorado). */
async function addNewMexicoClinician(t: TestApp): Promise<string> {
  const db = t.deps.database.db;
  const id = uuidv7();
  const email = 'nm-only@stillwater.example';
  await db
    .insertInto('users')
    .values({
      id,
      email,
      display_name: 'Dr. Nora Quintana',
      role: 'clinician',
      password_hash: await hashPassword(demoPassword),
      totp_secret: demoTotpSecret,
      totp_enabled_at: t.clock.now(),
    })
    .execute();
  await db
    .insertInto('staff_profiles')
    .values({ user_id: id, credentials: 'DO', dea_number: 'BQ7654321', dea_expires_on: '2029-01-31' })
    .execute();
  await db
    .insertInto('staff_licences')
    .values({ id: uuidv7(), user_id: id, state: 'NM', number: 'DO-2020-0100', expires_on: '2029-06-30' })
    .execute();
  await db
    .insertInto('care_team')
    .values({ id: uuidv7(), patient_id: maya, staff_user_id: id, role: 'prescriber' })
    .execute();
  return email;
}

describe('prescriptions and the medication count', () => {
  let t: TestApp;
  let clinician: SignedIn;
  let patient: SignedIn;
  before(async () => {
    t = await startTestApp();
    clinician = await signInAs(t, 'clinician');
    patient = await signInAs(t, 'patient');
  });
  after(() => t.close());

  const call = (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) =>
    sendAs(t, who, method, url, payload);
  const db = () => t.deps.database.db;
  const prescriptionCount = async () =>
    (await db().selectFrom('prescriptions').select('id').where('patient_id', '=', maya).execute()).length;
  const countAlerts = () =>
    db()
      .selectFrom('alerts')
      .selectAll()
      .where('patient_id', '=', maya)
      .where('kind', '=', 'medication_count')
      .orderBy('created_at')
      .execute();

  it('prints the demo prescription with the prescriber as at signing; the count expects what Maya received', async () => {
    const list = await call(patient, 'GET', `/api/patients/${maya}/prescriptions`);
    assert.equal(list.statusCode, 200, list.body);
    const [demo] = list.json().items;
    assert.equal(demo.id, demoIds.prescription);
    assert.equal(demo.planId, demoIds.plan);
    assert.equal(demo.schedule, 'III');
    assert.equal(demo.drug, 'Ketamine HCl');
    assert.equal(demo.quantity, 18);
    assert.equal(demo.quantityInWords, 'eighteen');
    assert.equal(demo.refills, 0);
    assert.deepEqual(demo.prescriber, {
      userId: demoIds.clinician,
      name: 'Dr. Elena Park, MD',
      deaNumber: 'FP1234563',
      licenceState: 'CO',
      licenceNumber: 'DR.0061234',
    });
    assert.equal(demo.patient.name, 'Maya Torres');
    assert.equal(demo.pharmacy.name, 'Front Range Compounding Pharmacy');
    assert.equal(demo.receivedQuantity, 18);

    const one = await call(clinician, 'GET', `/api/patients/${maya}/prescriptions/${demoIds.prescription}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().directions, demo.directions);

    const count = (await call(patient, 'GET', `/api/patients/${maya}/medication-count`)).json();
    // Session 1 (seeded) took 3 of the 18 received.
    assert.equal(count.expected, 15);
    assert.equal(count.lastReported, null);
    assert.deepEqual(
      count.entries.map((e: Json) => [e.kind, e.change, e.expectedAfter]),
      [
        ['dose', -3, 15],
        ['received', 18, 18],
      ],
    );
  });

  let written: Json;
  it('a prescriber licensed in the patient’s state, with a current DEA registration, signs one (audited)', async () => {
    const res = await call(clinician, 'POST', `/api/patients/${maya}/prescriptions`, prescription);
    assert.equal(res.statusCode, 201, res.body);
    written = res.json();
    assert.equal(written.drug, 'Ketamine HCl');
    assert.equal(written.refills, 0);
    assert.equal(written.planId, demoIds.plan);
    assert.equal(written.prescriber.licenceState, 'CO');
    assert.equal(written.prescriber.deaNumber, 'FP1234563');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(t.clock.now());
    assert.equal(written.writtenOn, today);
    assert.equal(written.receivedAt, null);
    const [entry] = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', 'prescription.create')
      .execute();
    assert.equal(entry!.entity_id, written.id);
    const licence = await db()
      .selectFrom('staff_licences')
      .select('id')
      .where('number', '=', 'DR.0061234')
      .executeTakeFirstOrThrow();
    // The trail names the plan and the licence by id; strength, quantity and DEA number stay on the prescription.
    assert.deepEqual(entry!.details, { planId: (entry!.details as Json).planId, licenceId: licence.id });
    assert.match(String((entry!.details as Json).planId), /^[0-9a-f-]{36}$/);

    const future = await call(clinician, 'POST', `/api/patients/${maya}/prescriptions`, {
      ...prescription,
      writtenOn: '2099-01-01',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.json().error.message, /^writtenOn: /);
    const tooManyRefills = await call(clinician, 'POST', `/api/patients/${maya}/prescriptions`, {
      ...prescription,
      refills: 6,
    });
    assert.equal(tooManyRefills.statusCode, 400);
    assert.match(tooManyRefills.json().error.message, /^refills: must be at most 5/);
  });

  it('a prescriber without a licence in the patient’s state gets 422 naming that check, and nothing is stored', async () => {
    const email = await addNewMexicoClinician(t);
    const nmOnly = await signInAs(t, 'clinician', email);
    const before = await prescriptionCount();
    const res = await call(nmOnly, 'POST', `/api/patients/${maya}/prescriptions`, prescription);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.code, 'unprocessable');
    assert.deepEqual(res.json().error.details.failed, ['state_licence']);
    assert.match(res.json().error.message, /no licence in CO, where this patient lives/);
    assert.equal(await prescriptionCount(), before);
  });

  it('an expired DEA registration gets 422 naming that check', async () => {
    await db()
      .updateTable('staff_profiles')
      .set({ dea_expires_on: '2025-06-30' })
      .where('user_id', '=', demoIds.clinician)
      .execute();
    try {
      const before = await prescriptionCount();
      const res = await call(clinician, 'POST', `/api/patients/${maya}/prescriptions`, prescription);
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(res.json().error.details.failed, ['dea_registration']);
      assert.match(res.json().error.message, /DEA registration FP1234563 expired on 2025-06-30/);
      assert.equal(await prescriptionCount(), before);
    } finally {
      await db()
        .updateTable('staff_profiles')
        .set({ dea_expires_on: '2028-03-31' })
        .where('user_id', '=', demoIds.clinician)
        .execute();
    }
  });

  it('needs an active or draft plan', async () => {
    // Lucas is on the demo clinician's team (licensed in NM) but has no plan.
    const res = await call(
      clinician,
      'POST',
      '/api/patients/01937a00-0000-7000-8000-000000000104/prescriptions',
      prescription,
    );
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().error.details.failed, ['plan']);
  });

  it('only prescribers on the team write prescriptions; the patient and the nurse cannot, a coach cannot read them', async () => {
    const before = await prescriptionCount();
    assert.equal(
      (await call(patient, 'POST', `/api/patients/${maya}/prescriptions`, prescription)).statusCode,
      403,
    );
    const nurse = await signInAs(t, 'nurse');
    assert.equal(
      (await call(nurse, 'POST', `/api/patients/${maya}/prescriptions`, prescription)).statusCode,
      403,
    );
    assert.equal((await call(nurse, 'GET', `/api/patients/${maya}/prescriptions`)).statusCode, 200);
    const coach = await signInAs(t, 'coach');
    assert.equal((await call(coach, 'GET', `/api/patients/${maya}/prescriptions`)).statusCode, 404);
    const other = await call(
      clinician,
      'POST',
      `/api/patients/${demoIds.unassignedPatient}/prescriptions`,
      prescription,
    );
    assert.equal(other.statusCode, 404);
    assert.equal(await prescriptionCount(), before);
    const staffReceipt = await call(
      clinician,
      'POST',
      `/api/patients/${maya}/prescriptions/${written.id}/receipt`,
      {
        quantityReceived: 18,
      },
    );
    assert.equal(staffReceipt.statusCode, 403);
  });

  it('a receipt that differs from the quantity prescribed raises a high alert with both numbers', async () => {
    const res = await call(patient, 'POST', `/api/patients/${maya}/prescriptions/${written.id}/receipt`, {
      quantityReceived: 16,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().check.matches, false);
    assert.equal(res.json().check.expected, 31);
    assert.equal(res.json().prescription.receivedQuantity, 16);
    const [alert] = await countAlerts();
    assert.equal(alert!.severity, 'high');
    assert.equal(alert!.status, 'open');
    assert.match(alert!.reason, /Received 16 lozenges, but the prescription .* was for 18/);
    assert.deepEqual((alert!.details as Json).prescribed, 18);
    assert.deepEqual((alert!.details as Json).received, 16);

    const again = await call(patient, 'POST', `/api/patients/${maya}/prescriptions/${written.id}/receipt`, {
      quantityReceived: 18,
    });
    assert.equal(again.statusCode, 409);
  });

  it('a count that does not match the record raises a high alert with both numbers; a matching one does not', async () => {
    const off = await call(patient, 'POST', `/api/patients/${maya}/medication-count`, {
      count: 30,
      note: 'Counted twice',
    });
    assert.equal(off.statusCode, 201, off.body);
    assert.equal(off.json().check.matches, false);
    assert.equal(off.json().check.expected, 31);
    assert.equal(off.json().entry.kind, 'reported');
    assert.equal(off.json().entry.reportedCount, 30);
    const alerts = await countAlerts();
    assert.equal(alerts.length, 2);
    assert.match(alerts[1]!.reason, /30 lozenges counted, 31 expected/);

    const right = await call(patient, 'POST', `/api/patients/${maya}/medication-count`, { count: 31 });
    assert.equal(right.json().check.matches, true);
    assert.equal((await countAlerts()).length, 2);
    const bad = await call(patient, 'POST', `/api/patients/${maya}/medication-count`, { count: -1 });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /^count: /);

    const summary = (await call(clinician, 'GET', `/api/patients/${maya}/medication-count`)).json();
    assert.equal(summary.expected, 31);
    assert.deepEqual(summary.lastReported, {
      count: 31,
      expected: 31,
      matches: true,
      reportedAt: summary.entries[0].createdAt,
      note: null,
    });
    assert.deepEqual(
      summary.entries.map((e: Json) => e.kind),
      ['reported', 'reported', 'received', 'dose', 'received'],
    );
    assert.equal(summary.entries[1].recordedByName, 'Maya Torres');
  });
});

describe('doses against the medication count', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const record = (sessionId: string, doseMg: number) =>
    t.deps.database.db
      .transaction()
      .execute((trx) => recordDoseTaken(trx, contextFor(t), { patientId: maya, sessionId, doseMg }));
  const supplyAlerts = () =>
    t.deps.database.db
      .selectFrom('alerts')
      .selectAll()
      .where('patient_id', '=', maya)
      .where('kind', '=', 'medication_count')
      .execute();

  it('each dose takes its lozenges once per session; running out before the course ends raises a high alert', async () => {
    // Maya: 18 × 100 mg received, six sessions at 300 mg planned: exactly enough. Session 1
    // (seeded) took 3; this is session 2.
    const first = await record('01937a00-0000-7000-8000-00000000a001', 300);
    assert.equal(first?.expectedAfter, 12);
    assert.equal(first?.alertId, null);
    const retry = await record('01937a00-0000-7000-8000-00000000a001', 300);
    assert.equal(retry?.entryId, first?.entryId);
    const entries = await t.deps.database.db
      .selectFrom('medication_count_entries')
      .select('kind')
      .where('patient_id', '=', maya)
      .where('kind', '=', 'dose')
      .execute();
    assert.equal(entries.length, 2);
    assert.equal((await supplyAlerts()).length, 0);

    // The dose goes up a step: 12 − 3.5 = 8.5 left, and three more sessions at 350 mg need 10.5.
    await t.deps.database.db
      .transaction()
      .execute((trx) =>
        applyApprovedDose(trx, contextFor(t), demoIds.plan, 350, 'Titration after session 1'),
      );
    const second = await record('01937a00-0000-7000-8000-00000000a002', 350);
    assert.equal(second?.expectedAfter, 8.5);
    assert.ok(second?.alertId);
    const [alert] = await supplyAlerts();
    assert.equal(alert!.severity, 'high');
    assert.match(
      alert!.reason,
      /run out before the course ends: 8\.5 lozenges expected on hand, and the 3 remaining sessions at 350 mg need 10\.5/,
    );

    const count = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${maya}/medication-count`,
      headers: { cookie: (await signInAs(t, 'patient')).cookie },
    });
    assert.equal(count.json().expected, 8.5);
    assert.deepEqual(
      count.json().entries.map((e: Json) => [e.kind, e.change]),
      [
        ['dose', -3.5],
        ['dose', -3],
        ['dose', -3],
        ['received', 18],
      ],
    );
  });

  it('more taken than was received raises a high alert once the earlier one is resolved', async () => {
    const resolveAll = () =>
      t.deps.database.db
        .updateTable('alerts')
        .set({ status: 'resolved', resolved_at: t.clock.now() })
        .execute();
    await resolveAll();
    for (const i of [3, 4, 5]) await record(`01937a00-0000-7000-8000-00000000b00${i}`, 350);
    // Still short for the course: the alert raised again after being resolved, and only once.
    assert.equal((await supplyAlerts()).filter((a) => a.status === 'open').length, 1);
    await resolveAll();
    const last = await record('01937a00-0000-7000-8000-00000000b009', 350);
    assert.equal(last?.expectedAfter, -5.5);
    const open = (await supplyAlerts()).filter((a) => a.status === 'open');
    assert.equal(open.length, 1);
    assert.match(
      open[0]!.reason,
      /More lozenges have been taken than were received: the count is 5\.5 below zero/,
    );
  });

  it('does nothing without an active prescription', async () => {
    await t.deps.database.db.updateTable('prescriptions').set({ status: 'cancelled' }).execute();
    assert.equal(await record('01937a00-0000-7000-8000-00000000c001', 300), null);
  });
});
