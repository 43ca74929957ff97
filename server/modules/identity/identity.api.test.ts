import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoPassword } from '../../seed.ts';
import { lastMailTo, linkToken, mailbox } from '../../testing/mail.ts';
import { send } from '../../testing/send.ts';
import { cookieOf, demoEmails, freshDemoTotp, json, login, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { totpCode } from './totp.ts';

async function auditSubtypes(t: TestApp): Promise<string[]> {
  const rows = await t.deps.database.db.selectFrom('audit_events').select('subtype').orderBy('seq').execute();
  return rows.map((r) => r.subtype);
}

describe('sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('a patient signs in with email and password and gets a hardened session cookie', async () => {
    const res = await login(t, { email: 'Patient@Stillwater.example', password: demoPassword });
    assert.equal(res.statusCode, 200);
    const cookie = cookieOf(res)!;
    assert.match(cookie, /^sw_session=[A-Za-z0-9_-]{43};/, '256-bit random token');
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Secure/, 'plain HTTP in tests');
    const user = json(res).user;
    assert.equal(user.role, 'patient');
    assert.equal(user.patientId, '01937a00-0000-7000-8000-000000000101');
    assert.equal(user.session.idleTimeoutSeconds, 1800);
    const me = await send(t, cookie.split(';')[0]!, 'GET', '/api/auth/me');
    assert.equal(me.statusCode, 200);
    assert.equal(json(me).email, 'patient@stillwater.example');
    const stored = await t.deps.database.db.selectFrom('sessions').select('token_hash').execute();
    const token = cookie.split(';')[0]!.split('=')[1]!;
    assert.ok(
      stored.every((s) => s.token_hash !== token),
      'only the hash is stored',
    );
  });

  it('a wrong password and an unknown email answer the same 401', async () => {
    const wrong = await login(t, { email: demoEmails.coach, password: 'not-the-password-at-all' });
    const unknown = await login(t, {
      email: 'nobody@stillwater.example',
      password: 'not-the-password-at-all',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(json(wrong), json(unknown));
    assert.equal(json(wrong).error.code, 'invalid_credentials');
    const failures = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['subtype', 'outcome', 'actor_user_id'])
      .where('subtype', '=', 'auth.login.failed')
      .execute();
    assert.equal(failures.length, 2);
    assert.ok(failures.every((f) => f.outcome === 'failure'));
    assert.ok(
      failures.some((f) => f.actor_user_id !== null),
      'the attempted account is named when it exists',
    );
  });

  it('staff without a code get 401 mfa_required; with a code they sign in; the same code twice is refused', async () => {
    const noCode = await login(t, { email: demoEmails.clinician, password: demoPassword });
    assert.equal(noCode.statusCode, 401);
    assert.equal(json(noCode).error.code, 'mfa_required');
    assert.equal(cookieOf(noCode), undefined);
    const code = freshDemoTotp(t);
    const ok = await login(t, { email: demoEmails.clinician, password: demoPassword, totp: code });
    assert.equal(ok.statusCode, 200);
    assert.equal(json(ok).user.mfaEnabled, true);
    const replay = await login(t, { email: demoEmails.clinician, password: demoPassword, totp: code });
    assert.equal(replay.statusCode, 401);
    assert.equal(json(replay).error.code, 'invalid_mfa_code');
  });

  it('accepts a code from the step before or after (clock drift) but not two steps away', async () => {
    t.clock.advance(90_000);
    const previousStep = totpCode('JBSWY3DPEHPK3PXP', new Date(t.clock.now().getTime() - 30_000));
    assert.equal(
      (await login(t, { email: demoEmails.nurse, password: demoPassword, totp: previousStep })).statusCode,
      200,
    );
    t.clock.advance(90_000);
    const stale = totpCode('JBSWY3DPEHPK3PXP', new Date(t.clock.now().getTime() - 61_000));
    const res = await login(t, { email: demoEmails.nurse, password: demoPassword, totp: stale });
    assert.equal(res.statusCode, 401);
    assert.equal(json(res).error.code, 'invalid_mfa_code');
  });

  it('every sign-in gets a new token, and each works on its own', async () => {
    const first = await signInAs(t, 'support');
    const second = await signInAs(t, 'support');
    assert.notEqual(first.cookie, second.cookie);
    for (const { cookie } of [first, second]) {
      assert.equal((await send(t, cookie, 'GET', '/api/auth/me')).statusCode, 200);
    }
  });

  it('validates the body: a bad email answers 400 naming the field', async () => {
    const res = await login(t, { email: 'not-an-email', password: 'x' });
    assert.equal(res.statusCode, 400);
    assert.equal(json(res).error.code, 'invalid_request');
    assert.match(json(res).error.message, /^email: /);
  });
});

