/**
 * The audit trail records facts, not clinical values (issue 12, deliverable 3). An
 * administrator reads the trail without a treatment relationship, so neither the API nor FHIR
 * AuditEvent may carry an item-9 answer, a score, a reason or a note — not for new entries, and
 * not for entries an older version stored (those stay in the chain, under their hashes, and are
 * filtered when shown). A broad journey leaves no entry that breaks the rule.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { entries, fhir, mintToken } from '../../fhir/testing/fhir-helpers.ts';
import { auditDetailProblems } from '../../platform/audit-details.ts';
import type { Database } from '../../platform/db/schema.ts';
import { demoIds } from '../../seed.ts';
import { send } from '../../testing/send.ts';
import { fullChecklist, noSideEffects } from '../../testing/session-day.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { type ReadyPatient, readyForSessions, signInReadyPatient } from '../../testing/treatment-fixture.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

/** Keys that held clinical values or free text in the details of older entries. */
const clinicalKeys =
  /"(answer|answers|total|reason|note|justification|followUp|vitals|doseMg|grade|email)"\s*:/;

async function call(t: TestApp, method: string, url: string, cookie: string, payload?: object) {
  const res = await send(t, cookie, method as 'GET', url, payload);
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? (res.json() as Json) : {};
}

/** The details of every AuditEvent in a FHIR Bundle, parsed from their `details` entity detail. */
function fhirDetails(bundle: Json): Json[] {
  return entries(bundle).map((event) => {
    const detail = (event.entity as Json[])
      .flatMap((entity) => (entity.detail as Json[] | undefined) ?? [])
      .find((d) => d.type === 'details');
    return JSON.parse(detail!.valueString as string) as Json;
  });
}

/**
 * An entry as an older version of Stillwater wrote it (before the details rule), inserted as
 * appendAudit inserts one, so the chainer links it and the chain stays intact.
 */
async function appendLegacyEntry(
  db: Kysely<Database>,
  entry: { subtype: string; patientId: string; entityType: string; details: Json },
) {
  const id = uuidv7();
  await db
    .insertInto('audit_events')
    .values({
      id,
      occurred_at: new Date(),
      actor_user_id: null,
      actor_role: null,
      patient_id: entry.patientId,
      action: 'C',
      subtype: entry.subtype,
      entity_type: entry.entityType,
      entity_id: uuidv7(),
      outcome: 'success',
      ip: null,
      user_agent: null,
      request_id: 'req-legacy',
      details: JSON.stringify(entry.details),
    })
    .execute();
  return id;
}

