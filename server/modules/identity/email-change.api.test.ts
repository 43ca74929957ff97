/**
 * Changing the sign-in email (issue 12, finding 8): the change waits for the link sent to the new
 * address; the old address is told and can cancel; the answer never says whether an address has
 * an account; the audit holds ids, not addresses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds, demoPassword } from '../../seed.ts';
import { lastMailTo, linkToken } from '../../testing/mail.ts';
import { demoEmails, freshDemoTotp, type SignedIn, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
const json = (res: { json: () => unknown }) => res.json() as Record<string, any>;

describe('email change', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie?: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const requestChange = (who: SignedIn, newEmail: string) =>
    inject('POST', '/api/auth/email-change', who.cookie, { newEmail });
  const confirm = (token: string) => inject('POST', '/api/auth/email-change/confirm', undefined, { token });
  const cancelByLink = (token: string) =>
    inject('POST', '/api/auth/email-change/cancel', undefined, { token });
  const canSignIn = async (email: string) =>
    (await inject('POST', '/api/auth/login', undefined, { email, password: demoPassword })).statusCode ===
    200;
  const emailOf = async (userId: string) =>
    (
      await t.deps.database.db
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).email;
  const confirmToken = async (to: string) =>
    linkToken(await lastMailTo(t, to, /Confirm your new/), '/confirm-email');
  const cancelToken = async (to: string) =>
    linkToken(await lastMailTo(t, to, /change of your Stillwater email/), '/cancel-email-change');

  it('does not take effect until the new address confirms: the old email stays the login', async () => {
    const patient = await signInAs(t, 'patient');
    const res = await requestChange(patient, 'maya.new@example.org');
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(json(res).pending.newEmail, 'maya.new@example.org');

    assert.equal(await emailOf(patient.userId), demoEmails.patient, 'unchanged until confirmed');
    assert.equal(json(await inject('GET', '/api/auth/me', patient.cookie)).email, demoEmails.patient);
    assert.equal(await canSignIn(demoEmails.patient), true);
    assert.equal(await canSignIn('maya.new@example.org'), false);
    const status = json(await inject('GET', '/api/auth/email-change', patient.cookie));
    assert.equal(status.pending.newEmail, 'maya.new@example.org');

    const toOld = await lastMailTo(t, demoEmails.patient, /change of your Stillwater email/);
    assert.match(toOld.text, /Nothing has changed yet/);
    assert.doesNotMatch(toOld.text, /confirm-email/, 'the old inbox cannot confirm');
  });

  it('the link from the new inbox changes the email once; the old address is told; reuse fails', async () => {
    const patient = await signInAs(t, 'patient');
    const token = await confirmToken('maya.new@example.org');
    const confirmed = await confirm(token);
    assert.equal(confirmed.statusCode, 204, confirmed.body);
    assert.equal(confirmed.body, '', 'the confirm answer tells nothing');
    assert.equal(await emailOf(patient.userId), 'maya.new@example.org');
    assert.equal(json(await inject('GET', '/api/auth/me', patient.cookie)).email, 'maya.new@example.org');
    assert.equal(await canSignIn('maya.new@example.org'), true);
    assert.equal(await canSignIn(demoEmails.patient), false);
    const notice = await lastMailTo(t, demoEmails.patient, /was changed/);
    assert.match(notice.text, /contact your clinic/);
    assert.equal(json(await inject('GET', '/api/auth/email-change', patient.cookie)).pending, null);

    const reused = await confirm(token);
    assert.equal(reused.statusCode, 400);
    assert.equal(json(reused).error.code, 'invalid_token');
    // The old cancel link is void too: the change is done.
    assert.equal((await cancelByLink(await cancelToken(demoEmails.patient))).statusCode, 400);
  });

  it('the old address can cancel with its link; the confirm link then does nothing', async () => {
    const support = await signInAs(t, 'support');
    assert.equal((await requestChange(support, 'sam.elsewhere@example.org')).statusCode, 202);
    const cancelled = await cancelByLink(await cancelToken(demoEmails.support));
    assert.equal(cancelled.statusCode, 204, cancelled.body);
    assert.equal(json(await inject('GET', '/api/auth/email-change', support.cookie)).pending, null);

    const late = await confirm(await confirmToken('sam.elsewhere@example.org'));
    assert.equal(late.statusCode, 400);
    assert.equal(json(late).error.code, 'invalid_token');
    assert.equal(await emailOf(support.userId), demoEmails.support);
  });

  it('Settings can cancel a pending change; a second cancel finds nothing', async () => {
    const support = await signInAs(t, 'support');
    assert.equal((await requestChange(support, 'sam.settings@example.org')).statusCode, 202);
    assert.equal((await inject('DELETE', '/api/auth/email-change', support.cookie)).statusCode, 204);
    assert.equal((await confirm(await confirmToken('sam.settings@example.org'))).statusCode, 400);
    const again = await inject('DELETE', '/api/auth/email-change', support.cookie);
    assert.equal(again.statusCode, 404);
    assert.equal(json(again).error.code, 'not_found');
  });

  it('a second request replaces the first', async () => {
    const support = await signInAs(t, 'support');
    await requestChange(support, 'sam.first@example.org');
    const first = await confirmToken('sam.first@example.org');
    await requestChange(support, 'sam.second@example.org');
    assert.equal(
      json(await inject('GET', '/api/auth/email-change', support.cookie)).pending.newEmail,
      'sam.second@example.org',
    );
    assert.equal((await confirm(first)).statusCode, 400, 'the first link no longer works');
    assert.equal((await confirm(await confirmToken('sam.second@example.org'))).statusCode, 204);
    assert.equal(await emailOf(support.userId), 'sam.second@example.org');
    // Back to the demo address for the tests that follow.
    await requestChange(support, demoEmails.support);
    assert.equal((await confirm(await confirmToken(demoEmails.support))).statusCode, 204);
  });

  it('a confirm link expires after 24 hours', async () => {
    const support = await signInAs(t, 'support');
    await requestChange(support, 'sam.slow@example.org');
    const token = await confirmToken('sam.slow@example.org');
    t.clock.advanceMinutes(24 * 60 + 1);
    const expired = await confirm(token);
    assert.equal(expired.statusCode, 400);
    assert.equal(json(expired).error.code, 'invalid_token');
    assert.equal(await emailOf(support.userId), demoEmails.support);
  });

  it('a wrong or malformed token is a 400 in the envelope, and nothing changes', async () => {
    for (const send of [confirm, cancelByLink]) {
      const wrong = await send('not-a-real-token-at-all-0123456789');
      assert.equal(wrong.statusCode, 400);
      assert.equal(json(wrong).error.code, 'invalid_token');
      assert.equal(typeof json(wrong).error.message, 'string');
      const malformed = await send('short');
      assert.equal(malformed.statusCode, 400);
      assert.equal(json(malformed).error.code, 'invalid_request');
    }
  });

  it('needs a recent re-authentication; staff confirm with their second factor', async () => {
    const nurse = await signInAs(t, 'nurse');
    t.clock.advanceMinutes(6);
    const stale = await requestChange(nurse, 'nurse.new@example.org');
    assert.equal(stale.statusCode, 401);
    assert.equal(json(stale).error.code, 'reauth_required');
    const withoutCode = await inject('POST', '/api/auth/reauth', nurse.cookie, { password: demoPassword });
    assert.equal(json(withoutCode).error.code, 'mfa_required');
    const reauth = await inject('POST', '/api/auth/reauth', nurse.cookie, {
      password: demoPassword,
      totp: freshDemoTotp(t),
    });
    assert.equal(reauth.statusCode, 204, reauth.body);
    assert.equal((await requestChange(nurse, 'nurse.new@example.org')).statusCode, 202);
    const same = await requestChange(nurse, demoEmails.nurse.toUpperCase());
    assert.equal(json(same).error.code, 'invalid_request');
  });

  it('disabling the account calls off its pending change', async () => {
    const admin = await signInAs(t, 'admin');
    const token = await confirmToken('nurse.new@example.org');
    const disabled = await inject('POST', `/api/staff/${demoIds.nurse}/disable`, admin.cookie);
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal((await confirm(token)).statusCode, 400);
    assert.equal(await emailOf(demoIds.nurse), demoEmails.nurse);
    await inject('POST', `/api/staff/${demoIds.nurse}/enable`, admin.cookie);
  });

  it('a password reset calls off a pending change', async () => {
    const coach = await signInAs(t, 'coach');
    await requestChange(coach, 'coach.new@example.org');
    const token = await confirmToken('coach.new@example.org');
    await inject('POST', '/api/auth/password-reset/request', undefined, { email: demoEmails.coach });
    const resetToken = linkToken(await lastMailTo(t, demoEmails.coach, /Reset/), '/reset-password');
    const reset = await inject('POST', '/api/auth/password-reset/complete', undefined, {
      token: resetToken,
      newPassword: 'a brand new passphrase for the coach',
    });
    assert.equal(reset.statusCode, 204, reset.body);
    assert.equal((await confirm(token)).statusCode, 400);
    assert.equal(await emailOf(demoIds.coach), demoEmails.coach);
  });

  it('an address already in use gets the same answer; its inbox is told, and no link can take it', async () => {
    const support = await signInAs(t, 'support');
    const free = await requestChange(support, 'sam.free@example.org');
    assert.ok(await confirmToken('sam.free@example.org'), 'a free address gets its link');
    t.clock.advance(1000); // the next emails are delivered (and filed) after these
    const taken = await requestChange(support, demoEmails.clinician);
    assert.equal(taken.statusCode, free.statusCode);
    assert.deepEqual(Object.keys(json(taken).pending), Object.keys(json(free).pending));
    assert.equal(json(taken).pending.newEmail, demoEmails.clinician, 'pending, as for a free address');
    assert.equal(
      json(await inject('GET', '/api/auth/email-change', support.cookie)).pending.newEmail,
      demoEmails.clinician,
    );

    const toTaken = await lastMailTo(t, demoEmails.clinician);
    assert.match(toTaken.subject, /already has a Stillwater account/);
    assert.doesNotMatch(toTaken.text, /token=/, 'no link that could move the address');
    assert.equal(await emailOf(support.userId), demoEmails.support);
    assert.equal(await emailOf(demoIds.clinician), demoEmails.clinician);
    // The old inbox still gets its usual notice with a cancel link.
    assert.equal((await cancelByLink(await cancelToken(demoEmails.support))).statusCode, 204);
  });

  it('the audit records each step by id, never an email address', async () => {
    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['subtype', 'details', 'entity_id'])
      .where('subtype', 'like', 'auth.email.change%')
      .execute();
    const subtypes = new Set(rows.map((row) => row.subtype));
    for (const subtype of ['auth.email.change.request', 'auth.email.change', 'auth.email.change.cancel']) {
      assert.ok(subtypes.has(subtype), `${subtype} is audited`);
    }
    for (const row of rows) {
      assert.doesNotMatch(JSON.stringify(row.details), /@/, `${row.subtype}: no addresses in the audit`);
      assert.match(String(row.entity_id), /^[0-9a-f-]{36}$/);
    }
  });

  it('at most ten requests a day: the eleventh is a 429 with Retry-After, audited, and changes nothing', async () => {
    t.clock.advanceMinutes(24 * 60 + 1); // a new day for the earlier tests' requests
    const nurse = await signInAs(t, 'nurse');
    for (let i = 1; i <= 10; i += 1) {
      assert.equal((await requestChange(nurse, `nora.try${i}@example.org`)).statusCode, 202);
    }
    const eleventh = await requestChange(nurse, 'nora.try11@example.org');
    assert.equal(eleventh.statusCode, 429, eleventh.body);
    assert.equal(json(eleventh).error.code, 'rate_limited');
    assert.ok(Number(eleventh.headers['retry-after']) > 0);
    assert.equal(
      json(await inject('GET', '/api/auth/email-change', nurse.cookie)).pending.newEmail,
      'nora.try10@example.org',
      'the pending change is still the tenth',
    );
    await assert.rejects(lastMailTo(t, 'nora.try11@example.org'), 'no mail to the eleventh address');
    const denied = await t.deps.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('subtype', '=', 'auth.email.change.request')
      .where('outcome', '=', 'denied')
      .execute();
    assert.deepEqual(
      denied.map((row) => row.details),
      [{ reasonCode: 'rate_limited' }],
    );

    t.clock.advanceMinutes(24 * 60 + 1);
    const later = await signInAs(t, 'nurse');
    assert.equal(
      (await requestChange(later, 'nora.try11@example.org')).statusCode,
      202,
      'a day later it works',
    );
    assert.equal((await inject('DELETE', '/api/auth/email-change', later.cookie)).statusCode, 204);
  });
});
