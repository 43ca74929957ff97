import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../../seed.ts';
import { demoIntakeAnswers } from '../../seed-journeys/index.ts';
import { send } from '../../testing/send.ts';
import { signInAs, signUpPatient } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

describe('intake, candidacy and consent', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  async function fillIntake(cookie: string, patientId: string, overrides: Json = {}) {
    const answers = { ...demoIntakeAnswers(), ...overrides } as Json;
    let version = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json()
      .version as number;
    let last: Json = {};
    for (const [section, value] of Object.entries(answers)) {
      const res = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/${section}`, {
        answers: value,
        version,
      });
      assert.equal(res.statusCode, 200, `${section}: ${res.body}`);
      last = res.json();
      version = last.intake.version;
    }
    return { version, last };
  }

  it('a new person signs up, fills the intake step by step, and submits it for review', async () => {
    const { cookie, patientId } = await signUpPatient(t, { email: 'robin@example.org' });
    const empty = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json();
    assert.equal(empty.status, 'draft');
    assert.equal(empty.missingSections.length, 12);

    const early = await send(t, cookie, 'POST', `/api/patients/${patientId}/intake/submit`, {
      version: empty.version,
    });
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().error.details.missingSections.length, 12);

    const { version } = await fillIntake(cookie, patientId, {
      medications: { items: [{ name: 'Klonopin', dose: '0.5 mg' }, { name: 'Moonflower tonic' }] },
    });
    const submitted = await send(t, cookie, 'POST', `/api/patients/${patientId}/intake/submit`, { version });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const intake = submitted.json();
    assert.equal(intake.status, 'submitted');
    assert.equal(intake.screening.eligible, true);
    assert.deepEqual(
      intake.screening.flags.map((f: Json) => [f.severity, f.ruleId]),
      [
        ['review', 'interaction.clonazepam'],
        ['info', 'interaction.not_checked.moonflower_tonic'],
      ],
    );
    assert.equal(intake.screening.scores.phq9.total, 14);
    assert.equal(intake.screening.scores.phq9.band, 'moderate');

    const profile = (await send(t, cookie, 'GET', `/api/patients/${patientId}`)).json();
    assert.equal(profile.stateOfResidence, 'CO');
    assert.equal(profile.journeyStage, 'review');

    const again = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/pregnancy`, {
      answers: { pregnant: false, breastfeeding: false },
      version: intake.version,
    });
    assert.equal(again.statusCode, 409, 'a submitted intake is closed');
  });

  it('bad answers get 400 naming the field and change nothing; a stale version gets 409', async () => {
    const { cookie, patientId } = await signUpPatient(t, {
      email: 'sky@example.org',
      givenName: 'Sky',
      familyName: 'Lund',
    });
    const before = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json();
    const bad = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/cardiovascular`, {
      answers: { ...demoIntakeAnswers().cardiovascular, bloodPressure: { systolic: 400, diastolic: 80 } },
      version: before.version,
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.message, 'answers.bloodPressure.systolic: must be ≤ 300');
    const unknownSection = await send(
      t,
      cookie,
      'PUT',
      `/api/patients/${patientId}/intake/sections/horoscope`,
      { answers: {}, version: before.version },
    );
    assert.equal(unknownSection.statusCode, 400);
    const after = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json();
    assert.deepEqual(after.answers, {});
    assert.equal(after.version, before.version);

    const first = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/pregnancy`, {
      answers: { pregnant: false, breastfeeding: false },
      version: before.version,
    });
    assert.equal(first.statusCode, 200);
    const stale = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/pregnancy`, {
      answers: { pregnant: true, breastfeeding: false },
      version: before.version,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.details.currentVersion, before.version + 1);
  });

  it('a positive item 9 shows crisis resources at once and raises one urgent alert for the care team', async () => {
    const { cookie, patientId } = await signUpPatient(t, {
      email: 'lee@example.org',
      givenName: 'Lee',
      familyName: 'Park',
    });
    const intake = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json();
    const baseline = { ...demoIntakeAnswers().baseline, phq9: [1, 1, 1, 1, 1, 1, 1, 1, 1] };
    const res = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/baseline`, {
      answers: baseline,
      version: intake.version,
    });
    assert.equal(res.statusCode, 200);
    const { crisis } = res.json();
    assert.ok(crisis, 'crisis resources come back with the save');
    assert.ok(crisis.resources.some((r: Json) => r.href === 'tel:988'));
    assert.ok(crisis.resources.some((r: Json) => r.href === 'sms:988'));
    assert.ok(crisis.resources.some((r: Json) => r.href === 'tel:911'));
    await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/baseline`, {
      answers: baseline,
      version: res.json().intake.version,
    });
    const alerts = await t.deps.database.db
      .selectFrom('alerts')
      .selectAll()
      .where('patient_id', '=', patientId)
      .execute();
    assert.equal(alerts.length, 1, 'saving again does not raise a second alert');
    assert.equal(alerts[0]!.severity, 'urgent');
    assert.equal(alerts[0]!.status, 'open');
    assert.equal(alerts[0]!.kind, 'item9_positive');
  });

  it('once the care team resolves the item-9 alert, a new positive answer raises a new one', async () => {
    const { cookie, patientId } = await signUpPatient(t, {
      email: 'sam@example.org',
      givenName: 'Sam',
      familyName: 'Ortiz',
    });
    let version = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json()
      .version as number;
    const saveBaseline = async (item9: number) => {
      const phq9 = [1, 1, 1, 1, 1, 1, 1, 1, item9];
      const res = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/baseline`, {
        answers: { ...demoIntakeAnswers().baseline, phq9 },
        version,
      });
      assert.equal(res.statusCode, 200, res.body);
      version = res.json().intake.version;
      return res.json();
    };
    await saveBaseline(1);
    const nurse = await signInAs(t, 'nurse');
    const first = (await send(t, nurse.cookie, 'GET', '/api/alerts'))
      .json()
      .items.find((a: Json) => a.patientId === patientId);
    assert.equal(first.kind, 'item9_positive');
    assert.equal(
      Date.parse(first.dueAt) - Date.parse(first.createdAt),
      30 * 60_000,
      'an urgent alert is due within the 30-minute SLA',
    );
    assert.equal(first.overdue, false);
    const clinician = await signInAs(t, 'clinician');
    // Sam has no care team yet: the clinician (on the intake team) takes Sam on by acknowledging.
    const takenOn = await send(t, clinician.cookie, 'POST', `/api/alerts/${first.id}/acknowledge`, {
      note: 'Taking Sam on; calling now.',
    });
    assert.equal(takenOn.statusCode, 204, takenOn.body);
    const resolved = await send(t, clinician.cookie, 'POST', `/api/alerts/${first.id}/resolve`, {
      note: 'Called Sam; passive thoughts, safety plan in place.',
      followUp: { method: 'C-SSRS screener', riskLevel: 'low', plan: 'Safety plan agreed.' },
    });
    assert.equal(resolved.statusCode, 204);
    assert.equal((await saveBaseline(0)).crisis, null);
    assert.ok((await saveBaseline(2)).crisis, 'crisis resources show again');
    const all = await t.deps.database.db
      .selectFrom('alerts')
      .select(['kind', 'status'])
      .where('patient_id', '=', patientId)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      all.map((a) => a.status),
      ['resolved', 'open'],
    );
  });

  it('current suicidal intent or a recent attempt in the psychiatric step shows crisis resources and alerts the team', async () => {
    const { cookie, patientId } = await signUpPatient(t, {
      email: 'ari@example.org',
      givenName: 'Ari',
      familyName: 'Cole',
    });
    const intake = (await send(t, cookie, 'GET', `/api/patients/${patientId}/intake`)).json();
    const res = await send(t, cookie, 'PUT', `/api/patients/${patientId}/intake/sections/psychiatric`, {
      answers: {
        ...demoIntakeAnswers().psychiatric,
        currentSuicidalIntent: true,
        suicideAttemptMonthsAgo: 2,
      },
      version: intake.version,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.json().crisis.resources.some((r: Json) => r.href === 'tel:911'));
    const alerts = await t.deps.database.db
      .selectFrom('alerts')
      .select(['kind', 'severity'])
      .where('patient_id', '=', patientId)
      .orderBy('kind')
      .execute();
    assert.deepEqual(alerts, [
      { kind: 'recent_suicide_attempt', severity: 'urgent' },
      { kind: 'suicidal_intent', severity: 'urgent' },
    ]);

    const { cookie: other, patientId: otherId } = await signUpPatient(t, {
      email: 'bo@example.org',
      givenName: 'Bo',
      familyName: 'Lind',
    });
    const otherIntake = (await send(t, other, 'GET', `/api/patients/${otherId}/intake`)).json();
    const longAgo = await send(t, other, 'PUT', `/api/patients/${otherId}/intake/sections/psychiatric`, {
      answers: { ...demoIntakeAnswers().psychiatric, suicideAttemptMonthsAgo: 6 },
      version: otherIntake.version,
    });
    assert.equal(
      longAgo.json().crisis,
      null,
      'an attempt at the threshold (6 months) is for review, not crisis',
    );
  });

  it('a clinician licensed in the state takes the review, sees the flags explained, and approves; the patient signs consent', async () => {
    const { cookie, patientId } = await signUpPatient(t, {
      email: 'jo@example.org',
      givenName: 'Jo',
      familyName: 'Rivera',
    });
    const { version } = await fillIntake(cookie, patientId, {
      medications: { items: [{ name: 'Adderall' }] },
    });
    await send(t, cookie, 'POST', `/api/patients/${patientId}/intake/submit`, { version });

    const clinician = await signInAs(t, 'clinician');
    const queue = (await send(t, clinician.cookie, 'GET', '/api/candidacy/queue')).json().items as Json[];
    const submittedTimes = queue.map((q) => q.submittedAt);
    assert.deepEqual(submittedTimes, [...submittedTimes].sort(), 'oldest first');
    const item = queue.find((q) => q.patientId === patientId)!;
    assert.equal(item.canDecide, true);
    assert.equal(item.access, 'intake_triage');
    assert.equal(item.flagCounts, null, 'flags stay with the care team until the review is taken');

    const before = await send(t, clinician.cookie, 'GET', `/api/patients/${patientId}/intake`);
    assert.equal(before.statusCode, 404, 'not on the care team yet');
    const start = await send(t, clinician.cookie, 'POST', `/api/candidacy/${item.intakeId}/start`);
    assert.equal(start.statusCode, 200);
    const taken = (
      (await send(t, clinician.cookie, 'GET', '/api/candidacy/queue')).json().items as Json[]
    ).find((q) => q.patientId === patientId)!;
    assert.equal(taken.access, 'care_team');
    assert.deepEqual(taken.flagCounts, { exclude: 0, review: 1, info: 0 });
    const review = (await send(t, clinician.cookie, 'GET', `/api/patients/${patientId}/intake`)).json();
    const interaction = review.screening.flags.find((f: Json) => f.ruleId === 'interaction.amphetamine');
    assert.match(interaction.explanation, /blood pressure/);
    assert.match(interaction.source, /clinical reference/);

    const coach = await signInAs(t, 'coach');
    assert.equal(
      (await send(t, coach.cookie, 'GET', `/api/patients/${demoIds.patient}/intake`)).statusCode,
      404,
      'a coach cannot read the full intake, even of an assigned patient',
    );

    const noConsentYet = await send(t, cookie, 'POST', `/api/patients/${patientId}/consents`, {
      documentVersion: 1,
      signedName: 'Jo Rivera',
      agree: true,
    });
    assert.equal(noConsentYet.statusCode, 409, 'consent comes after approval');

    const decided = await send(
      t,
      clinician.cookie,
      'POST',
      `/api/patients/${patientId}/candidacy-decisions`,
      {
        decision: 'approve',
        messageToPatient: 'Welcome!',
        clinicalNote: 'Stimulant: BP limit discussed.',
      },
    );
    assert.equal(decided.statusCode, 201, decided.body);
    const patientView = (
      await send(t, cookie, 'GET', `/api/patients/${patientId}/candidacy-decisions`)
    ).json();
    assert.equal(patientView.items[0].decision, 'approved');
    assert.equal(patientView.items[0].clinicalNote, null, 'the clinical note is for the team');

    const doc = (await send(t, cookie, 'GET', '/api/consent-documents/current')).json();
    const wrongName = await send(t, cookie, 'POST', `/api/patients/${patientId}/consents`, {
      documentVersion: doc.version,
      signedName: 'Someone Else',
      agree: true,
    });
    assert.equal(wrongName.statusCode, 400);
    assert.match(wrongName.json().error.message, /^signedName: /);
    const signed = await send(t, cookie, 'POST', `/api/patients/${patientId}/consents`, {
      documentVersion: doc.version,
      signedName: '  jo   rivera ',
      agree: true,
    });
    assert.equal(signed.statusCode, 201, signed.body);
    assert.equal(signed.json().documentHash, doc.contentHash);
    const consents = (await send(t, cookie, 'GET', `/api/patients/${patientId}/consents`)).json();
    assert.equal(consents.status.upToDate, true);
    const copy = await send(
      t,
      cookie,
      'GET',
      `/api/patients/${patientId}/consents/${consents.items[0].id}/document`,
    );
    assert.equal(copy.statusCode, 200);
    assert.match(String(copy.headers['content-disposition']), /attachment/);
    assert.match(copy.body, /Signed by: jo {3}rivera|Signed by: jo rivera/);
    assert.match(copy.body, new RegExp(doc.contentHash));

    const admin = await signInAs(t, 'admin');
    const published = await send(t, admin.cookie, 'POST', '/api/consent-documents', {
      title: doc.title,
      body: `${doc.body}\n\n8. New: video sessions are recorded for quality.`,
      material: true,
    });
    assert.equal(published.statusCode, 201);
    const after = (await send(t, cookie, 'GET', `/api/patients/${patientId}/consents`)).json();
    assert.equal(after.status.upToDate, false, 'a material change needs signing again');
    assert.equal(after.status.requiredVersion, doc.version + 1);
  });

  it('only a clinician licensed in the patient’s state may decide; others are told why', async () => {
    const { cookie, patientId } = await signUpPatient(t, {
      email: 'wa@example.org',
      givenName: 'Casey',
      familyName: 'Ng',
    });
    const { version } = await fillIntake(cookie, patientId, {
      demographics: { dateOfBirth: '1990-01-01', stateOfResidence: 'WA', phone: '+1 555 010 9999' },
    });
    await send(t, cookie, 'POST', `/api/patients/${patientId}/intake/submit`, { version });
    const clinician = await signInAs(t, 'clinician');
    const item = (
      (await send(t, clinician.cookie, 'GET', '/api/candidacy/queue')).json().items as Json[]
    ).find((q) => q.patientId === patientId)!;
    assert.equal(item.canDecide, false);
    assert.match(item.cannotDecideReason, /licence in WA/);
    const start = await send(t, clinician.cookie, 'POST', `/api/candidacy/${item.intakeId}/start`);
    assert.equal(start.statusCode, 403);
    assert.match(start.json().error.message, /licence in WA/);
  });

  it('approving over an exclusion needs a written justification, which is audited', async () => {
    const clinician = await signInAs(t, 'clinician');
    const ethan = '01937a00-0000-7000-8000-000000000106';
    const queue = (await send(t, clinician.cookie, 'GET', '/api/candidacy/queue')).json().items as Json[];
    const item = queue.find((q) => q.patientId === ethan)!;
    await send(t, clinician.cookie, 'POST', `/api/candidacy/${item.intakeId}/start`);
    const taken = (
      (await send(t, clinician.cookie, 'GET', '/api/candidacy/queue')).json().items as Json[]
    ).find((q) => q.patientId === ethan)!;
    assert.ok(taken.flagCounts.exclude >= 1);
    const bare = await send(t, clinician.cookie, 'POST', `/api/patients/${ethan}/candidacy-decisions`, {
      decision: 'approve',
    });
    assert.equal(bare.statusCode, 422);
    assert.ok(bare.json().error.details.exclusions.includes('blood_pressure.uncontrolled'));
    const justified = await send(t, clinician.cookie, 'POST', `/api/patients/${ethan}/candidacy-decisions`, {
      decision: 'approve',
      overrideJustification:
        'Cardiology confirmed BP now controlled on amlodipine; home readings 128/82 for 3 weeks.',
    });
    assert.equal(justified.statusCode, 201);
    const override = await t.deps.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('subtype', '=', 'candidacy.override')
      .executeTakeFirstOrThrow();
    assert.ok(
      (override.details as { overriddenRuleIds: string[] }).overriddenRuleIds.includes(
        'blood_pressure.uncontrolled',
      ),
    );
    assert.ok(
      !JSON.stringify(override.details).includes('amlodipine'),
      'the justification stays with the decision, out of the trail',
    );
    const decisions = (
      await send(t, clinician.cookie, 'GET', `/api/patients/${ethan}/candidacy-decisions`)
    ).json();
    assert.match(decisions.items[0].overrideJustification, /Cardiology/);
  });

  it('asking a question reopens the intake for the patient; declining shows the patient a kind message', async () => {
    const clinician = await signInAs(t, 'clinician');
    const priya = '01937a00-0000-7000-8000-000000000103';
    const item = (
      (await send(t, clinician.cookie, 'GET', '/api/candidacy/queue')).json().items as Json[]
    ).find((q) => q.patientId === priya)!;
    await send(t, clinician.cookie, 'POST', `/api/candidacy/${item.intakeId}/start`);
    const noQuestion = await send(t, clinician.cookie, 'POST', `/api/patients/${priya}/candidacy-decisions`, {
      decision: 'request_info',
    });
    assert.equal(noQuestion.statusCode, 400);
    const asked = await send(t, clinician.cookie, 'POST', `/api/patients/${priya}/candidacy-decisions`, {
      decision: 'request_info',
      question: 'How often do you take Xanax?',
    });
    assert.equal(asked.statusCode, 201);
    const intake = (await send(t, clinician.cookie, 'GET', `/api/patients/${priya}/intake`)).json();
    assert.equal(intake.status, 'needs_info');
    assert.equal(intake.clinicianQuestion, 'How often do you take Xanax?');
  });
});
