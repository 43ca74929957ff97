/**
 * The authorization matrix, second half: not whether a role gets 200, but what the 200 carries.
 * Every GET route a role may call is read on a rich record (a positive PHQ-9 item 9, a held
 * session with vitals, a dose plan, a candidacy note) and every field of every reply is checked
 * against the policy table: a field that only a permission may read must be absent, null or empty
 * for a role without it, and no phrase of the item-9 answer may appear. The clinician's replies
 * must carry each of those fields, so the check cannot pass by reading nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../seed.ts';
import { send } from '../testing/send.ts';
import { fullChecklist } from '../testing/session-day.ts';
import { type SignedIn, signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { type PatientPermission, roleMaySee } from './access-policy.ts';
import type { RegisteredRoute } from './auth.ts';
import type { Role } from './db/schema.ts';

const roles: Role[] = ['patient', 'support', 'clinician', 'nurse', 'coach', 'admin'];

/** Fields only a permission may read, by the names the API and FHIR replies give them. */
const fieldsOfPermission: Partial<Record<PatientPermission, readonly string[]>> = {
  'patient.treatment.read': [
    'plannedDoseMg',
    'doseMg',
    'strengthMg',
    'systolic',
    'diastolic',
    'heartRate',
    'sideEffects',
    'directions',
    'dosageInstruction',
  ],
  // `total` is a score's only where the object is a score (a Bundle or a page has a total too).
  'patient.assessments.read': [
    'total@instrument',
    'total@takenAt',
    'total@answer',
    'answer',
    'answers',
    'item9Positive',
    'valueInteger',
  ],
  'patient.intake.read': ['answers', 'screening'],
};

/** Clinical notes on a candidacy decision: the clinical team's, never the patient's or others'. */
const clinicalNoteFields = ['clinicalNote', 'overrideJustification'] as const;
const clinicalTeam: readonly Role[] = ['clinician', 'nurse'];

/** Words of the item-9 answer that only a role reading scores may meet. */
const item9Phrases = [/better off dead/i, /self-harm/i, /item 9 was answered/i];

/** What the positive PHQ-9 wrote to the audit trail. */
const auditSubtypes = ['assessment.phq9', 'alert.raise.item9_positive'];

type Finding = { path: string; value: unknown };

/** Whether `key` of `object` is one of `fields`: a name, or `name@sibling` (only beside that key). */
function isField(fields: ReadonlySet<string>, key: string, object: object): boolean {
  if (fields.has(key)) return true;
  return Object.keys(object).some((sibling) => fields.has(`${key}@${sibling}`));
}

