/** Personal access tokens: shown once, hashed, scoped, limited in life, revoked with the password. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoPassword } from '../../seed.ts';
import { lastMailTo, linkToken } from '../../testing/mail.ts';
import { send } from '../../testing/send.ts';
import { demoEmails, freshDemoTotp, json, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('personal access tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('are shown once, stored hashed, carry the owner access, and stop working when revoked', async () => {
    const { cookie } = await signInAs(t, 'patient');
    const created = await send(t, cookie, 'POST', '/api/auth/tokens', {
      name: 'My tracker',
      expiresInDays: 30,
    });
    assert.equal(created.statusCode, 201);
    const { token, id, prefix } = json(created);
    assert.match(token, /^sw_pat_[A-Za-z0-9_-]{43}$/);
    assert.ok(token.startsWith(prefix));
    const stored = await t.deps.database.db.selectFrom('access_tokens').select('token_hash').execute();
    assert.ok(stored.every((r) => r.token_hash !== token));

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
    assert.equal(me.statusCode, 200);
    assert.equal(json(me).role, 'patient');
    assert.equal(json(me).session, null);

    const list = json(await send(t, cookie, 'GET', '/api/auth/tokens'));
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].token, undefined, 'never listed again');
    assert.notEqual(list.items[0].lastUsedAt, null);

    const chained = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: bearer,
      payload: { name: 'x' },
    });
    assert.equal(chained.statusCode, 403, 'a token cannot mint tokens');

    assert.equal((await send(t, cookie, 'DELETE', `/api/auth/tokens/${id}`)).statusCode, 204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
    assert.equal(revoked.statusCode, 401);
  });

  it('expire on their date, and a malformed Authorization header answers 401', async () => {
    const { cookie } = await signInAs(t, 'support');
    const { token } = json(
      await send(t, cookie, 'POST', '/api/auth/tokens', { name: 'n', expiresInDays: 1 }),
    );
    t.clock.advanceMinutes(24 * 60 + 1);
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
      401,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Basic abc' } }))
        .statusCode,
      401,
    );
  });
});

describe('personal access tokens have limits', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const post = (cookie: string, url: string, payload: object) => send(t, cookie, 'POST', url, payload);
  const tokenCount = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('access_tokens')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const bearerMe = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

  it('creating one needs a re-authentication within 5 minutes', async () => {
    const { cookie } = await signInAs(t, 'patient');
    t.clock.advanceMinutes(6);
    const before = await tokenCount();
    const refused = await post(cookie, '/api/auth/tokens', { name: 'Tracker' });
    assert.equal(refused.statusCode, 401);
    assert.equal(json(refused).error.code, 'reauth_required');
    assert.equal(await tokenCount(), before, 'nothing was created');
    assert.equal((await post(cookie, '/api/auth/reauth', { password: demoPassword })).statusCode, 204);
    assert.equal((await post(cookie, '/api/auth/tokens', { name: 'Tracker' })).statusCode, 201);
  });

  it('expire after 90 days by default and within a year at most; longer or never answers 400', async () => {
    const { cookie } = await signInAs(t, 'patient');
    const before = await tokenCount();
    for (const expiresInDays of [366, 3650, null, 0]) {
      const res = await post(cookie, '/api/auth/tokens', { name: 'Forever', expiresInDays });
      assert.equal(res.statusCode, 400, `expiresInDays ${expiresInDays}`);
      assert.equal(json(res).error.code, 'invalid_request');
    }
    assert.equal(await tokenCount(), before, 'nothing was created');
    const created = json(await post(cookie, '/api/auth/tokens', { name: 'Default' }));
    assert.equal(created.expiresAt, new Date(t.clock.now().getTime() + 90 * 86_400_000).toISOString());
    assert.equal(created.scope, 'full');
    const year = json(await post(cookie, '/api/auth/tokens', { name: 'Year', expiresInDays: 365 }));
    assert.equal(year.expiresAt, new Date(t.clock.now().getTime() + 365 * 86_400_000).toISOString());
    const listed = json(await send(t, cookie, 'GET', '/api/auth/tokens'));
    const item = listed.items.find((i: { id: string }) => i.id === created.id);
    assert.equal(item.expiresAt, created.expiresAt);
    assert.equal(item.scope, 'full');
    const entry = await t.deps.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('subtype', '=', 'auth.token.create')
      .where('entity_id', '=', created.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry.details, { scope: 'full', expiresInDays: 90 }, 'no free-text name in the trail');
  });

  it('a read-only token reads, and anything else answers 403 token_read_only, changing nothing', async () => {
    const { cookie } = await signInAs(t, 'patient');
    const created = json(await post(cookie, '/api/auth/tokens', { name: 'Reader', scope: 'read' }));
    assert.equal(created.scope, 'read');
    const bearer = { authorization: `Bearer ${created.token}` };
    assert.equal((await bearerMe(created.token)).statusCode, 200);
    const head = await t.app.inject({ method: 'HEAD', url: '/api/auth/me', headers: bearer });
    assert.equal(head.statusCode, 200);
    for (const [method, url, payload] of [
      ['DELETE', `/api/auth/tokens/${created.id}`, undefined],
      ['POST', '/api/auth/logout', undefined],
      ['POST', '/api/auth/password', { currentPassword: demoPassword, newPassword: 'x'.repeat(20) }],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: bearer, ...(payload ? { payload } : {}) });
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(json(res).error.code, 'token_read_only');
    }
    assert.equal((await bearerMe(created.token)).statusCode, 200, 'the token was not revoked by itself');
    const denied = await t.deps.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('subtype', '=', 'access.denied')
      .where('entity_id', '=', created.id)
      .execute();
    assert.equal(denied.length, 3);
  });

  it('a password change and a password reset revoke every token', async () => {
    const { cookie } = await signInAs(t, 'support');
    const first = json(await post(cookie, '/api/auth/tokens', { name: 'One' })).token as string;
    assert.equal((await bearerMe(first)).statusCode, 200);
    const changed = await post(cookie, '/api/auth/password', {
      currentPassword: demoPassword,
      newPassword: 'a quiet morning by the lake',
    });
    assert.equal(changed.statusCode, 204);
    assert.equal((await bearerMe(first)).statusCode, 401, 'revoked by the password change');

    const second = json(await post(cookie, '/api/auth/tokens', { name: 'Two' })).token as string;
    assert.equal((await bearerMe(second)).statusCode, 200);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: demoEmails.support },
    });
    const token = linkToken(await lastMailTo(t, demoEmails.support, /Reset/), '/reset-password');
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, newPassword: 'another quiet morning by the lake' },
    });
    assert.equal(reset.statusCode, 204);
    assert.equal((await bearerMe(second)).statusCode, 401, 'revoked by the reset');
  });

  it('staff create one only after re-authenticating with their second factor, and it expires the same way', async () => {
    const { cookie } = await signInAs(t, 'nurse');
    t.clock.advanceMinutes(6);
    assert.equal(
      json(await post(cookie, '/api/auth/tokens', { name: 'Chart' })).error.code,
      'reauth_required',
    );
    const passwordOnly = await post(cookie, '/api/auth/reauth', { password: demoPassword });
    assert.equal(passwordOnly.statusCode, 401);
    assert.equal(json(passwordOnly).error.code, 'mfa_required');
    assert.equal(
      json(await post(cookie, '/api/auth/tokens', { name: 'Chart' })).error.code,
      'reauth_required',
      'a password alone does not count for staff',
    );
    const withCode = await post(cookie, '/api/auth/reauth', {
      password: demoPassword,
      totp: freshDemoTotp(t),
    });
    assert.equal(withCode.statusCode, 204);
    const created = await post(cookie, '/api/auth/tokens', { name: 'Chart', expiresInDays: 400 });
    assert.equal(created.statusCode, 400, 'no longer than a year for staff either');
    const ok = json(await post(cookie, '/api/auth/tokens', { name: 'Chart' }));
    assert.equal(ok.expiresAt, new Date(t.clock.now().getTime() + 90 * 86_400_000).toISOString());
    t.clock.advanceMinutes(90 * 24 * 60 + 1);
    assert.equal((await bearerMe(ok.token)).statusCode, 401, 'expired');
  });
});
