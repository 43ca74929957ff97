/**
 * The candidacy queue follows the care team (issue 12, findings 6 and 7): intakes of applicants
 * nobody cares for reach only the intake team, with the minimum, and only an intake-team member
 * may start such a review, which takes the applicant on (care team, audited, admin review). The
 * clinical side of a decision (note, overrides, justification) is not for coaches.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../../seed.ts';
import { send } from '../../testing/send.ts';
import { type SignedIn, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON replies in tests.
type Json = Record<string, any>;

const ethan = '01937a00-0000-7000-8000-000000000106';
const priya = '01937a00-0000-7000-8000-000000000103';

describe('candidacy queue and decisions by role', () => {
  let t: TestApp;
  let admin: SignedIn;
  let clinician: SignedIn;

  const queue = async () =>
    (await send(t, clinician.cookie, 'GET', '/api/candidacy/queue')).json().items as Json[];
  const intakeTeam = (method: 'PUT' | 'DELETE', userId: string, cookie = admin.cookie) =>
    send(t, cookie, method, `/api/staff/${userId}/intake-team`);
  const ethanIntakeId = async () =>
    (
      await t.deps.database.db
        .selectFrom('intakes')
        .select('id')
        .where('patient_id', '=', ethan)
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow()
    ).id;

  before(async () => {
    t = await startTestApp();
    admin = await signInAs(t, 'admin');
    clinician = await signInAs(t, 'clinician');
  });
  after(() => t.close());

  it('admins name the intake team (clinicians and nurses), audited; nobody else may', async () => {
    const staff = (await send(t, admin.cookie, 'GET', '/api/staff')).json().items as Json[];
    const on = (userId: string) => staff.find((s) => s.userId === userId)!.onIntakeTeam;
    assert.deepEqual([on(demoIds.clinician), on(demoIds.nurse), on(demoIds.coach)], [true, true, false]);

    assert.equal((await intakeTeam('PUT', demoIds.clinician)).statusCode, 409, 'already on it');
    const coach = await intakeTeam('PUT', demoIds.coach);
    assert.equal(coach.statusCode, 422);
    assert.equal(coach.json().error.code, 'unprocessable');
    for (const role of ['clinician', 'nurse', 'coach'] as const) {
      const { cookie } = await signInAs(t, role);
      assert.equal((await intakeTeam('DELETE', demoIds.nurse, cookie)).statusCode, 403, role);
    }
    const removed = await intakeTeam('DELETE', demoIds.nurse);
    assert.equal(removed.statusCode, 200);
    assert.equal(removed.json().onIntakeTeam, false);
    assert.equal((await intakeTeam('DELETE', demoIds.nurse)).statusCode, 404, 'not on it any more');
    assert.equal((await intakeTeam('PUT', demoIds.nurse)).statusCode, 200);
    const audits = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['subtype', 'actor_user_id', 'details'])
      .where('entity_id', '=', demoIds.nurse)
      .where('subtype', 'like', 'staff.intake_team.%')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audits.map((a) => [a.subtype, a.actor_user_id, a.details]),
      [
        ['staff.intake_team.remove', admin.userId, { role: 'nurse' }],
        ['staff.intake_team.add', admin.userId, { role: 'nurse' }],
      ],
    );
  });

  it('applicants nobody cares for reach only the intake team, with the minimum; others cannot start the review', async () => {
    const triage = (await queue()).find((q) => q.patientId === ethan)!;
    assert.equal(triage.access, 'intake_triage');
    assert.equal(triage.patientName, 'Ethan Brooks');
    assert.equal(triage.flagCounts, null, 'screening flags stay with the care team');
    const own = (await queue()).find((q) => q.patientId === priya)!;
    assert.equal(own.access, 'care_team');
    assert.ok(own.flagCounts);

    assert.equal((await intakeTeam('DELETE', demoIds.clinician)).statusCode, 200);
    try {
      const items = await queue();
      assert.ok(!items.some((q) => q.patientId === ethan), 'off the intake team: not in the queue');
      assert.ok(
        items.some((q) => q.patientId === priya),
        'their own patient still is',
      );
      const attention = (await send(t, clinician.cookie, 'GET', '/api/attention')).json();
      assert.equal(attention.intakesAwaitingReview.count, 1, 'the attention list follows the same rule');
      const intakeId = await ethanIntakeId();
      const start = await send(t, clinician.cookie, 'POST', `/api/candidacy/${intakeId}/start`);
      assert.equal(start.statusCode, 404, start.body);
      const denied = await t.deps.database.db
        .selectFrom('audit_events')
        .select(['subtype', 'outcome', 'actor_user_id'])
        .where('entity_id', '=', intakeId)
        .execute();
      assert.deepEqual(denied, [
        { subtype: 'access.denied', outcome: 'denied', actor_user_id: clinician.userId },
      ]);
      const team = await t.deps.database.db
        .selectFrom('care_team')
        .select('id')
        .where('patient_id', '=', ethan)
        .execute();
      assert.deepEqual(team, [], 'nobody joined');
    } finally {
      assert.equal((await intakeTeam('PUT', demoIds.clinician)).statusCode, 200);
    }
  });

  it('starting the review as the intake team takes the applicant on: prescriber, audited, on the admin review queue', async () => {
    const intakeId = await ethanIntakeId();
    const start = await send(t, clinician.cookie, 'POST', `/api/candidacy/${intakeId}/start`);
    assert.equal(start.statusCode, 200, start.body);
    const team = await t.deps.database.db
      .selectFrom('care_team')
      .select(['staff_user_id', 'role'])
      .where('patient_id', '=', ethan)
      .execute();
    assert.deepEqual(team, [{ staff_user_id: clinician.userId, role: 'prescriber' }]);
    const takeOn = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['entity_id', 'details'])
      .where('subtype', '=', 'patient.care_team.take_on')
      .where('patient_id', '=', ethan)
      .executeTakeFirstOrThrow();
    assert.deepEqual(takeOn.details, { via: 'candidacy_review', sourceId: intakeId, careRole: 'prescriber' });
    const reviewQueue = (await send(t, admin.cookie, 'GET', '/api/admin/break-glass')).json().items as Json[];
    const entry = reviewQueue.find((item) => item.id === takeOn.entity_id)!;
    assert.equal(entry.kind, 'take_on');
    assert.equal(entry.userName, 'Dr. Elena Park');
    assert.match(entry.reason, /starting the candidacy review/);
    assert.equal(entry.reviewedAt, null);
    const item = (await queue()).find((q) => q.patientId === ethan)!;
    assert.equal(item.access, 'care_team');
    assert.ok(item.flagCounts.exclude >= 1, 'now on the care team: the flags show');
  });

  it('coaches see the outcome and the message to the patient, never the clinical note or justification', async () => {
    const decided = await send(t, clinician.cookie, 'POST', `/api/patients/${ethan}/candidacy-decisions`, {
      decision: 'approve',
      messageToPatient: 'Welcome, Ethan.',
      clinicalNote: 'BP controlled on amlodipine per cardiology letter.',
      overrideJustification:
        'Cardiology confirmed BP now controlled on amlodipine; home readings 128/82 for 3 weeks.',
    });
    assert.equal(decided.statusCode, 201, decided.body);
    const assigned = await send(t, admin.cookie, 'POST', `/api/patients/${ethan}/care-team`, {
      staffUserId: demoIds.coach,
      role: 'coach',
    });
    assert.equal(assigned.statusCode, 204, assigned.body);

    const coach = await signInAs(t, 'coach');
    const forCoach = await send(t, coach.cookie, 'GET', `/api/patients/${ethan}/candidacy-decisions`);
    assert.equal(forCoach.statusCode, 200);
    const [seen] = forCoach.json().items as Json[];
    assert.equal(seen!.decision, 'approved');
    assert.equal(seen!.messageToPatient, 'Welcome, Ethan.');
    assert.equal(seen!.clinicalNote, null);
    assert.equal(seen!.overrideJustification, null);
    assert.deepEqual(seen!.overriddenRuleIds, []);
    assert.doesNotMatch(forCoach.body, /amlodipine/);

    const forClinician = (
      await send(t, clinician.cookie, 'GET', `/api/patients/${ethan}/candidacy-decisions`)
    ).json().items as Json[];
    assert.match(forClinician[0]!.clinicalNote, /amlodipine/);
    assert.match(forClinician[0]!.overrideJustification, /Cardiology/);
    assert.ok(forClinician[0]!.overriddenRuleIds.includes('blood_pressure.uncontrolled'));
  });
});
