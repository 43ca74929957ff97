/** Staff invitations: from the administrator's invitation and the emailed link to the first sign-in. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { demoIds } from '../../seed.ts';
import { lastMailTo, linkToken } from '../../testing/mail.ts';
import { send } from '../../testing/send.ts';
import { signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { totpCode } from '../identity/totp.ts';

const day = 86_400_000;

describe('staff invitations', () => {
  let t: TestApp;
  let admin: string;
  const email = 'kai.nguyen@stillwater.example';
  let token: string;
  let secret: string;

  before(async () => {
    t = await startTestApp();
    admin = (await signInAs(t, 'admin')).cookie;
  });
  after(() => t.close());

  const accept = (password: string, totp: string, which = token) =>
    t.app.inject({ method: 'POST', url: `/api/invites/${which}/accept`, payload: { password, totp } });
  const usersWithEmail = (address: string) =>
    t.deps.database.db
      .selectFrom('users')
      .select(['id', 'role', 'status'])
      .where(sql<string>`lower(email)`, '=', address.toLowerCase())
      .execute();

  it('an invite is emailed to the invitee alone with a single-use link; the admin never sees it', async () => {
    const res = await send(t, admin, 'POST', '/api/staff/invites', {
      email,
      role: 'nurse',
      displayName: 'Kai Nguyen',
    });
    assert.equal(res.statusCode, 201, res.body);
    const { expiresAt } = res.json();
    assert.equal(expiresAt, new Date(t.clock.now().getTime() + 7 * day).toISOString());
    assert.doesNotMatch(res.body, /token|invite\?/, 'the reply to the admin carries no link');

    const outbox = await send(t, admin, 'GET', '/api/admin/outbox');
    assert.equal(outbox.statusCode, 200);
    const emails = outbox.json().items.filter((e: { to: string }) => e.to === email);
    assert.equal(emails.length, 1);
    assert.equal(emails[0].kind, 'staff_invite');
    assert.equal(emails[0].subject, 'You are invited to Stillwater');
    assert.doesNotMatch(outbox.body, /token=/, 'nor does the outbox');

    const mail = await lastMailTo(t, email, /invited/);
    token = linkToken(mail, '/invite');
    assert.ok(token.length >= 20);
    assert.match(mail.text, /Kai Nguyen/);

    const entry = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', 'staff.invite')
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_user_id, demoIds.admin);
    assert.deepEqual(entry.details, { role: 'nurse' }, 'the invite names its email; the trail does not');
    const trail = await t.deps.database.db.selectFrom('audit_events').select('details').execute();
    assert.ok(!JSON.stringify(trail).includes(token), 'the secret link is never written to the trail');
  });

  it('inviting an email that already has an account answers 409 email_taken', async () => {
    const res = await send(t, admin, 'POST', '/api/staff/invites', {
      email: 'Nurse@Stillwater.example',
      role: 'nurse',
      displayName: 'Someone',
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'email_taken');
  });

  it('the invite link shows who it is for and the authenticator secret to enrol', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/invites/${token}` });
    assert.equal(res.statusCode, 200, res.body);
    const invite = res.json();
    assert.equal(invite.email, email);
    assert.equal(invite.role, 'nurse');
    assert.equal(invite.displayName, 'Kai Nguyen');
    assert.match(invite.totpSecret, /^[A-Z2-7]{32}$/);
    assert.ok(invite.otpauthUrl.startsWith('otpauth://totp/'));
    assert.ok(invite.otpauthUrl.includes(`secret=${invite.totpSecret}`));
    assert.match(invite.qrSvg, /^<svg/);
    secret = invite.totpSecret;
  });

  it('an unknown token answers 400 invalid_token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/invites/not-a-real-invite-token' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_token');
  });

  it('a weak password is refused (too short, common, the email itself) and no account is made', async () => {
    const cases: [string, string][] = [
      ['short', 'password_too_short'],
      ['1234567', 'password_too_short'],
      ['password123', 'password_common'],
      ['stillwater123', 'password_common'],
      [email, 'password_common'],
    ];
    for (const [password, code] of cases) {
      const res = await accept(password, totpCode(secret, t.clock.now()));
      assert.equal(res.statusCode, 400, password);
      assert.equal(res.json().error.code, code, password);
      assert.equal(res.headers['set-cookie'], undefined);
    }
    assert.deepEqual(await usersWithEmail(email), []);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/invites/${token}` })).statusCode, 200);
  });

  it('a wrong authenticator code is refused (401 invalid_mfa_code) and no account is made', async () => {
    const wrong = String((Number(totpCode(secret, t.clock.now())) + 1) % 1_000_000).padStart(6, '0');
    const res = await accept('quiet lantern meadow', wrong);
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'invalid_mfa_code');
    assert.deepEqual(await usersWithEmail(email), []);
  });

  it('accepting with a good password and the right code signs in with 10 recovery codes', async () => {
    const code = totpCode(secret, t.clock.now());
    const res = await accept('quiet lantern meadow', code);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.user.email, email);
    assert.equal(body.user.role, 'nurse');
    assert.equal(body.user.displayName, 'Kai Nguyen');
    assert.equal(body.user.mfaEnabled, true);
    assert.equal(body.recoveryCodes.length, 10);
    assert.equal(new Set(body.recoveryCodes).size, 10);
    for (const c of body.recoveryCodes) assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.includes('sw_session='));
    assert.ok(setCookie, 'a session cookie');
    assert.match(setCookie, /HttpOnly/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await send(t, cookie, 'GET', '/api/auth/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().role, 'nurse');
    assert.equal(me.json().id, body.user.id);

    const [user] = await usersWithEmail(email);
    assert.deepEqual(user, { id: body.user.id, role: 'nurse', status: 'active' });
    const staff = await send(t, admin, 'GET', '/api/staff');
    const listed = staff.json().items.find((m: { userId: string }) => m.userId === body.user.id);
    assert.equal(listed.mfaEnabled, true);
    assert.equal(listed.status, 'active');

    const entry = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subtype', '=', 'staff.invite.accept')
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_user_id, body.user.id);
    assert.equal(entry.actor_role, 'nurse');

    // The code used to accept cannot be replayed to sign in; the next one works.
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'quiet lantern meadow', totp: code },
    });
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().error.code, 'invalid_mfa_code');
    t.clock.advance(30_000);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'quiet lantern meadow', totp: totpCode(secret, t.clock.now()) },
    });
    assert.equal(login.statusCode, 200, login.body);
  });

  it('the used link answers 400 invalid_token, to look at or to accept', async () => {
    const look = await t.app.inject({ method: 'GET', url: `/api/invites/${token}` });
    assert.equal(look.statusCode, 400);
    assert.equal(look.json().error.code, 'invalid_token');
    t.clock.advance(30_000);
    const again = await accept('another fine password', totpCode(secret, t.clock.now()));
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error.code, 'invalid_token');
    assert.equal((await usersWithEmail(email)).length, 1);
  });

  it('an invite works for 7 days and not after', async () => {
    const invite = await send(t, admin, 'POST', '/api/staff/invites', {
      email: 'late.arrival@stillwater.example',
      role: 'coach',
      displayName: 'Late Arrival',
    });
    assert.equal(invite.statusCode, 201);
    const lateToken = linkToken(await lastMailTo(t, 'late.arrival@stillwater.example'), '/invite');
    t.clock.advance(7 * day - 60_000);
    const stillValid = await t.app.inject({ method: 'GET', url: `/api/invites/${lateToken}` });
    assert.equal(stillValid.statusCode, 200, 'a minute before it expires');
    const lateSecret = stillValid.json().totpSecret;

    t.clock.advance(day + 60_000);
    const expired = await t.app.inject({ method: 'GET', url: `/api/invites/${lateToken}` });
    assert.equal(expired.statusCode, 400);
    assert.equal(expired.json().error.code, 'invalid_token');
    const res = await accept('quiet lantern meadow', totpCode(lateSecret, t.clock.now()), lateToken);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_token');
    assert.deepEqual(await usersWithEmail('late.arrival@stillwater.example'), []);
  });
});
