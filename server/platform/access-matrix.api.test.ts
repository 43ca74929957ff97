/**
 * The authorization matrix: every registered /api route × every role (and no one) × the
 * caller's own patient and another patient, checked against the route's declared access
 * and the policy table. A new route must declare its access (the app will not start
 * otherwise) and, if it takes a body, give a sample here, or this test fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultScreeningThresholds } from '../../clinical/screening.ts';
import { buildApp } from '../app.ts';
import { questionnaireResponse } from '../fhir/testing/fhir-helpers.ts';
import { demoIds, inductionProtocol } from '../seed.ts';
import { fullChecklist, noSideEffects } from '../testing/session-day.ts';
import { type SignedIn, signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { accessPolicy, needsAssignment, type PatientPermission } from './access-policy.ts';
import type { RegisteredRoute } from './auth.ts';
import type { Role } from './db/schema.ts';

const roles: Role[] = ['patient', 'support', 'clinician', 'nurse', 'coach', 'admin'];
const randomId = '01937a00-0000-7000-8000-00000000dead';

const { id: _protocolId, key: _protocolKey, ...matrixProtocol } = inductionProtocol;

/** A valid body for every route that takes one, so access (not validation) decides the answer. */
const sampleBodies: Record<string, object> = {
  'POST /api/auth/login': { email: 'matrix@example.org', password: 'not-a-real-password' },
  'POST /api/auth/reauth': { password: 'not-my-password-here' },
  'POST /api/auth/password': {
    currentPassword: 'not-my-password-here',
    newPassword: 'some long new passphrase',
  },
  'POST /api/auth/password-reset/request': { email: 'matrix@example.org' },
  'POST /api/auth/password-reset/complete': {
    token: 'not-a-real-token-value',
    newPassword: 'a long passphrase here',
  },
  'POST /api/auth/mfa/totp/confirm': { code: '000000' },
  'POST /api/auth/email-change': { newEmail: 'matrix-change@example.org' },
  'POST /api/auth/email-change/confirm': { token: 'not-a-real-token-value' },
  'POST /api/auth/email-change/cancel': { token: 'not-a-real-token-value' },
  'POST /api/auth/tokens': { name: 'matrix' },
  'PATCH /api/staff/:userId': { title: 'Matrix title' },
  'POST /api/staff/:userId/licences': { state: 'UT', number: 'MATRIX-1', expiresOn: '2030-01-01' },
  'POST /api/staff/invites': {
    email: 'matrix-invite@example.org',
    role: 'coach',
    displayName: 'Matrix Coach',
  },
  'POST /api/invites/:token/accept': { password: 'a long passphrase here', totp: '000000' },
  'POST /api/patients/:patientId/care-team': { staffUserId: demoIds.nurse, role: 'nurse' },
  'POST /api/patients/:patientId/break-glass': { reason: 'Matrix test: urgent safety question' },
  'POST /api/admin/break-glass/:id/review': { note: 'Reviewed by the matrix test' },
  'PUT /api/settings/screening': defaultScreeningThresholds,
  'PUT /api/patients/:patientId/intake/sections/:section': {
    answers: { pregnant: false, breastfeeding: false },
    version: 1,
  },
  'POST /api/patients/:patientId/intake/submit': { version: 1 },
  'POST /api/alerts/:alertId/acknowledge': { note: 'Called the patient' },
  'POST /api/alerts/:alertId/resolve': { note: 'Safe plan in place' },
  'POST /api/patients/:patientId/candidacy-decisions': {
    decision: 'request_info',
    question: 'Any recent changes?',
  },
  'POST /api/consent-documents': {
    title: 'Matrix consent',
    body: 'A consent document long enough to be accepted by the validation rules of the route.',
    material: false,
  },
  'POST /api/patients/:patientId/consents': { documentVersion: 1, signedName: 'Matrix Person', agree: true },
  'POST /api/protocols': { ...matrixProtocol, key: 'matrix-protocol' },
  'PUT /api/protocols/:key': { ...matrixProtocol, changeNote: 'Matrix test change' },
  'POST /api/patients/:patientId/plans': { protocolId: randomId },
  'PATCH /api/patients/:patientId/plans/:planId': { notes: 'Matrix note', changeNote: 'Matrix test change' },
  'POST /api/patients/:patientId/prescriptions': {
    form: 'sublingual lozenge (troche)',
    strengthMg: 100,
    quantity: 18,
    directions: 'Dissolve 3 lozenges under the tongue at the start of each session.',
    pharmacy: { name: 'Matrix Pharmacy', address: '1 Matrix Way, Denver, CO' },
    basis: 'Telemedicine (audio-video), matrix test',
  },
  'POST /api/patients/:patientId/prescriptions/:id/receipt': { quantityReceived: 18 },
  'POST /api/patients/:patientId/medication-count': { count: 18 },
  'POST /api/patients/:patientId/sessions': { scheduledFor: '2030-01-01T15:00:00Z' },
  'PUT /api/patients/:patientId/sessions/:sessionId/preparation': {
    checklist: fullChecklist,
    vitals: { systolic: 120, diastolic: 80, heartRate: 70 },
  },
  'POST /api/patients/:patientId/sessions/:sessionId/support-confirmation': { attest: true },
  'POST /api/patients/:patientId/sessions/:sessionId/readings': {
    vitals: { systolic: 120, diastolic: 80, heartRate: 70 },
  },
  'POST /api/patients/:patientId/sessions/:sessionId/hold-lift': {
    reason: 'Matrix: spoke with the patient.',
  },
  'POST /api/support-confirmations': { code: 'ABCD-EFGH', name: 'Matrix Support', attest: true },
  'POST /api/patients/:patientId/sessions/:sessionId/dose': { idempotencyKey: 'matrix-dose-key' },
  'POST /api/patients/:patientId/sessions/:sessionId/help': { idempotencyKey: 'matrix-help-key' },
  'POST /api/patients/:patientId/sessions/:sessionId/hard-moment': { idempotencyKey: 'matrix-hard-key' },
  'POST /api/support-watch': { token: 'sw_watch_not-a-real-token-value' },
  'POST /api/patients/:patientId/sessions/:sessionId/recheck': {
    idempotencyKey: 'matrix-recheck-key',
    vitals: { systolic: 120, diastolic: 80, heartRate: 70 },
  },
  'POST /api/patients/:patientId/sessions/:sessionId/check-in': {
    idempotencyKey: 'matrix-checkin-key',
    sideEffects: noSideEffects,
    effect: 'mild',
    experience: 3,
    mood: 3,
  },
  'POST /api/patients/:patientId/titration/:suggestionId/decision': { decision: 'approve' },
  'POST /api/patients/:patientId/adverse-events': {
    grade: 1,
    description: 'Matrix: mild headache',
    occurredAt: '2026-01-01T12:00:00Z',
  },
  'POST /api/patients/:patientId/adverse-events/:eventId/review': {
    note: 'Matrix review',
    resumePlan: false,
  },
  'POST /api/patients/:patientId/assessments': { instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] },
  'POST /api/patients/:patientId/closure-request': { reason: 'Matrix test: moving to another clinic' },
  'POST /api/admin/closure-requests/:id/decision': {
    decision: 'decline',
    note: 'Matrix',
    messageToPatient: 'Matrix',
  },
  'PUT /api/settings/record-retention': {
    retentionYears: 10,
    basis: 'Matrix test: the state rule, confirmed',
  },
  'POST /fhir/R4/QuestionnaireResponse': questionnaireResponse(
    `Patient/${demoIds.patient}`,
    'gad7',
    [0, 0, 0, 0, 0, 0, 0],
  ),
  'POST /fhir/R4': { resourceType: 'Bundle', type: 'transaction', entry: [] },
};

