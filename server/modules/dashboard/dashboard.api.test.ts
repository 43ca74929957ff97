import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { demoIds } from '../../seed.ts';
import { send } from '../../testing/send.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { readyForSessions } from '../../testing/treatment-fixture.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

describe('home dashboards and the caseload list', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const get = async (url: string, cookie: string) => {
    const res = await send(t, cookie, 'GET', url);
    return { status: res.statusCode, body: res.json() as Json };
  };

  it('the clinician attention list: alerts, intakes awaiting review, titration, and patients not responding after 4 sessions', async () => {
    const p = await readyForSessions(t);
    // Four sessions dosed under the plan (written directly: the dose path has its own tests).
    for (let number = 1; number <= 4; number += 1) {
      const at = new Date(t.clock.now().getTime() - (5 - number) * 4 * 86_400_000);
      await t.deps.database.db
        .insertInto('dosing_sessions')
        .values({
          id: uuidv7(),
          patient_id: p.patientId,
          plan_id: p.planId,
          number,
          scheduled_for: at,
          status: 'completed',
          dose_mg: 300,
          dosed_at: at,
          completed_at: at,
        })
        .execute();
    }
    const score = await send(t, p.cookie, 'POST', `/api/patients/${p.patientId}/assessments`, {
      instrument: 'phq9',
      answers: [2, 2, 2, 1, 1, 1, 1, 1, 0],
    });
    assert.equal(score.statusCode, 201);

    const clinician = await signInAs(t, 'clinician');
    const attention = await get('/api/attention', clinician.cookie);
    assert.equal(attention.status, 200, JSON.stringify(attention.body));
    assert.ok(attention.body.intakesAwaitingReview.count >= 2, 'Priya and Ethan wait for review');
    assert.ok(attention.body.titrationPending.some((s: Json) => s.patientId === demoIds.patient));
    const flagged = attention.body.notResponding.find((n: Json) => n.patientId === p.patientId);
    assert.ok(flagged, JSON.stringify(attention.body.notResponding));
    assert.equal(flagged.sessionsDosed, 4);
    assert.equal(flagged.latestPhq9, 11);

    const nurse = await signInAs(t, 'nurse');
    const nurseView = await get('/api/attention', nurse.cookie);
    assert.equal(nurseView.body.titrationPending.length, 0, 'titration decisions are the prescriber’s');
    const coach = await signInAs(t, 'coach');
    assert.equal((await get('/api/attention', coach.cookie)).status, 403);
  });

  it('the caseload pages by keyset without repeats, sorts by risk and score, and searches by name', async () => {
    const clinician = await signInAs(t, 'clinician');
    const all = await get('/api/patients?limit=100', clinician.cookie);
    assert.equal(all.status, 200);
    const total = all.body.total;
    assert.equal(all.body.items.length, total);
    for (const sort of ['name', 'latest_phq9', 'risk']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: Json } = await get(
          `/api/patients?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
          clinician.cookie,
        );
        assert.equal(page.status, 200, JSON.stringify(page.body));
        seen.push(...page.body.items.map((i: Json) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.equal(seen.length, total, sort);
      assert.equal(new Set(seen).size, total, `${sort}: no patient twice`);
    }
    const byScore = (await get('/api/patients?limit=100&sort=latest_phq9', clinician.cookie)).body.items;
    const scores = byScore.map((i: Json) => i.latestPhq9 ?? -1);
    assert.deepEqual(
      scores,
      [...scores].sort((a: number, b: number) => b - a),
    );
    const byRisk = (await get('/api/patients?limit=100&sort=risk', clinician.cookie)).body.items;
    const ranks = byRisk.map((i: Json) => ['none', 'normal', 'high', 'urgent'].indexOf(i.risk));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a: number, b: number) => b - a),
    );

    const found = await get('/api/patients?search=tor', clinician.cookie);
    assert.ok(found.body.items.some((i: Json) => i.familyName === 'Torres'));
    assert.ok(found.body.items.every((i: Json) => /^tor/i.test(i.familyName) || /^tor/i.test(i.givenName)));
    const full = await get('/api/patients?search=maya%20t', clinician.cookie);
    assert.equal(full.body.items[0]?.givenName, 'Maya');
    const literal = await get('/api/patients?search=%25', clinician.cookie);
    assert.equal(literal.body.items.length, 0, 'a % is a character, not a wildcard');

    assert.equal((await get('/api/patients?cursor=not-a-cursor', clinician.cookie)).status, 400);
    assert.equal((await get('/api/patients?limit=1000', clinician.cookie)).status, 400);

    const coach = await signInAs(t, 'coach');
    const coachList = await get('/api/patients?sort=risk', coach.cookie);
    assert.ok(coachList.body.items.length > 0);
    assert.ok(coachList.body.items.every((i: Json) => i.latestPhq9 === null && i.risk === null));
  });
});