describe('the audit trail shows facts, not clinical values', () => {
  let t: TestApp;
  let p: ReadyPatient;
  let admin: string;
  let adminToken: string;
  const ackNote = 'Spoke with Rowan: safe tonight, partner at home; C-SSRS screener low.';
  const followUp = { method: 'C-SSRS screener', riskLevel: 'low', plan: 'Weekly calls; safety plan shared.' };

  before(async () => {
    t = await startTestApp();
    p = await readyForSessions(t);
    // An item-9-positive PHQ-9 (item 9 answered 2, total 19) and an ordinary one (total 4).
    const positive = await call(t, 'POST', `/api/patients/${p.patientId}/assessments`, p.cookie, {
      instrument: 'phq9',
      answers: [3, 3, 2, 2, 2, 2, 2, 1, 2],
    });
    assert.ok(positive.crisis, 'crisis help is shown');
    assert.equal(positive.assessment.total, 19);
    const ordinary = await call(t, 'POST', `/api/patients/${p.patientId}/assessments`, p.cookie, {
      instrument: 'phq9',
      answers: [1, 1, 0, 1, 0, 0, 1, 0, 0],
    });
    assert.equal(ordinary.assessment.total, 4);
    // The care team acts on the alert, with a note and a safety follow-up (free text).
    const clinician = await signInAs(t, 'clinician');
    const alerts = await call(t, 'GET', `/api/patients/${p.patientId}/alerts`, clinician.cookie);
    const alert = (alerts.items as Json[]).find((a) => a.kind === 'item9_positive' && a.status === 'open');
    assert.ok(alert, 'the item-9 alert is open');
    await call(t, 'POST', `/api/alerts/${alert.id}/acknowledge`, clinician.cookie, { note: ackNote });
    await call(t, 'POST', `/api/alerts/${alert.id}/resolve`, clinician.cookie, { note: ackNote, followUp });

    const signedIn = await signInAs(t, 'admin');
    admin = signedIn.cookie;
    adminToken = await mintToken(t, signedIn);
  });
  after(() => t.close());

  /** Every reply an admin gets about this patient's scores and alerts, serialized whole. */
  async function adminReplies(): Promise<{ label: string; body: Json; details: Json[] }[]> {
    const replies = [];
    for (const subtype of ['alert.raise.item9_positive', 'assessment.phq9', 'alert.']) {
      const body = await call(t, 'GET', `/api/audit?subtype=${subtype}&patientId=${p.patientId}`, admin);
      assert.ok(body.items.length > 0, `${subtype}: the trail has entries`);
      replies.push({
        label: `/api/audit ${subtype}`,
        body,
        details: (body.items as Json[]).map((i) => i.details),
      });
    }
    const bundle = await fhir(t, 'GET', `/fhir/R4/AuditEvent?patient=${p.patientId}&_count=200`, adminToken);
    assert.equal(bundle.status, 200);
    replies.push({ label: 'FHIR AuditEvent', body: bundle.body, details: fhirDetails(bundle.body) });
    return replies;
  }

  it('no answer, total, reason, note or follow-up in the API or FHIR AuditEvent replies', async () => {
    for (const { label, body, details } of await adminReplies()) {
      const text = JSON.stringify(body);
      for (const phrase of [
        'item 9 was answered',
        'better off dead',
        'severe range',
        ackNote,
        followUp.method,
        followUp.plan,
      ]) {
        assert.ok(!text.includes(phrase), `${label}: "${phrase}" is not in the reply`);
      }
      for (const d of details) {
        assert.doesNotMatch(JSON.stringify(d), clinicalKeys, `${label}: ${JSON.stringify(d)}`);
        assert.deepEqual(auditDetailProblems(d), [], label);
      }
    }
  });

  it('the entries still say what happened, by codes and ids', async () => {
    const raised = await call(
      t,
      'GET',
      `/api/audit?subtype=alert.raise.item9_positive&patientId=${p.patientId}`,
      admin,
    );
    assert.equal(raised.items.length, 1);
    assert.deepEqual(Object.keys(raised.items[0].details).sort(), ['dueAt', 'severity']);
    assert.equal(raised.items[0].details.severity, 'urgent');
    const scores = await call(t, 'GET', `/api/audit?subtype=assessment.phq9&patientId=${p.patientId}`, admin);
    // Two from the intake baseline is one entry; the two taken here are two more.
    assert.deepEqual(
      (scores.items as Json[]).map((i) => i.details),
      [
        { context: 'ad_hoc', source: 'app' },
        { context: 'ad_hoc', source: 'app' },
        { context: 'baseline', source: 'intake', alertsSkipped: true },
      ],
    );
    const resolved = await call(t, 'GET', `/api/audit?subtype=alert.resolve&patientId=${p.patientId}`, admin);
    assert.deepEqual(resolved.items[0].details, {
      kind: 'item9_positive',
      basis: 'care_team',
      followUpRecorded: true,
    });
  });

  it("an older entry's answer, total and reason stay in the chain but are never shown", async () => {
    const db = t.deps.database.db;
    const legacyId = await appendLegacyEntry(db, {
      subtype: 'alert.raise.item9_positive',
      patientId: p.patientId,
      entityType: 'Alert',
      details: {
        severity: 'urgent',
        reason: 'PHQ-9 item 9 was answered 3 (thoughts of being better off dead or of self-harm).',
        answer: 3,
        total: 23,
        dueAt: '2026-11-26T16:15:00.000Z',
      },
    });
    await appendLegacyEntry(db, {
      subtype: 'assessment.phq9',
      patientId: p.patientId,
      entityType: 'Assessment',
      details: { total: 23, context: 'ad_hoc', source: 'app', alerts: 'not raised' },
    });
    const verified = await call(t, 'GET', '/api/audit/verify', admin);
    assert.equal(verified.intact, true, 'the older entries are part of an intact chain');

    for (const { label, body, details } of await adminReplies()) {
      assert.ok(!JSON.stringify(body).includes('better off dead'), label);
      for (const d of details) assert.doesNotMatch(JSON.stringify(d), clinicalKeys, label);
    }
    const page = await call(
      t,
      'GET',
      `/api/audit?subtype=alert.raise.item9_positive&patientId=${p.patientId}`,
      admin,
    );
    const legacy = (page.items as Json[]).find((i) => i.id === legacyId);
    assert.deepEqual(legacy?.details, { severity: 'urgent', dueAt: '2026-11-26T16:15:00.000Z' });

    const stored = await db
      .selectFrom('audit_events')
      .select('details')
      .where('id', '=', legacyId)
      .executeTakeFirstOrThrow();
    assert.equal((stored.details as Json).answer, 3, 'the stored row is untouched');
    const again = await call(t, 'GET', '/api/audit/verify', admin);
    assert.equal(again.intact, true, 'reading filtered details changed nothing');
  });
});

