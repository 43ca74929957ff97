import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { RequestContext } from '../../platform/request-context.ts';
import { demoIds, inductionProtocol } from '../../seed.ts';
import { sendAs } from '../../testing/send.ts';
import { type SignedIn, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import {
  applyApprovedDose,
  findOpenPlan,
  pausePlanForSafety,
  resumePlanAfterReview,
} from './plan-changes.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

const lucas = '01937a00-0000-7000-8000-000000000104'; // approved, has not signed consent
const noah = '01937a00-0000-7000-8000-000000000102'; // intake still a draft
const grace = '01937a00-0000-7000-8000-000000000105'; // approved and consented, no plan yet

describe('treatment plans', () => {
  let t: TestApp;
  let clinician: SignedIn;
  let nurse: SignedIn;
  let patient: SignedIn;
  before(async () => {
    t = await startTestApp();
    clinician = await signInAs(t, 'clinician');
    nurse = await signInAs(t, 'nurse');
    patient = await signInAs(t, 'patient');
  });
  after(() => t.close());

  const call = (
    who: SignedIn,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    ifMatch?: string,
  ) => sendAs(t, who, method, url, payload, ifMatch);
  const db = () => t.deps.database.db;
  const plansOf = (patientId: string) =>
    db().selectFrom('treatment_plans').selectAll().where('patient_id', '=', patientId).execute();
  const context = (): RequestContext => ({
    actor: null,
    ip: '127.0.0.1',
    userAgent: 'plans test',
    requestId: uuidv7(),
    now: t.clock.now,
  });

  it('is written only for an approved and consented patient: 422 names what is missing', async () => {
    const forLucas = await call(clinician, 'POST', `/api/patients/${lucas}/plans`, {
      protocolId: inductionProtocol.id,
    });
    assert.equal(forLucas.statusCode, 422, forLucas.body);
    assert.equal(forLucas.json().error.code, 'unprocessable');
    assert.match(forLucas.json().error.message, /not signed the informed consent/);
    assert.deepEqual(forLucas.json().error.details.missing, ['consent_not_signed']);

    // Noah's intake is a draft: put the clinician on his team so the refusal is about the journey.
    await db()
      .insertInto('care_team')
      .values({ id: uuidv7(), patient_id: noah, staff_user_id: demoIds.clinician, role: 'prescriber' })
      .execute();
    const forNoah = await call(clinician, 'POST', `/api/patients/${noah}/plans`, {
      protocolId: inductionProtocol.id,
    });
    assert.equal(forNoah.statusCode, 422);
    assert.match(forNoah.json().error.message, /no clinician has approved the candidacy/);
    assert.deepEqual(forNoah.json().error.details.missing, ['candidacy_not_approved', 'consent_not_signed']);
    assert.equal((await plansOf(lucas)).length + (await plansOf(noah)).length, 0);
  });

  let planId = '';
  const planUrl = () => `/api/patients/${grace}/plans/${planId}`;

  it('is written from a protocol, individualised, with the dosing summary from the intake weight', async () => {
    // Grace gave her weight in pounds: 150 lb is 68.04 kg.
    const intake = await db()
      .selectFrom('intakes')
      .select(['id', 'answers'])
      .where('patient_id', '=', grace)
      .executeTakeFirstOrThrow();
    const answers = {
      ...(intake.answers as Json),
      body: { weight: { value: 150, unit: 'lb' }, height: { value: 165, unit: 'cm' } },
    };
    await db()
      .updateTable('intakes')
      .set({ answers: JSON.stringify(answers) })
      .where('id', '=', intake.id)
      .execute();

    const input = {
      protocolId: inductionProtocol.id,
      doseMg: 250,
      bloodPressureLimit: { systolic: 130, diastolic: 85 },
      sessionsPlanned: 4,
      startsOn: '2026-12-01',
      endsOn: '2027-02-28',
      notes: 'Sessions on Saturday mornings.',
    };
    const noReason = await call(clinician, 'POST', `/api/patients/${grace}/plans`, input);
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().error.message, /^bpLimitReason: /);
    const aboveProtocol = await call(clinician, 'POST', `/api/patients/${grace}/plans`, {
      protocolId: inductionProtocol.id,
      maxDoseMg: 500,
    });
    assert.equal(aboveProtocol.statusCode, 400);
    assert.match(
      aboveProtocol.json().error.message,
      /^maxDoseMg: must not be above the protocol's maximum \(450 mg\)/,
    );
    const badDates = await call(clinician, 'POST', `/api/patients/${grace}/plans`, {
      ...input,
      endsOn: '2026-11-01',
    });
    assert.equal(badDates.statusCode, 400);
    assert.match(badDates.json().error.message, /^endsOn: /);
    assert.equal((await plansOf(grace)).length, 0);

    const res = await call(clinician, 'POST', `/api/patients/${grace}/plans`, {
      ...input,
      bpLimitReason: 'Controlled hypertension: a lower limit agreed with her cardiologist',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers.etag, '"1"');
    const plan = res.json();
    planId = plan.id;
    assert.equal(plan.status, 'draft');
    assert.equal(plan.version, 1);
    assert.equal(plan.doseMg, 250);
    assert.equal(plan.maxDoseMg, 450);
    assert.equal(plan.minDoseMg, 200);
    assert.equal(plan.sessionsPlanned, 4);
    assert.deepEqual(plan.bloodPressureLimit, { systolic: 130, diastolic: 85 });
    assert.match(plan.bpLimitReason, /cardiologist/);
    assert.deepEqual(plan.heartRateRange, { min: 50, max: 110 });
    assert.equal(plan.minHoursBetweenSessions, 72);
    assert.deepEqual(plan.protocol, {
      id: inductionProtocol.id,
      key: 'induction-sublingual-6',
      name: 'Induction — 6 sublingual sessions',
      version: 1,
    });
    assert.equal(plan.createdByName, 'Dr. Elena Park');
    assert.equal(plan.dosing.weightKg, 68);
    assert.equal(plan.dosing.mgPerKg, 3.67);
    assert.equal(plan.dosing.fraction, 0.29);
    assert.equal(plan.dosing.ivEquivalentMg, 72.5);
    assert.match(plan.dosing.explanation, /sublingual/i);

    const second = await call(clinician, 'POST', `/api/patients/${grace}/plans`, {
      protocolId: inductionProtocol.id,
    });
    assert.equal(second.statusCode, 409);

    const [created] = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', 'plan.create')
      .execute();
    assert.equal(created!.patient_id, grace);
    assert.equal(created!.entity_id, planId);
  });

  it('two edits from the same version: the second gets 412 and overwrites nothing', async () => {
    const missing = await call(clinician, 'PATCH', planUrl(), { doseMg: 300, changeNote: 'Up a step' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /^If-Match: /);

    const first = await call(
      clinician,
      'PATCH',
      planUrl(),
      { doseMg: 300, changeNote: 'Start at 300 mg' },
      '"1"',
    );
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers.etag, '"2"');
    assert.equal(first.json().doseMg, 300);

    const second = await call(
      clinician,
      'PATCH',
      planUrl(),
      { doseMg: 350, changeNote: 'Start at 350 mg' },
      '"1"',
    );
    assert.equal(second.statusCode, 412);
    assert.equal(second.json().error.code, 'precondition_failed');
    assert.equal(second.json().error.details.currentVersion, 2);
    assert.equal(second.json().error.details.current.doseMg, 300);

    const now = await call(clinician, 'GET', planUrl());
    assert.equal(now.json().doseMg, 300);
    assert.equal(now.json().version, 2);
    assert.equal(now.headers.etag, '"2"');

    // The same race, at once: exactly one wins, and the plan holds the winner's change.
    const [a, b] = await Promise.all([
      call(clinician, 'PATCH', planUrl(), { notes: 'Saturday mornings', changeNote: 'Note A' }, '"2"'),
      call(clinician, 'PATCH', planUrl(), { notes: 'Sunday evenings', changeNote: 'Note B' }, '"2"'),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 412]);
    const winner = a.statusCode === 200 ? a.json() : b.json();
    const [row] = await plansOf(grace);
    assert.equal(row!.version, 3);
    assert.equal(row!.notes, winner.notes);
    const versions = await db()
      .selectFrom('treatment_plan_versions')
      .select('version')
      .where('plan_id', '=', planId)
      .execute();
    assert.equal(versions.length, 3);
  });

  it('keeps the dose within the plan: above the maximum or below the minimum gets 400 and changes nothing', async () => {
    const above = await call(clinician, 'PATCH', planUrl(), { doseMg: 500, changeNote: 'Too high' }, '"3"');
    assert.equal(above.statusCode, 400);
    assert.match(above.json().error.message, /^doseMg: /);
    const aboveMax = await call(
      clinician,
      'PATCH',
      planUrl(),
      { doseMg: 400, maxDoseMg: 350, changeNote: 'Lower the ceiling' },
      '"3"',
    );
    assert.equal(aboveMax.statusCode, 400);
    assert.match(
      aboveMax.json().error.message,
      /^doseMg: 400 mg is above the plan's maximum dose \(350 mg\)/,
    );
    const below = await call(clinician, 'PATCH', planUrl(), { doseMg: 150, changeNote: 'Too low' }, '"3"');
    assert.equal(below.statusCode, 400);
    assert.match(below.json().error.message, /^doseMg: 150 mg is below/);
    const nothing = await call(clinician, 'PATCH', planUrl(), { changeNote: 'Nothing at all' }, '"3"');
    assert.equal(nothing.statusCode, 400);
    const [row] = await plansOf(grace);
    assert.equal(row!.version, 3);
    assert.equal(row!.dose_mg, 300);
  });

  it('moves through its statuses: draft → active → paused (with a reason) → active → completed', async () => {
    let version = 3;
    const patch = async (body: object) => {
      const res = await call(clinician, 'PATCH', planUrl(), body, `"${version}"`);
      if (res.statusCode === 200) version = res.json().version;
      return res;
    };
    const draftToPaused = await patch({ status: 'paused', statusReason: 'Travel', changeNote: 'Pause' });
    assert.equal(draftToPaused.statusCode, 409);
    assert.match(draftToPaused.json().error.message, /a draft plan cannot become paused/);

    const active = await patch({ status: 'active', changeNote: 'First session booked' });
    assert.equal(active.statusCode, 200, active.body);
    assert.equal(active.json().status, 'active');

    const noReason = await patch({ status: 'paused', changeNote: 'Pause' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().error.message, /^statusReason: /);
    const paused = await patch({
      status: 'paused',
      statusReason: 'Travelling for two weeks',
      changeNote: 'Pause',
    });
    assert.equal(paused.json().status, 'paused');
    assert.equal(paused.json().statusReason, 'Travelling for two weeks');

    const resumed = await patch({ status: 'active', changeNote: 'Back home' });
    assert.equal(resumed.json().status, 'active');
    assert.equal(resumed.json().statusReason, null);

    const completed = await patch({
      status: 'completed',
      statusReason: 'Course finished',
      changeNote: 'Done',
    });
    assert.equal(completed.json().status, 'completed');
    const afterCompleted = await patch({ notes: 'More', changeNote: 'Late note' });
    assert.equal(afterCompleted.statusCode, 409);
    assert.equal(version, 7);
    assert.equal(await findOpenPlan(db(), grace), undefined);

    const statusAudit = await db()
      .selectFrom('audit_events')
      .select('subtype')
      .where('entity_id', '=', planId)
      .where('action', '=', 'U')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      statusAudit.map((e) => e.subtype),
      [
        'plan.update',
        'plan.update',
        'plan.status.active',
        'plan.status.paused',
        'plan.status.active',
        'plan.status.completed',
      ],
    );
  });

  it('keeps a version history with what changed in each', async () => {
    const res = await call(clinician, 'GET', `${planUrl()}/versions`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items;
    assert.deepEqual(
      items.map((v: Json) => v.version),
      [7, 6, 5, 4, 3, 2, 1],
    );
    const v2 = items.find((v: Json) => v.version === 2);
    assert.deepEqual(v2.changes, { doseMg: { before: 250, after: 300 } });
    assert.equal(v2.changeNote, 'Start at 300 mg');
    assert.equal(v2.changedByName, 'Dr. Elena Park');
    assert.equal(v2.snapshot.doseMg, 300);
    assert.deepEqual(items.find((v: Json) => v.version === 5).changes.status, {
      before: 'active',
      after: 'paused',
    });
    assert.deepEqual(items.at(-1).changes, {});
    assert.match(items.at(-1).changeNote, /Written from Induction/);
  });

  it('is paused for safety and titrated by other modules, each a new version, audited', async () => {
    const open = await findOpenPlan(db(), demoIds.patient);
    assert.equal(open?.id, demoIds.plan);
    assert.equal(open?.status, 'active');
    const startVersion = open!.version;

    const titrated = await db()
      .transaction()
      .execute((trx) => applyApprovedDose(trx, context(), demoIds.plan, 350, 'Titration after session 1'));
    assert.equal(titrated.changed, true);
    assert.equal(titrated.plan.doseMg, 350);
    assert.equal(titrated.plan.version, startVersion + 1);
    await assert.rejects(
      db()
        .transaction()
        .execute((trx) => applyApprovedDose(trx, context(), demoIds.plan, 500, 'Too high')),
      /doseMg: 500 mg is outside the plan's range/,
    );

    const paused = await db()
      .transaction()
      .execute((trx) =>
        pausePlanForSafety(trx, context(), demoIds.patient, 'Grade 3 adverse event: severe vomiting'),
      );
    assert.equal(paused?.changed, true);
    assert.equal(paused?.plan.status, 'paused');
    assert.equal(paused?.plan.version, startVersion + 2);
    const again = await db()
      .transaction()
      .execute((trx) => pausePlanForSafety(trx, context(), demoIds.patient, 'Another'));
    assert.equal(again?.changed, false);
    const none = await db()
      .transaction()
      .execute((trx) => pausePlanForSafety(trx, context(), grace, 'No plan in force'));
    assert.equal(none, null);

    const seen = (
      await call(patient, 'GET', `/api/patients/${demoIds.patient}/plans/${demoIds.plan}`)
    ).json();
    assert.equal(seen.status, 'paused');
    assert.equal(seen.statusReason, 'Grade 3 adverse event: severe vomiting');
    assert.equal(seen.doseMg, 350);
    const versions = (
      await call(clinician, 'GET', `/api/patients/${demoIds.patient}/plans/${demoIds.plan}/versions`)
    ).json();
    assert.equal(versions.items[0].changeNote, 'Paused for safety: Grade 3 adverse event: severe vomiting');
    const subtypes = (
      await db().selectFrom('audit_events').select('subtype').where('entity_id', '=', demoIds.plan).execute()
    ).map((e) => e.subtype);
    assert.ok(subtypes.includes('plan.dose.titrate'));
    assert.ok(subtypes.includes('plan.pause.safety'));

    const resumed = await db()
      .transaction()
      .execute((trx) => resumePlanAfterReview(trx, context(), demoIds.patient, 'Reviewed by video: settled'));
    assert.equal(resumed?.changed, true);
    assert.equal(resumed?.plan.status, 'active');
    assert.equal(resumed?.plan.statusReason, null);
    assert.equal(resumed?.plan.version, startVersion + 3);
    const notPaused = await db()
      .transaction()
      .execute((trx) => resumePlanAfterReview(trx, context(), demoIds.patient, 'Again'));
    assert.equal(notPaused?.changed, false);
  });

  it('is read by the patient and the care team, audited; a coach or another team gets 404; only prescribers write', async () => {
    const own = await call(patient, 'GET', `/api/patients/${demoIds.patient}/plans`);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().items[0].id, demoIds.plan);
    assert.equal(own.json().items[0].dosing.weightKg, 68);
    assert.equal((await call(nurse, 'GET', `/api/patients/${demoIds.patient}/plans`)).statusCode, 200);
    const reads = await db()
      .selectFrom('audit_events')
      .select(['actor_role', 'patient_id'])
      .where('subtype', '=', 'plan.read')
      .execute();
    assert.ok(reads.some((r) => r.actor_role === 'patient' && r.patient_id === demoIds.patient));

    const coach = await signInAs(t, 'coach');
    const byCoach = await call(coach, 'GET', `/api/patients/${demoIds.patient}/plans`);
    assert.equal(byCoach.statusCode, 404);
    assert.equal(byCoach.json().error.message, 'No such patient.');
    const otherTeam = await call(clinician, 'GET', `/api/patients/${demoIds.unassignedPatient}/plans`);
    assert.equal(otherTeam.statusCode, 404);
    const otherPatient = await call(patient, 'GET', `/api/patients/${grace}/plans`);
    assert.equal(otherPatient.statusCode, 404);
    const wrongPatient = await call(clinician, 'GET', `/api/patients/${grace}/plans/${demoIds.plan}`);
    assert.equal(wrongPatient.statusCode, 404);
    assert.equal(wrongPatient.json().error.message, 'No such plan.');

    const byNurse = await call(nurse, 'POST', `/api/patients/${grace}/plans`, {
      protocolId: inductionProtocol.id,
    });
    assert.equal(byNurse.statusCode, 403);
    const nursePatch = await call(
      nurse,
      'PATCH',
      `/api/patients/${demoIds.patient}/plans/${demoIds.plan}`,
      { notes: 'Nurse note', changeNote: 'Note' },
      '"1"',
    );
    assert.equal(nursePatch.statusCode, 403);
    const patientPatch = await call(
      patient,
      'PATCH',
      `/api/patients/${demoIds.patient}/plans/${demoIds.plan}`,
      { doseMg: 450, changeNote: 'More please' },
      '"1"',
    );
    assert.equal(patientPatch.statusCode, 403);
    const unassigned = await call(clinician, 'POST', `/api/patients/${demoIds.unassignedPatient}/plans`, {
      protocolId: inductionProtocol.id,
    });
    assert.equal(unassigned.statusCode, 404);
    assert.equal(unassigned.json().error.message, 'No such patient.');
  });

  it('is written from the current version of a protocol only', async () => {
    const admin = await signInAs(t, 'admin');
    const { id: _id, key: _key, ...settings } = inductionProtocol;
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/protocols/induction-sublingual-6',
      headers: { cookie: admin.cookie, 'if-match': '"1"' },
      payload: { ...settings, fastingHours: 4, changeNote: 'Fast a little longer' },
    });
    assert.equal(put.statusCode, 200, put.body);
    const old = await call(clinician, 'POST', `/api/patients/${grace}/plans`, {
      protocolId: inductionProtocol.id,
    });
    assert.equal(old.statusCode, 409);
    assert.equal(old.json().error.details.currentVersion, 2);
    const fresh = await call(clinician, 'POST', `/api/patients/${grace}/plans`, {
      protocolId: put.json().id,
    });
    assert.equal(fresh.statusCode, 201, fresh.body);
    assert.equal(fresh.json().fastingHours, 4);
    assert.equal(fresh.json().protocol.version, 2);
  });
});