describe('sessions end', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const me = (cookie: string) => send(t, cookie, 'GET', '/api/auth/me');

  it('sign-out ends the session on the server: the old cookie no longer works', async () => {
    const { cookie } = await signInAs(t, 'patient');
    const out = await send(t, cookie, 'POST', '/api/auth/logout');
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /sw_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await me(cookie);
    assert.equal(after.statusCode, 401);
    assert.equal(json(after).error.code, 'unauthenticated');
    assert.ok((await auditSubtypes(t)).includes('auth.logout'));
  });

  it('after 30 minutes idle the session ends; activity keeps it alive', async () => {
    const { cookie } = await signInAs(t, 'patient');
    t.clock.advanceMinutes(29);
    assert.equal((await me(cookie)).statusCode, 200, 'activity at 29 minutes');
    t.clock.advanceMinutes(29);
    assert.equal((await me(cookie)).statusCode, 200, '29 minutes after the last activity');
    t.clock.advanceMinutes(31);
    const idle = await me(cookie);
    assert.equal(idle.statusCode, 401);
    const ended = await t.deps.database.db
      .selectFrom('sessions')
      .select('end_reason')
      .where('end_reason', '=', 'idle')
      .execute();
    assert.equal(ended.length, 1);
    const entry = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['ip', 'request_id', 'actor_role'])
      .where('subtype', '=', 'auth.logout')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_role, 'patient');
    assert.ok(entry.ip && entry.request_id, 'the idle sign-out names the request that found it');
  });

  it('after 12 hours the session ends however active it was', async () => {
    const { cookie } = await signInAs(t, 'patient');
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      t.clock.advanceMinutes(20);
      assert.equal((await me(cookie)).statusCode, 200);
    }
    t.clock.advanceMinutes(25);
    assert.equal((await me(cookie)).statusCode, 401);
  });

  it('users see their other sessions and can end one, or all others', async () => {
    const a = await signInAs(t, 'patient');
    const b = await signInAs(t, 'patient');
    const c = await signInAs(t, 'patient');
    const list = await send(t, a.cookie, 'GET', '/api/auth/sessions');
    const items = json(list).items as { id: string; current: boolean }[];
    assert.equal(items.length, 3);
    assert.equal(items.filter((s) => s.current).length, 1);
    const other = items.find((s) => !s.current)!;
    const end = await send(t, a.cookie, 'DELETE', `/api/auth/sessions/${other.id}`);
    assert.equal(end.statusCode, 204);
    const remaining = json(await send(t, a.cookie, 'GET', '/api/auth/sessions')).items;
    assert.equal(remaining.length, 2);
    await send(t, a.cookie, 'POST', '/api/auth/sessions/end-others');
    assert.equal((await me(a.cookie)).statusCode, 200);
    assert.equal((await me(b.cookie)).statusCode + (await me(c.cookie)).statusCode, 802);
  });

  it("ending someone else's session answers 404 and changes nothing", async () => {
    const patient = await signInAs(t, 'patient');
    const support = await signInAs(t, 'support');
    const supportSessions = json(await send(t, support.cookie, 'GET', '/api/auth/sessions')).items as {
      id: string;
    }[];
    const res = await send(t, patient.cookie, 'DELETE', `/api/auth/sessions/${supportSessions[0]!.id}`);
    assert.equal(res.statusCode, 404);
    assert.equal((await me(support.cookie)).statusCode, 200);
  });
});

