import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../../seed.ts';
import { demoIntakeAnswers } from '../../seed-journeys/index.ts';
import { send } from '../../testing/send.ts';
import { signInAs, signUpPatient } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('alerts', () => {
  let t: TestApp;
  let patientId: string;
  before(async () => {
    t = await startTestApp();
    const river = await signUpPatient(t, {
      email: 'river@example.org',
      givenName: 'River',
      familyName: 'Stone',
    });
    const { cookie } = river;
    patientId = river.patientId;
    const intake = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json();
    const saved = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/baseline`, {
      answers: { ...demoIntakeAnswers().baseline, phq9: [2, 2, 2, 2, 2, 2, 2, 2, 2] },
      version: intake.version,
    });
    assert.equal(saved.statusCode, 200, saved.body);
  });
  after(() => t.close());

  it("an applicant's item-9 alert reaches the intake team before anyone is assigned, with the minimum", async () => {
    // The demo clinician and nurse are on the intake team.
    for (const role of ['clinician', 'nurse'] as const) {
      const { cookie } = await signInAs(t, role);
      const items = (await send(t, cookie, 'GET', '/api/alerts')).json().items;
      const alert = items.find((a: { patientId: string }) => a.patientId === patientId);
      assert.ok(alert, role);
      assert.equal(alert.access, 'intake_triage');
      assert.equal(alert.kind, 'item9_positive');
      assert.equal(alert.severity, 'urgent');
      assert.equal(alert.status, 'open');
      assert.equal(alert.patientName, 'River Stone');
      assert.equal(typeof alert.ageMinutes, 'number');
      assert.doesNotMatch(alert.reason, /item 9|answered/, 'the reason quotes answers: care team only');
      assert.deepEqual(alert.details, {});
      assert.equal(alert.contacts, null);
      assert.equal(alert.chartPath, null);
      assert.equal(items[0].severity, 'urgent', 'urgent alerts lead the list');
    }
  });

  it('acknowledging needs a note, records who and when, and happens once; resolving closes it', async () => {
    const nurse = await signInAs(t, 'nurse');
    const alert = (await send(t, nurse.cookie, 'GET', '/api/alerts'))
      .json()
      .items.find((a: { patientId: string }) => a.patientId === patientId);
    const noNote = await send(t, nurse.cookie, 'POST', `/api/alerts/${alert.id}/acknowledge`, { note: ' ' });
    assert.equal(noNote.statusCode, 400);
    const ack = await send(t, nurse.cookie, 'POST', `/api/alerts/${alert.id}/acknowledge`, {
      note: 'Called River; safe at home with partner. C-SSRS screener: low risk.',
    });
    assert.equal(ack.statusCode, 204);
    const twice = await send(t, nurse.cookie, 'POST', `/api/alerts/${alert.id}/acknowledge`, {
      note: 'again',
    });
    assert.equal(twice.statusCode, 409);
    const active = (await send(t, nurse.cookie, 'GET', '/api/alerts?status=active'))
      .json()
      .items.find((a: { id: string }) => a.id === alert.id);
    assert.equal(active.status, 'acknowledged');
    assert.equal(active.access, 'care_team', 'acknowledging took River on: the nurse sees it in full');
    assert.match(active.reason, /item 9/);
    assert.equal(active.acknowledgedByName, 'Jordan Reyes');
    assert.match(active.acknowledgementNote, /C-SSRS/);

    // A suicide-risk alert is closed by a clinician, with the follow-up recorded.
    const byNurse = await send(t, nurse.cookie, 'POST', `/api/alerts/${alert.id}/resolve`, {
      note: 'Closing',
      followUp: { method: 'C-SSRS screener', riskLevel: 'low', plan: 'Safety plan' },
    });
    assert.equal(byNurse.statusCode, 403);
    const clinician = await signInAs(t, 'clinician');
    const offTeam = await send(t, clinician.cookie, 'POST', `/api/alerts/${alert.id}/resolve`, {
      note: 'Closing',
      followUp: { method: 'C-SSRS screener', riskLevel: 'low', plan: 'Safety plan' },
    });
    assert.equal(offTeam.statusCode, 404, 'River has a care team now, and the clinician is not on it');
    const admin = await signInAs(t, 'admin');
    const assigned = await send(t, admin.cookie, 'POST', `/api/patients/${patientId}/care-team`, {
      staffUserId: clinician.userId,
      role: 'prescriber',
    });
    assert.equal(assigned.statusCode, 204, assigned.body);
    const withoutFollowUp = await send(t, clinician.cookie, 'POST', `/api/alerts/${alert.id}/resolve`, {
      note: 'Safety plan agreed at video visit.',
    });
    assert.equal(withoutFollowUp.statusCode, 422);
    assert.equal(withoutFollowUp.json().error.details.issues[0].path, 'followUp');
    const resolved = await send(t, clinician.cookie, 'POST', `/api/alerts/${alert.id}/resolve`, {
      note: 'Safety plan agreed at video visit.',
      followUp: { method: 'C-SSRS screener', riskLevel: 'low', plan: 'Safety plan; weekly check-ins.' },
    });
    assert.equal(resolved.statusCode, 204);
    const stored = await t.deps.database.db
      .selectFrom('alerts')
      .select('details')
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual((stored.details as { followUp: unknown }).followUp, {
      method: 'C-SSRS screener',
      riskLevel: 'low',
      plan: 'Safety plan; weekly check-ins.',
    });
    const open = (await send(t, clinician.cookie, 'GET', '/api/alerts?status=open')).json().items;
    assert.ok(!open.some((a: { id: string }) => a.id === alert.id));
    const entries = await t.deps.database.db
      .selectFrom('audit_events')
      .select('subtype')
      .where('entity_id', '=', alert.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      entries.map((e) => e.subtype),
      ['alert.raise.item9_positive', 'alert.acknowledge', 'access.denied', 'alert.resolve'],
      'the clinician’s try before joining the care team is recorded as denied',
    );
  });

  it('coaches, patients and support people cannot list or act on alerts', async () => {
    for (const role of ['coach', 'patient', 'support'] as const) {
      const { cookie } = await signInAs(t, role);
      assert.equal((await send(t, cookie, 'GET', '/api/alerts')).statusCode, 403, role);
    }
    const coach = await signInAs(t, 'coach');
    assert.equal(
      (await send(t, coach.cookie, 'GET', `/api/patients/${demoIds.patient}/alerts`)).statusCode,
      404,
    );
  });

  it('the patient journey says where they are and what is next', async () => {
    const patient = await signInAs(t, 'patient');
    const journey = (await send(t, patient.cookie, 'GET', `/api/patients/${demoIds.patient}/journey`)).json();
    assert.deepEqual(
      journey.steps.map((s: { key: string; status: string }) => [s.key, s.status]),
      [
        ['intake', 'done'],
        ['review', 'done'],
        ['consent', 'done'],
        ['plan', 'done'],
        ['sessions', 'current'],
      ],
    );
    assert.equal(journey.consent.upToDate, true);
  });
});