/** Every place in a reply where one of `fields` carries a value (not null, not empty). */
function carried(value: unknown, fields: ReadonlySet<string>, path = '$'): Finding[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => carried(v, fields, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const object = value;
  return Object.entries(object).flatMap(([key, v]) => {
    const here = `${path}.${key}`;
    const empty =
      v === null ||
      v === undefined ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
    const own = isField(fields, key, object) && !empty ? [{ path: here, value: v }] : [];
    return [...own, ...carried(v, fields, here)];
  });
}

describe('what each role sees', () => {
  let t: TestApp;
  const signedIn = new Map<Role, SignedIn>();
  /** Real ids for each path parameter, so detail routes are read, not 404. */
  const params: Record<string, string> = {};
  const replies = new Map<Role, { where: string; body: unknown; text: string }[]>();

  before(async () => {
    t = await startTestApp();
    for (const role of roles) signedIn.set(role, await signInAs(t, role));
    const patient = signedIn.get('patient')!;
    // A positive item 9: raises the urgent alert and holds the next session.
    const phq9 = await send(t, patient.cookie, 'POST', `/api/patients/${demoIds.patient}/assessments`, {
      instrument: 'phq9',
      answers: [2, 2, 2, 2, 1, 1, 1, 1, 1],
    });
    assert.equal(phq9.statusCode, 201, phq9.body);

    const db = t.deps.database.db;
    const session = await db
      .selectFrom('dosing_sessions')
      .select('id')
      .where('patient_id', '=', demoIds.patient)
      .orderBy('scheduled_for', 'asc')
      .where('status', 'in', ['scheduled', 'preparing', 'held'])
      .executeTakeFirstOrThrow();
    // Vitals on the session of the day: the check holds it, and its readings are kept.
    const preparation = await send(
      t,
      patient.cookie,
      'PUT',
      `/api/patients/${demoIds.patient}/sessions/${session.id}/preparation`,
      {
        checklist: fullChecklist,
        vitals: { systolic: 168, diastolic: 102, heartRate: 88 },
      },
    );
    assert.equal(preparation.statusCode, 200, preparation.body);

    const consent = await db
      .selectFrom('consents')
      .select('id')
      .where('patient_id', '=', demoIds.patient)
      .executeTakeFirst();
    const protocol = await db.selectFrom('protocols').select('key').executeTakeFirstOrThrow();
    Object.assign(params, {
      patientId: demoIds.patient,
      planId: demoIds.plan,
      id: demoIds.prescription,
      sessionId: session.id,
      consentId: consent?.id ?? demoIds.plan,
      key: protocol.key,
    });

    for (const role of roles) {
      const seen: { where: string; body: unknown; text: string }[] = [];
      for (const route of readableRoutes(t.app.registeredRoutes, role)) {
        for (const url of urlsOf(route)) {
          const res = await send(t, signedIn.get(role)!.cookie, 'GET', url);
          assert.ok(res.statusCode < 500, `${url} as ${role}: ${res.statusCode} ${res.body}`);
          if (res.statusCode !== 200 || !res.headers['content-type']?.toString().includes('json')) continue;
          seen.push({ where: `GET ${url}`, body: res.json(), text: res.body });
        }
      }
      replies.set(role, seen);
    }
  });
  after(() => t.close());

  function readableRoutes(routes: readonly RegisteredRoute[], role: Role): RegisteredRoute[] {
    return routes.filter((r) => {
      if (r.method !== 'GET' || 'public' in r.access) return false;
      if (r.url.includes('/export') || r.url.endsWith('/document')) return false; // files, not JSON fields
      // Clinic configuration (a protocol's limits, thresholds) is not anyone's record.
      if (r.url.startsWith('/api/protocols') || r.url.startsWith('/api/settings')) return false;
      const roleList = 'roles' in r.access ? r.access.roles : undefined;
      return !roleList || roleList.includes(role);
    });
  }

  /** The route's URL with real ids; FHIR searches once for the patient and once unfiltered. */
  function urlsOf(route: RegisteredRoute): string[] {
    if (route.url.startsWith('/fhir/R4/') && route.url.includes('/:id')) {
      if (route.url.startsWith('/fhir/R4/Patient/')) return [route.url.replace(':id', demoIds.patient)];
      return []; // reads by id return what the searches below already returned
    }
    const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? name);
    // The trail's newest page is this test's own reads; ask for the entries of the score too.
    if (url === '/api/audit' || url === '/fhir/R4/AuditEvent')
      return [url, ...auditSubtypes.map((subtype) => `${url}?subtype=${subtype}`)];
    if (
      route.url.startsWith('/fhir/R4/') &&
      !['/fhir/R4/Practitioner', '/fhir/R4/Questionnaire'].includes(url)
    )
      return [url, `${url}?patient=${demoIds.patient}`];
    return [url];
  }

  function findingsFor(role: Role): string[] {
    const hidden = new Set(
      Object.entries(fieldsOfPermission)
        .filter(([permission]) => !roleMaySee(role, permission as PatientPermission))
        .flatMap(([, fields]) => fields),
    );
    if (!clinicalTeam.includes(role)) for (const field of clinicalNoteFields) hidden.add(field);
    const findings: string[] = [];
    for (const reply of replies.get(role)!) {
      for (const f of carried(reply.body, hidden))
        findings.push(`${reply.where}: ${f.path} = ${JSON.stringify(f.value).slice(0, 80)}`);
      // The questionnaire itself quotes item 9; an answer to it is what must not show.
      if (!roleMaySee(role, 'patient.assessments.read') && !reply.where.includes('/Questionnaire'))
        for (const phrase of item9Phrases)
          if (phrase.test(reply.text)) findings.push(`${reply.where}: mentions ${phrase}`);
    }
    return findings;
  }

  for (const role of roles) {
    it(`${role}: no reply carries a field the policy keeps from the role`, () => {
      assert.ok(replies.get(role)!.length > 0, `${role} read nothing`);
      assert.deepEqual(findingsFor(role), []);
    });
  }

  it('the clinician on the team reads every one of those fields (the check reads real data)', () => {
    const all = new Set([...Object.values(fieldsOfPermission).flat(), 'clinicalNote']);
    const seen = new Set(
      replies.get('clinician')!.flatMap((r) => carried(r.body, all).map((f) => f.path.split('.').at(-1)!)),
    );
    const missing = [...all].filter((field) => !seen.has(field.split('@')[0]!));
    // Fields of another shape in this seed (a FHIR dosage, a check-in not yet made) may be absent,
    // but each permission's group must show up.
    for (const [permission, fields] of Object.entries(fieldsOfPermission))
      assert.ok(
        fields.some((field) => !missing.includes(field)),
        `${permission}: the clinician saw none of ${fields.join(', ')}`,
      );
    assert.ok(!missing.includes('clinicalNote'), 'the clinician saw no candidacy note');
  });
});