describe('throttling', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('after 5 failures for an account, even the right password gets 429 with Retry-After, until the window passes', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await login(t, { email: demoEmails.patient, password: `wrong-password-${i}-xxxxxx` });
      assert.equal(res.statusCode, 401);
    }
    const blocked = await login(t, { email: demoEmails.patient, password: demoPassword });
    assert.equal(blocked.statusCode, 429);
    assert.equal(json(blocked).error.code, 'rate_limited');
    const retryAfter = Number(blocked.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);
    assert.equal(json(blocked).error.details.retryAfterSeconds, retryAfter);
    t.clock.advance((retryAfter + 1) * 1000);
    assert.equal((await login(t, { email: demoEmails.patient, password: demoPassword })).statusCode, 200);
  });

  it('an unknown email is throttled exactly like a real one (no enumeration)', async () => {
    for (let i = 0; i < 5; i++)
      await login(t, { email: 'ghost@stillwater.example', password: `wrong-${i}-xxxxxxxxx` });
    const res = await login(t, { email: 'ghost@stillwater.example', password: 'whatever-xxxxxxxx' });
    assert.equal(res.statusCode, 429);
  });

  it('after 20 failures from one IP, every account is refused from that IP', async () => {
    t.clock.advanceMinutes(20);
    const ip = '203.0.113.9';
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { email: `spray${i}@example.org`, password: 'Password123456789' },
      });
      assert.equal(res.statusCode, 401);
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { email: demoEmails.support, password: demoPassword },
    });
    assert.equal(res.statusCode, 429);
    const elsewhere = await login(t, { email: demoEmails.support, password: demoPassword });
    assert.equal(elsewhere.statusCode, 200, 'the same account from another IP is fine');
  });

  it('parallel second-factor guesses cannot get past the attempt limit', async () => {
    t.clock.advanceMinutes(20);
    const guesses = Array.from({ length: 12 }, (_, i) => String(100000 + i));
    const results = await Promise.all(
      guesses.map((totp) => login(t, { email: demoEmails.coach, password: demoPassword, totp })),
    );
    const codes = results.map((r) => json(r).error?.code);
    const checked = codes.filter((c) => c === 'invalid_mfa_code').length;
    assert.ok(checked <= 5, `${checked} codes were checked; at most 5 may be`);
    assert.ok(codes.every((c) => c === 'invalid_mfa_code' || c === 'rate_limited'));
    const right = await login(t, { email: demoEmails.coach, password: demoPassword, totp: freshDemoTotp(t) });
    assert.equal(right.statusCode, 429, 'the limit holds even for the right code until the window passes');
  });
});

describe('passwords', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    send(t, cookie, 'POST', '/api/auth/password', { currentPassword, newPassword });

  it('rejects short, overlong and common passwords with clear codes, and keeps the old one', async () => {
    const { cookie } = await signInAs(t, 'patient');
    const cases: [string, string][] = [
      ['short but fine', 'password_too_short'], // 14 characters: patients without MFA need 15
      ['x'.repeat(129), 'password_too_long'],
      ['qwertyuiopasdfghjkl', 'password_common'],
      ['1QAZ2WSX3EDC4RFV', 'password_common'],
    ];
    for (const [candidate, code] of cases) {
      const res = await change(cookie, demoPassword, candidate);
      assert.equal(res.statusCode, 400, candidate);
      assert.equal(json(res).error.code, code, candidate);
    }
    assert.equal((await login(t, { email: demoEmails.patient, password: demoPassword })).statusCode, 200);
  });

  it('staff (with MFA) may use 8 characters; patients need 15', async () => {
    const nurse = await signInAs(t, 'nurse');
    assert.equal((await change(nurse.cookie, demoPassword, 'tide-pool')).statusCode, 204);
    const patient = await signInAs(t, 'patient');
    assert.equal(
      json(await change(patient.cookie, demoPassword, 'tide-pool')).error.code,
      'password_too_short',
    );
  });

  it('a wrong current password answers 401 and changes nothing', async () => {
    const { cookie } = await signInAs(t, 'support');
    const res = await change(cookie, 'not-my-password-xx', 'a brand new long passphrase');
    assert.equal(res.statusCode, 401);
    assert.equal((await login(t, { email: demoEmails.support, password: demoPassword })).statusCode, 200);
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    const here = await signInAs(t, 'coach');
    const there = await signInAs(t, 'coach');
    assert.equal((await change(here.cookie, demoPassword, 'lantern orchard meadow')).statusCode, 204);
    assert.equal((await send(t, here.cookie, 'GET', '/api/auth/me')).statusCode, 200);
    assert.equal((await send(t, there.cookie, 'GET', '/api/auth/me')).statusCode, 401);
    const relogin = await login(t, {
      email: demoEmails.coach,
      password: 'lantern orchard meadow',
      totp: freshDemoTotp(t),
    });
    assert.equal(relogin.statusCode, 200);
  });

  it('reset: a single-use link valid one hour, emailed to the account only; same answer for unknown emails', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: 'nobody@stillwater.example' },
    });
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: demoEmails.admin },
    });
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.body, known.body);
    const mails = (await mailbox(t)).filter((mail) => mail.subject === 'Reset your Stillwater password');
    assert.equal(mails.length, 1, 'one email, to the known address only');
    assert.equal(mails[0]!.to, demoEmails.admin);
    const token = linkToken(mails[0]!, '/reset-password');

    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, newPassword: 'short' },
    });
    assert.equal(json(weak).error.code, 'password_too_short');
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, newPassword: 'quiet river stones' },
    });
    assert.equal(done.statusCode, 204);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, newPassword: 'another quiet river' },
    });
    assert.equal(again.statusCode, 400);
    assert.equal(json(again).error.code, 'invalid_token');
    const signIn = await login(t, {
      email: demoEmails.admin,
      password: 'quiet river stones',
      totp: freshDemoTotp(t),
    });
    assert.equal(signIn.statusCode, 200);
  });

  it('a reset link expires after one hour', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: demoEmails.clinician },
    });
    const token = linkToken(await lastMailTo(t, demoEmails.clinician), '/reset-password');
    t.clock.advanceMinutes(61);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, newPassword: 'quiet river stones two' },
    });
    assert.equal(json(res).error.code, 'invalid_token');
  });
});

