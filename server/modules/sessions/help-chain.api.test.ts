/**
 * Help that reaches people (issue 11, deliverable 6): alert cards and board rows carry the phone
 * numbers and the chart link for the care team only; nurses read the chart of their own patients;
 * the support person sees a help press, signed in or on the code page (whose token reads help
 * state and nothing else); "I'm having a hard moment" is on the timeline without an urgent alert.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../../seed.ts';
import { demoIntakeAnswers } from '../../seed-journeys/index.ts';
import { sendForJson } from '../../testing/send.ts';
import { boardPathOfSessionDay } from '../../testing/session-day.ts';
import { signInAs, signUpPatient } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { type ReadyPatient, readyForSessions, signInReadyPatient } from '../../testing/treatment-fixture.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

const samAndAna = {
  supportPerson: { name: 'Sam Torres', relationship: 'Partner', phone: '+1 555 010 2002' },
  emergencyContact: { name: 'Ana Torres', relationship: 'Sister', phone: '+1 555 010 2001' },
};

describe('the help chain on session day', () => {
  let t: TestApp;
  let p: ReadyPatient;
  let sessionId: string;
  before(async () => {
    t = await startTestApp();
    p = await readyForSessions(t);
    const clinician = await signInAs(t, 'clinician');
    const scheduledFor = new Date(t.clock.now().getTime() + 30 * 60_000).toISOString();
    const res = await inject('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    sessionId = res.body.id;
  });
  after(() => t.close());

  const inject = (
    method: string,
    url: string,
    cookie: string | null,
    payload?: object,
    headers: Record<string, string> = {},
  ) => sendForJson(t, cookie, method as 'GET', url, payload, headers);

  /** Re-signs the patient in (the test clock moves past idle timeouts). */
  const patientCookie = () => signInReadyPatient(t, p);

  const sessionUrl = () => `/api/patients/${p.patientId}/sessions/${sessionId}`;
  const auditRows = (subtype: string) =>
    t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', subtype)
      .where('patient_id', '=', p.patientId)
      .execute();

  let watchToken = '';

  it('the code page gets a token that sees only the help state, nothing else about the patient', async () => {
    const code = await inject('POST', `${sessionUrl()}/support-code`, await patientCookie());
    assert.equal(code.status, 200, JSON.stringify(code.body));
    const confirmed = await inject('POST', '/api/support-confirmations', null, {
      code: code.body.code,
      name: 'Sam',
      attest: true,
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    watchToken = confirmed.body.watchToken;
    assert.match(watchToken, /^sw_watch_/);
    const stored = await t.deps.database.db.selectFrom('support_watch_tokens').selectAll().execute();
    assert.ok(
      stored.every((row) => row.token_hash !== watchToken),
      'only the hash is stored',
    );

    const before = await inject('POST', '/api/support-watch', null, { token: watchToken });
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.deepEqual(Object.keys(before.body).sort(), [
      'expiresAt',
      'helpRequested',
      'helpRequestedAt',
      'whatToDo',
    ]);
    assert.equal(before.body.helpRequested, false);
    assert.equal(before.body.helpRequestedAt, null);

    // The token opens nothing else: not the session, not the patient.
    for (const url of [sessionUrl(), `/api/patients/${p.patientId}`]) {
      const res = await inject('GET', url, null, undefined, { authorization: `Bearer ${watchToken}` });
      assert.equal(res.status, 401, `${url}: ${res.status}`);
    }
    const wrong = await inject('POST', '/api/support-watch', null, { token: `${watchToken}x` });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'invalid_token');
  });

  it('a help press reaches the care team with phones and a chart link, and the support person at once', async () => {
    const patient = await patientCookie();
    const pressed = await inject('POST', `${sessionUrl()}/help`, patient, {
      idempotencyKey: 'help-chain-help-1',
    });
    assert.equal(pressed.status, 200, JSON.stringify(pressed.body));

    // The nurse and the clinician on the team: who to call, and the chart for their role.
    const nurse = await signInAs(t, 'nurse');
    const nurseAlerts = await inject('GET', '/api/alerts', nurse.cookie);
    const forNurse = nurseAlerts.body.items.find((a: Json) => a.id === pressed.body.alertId);
    assert.ok(forNurse, 'the nurse sees the help alert');
    assert.deepEqual(forNurse.contacts, {
      ...samAndAna,
      patientPhone: demoIntakeAnswers().demographics?.phone ?? null,
    });
    assert.ok(forNurse.contacts.patientPhone, "the patient's own phone");
    assert.equal(forNurse.chartPath, `/nurse/patients/${p.patientId}/chart`);
    const clinician = await signInAs(t, 'clinician');
    const clinicianAlerts = await inject('GET', '/api/alerts', clinician.cookie);
    const forClinician = clinicianAlerts.body.items.find((a: Json) => a.id === pressed.body.alertId);
    assert.equal(forClinician.chartPath, `/clinician/patients/${p.patientId}/treatment`);
    assert.equal(forClinician.contacts.supportPerson.phone, samAndAna.supportPerson.phone);

    // The board row carries the same.
    const board = await inject(
      'GET',
      await boardPathOfSessionDay(t.deps.database.db, sessionId),
      nurse.cookie,
    );
    assert.equal(board.status, 200, JSON.stringify(board.body));
    const row = board.body.items.find((i: Json) => i.sessionId === sessionId);
    assert.ok(row, 'the session is on the board');
    assert.equal(row.helpRequested, true);
    assert.equal(row.contacts.emergencyContact.phone, samAndAna.emergencyContact.phone);
    assert.equal(row.chartPath, `/nurse/patients/${p.patientId}/chart`);

    // The signed-in support person's session view shows the press and its time (no details).
    const support = await signInAs(t, 'support');
    const seen = await inject('GET', sessionUrl(), support.cookie);
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal(seen.body.helpRequested, true);
    const helpEvent = seen.body.events.find((e: Json) => e.kind === 'help_requested');
    assert.ok(helpEvent?.occurredAt, 'the time of the press');
    assert.deepEqual(helpEvent.details, {});

    // The code page's next poll shows it, with what to do; seeing it is audited once.
    const watched = await inject('POST', '/api/support-watch', null, { token: watchToken });
    assert.equal(watched.body.helpRequested, true);
    assert.equal(watched.body.helpRequestedAt, helpEvent.occurredAt);
    assert.ok(watched.body.whatToDo.some((line: string) => line.includes('911')));
    await inject('POST', '/api/support-watch', null, { token: watchToken });
    assert.equal((await auditRows('session.support_watch.help_seen')).length, 1);
  });

  it('"I\'m having a hard moment" is on the timeline, audited, and raises no alert', async () => {
    const clinician = await signInAs(t, 'clinician');
    const alertsBefore = await inject('GET', `/api/patients/${p.patientId}/alerts`, clinician.cookie);
    const patient = await patientCookie();
    const body = { idempotencyKey: 'help-chain-hard-1' };
    const res = await inject('POST', `${sessionUrl()}/hard-moment`, patient, body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.body.clinic.href, /^tel:\+?\d+$/);
    assert.deepEqual(
      res.body.grounding.senses.map((s: Json) => s.count),
      [5, 4, 3, 2, 1],
    );
    assert.equal(res.body.grounding.breathing.inSeconds, 4);
    // A retry of the same press records nothing more.
    const again = await inject('POST', `${sessionUrl()}/hard-moment`, patient, body);
    assert.equal(again.body.recordedAt, res.body.recordedAt);

    const session = await inject('GET', sessionUrl(), clinician.cookie);
    const moments = session.body.events.filter((e: Json) => e.kind === 'hard_moment');
    assert.equal(moments.length, 1);
    const alertsAfter = await inject('GET', `/api/patients/${p.patientId}/alerts`, clinician.cookie);
    assert.equal(alertsAfter.body.items.length, alertsBefore.body.items.length, 'no alert raised');
    assert.equal((await auditRows('session.hard_moment')).length, 1);

    // The support person sees that it happened, not its details; only the patient presses it.
    const support = await signInAs(t, 'support');
    const shared = await inject('GET', sessionUrl(), support.cookie);
    assert.deepEqual(shared.body.events.find((e: Json) => e.kind === 'hard_moment')?.details, {});
    const bySupport = await inject('POST', `${sessionUrl()}/hard-moment`, support.cookie, {
      idempotencyKey: 'help-chain-hard-2',
    });
    assert.equal(bySupport.status, 403);
    // The code page's token is about help presses only: a hard moment does not show there.
    const watched = await inject('POST', '/api/support-watch', null, { token: watchToken });
    assert.equal(
      watched.body.helpRequestedAt,
      session.body.events.find((e: Json) => e.kind === 'help_requested').occurredAt,
    );
  });

  it('alerts on a patient the caller cannot open carry no phone numbers or chart link', async () => {
    const applicant = await signUpPatient(t, { email: `help-chain-${Date.now()}@example.org` });
    const intake = await inject('GET', `/api/patients/${applicant.patientId}/intake`, applicant.cookie);
    const answers = demoIntakeAnswers();
    let version = intake.body.version as number;
    for (const section of ['demographics', 'emergencyContact', 'supportPerson', 'baseline'] as const) {
      const saved = await inject(
        'PUT',
        `/api/patients/${applicant.patientId}/intake/sections/${section}`,
        applicant.cookie,
        {
          answers:
            section === 'baseline'
              ? { ...answers.baseline, phq9: [2, 2, 2, 2, 1, 2, 2, 1, 1] }
              : answers[section],
          version,
        },
      );
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      version = saved.body.intake.version;
    }
    const nurse = await signInAs(t, 'nurse');
    const alerts = await inject('GET', '/api/alerts', nurse.cookie);
    const item9 = alerts.body.items.find((a: Json) => a.patientId === applicant.patientId);
    assert.ok(item9, 'the unassigned applicant’s alert still reaches the nurse');
    assert.equal(item9.contacts, null);
    assert.equal(item9.chartPath, null);
  });

  it('a nurse reads the chart of her care-team patient, cannot prescribe, and gets 404 once off the team', async () => {
    const nurse = await signInAs(t, 'nurse');
    for (const path of [
      '',
      '/plans',
      '/prescriptions',
      '/sessions',
      '/alerts',
      '/titration',
      '/adverse-events',
    ]) {
      const res = await inject('GET', `/api/patients/${p.patientId}${path}`, nurse.cookie);
      assert.equal(res.status, 200, `${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const prescribe = await inject('POST', `/api/patients/${p.patientId}/plans`, nurse.cookie, {
      protocolId: demoIds.nurse,
    });
    assert.equal(prescribe.status, 403);

    const admin = await signInAs(t, 'admin');
    const removed = await inject(
      'DELETE',
      `/api/patients/${p.patientId}/care-team/${demoIds.nurse}`,
      admin.cookie,
    );
    assert.ok(removed.status < 300, JSON.stringify(removed.body));
    const nurseAgain = await signInAs(t, 'nurse');
    for (const path of ['', '/plans', '/sessions']) {
      const res = await inject('GET', `/api/patients/${p.patientId}${path}`, nurseAgain.cookie);
      assert.equal(res.status, 404, `${path}: ${res.status}`);
    }
    const alerts = await inject('GET', '/api/alerts', nurseAgain.cookie);
    assert.ok(
      alerts.body.items.every((a: Json) => a.patientId !== p.patientId || a.contacts === null),
      'no phones for a patient she can no longer open',
    );
  });

  it('the code page token runs out after the session day', async () => {
    t.clock.advanceMinutes(9 * 60);
    const res = await inject('POST', '/api/support-watch', null, { token: watchToken });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_token');
  });
});
