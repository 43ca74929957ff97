/**
 * Alerts follow the care team (issue 12, findings 6 and 7): a patient's alerts reach their care
 * team only; a patient nobody cares for yet reaches the intake team, with the minimum, until one
 * of them takes the patient on by acknowledging. Nobody acts on an alert of a chart they cannot
 * open: 404 like the chart, audited as denied.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIntakeAnswers } from '../../seed-journeys/index.ts';
import { send } from '../../testing/send.ts';
import { type SignedIn, signInAs, signUpPatient } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON replies in tests.
type Json = Record<string, any>;

describe('alert queues follow the care team', () => {
  let t: TestApp;
  let admin: SignedIn;
  let nurse: SignedIn;
  let clinician: SignedIn;

  /** Signs a new applicant up and answers PHQ-9 item 9 positively: one urgent alert, no care team. */
  async function applicantWithAlert(email: string, givenName: string) {
    const { cookie, patientId } = await signUpPatient(t, { email, givenName, familyName: 'Queue' });
    const intake = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json();
    const saved = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/baseline`, {
      answers: { ...demoIntakeAnswers().baseline, phq9: [2, 2, 2, 2, 2, 2, 2, 2, 2] },
      version: intake.version,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const alert = await t.deps.database.db
      .selectFrom('alerts')
      .select(['id', 'status'])
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    return { patientId, alertId: alert.id };
  }

  const listAlerts = async (who: SignedIn) =>
    (await send(t, who.cookie, 'GET', '/api/alerts')).json().items as Json[];
  const acknowledge = (who: SignedIn, alertId: string, note = 'Called; safe at home.') =>
    send(t, who.cookie, 'POST', `/api/alerts/${alertId}/acknowledge`, { note });
  const setIntakeTeam = async (userId: string, member: boolean) => {
    const res = await send(t, admin.cookie, member ? 'PUT' : 'DELETE', `/api/staff/${userId}/intake-team`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().onIntakeTeam, member);
  };
  const deniedAudits = (entityId: string) =>
    t.deps.database.db
      .selectFrom('audit_events')
      .select(['subtype', 'outcome', 'actor_user_id', 'details'])
      .where('entity_id', '=', entityId)
      .where('outcome', '=', 'denied')
      .execute();
  const alertStatus = async (alertId: string) =>
    (
      await t.deps.database.db
        .selectFrom('alerts')
        .select('status')
        .where('id', '=', alertId)
        .executeTakeFirstOrThrow()
    ).status;

  before(async () => {
    t = await startTestApp();
    admin = await signInAs(t, 'admin');
    nurse = await signInAs(t, 'nurse');
    clinician = await signInAs(t, 'clinician');
  });
  after(() => t.close());

  it("a nurse off a patient's care team neither sees nor acknowledges their alert: 404 like the chart, audited", async () => {
    const { patientId, alertId } = await applicantWithAlert('cared@example.org', 'Cared');
    const assigned = await send(t, admin.cookie, 'POST', `/api/patients/${patientId}/care-team`, {
      staffUserId: clinician.userId,
      role: 'prescriber',
    });
    assert.equal(assigned.statusCode, 204, assigned.body);

    assert.ok(!(await listAlerts(nurse)).some((a) => a.id === alertId), 'not on the nurse’s list');
    const mine = (await listAlerts(clinician)).find((a) => a.id === alertId)!;
    assert.equal(mine.access, 'care_team');
    assert.match(mine.reason, /item 9/);

    const chart = await send(t, nurse.cookie, 'GET', `/api/patients/${patientId}/alerts`);
    assert.equal(chart.statusCode, 404);
    for (const action of ['acknowledge', 'resolve']) {
      const res = await send(t, nurse.cookie, 'POST', `/api/alerts/${alertId}/${action}`, {
        note: 'Not my patient',
      });
      assert.equal(res.statusCode, 404, action);
      assert.equal(res.json().error.code, 'not_found');
      const unknown = await send(
        t,
        nurse.cookie,
        'POST',
        `/api/alerts/01937a00-0000-7000-8000-00000000dead/${action}`,
        { note: 'Not my patient' },
      );
      assert.equal(unknown.json().error.message, res.json().error.message, 'existence does not leak');
    }
    assert.equal(await alertStatus(alertId), 'open', 'unchanged');
    const denied = await deniedAudits(alertId);
    assert.deepEqual(
      denied.map((d) => [d.subtype, d.outcome, d.actor_user_id]),
      [
        ['access.denied', 'denied', nurse.userId],
        ['access.denied', 'denied', nurse.userId],
      ],
    );
    assert.deepEqual(denied[0]!.details, { permission: 'patient.alerts.write', action: 'acknowledge' });
  });

  it('alerts of a patient nobody cares for reach only the intake team, with the minimum', async () => {
    const { alertId } = await applicantWithAlert('unassigned@example.org', 'Unassigned');
    await setIntakeTeam(nurse.userId, false);
    try {
      assert.ok(!(await listAlerts(nurse)).some((a) => a.id === alertId), 'off the intake team: not listed');
      const res = await acknowledge(nurse, alertId);
      assert.equal(res.statusCode, 404, 'off the intake team: cannot take the patient on');
      assert.equal(await alertStatus(alertId), 'open');
      assert.equal((await deniedAudits(alertId)).length, 1);
      const dashboard = (await send(t, nurse.cookie, 'GET', '/api/attention')).json();
      const onIntakeTeam = (await send(t, clinician.cookie, 'GET', '/api/attention')).json();
      assert.ok(
        onIntakeTeam.openAlerts.urgent > dashboard.openAlerts.urgent,
        'the attention list counts unassigned alerts for the intake team only',
      );
    } finally {
      await setIntakeTeam(nurse.userId, true);
    }

    const seen = (await listAlerts(clinician)).find((a) => a.id === alertId)!;
    assert.deepEqual(
      {
        access: seen.access,
        kind: seen.kind,
        severity: seen.severity,
        patientName: seen.patientName,
        details: seen.details,
        contacts: seen.contacts,
        chartPath: seen.chartPath,
      },
      {
        access: 'intake_triage',
        kind: 'item9_positive',
        severity: 'urgent',
        patientName: 'Unassigned Queue',
        details: {},
        contacts: null,
        chartPath: null,
      },
    );
    assert.equal(typeof seen.ageMinutes, 'number');
    assert.doesNotMatch(seen.reason, /item 9|answered/);
  });

  it('acknowledging as the intake team takes the patient on: care team, audited, on the admin review queue', async () => {
    const { patientId, alertId } = await applicantWithAlert('takeon@example.org', 'Takeon');
    const before = await send(t, nurse.cookie, 'GET', `/api/patients/${patientId}/alerts`);
    assert.equal(before.statusCode, 404, 'the chart is closed before the take-on');
    const ack = await acknowledge(nurse, alertId, 'Taking this on; calling now.');
    assert.equal(ack.statusCode, 204, ack.body);

    const team = await t.deps.database.db
      .selectFrom('care_team')
      .select(['staff_user_id', 'role'])
      .where('patient_id', '=', patientId)
      .execute();
    assert.deepEqual(team, [{ staff_user_id: nurse.userId, role: 'nurse' }]);
    const chart = await send(t, nurse.cookie, 'GET', `/api/patients/${patientId}/alerts`);
    assert.equal(chart.statusCode, 200);
    assert.match(chart.json().items[0].reason, /item 9/);

    const audit = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['entity_id', 'details', 'actor_user_id'])
      .where('subtype', '=', 'patient.care_team.take_on')
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, nurse.userId);
    assert.deepEqual(audit.details, { via: 'alert', sourceId: alertId, careRole: 'nurse' });

    assert.ok(
      !(await listAlerts(clinician)).some((a) => a.id === alertId),
      'taken on: the rest of the intake team no longer receives it',
    );
    const other = await acknowledge(clinician, alertId);
    assert.equal(other.statusCode, 404);

    const queue = (await send(t, admin.cookie, 'GET', '/api/admin/break-glass')).json().items as Json[];
    const entry = queue.find((item) => item.id === audit.entity_id)!;
    assert.equal(entry.kind, 'take_on');
    assert.equal(entry.userName, 'Jordan Reyes');
    assert.equal(entry.patientName, 'Takeon Queue');
    assert.equal(entry.expiresAt, null);
    assert.equal(entry.reviewedAt, null);
    assert.match(entry.reason, /acknowledging their alert/);
    const reviewed = await send(t, admin.cookie, 'POST', `/api/admin/break-glass/${entry.id}/review`, {
      note: 'Right call: urgent alert, no team yet.',
    });
    assert.equal(reviewed.statusCode, 204, reviewed.body);
    const after = (await send(t, admin.cookie, 'GET', '/api/admin/break-glass')).json().items as Json[];
    assert.equal(after.find((item) => item.id === entry.id)!.reviewedByName, 'Riley Morgan');
    const reviewAudit = await t.deps.database.db
      .selectFrom('audit_events')
      .select('subtype')
      .where('entity_id', '=', entry.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      reviewAudit.map((r) => r.subtype),
      ['patient.care_team.take_on', 'patient.care_team.take_on.review'],
    );
  });
});