describe('two-step sign-in for a patient', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('enrols with re-authentication, then requires a code; recovery codes work once', async () => {
    const { cookie } = await signInAs(t, 'patient');
    const post = (url: string, payload?: object) =>
      t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

    t.clock.advanceMinutes(6); // the sign-in counts as a recent authentication for 5 minutes
    const early = await post('/api/auth/mfa/totp/setup');
    assert.equal(early.statusCode, 401);
    assert.equal(json(early).error.code, 'reauth_required');
    assert.equal(
      json(await post('/api/auth/reauth', { password: 'wrong password here' })).error.code,
      'invalid_credentials',
    );
    assert.equal((await post('/api/auth/reauth', { password: demoPassword })).statusCode, 204);
    const setup = await post('/api/auth/mfa/totp/setup');
    assert.equal(setup.statusCode, 200);
    const { secret, qrSvg, otpauthUrl } = json(setup);
    assert.match(qrSvg, /^<svg/);
    assert.match(otpauthUrl, /^otpauth:\/\/totp\/Stillwater:patient%40stillwater\.example\?.*secret=/);
    assert.equal(
      json(await post('/api/auth/mfa/totp/confirm', { code: '000000' })).error.code,
      'invalid_mfa_code',
    );
    const confirmed = await post('/api/auth/mfa/totp/confirm', { code: totpCode(secret, t.clock.now()) });
    assert.equal(confirmed.statusCode, 200);
    const codes = json(confirmed).recoveryCodes as string[];
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);

    const stored = await t.deps.database.db.selectFrom('recovery_codes').select('code_hash').execute();
    assert.ok(
      stored.every((r) => !codes.includes(r.code_hash)),
      'recovery codes are stored hashed',
    );

    const needsCode = await login(t, { email: demoEmails.patient, password: demoPassword });
    assert.equal(json(needsCode).error.code, 'mfa_required');
    const withRecovery = await login(t, {
      email: demoEmails.patient,
      password: demoPassword,
      recoveryCode: codes[0],
    });
    assert.equal(withRecovery.statusCode, 200);
    const reused = await login(t, {
      email: demoEmails.patient,
      password: demoPassword,
      recoveryCode: codes[0],
    });
    assert.equal(json(reused).error.code, 'invalid_mfa_code');
    t.clock.advance(30_000);
    const withTotp = await login(t, {
      email: demoEmails.patient,
      password: demoPassword,
      totp: totpCode(secret, t.clock.now()),
    });
    assert.equal(withTotp.statusCode, 200);
    assert.ok((await auditSubtypes(t)).includes('auth.mfa.enrol'));
  });

  it('a patient may turn MFA off after re-authenticating; staff may not', async () => {
    const staff = await signInAs(t, 'nurse');
    const refused = await send(t, staff.cookie, 'DELETE', '/api/auth/mfa/totp');
    assert.equal(refused.statusCode, 403);
    assert.equal(json(refused).error.code, 'mfa_required_for_staff');
    const user = await t.deps.database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('email', '=', demoEmails.nurse)
      .executeTakeFirstOrThrow();
    assert.notEqual(user.totp_secret, null);
  });
});
