/** The HTTP defences every route shares: CSRF, security headers, HTTPS cookies, and an append-only audit table. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { demoPassword } from '../seed.ts';
import { send } from '../testing/send.ts';
import { cookieOf, demoEmails, json, signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

describe('CSRF defence and security headers', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('refuses state changes that are not JSON with 415, before doing anything', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': type },
        payload: 'email=patient%40stillwater.example&password=calm-harbor-demo-2026',
      });
      assert.equal(res.statusCode, 415, type);
      assert.equal(json(res).error.code, 'unsupported_media_type');
      assert.equal(cookieOf(res), undefined);
    }
  });

  it('refuses state changes from another origin with 403', async () => {
    const { cookie } = await signInAs(t, 'patient');
    const crossOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'https://evil.example' },
    });
    assert.equal(crossOrigin.statusCode, 403);
    assert.equal(json(crossOrigin).error.code, 'cross_origin_request');
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(crossSite.statusCode, 403);
    assert.equal((await send(t, cookie, 'GET', '/api/auth/me')).statusCode, 200);
    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: {
        cookie,
        origin: 'http://localhost:80',
        host: 'localhost:80',
        'sec-fetch-site': 'same-origin',
      },
    });
    assert.equal(sameOrigin.statusCode, 204);
  });

  it('has no state change on GET', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/logout' });
    assert.equal(res.statusCode, 404);
  });

  it('sends a strict CSP and the other security headers; API replies are not cached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/clinic' });
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      assert.ok(csp.includes(directive), directive);
    }
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
  });
});

describe('behind HTTPS', () => {
  it('the cookie is Secure with the __Host- prefix, and HSTS is sent', async () => {
    // The TLS-terminating proxy is trusted because TRUST_PROXY says so, not because of PUBLIC_URL.
    const t = await startTestApp({ env: { PUBLIC_URL: 'https://care.example.org', TRUST_PROXY: '1' } });
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: demoEmails.patient, password: demoPassword },
      });
      assert.equal(res.statusCode, 200);
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /^__Host-sw_session=/);
      assert.match(cookie, /Secure/);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Domain=/);
      assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
    } finally {
      await t.close();
    }
  });
});

describe('the audit trail is append-only at the database', () => {
  it('UPDATE and DELETE on audit_events are refused', async () => {
    const t = await startTestApp();
    try {
      await signInAs(t, 'patient');
      const db = t.deps.database.db;
      await assert.rejects(sql`update audit_events set outcome = 'failure'`.execute(db), /append-only/);
      await assert.rejects(sql`delete from audit_events`.execute(db), /append-only/);
    } finally {
      await t.close();
    }
  });
});
