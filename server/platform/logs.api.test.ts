/**
 * Logs without secrets or names (issue 12, finding 9): the request line shows the route pattern
 * and a redacted path; a database error is logged by code and constraint, not the input it quotes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { redactUrl } from './log-redaction.ts';

describe('log lines', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  const secret = 'Zq9xSecretToken_abcdefghijklmnopqrstuv01234';

  before(async () => {
    t = await startTestApp({
      env: { LOG_LEVEL: 'info' },
      logStream: { write: (line) => lines.push(JSON.parse(line)) },
      beforeReady: (app) => {
        // A query that fails in the database with the caller's input quoted in the message.
        app.get('/api/test-only/db-error', { config: { access: { public: true } } }, async (request) => {
          const { value } = request.query as { value: string };
          await sql`select ${value}::uuid`.execute(t.deps.database.db);
          return {};
        });
      },
    });
  });
  after(() => t.close());

  const logText = () => JSON.stringify(lines);

  it('request lines show the route pattern and mask tokens and names in paths and queries', async () => {
    const clinician = await signInAs(t, 'clinician');
    lines.length = 0;
    const get = (url: string, cookie?: string) =>
      t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    await get(`/reset-password?token=${secret}`);
    await get(`/invite?token=${secret}`);
    await get(`/confirm-email?token=${secret}`);
    await get(`/cancel-email-change?token=${secret}`);
    await get(`/api/invites/${secret}`);
    await get('/api/patients?search=Torres&limit=5', clinician.cookie);
    await get('/fhir/R4/Patient?name=Torres&given=Maya&birthdate=1988-03-14', clinician.cookie);
    await get(`/api/nowhere/${secret}?email=maya.torres@example.org`);

    const text = logText();
    for (const leak of [secret, 'Torres', 'Maya', '1988-03-14', 'maya.torres']) {
      assert.ok(!text.includes(leak), `"${leak}" must not be logged: ${text}`);
    }
    const requests = lines
      .filter((line) => line.msg === 'incoming request')
      .map((line) => line.req as { url: string; route?: string });
    const invite = requests.find((r) => r.url.startsWith('/api/invites/'));
    assert.equal(invite?.url, '/api/invites/:token');
    assert.equal(invite?.route, '/api/invites/:token');
    const search = requests.find((r) => r.url.startsWith('/api/patients'));
    assert.equal(search?.url, '/api/patients?search=[redacted]&limit=5', 'non-sensitive values stay');
    assert.ok(requests.some((r) => r.url === '/reset-password?token=[redacted]'));
    assert.ok(requests.some((r) => r.url === '/confirm-email?token=[redacted]'));
    assert.ok(requests.some((r) => r.url === '/cancel-email-change?token=[redacted]'));
    assert.ok(requests.some((r) => r.url === '/api/nowhere/:redacted?email=[redacted]'));
  });

  it('database errors are logged by code, not with the values that were sent', async () => {
    lines.length = 0;
    const res = await t.app.inject({ method: 'GET', url: '/api/test-only/db-error?value=Maya-Torres-1988' });
    assert.equal(res.statusCode, 500);
    const text = logText();
    assert.ok(!text.includes('Maya-Torres-1988'), `the input is not logged: ${text}`);
    const logged = lines.find((line) => line.msg === 'unhandled error')?.err as Record<string, unknown>;
    assert.equal(logged?.code, '22P02', 'invalid_text_representation, by SQLSTATE');
    assert.equal(logged?.type, 'DatabaseError');
  });

  it('redactUrl keeps what is safe', () => {
    assert.equal(
      redactUrl('/api/patients/01937a00-0000-7000-8000-000000000101/sessions'),
      '/api/patients/01937a00-0000-7000-8000-000000000101/sessions',
    );
    assert.equal(
      redactUrl('/api/audit?limit=50&subtype=auth.login'),
      '/api/audit?limit=50&subtype=auth.login',
    );
    assert.equal(
      redactUrl('/fhir/R4/Observation?patient=x&code=44261-6'),
      '/fhir/R4/Observation?patient=x&code=[redacted]',
    );
    assert.equal(redactUrl('/x?family%5B%5D=Torres'), '/x?family%5B%5D=[redacted]');
  });
});
