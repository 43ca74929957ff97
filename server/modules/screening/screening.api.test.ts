import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultScreeningThresholds } from '../../../clinical/screening.ts';
import { cleanScreeningFacts, screeningFacts } from '../../../clinical/testing/screening-facts.ts';
import { send } from '../../testing/send.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

async function rowCounts(t: TestApp) {
  const db = t.deps.database.db;
  const count = async (table: 'audit_events' | 'outbox' | 'patients' | 'screening_settings') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    audit: await count('audit_events'),
    outbox: await count('outbox'),
    patients: await count('patients'),
  };
}

describe('public screening endpoints', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const post = (url: string, payload: unknown, remoteAddress = '198.51.100.1') =>
    t.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress });

  it('checks interactions in input order, and stores nothing', async () => {
    const before = await rowCounts(t);
    const res = await post('/api/clinical/interactions', {
      medications: ['Moonflower tonic', 'Klonopin 1mg', 'lithium'],
    });
    assert.equal(res.statusCode, 200);
    const { results } = res.json();
    assert.deepEqual(
      results.map((r: { input: string; status: string }) => [r.input, r.status]),
      [
        ['Moonflower tonic', 'not_checked'],
        ['Klonopin 1mg', 'interaction'],
        ['lithium', 'no_known_interaction'],
      ],
    );
    assert.equal(results[1].matched, 'clonazepam');
    assert.equal(results[1].severity, 'major');
    assert.match(results[1].effect, /blunt/);
    assert.deepEqual(await rowCounts(t), before);
  });

  const badInteractions: [unknown, RegExp][] = [
    [{ medications: [] }, /^medications: must list at least one/],
    [
      { medications: Array.from({ length: 51 }, (_, i) => `drug ${i}`) },
      /^medications: must list at most 50/,
    ],
    [{ medications: ['x'.repeat(101)] }, /^medications\.0: must be at most 100 characters/],
    [{ medications: [''] }, /^medications\.0: must not be empty/],
    [{}, /^medications: /],
  ];
  for (const [body, message] of badInteractions) {
    it(`answers 400 naming the field for ${JSON.stringify(body).slice(0, 40)}`, async () => {
      const res = await post('/api/clinical/interactions', body, '198.51.100.2');
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'invalid_request');
      assert.match(res.json().error.message, message);
    });
  }

  it('screens a person with nothing of concern as eligible', async () => {
    const res = await post('/api/clinical/screen', cleanScreeningFacts);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { eligible: true, flags: [] });
  });

  it('excludes at 165/100 with the reason, its numbers and its source', async () => {
    const res = await post(
      '/api/clinical/screen',
      screeningFacts({ bloodPressure: { systolic: 165, diastolic: 100 } }),
    );
    const body = res.json();
    assert.equal(body.eligible, false);
    assert.equal(body.flags[0].ruleId, 'blood_pressure.uncontrolled');
    assert.equal(body.flags[0].severity, 'exclude');
    assert.match(body.flags[0].explanation, /165\/100/);
    assert.match(body.flags[0].source, /clinical reference/);
  });

  it('turns a major interaction into a review flag, and eligibility stays true', async () => {
    const body = (
      await post('/api/clinical/screen', screeningFacts({ medications: ['Adderall XR 20 mg'] }))
    ).json();
    assert.equal(body.eligible, true);
    assert.deepEqual(
      body.flags.map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity]),
      [['interaction.amphetamine', 'review']],
    );
  });

  it('a missing or invalid field answers 400 naming the field', async () => {
    const { pregnant: _, ...missing } = cleanScreeningFacts;
    const res = await post('/api/clinical/screen', missing);
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /^pregnant: /);
    const bad = await post(
      '/api/clinical/screen',
      screeningFacts({ bloodPressure: { systolic: 400, diastolic: 80 } }),
    );
    assert.equal(bad.json().error.message, 'bloodPressure.systolic: must be ≤ 300');
    const wrongType = await post('/api/clinical/screen', {
      ...cleanScreeningFacts,
      cardiovascular: { ...cleanScreeningFacts.cardiovascular, hypertension: 'mild' },
    });
    assert.match(wrongType.json().error.message, /^cardiovascular\.hypertension: /);
  });

  it('suggests medication names for autocomplete', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/clinical/medications?q=xan' });
    assert.deepEqual(res.json().items[0], { name: 'xanax', generic: 'alprazolam' });
  });

  it('is rate-limited per client: the 61st call in a minute answers 429 with Retry-After', async () => {
    const address = '198.51.100.77';
    for (let i = 0; i < 60; i++) {
      assert.equal(
        (await post('/api/clinical/interactions', { medications: ['lithium'] }, address)).statusCode,
        200,
      );
    }
    const limited = await post('/api/clinical/interactions', { medications: ['lithium'] }, address);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(
      (await post('/api/clinical/interactions', { medications: ['lithium'] }, '198.51.100.78')).statusCode,
      200,
    );
  });
});

describe('screening thresholds as clinic settings', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('an admin changes a threshold with If-Match; the change is audited and the engine uses it', async () => {
    const admin = await signInAs(t, 'admin');
    const read = await send(t, admin.cookie, 'GET', '/api/settings/screening');
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers.etag, '"0"');
    assert.deepEqual(read.json().thresholds, defaultScreeningThresholds);

    const stricter = { ...defaultScreeningThresholds, excludeSystolic: 150 };
    const put = (ifMatch: string | undefined, body: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/settings/screening',
        headers: { cookie: admin.cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        payload: body,
      });
    assert.equal((await put(undefined, stricter)).statusCode, 412);
    // A version past any integer column (found by the route fuzz) is refused like a missing one, not a 500.
    assert.equal((await put('"99999999999999999999"', stricter)).statusCode, 412);
    const saved = await put('"0"', stricter);
    assert.equal(saved.statusCode, 200);
    assert.equal(saved.headers.etag, '"1"');
    assert.equal(saved.json().thresholds.excludeSystolic, 150);

    const stale = await put('"0"', { ...defaultScreeningThresholds, excludeSystolic: 170 });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().error.details.currentVersion, 1);

    const invalid = await put('"1"', {
      ...defaultScreeningThresholds,
      reviewSystolic: 180,
      excludeSystolic: 160,
    });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.json().error.message, /^reviewSystolic: must not be above excludeSystolic/);

    const entry = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['details', 'actor_role'])
      .where('subtype', '=', 'settings.screening.update')
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_role, 'admin');
    // Which threshold changed, not its values: the trail holds facts, the settings hold numbers.
    assert.deepEqual(entry.details, { version: 1, fields: ['excludeSystolic'] });

    const screened = await t.app.inject({
      method: 'POST',
      url: '/api/clinical/screen',
      payload: screeningFacts({ bloodPressure: { systolic: 155, diastolic: 80 } }),
    });
    assert.equal(screened.json().eligible, false);
  });

  it('clinicians may read the thresholds but not change them', async () => {
    const clinician = await signInAs(t, 'clinician');
    assert.equal((await send(t, clinician.cookie, 'GET', '/api/settings/screening')).statusCode, 200);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/screening',
      headers: { cookie: clinician.cookie, 'if-match': '"1"' },
      payload: defaultScreeningThresholds,
    });
    assert.equal(res.statusCode, 403);
  });
});