describe('a broad journey leaves only facts in the trail', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('every audit entry of sign-up to dose, alerts, adverse events, titration, break-glass, admin work and FHIR passes the rule', async () => {
    const p = await readyForSessions(t);
    const clinician = await signInAs(t, 'clinician');
    const nurse = await signInAs(t, 'nurse');
    const support = await signInAs(t, 'support');
    const patientBase = `/api/patients/${p.patientId}`;

    // A session day: scheduled, prepared, confirmed, watched, dosed, rechecked, checked in.
    const session = await call(t, 'POST', `${patientBase}/sessions`, clinician.cookie, {
      scheduledFor: new Date(t.clock.now().getTime() + 10 * 60_000).toISOString(),
    });
    const base = `${patientBase}/sessions/${session.id}`;
    await call(t, 'PUT', `${base}/preparation`, p.cookie, {
      checklist: fullChecklist,
      vitals: { systolic: 122, diastolic: 78, heartRate: 72 },
      intention: 'To meet my sadness with kindness.',
    });
    await call(t, 'POST', `${base}/support-confirmation`, support.cookie, { attest: true });
    await call(t, 'POST', `${base}/live-monitor`, nurse.cookie);
    await call(t, 'POST', `${base}/readiness`, p.cookie);
    await call(t, 'POST', `${base}/dose`, p.cookie, { idempotencyKey: 'journey-dose-1' });
    t.clock.advanceMinutes(40);
    const cookie = await signInReadyPatient(t, p);
    await call(t, 'POST', `${base}/recheck`, cookie, {
      idempotencyKey: 'journey-recheck-1',
      vitals: { systolic: 168, diastolic: 102, heartRate: 80 },
    });
    t.clock.advanceMinutes(80);
    const later = await signInReadyPatient(t, p);
    await call(t, 'POST', `${base}/check-in`, later, {
      idempotencyKey: 'journey-checkin-1',
      sideEffects: { ...noSideEffects, dizziness: 'mild', dissociation: 'mild' },
      effect: 'mild',
      experience: 4,
      mood: 4,
    });

    // Scores, an item-9 alert acted on, an adverse event reviewed, a titration decided.
    await call(t, 'POST', `${patientBase}/assessments`, later, {
      instrument: 'phq9',
      answers: [3, 3, 3, 3, 3, 3, 2, 2, 1],
    });
    const clinicianAgain = await signInAs(t, 'clinician');
    for (const alert of (await call(t, 'GET', `${patientBase}/alerts`, clinicianAgain.cookie))
      .items as Json[]) {
      if (alert.status !== 'open') continue;
      await call(t, 'POST', `/api/alerts/${alert.id}/acknowledge`, clinicianAgain.cookie, {
        note: 'Called them.',
      });
    }
    const reported = await call(t, 'POST', `${patientBase}/adverse-events`, later, {
      grade: 3,
      description: 'Fainted briefly after standing up.',
      occurredAt: t.clock.now().toISOString(),
    });
    await call(t, 'POST', `${patientBase}/adverse-events/${reported.id}/review`, clinicianAgain.cookie, {
      note: 'Orthostatic; advised to sit up slowly.',
      resumePlan: true,
    });
    for (const suggestion of (await call(t, 'GET', `${patientBase}/titration`, clinicianAgain.cookie))
      .items as Json[]) {
      if (suggestion.status !== 'pending') continue;
      await call(t, 'POST', `${patientBase}/titration/${suggestion.id}/decision`, clinicianAgain.cookie, {
        decision: 'approve',
      });
    }

    // The caseload searched by name, a break-glass read, admin reviews, FHIR, the trail itself.
    await call(t, 'GET', '/api/patients?search=rowan', clinicianAgain.cookie);
    const grant = await call(
      t,
      'POST',
      `/api/patients/${demoIds.unassignedPatient}/break-glass`,
      clinicianAgain.cookie,
      {
        reason: 'Patient called the after-hours line with chest pain; prescriber unreachable.',
      },
    );
    await call(t, 'GET', `/api/patients/${demoIds.unassignedPatient}`, clinicianAgain.cookie);
    const admin = await signInAs(t, 'admin');
    await call(t, 'POST', `/api/admin/break-glass/${grant.id}/review`, admin.cookie, {
      note: 'Confirmed with the on-call log.',
    });
    await call(t, 'GET', `/api/reports/outcomes?instrument=phq9&from=2020-01-01&to=2030-12-31`, admin.cookie);
    const token = await mintToken(t, clinicianAgain);
    for (const url of [
      `/fhir/R4/Observation?patient=${p.patientId}&category=survey`,
      `/fhir/R4/Patient/${p.patientId}/$everything`,
    ]) {
      assert.equal((await fhir(t, 'GET', url, token)).status, 200, url);
    }
    await call(t, 'GET', `/api/audit?subtype=assessment.&patientId=${p.patientId}`, admin.cookie);
    await call(t, 'GET', '/api/audit/verify', admin.cookie);

    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['seq', 'subtype', 'details'])
      .orderBy('seq')
      .execute();
    const subtypes = new Set(rows.map((r) => r.subtype));
    for (const expected of [
      'intake.submit',
      'candidacy.approved',
      'consent.sign',
      'plan.create',
      'prescription.create',
      'session.dose',
      'session.recheck',
      'alert.raise.item9_positive',
      'alert.raise.post_dose_blood_pressure',
      'alert.acknowledge',
      'adverse_event.review',
      'plan.pause.safety',
      'patient.list',
      'access.break_glass',
      'access.break_glass.review',
      'report.outcomes',
      'fhir.search',
      'audit.read',
    ]) {
      assert.ok(subtypes.has(expected), `the journey wrote ${expected}`);
    }
    const breaking = rows
      .map((r) => ({ seq: r.seq, subtype: r.subtype, problems: auditDetailProblems(r.details) }))
      .filter((r) => r.problems.length > 0);
    assert.deepEqual(breaking, [], 'every entry holds only facts');
    const text = JSON.stringify(rows);
    for (const phrase of [
      'rowan',
      'Rowan',
      'chest pain',
      'Fainted',
      'Orthostatic',
      'on-call log',
      'Called them',
    ]) {
      assert.ok(!text.includes(phrase), `"${phrase}" is not in the trail`);
    }
  });
});