function fillPath(url: string, patientId: string): string {
  return url
    .replace(':patientId', patientId)
    .replace(':staffUserId', demoIds.nurse)
    .replace(':userId', demoIds.nurse)
    .replace(':token', 'not-a-real-token-value')
    .replace(':section', 'pregnancy')
    .replace(/:[A-Za-z]+/g, randomId);
}

/** Whether the policy lets `role` reach the demo patient (`own`) or the unassigned one (`other`). */
function policyAllows(role: Role, permission: PatientPermission, relation: 'own' | 'other'): boolean {
  const basis = accessPolicy[role][permission];
  if (!basis) return false;
  if (basis === 'care_team' && !needsAssignment(role, permission)) return true;
  if (relation === 'other') return false; // no one is linked or assigned to the unassigned patient
  if (basis === 'self') return role === 'patient';
  if (basis === 'support') return role === 'support';
  return ['clinician', 'nurse', 'coach'].includes(role); // all three are on the demo patient's team
}

type Outcome = { status: number; code: string | undefined; message: string | undefined };

describe('authorization matrix', () => {
  let t: TestApp;
  const sessions = new Map<Role, SignedIn>();
  before(async () => {
    t = await startTestApp();
    for (const role of roles) sessions.set(role, await signInAs(t, role));
  });
  after(() => t.close());

  async function call(route: RegisteredRoute, patientId: string, role: Role | null): Promise<Outcome> {
    const key = `${route.method} ${route.url}`;
    const body = sampleBodies[key];
    if (route.hasBody && !body) assert.fail(`add a sample body for ${key} to the authorization matrix`);
    const res = await t.app.inject({
      method: route.method as 'GET',
      url: fillPath(route.url, patientId),
      headers: role ? { cookie: sessions.get(role)!.cookie } : {},
      ...(route.hasBody ? { payload: body } : {}),
    });
    const reply = res.statusCode >= 400 ? res.json() : undefined;
    // FHIR routes answer errors as OperationOutcomes carrying the same stable code.
    const error =
      reply?.resourceType === 'OperationOutcome'
        ? { code: reply.issue[0]?.details?.coding?.[0]?.code, message: reply.issue[0]?.diagnostics }
        : reply?.error;
    return { status: res.statusCode, code: error?.code, message: error?.message };
  }

  it('every route declares its access', () => {
    const routes = t.app.registeredRoutes;
    assert.ok(routes.length >= 30, `found ${routes.length} routes`);
    for (const route of routes) assert.ok(route.access, `${route.method} ${route.url}`);
  });

  it('every route answers each role as its access and the policy table say', async () => {
    const failures: string[] = [];
    // Break-glass opens charts for an hour, so each role tries it only after its other routes.
    const routes = t.app.registeredRoutes
      .filter((r) => !('public' in r.access))
      .sort((a, b) => Number(a.url.endsWith('/break-glass')) - Number(b.url.endsWith('/break-glass')));
    // Admin acts last: its routes change staff and care teams that other roles' checks rely on.
    for (const role of [null, ...roles]) {
      for (const route of routes) {
        const access = route.access;
        const relations = 'patient' in access ? (['own', 'other'] as const) : (['own'] as const);
        for (const relation of relations) {
          const patientId = relation === 'own' ? demoIds.patient : demoIds.unassignedPatient;
          const got = await call(route, patientId, role);
          const where = `${route.method} ${route.url} as ${role ?? 'anonymous'} (${relation} patient)`;
          const denied401 = got.status === 401 && got.code === 'unauthenticated';
          const denied403 = got.status === 403 && got.code === 'forbidden';
          const deniedPatient = got.status === 404 && got.message === 'No such patient.';
          if (role === null) {
            if (!denied401)
              failures.push(`${where}: expected 401 unauthenticated, got ${got.status} ${got.code}`);
            continue;
          }
          const roleAllowed = !('roles' in access) || !access.roles || access.roles.includes(role);
          if (!roleAllowed) {
            if (!denied403) failures.push(`${where}: expected 403 forbidden, got ${got.status} ${got.code}`);
            continue;
          }
          if ('patient' in access) {
            const allowed = policyAllows(role, access.patient, relation);
            if (allowed && (denied401 || denied403 || deniedPatient)) {
              failures.push(`${where}: policy allows ${access.patient}, got ${got.status} ${got.code}`);
            }
            if (!allowed && !deniedPatient) {
              failures.push(
                `${where}: policy denies ${access.patient}, expected 404, got ${got.status} ${got.code}`,
              );
            }
            continue;
          }
          if (denied401 || denied403)
            failures.push(`${where}: expected access, got ${got.status} ${got.code}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('every patient-record denial was written to the audit trail', async () => {
    const denials = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['outcome', 'patient_id'])
      .where('subtype', '=', 'access.denied')
      .execute();
    assert.ok(denials.length > 0);
    assert.ok(denials.every((d) => d.outcome === 'denied'));
    assert.ok(
      denials.some((d) => d.patient_id !== null),
      'patient-record denials name the patient',
    );
  });

  it('every refusal by role was written to the audit trail too', async () => {
    const byRole = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['details', 'actor_role'])
      .where('subtype', '=', 'access.denied')
      .execute();
    const routes = byRole.filter((d) => (d.details as { reasonCode?: string }).reasonCode === 'role');
    assert.ok(
      routes.some(
        (d) => d.actor_role === 'nurse' && (d.details as { route: string }).route === 'GET /api/audit',
      ),
    );
  });
});

describe('a route without an access policy', () => {
  it('stops the app from starting', async () => {
    const t = await startTestApp();
    try {
      const app = await buildApp(t.deps, { logger: false });
      assert.throws(() => app.get('/api/forgotten', async () => ({ ok: true })), /declares no access policy/);
      await app.close();
    } finally {
      await t.close();
    }
  });
});
