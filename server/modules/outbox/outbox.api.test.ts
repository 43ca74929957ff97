import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { deliverMail, mailbox } from '../../testing/mail.ts';
import { send } from '../../testing/send.ts';
import { demoEmails, signInAs } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { sendDueEmails } from './sender.ts';

type Received = { from: string; to: string[]; data: string };

/** A real SMTP server on a loopback port, collecting what it is sent. */
async function startSmtpServer(): Promise<{
  port: number;
  received: Received[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk) => {
        data += chunk;
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const silentLog = { warn() {}, error() {}, info() {} } as never;

describe('outbox', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('admins see recipient, subject, status and times, never a body or its link; others get 403', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: demoEmails.patient },
    });
    const admin = await signInAs(t, 'admin');
    const res = await send(t, admin.cookie, 'GET', '/api/admin/outbox');
    assert.equal(res.statusCode, 200);
    const [mail] = res.json().items;
    assert.equal(mail.to, demoEmails.patient);
    assert.equal(mail.kind, 'password_reset');
    assert.equal(mail.subject, 'Reset your Stillwater password');
    assert.equal(mail.status, 'queued');
    assert.equal(mail.sentAt, null);
    assert.equal(mail.body, undefined, 'no body');
    assert.doesNotMatch(res.body, /token=|reset-password\?/, 'no link anywhere in the reply');
    const nurse = await signInAs(t, 'nurse');
    assert.equal((await send(t, nurse.cookie, 'GET', '/api/admin/outbox')).statusCode, 403);
  });

  it('without SMTP_URL, mail is written as an .eml file to MAIL_DIR, once, and its body is then deleted', async () => {
    const before = await mailbox(t);
    assert.equal(before.length, 1, 'the queued reset is delivered to the mail folder');
    const [mail] = before;
    assert.equal(mail!.to, demoEmails.patient);
    assert.equal(mail!.subject, 'Reset your Stillwater password');
    assert.match(
      mail!.text,
      /\/reset-password\?token=[A-Za-z0-9_-]{43}\n/,
      'the link, readable as plain text',
    );
    assert.equal(
      (await stat(path.join(t.deps.config.mailDir, mail!.file))).mode & 0o077,
      0,
      'owner-only file',
    );
    assert.equal(await deliverMail(t), 0, 'nothing is written twice');
    assert.equal((await mailbox(t)).length, 1);

    const row = await t.deps.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', demoEmails.patient)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.sent_at, null);
    assert.equal(row.body_text, null, 'the body, with its link, is gone from the database');

    const admin = await signInAs(t, 'admin');
    const listed = await send(t, admin.cookie, 'GET', '/api/admin/outbox');
    const item = listed.json().items.find((i: { id: string }) => i.id === row.id);
    assert.equal(item.status, 'sent');
    assert.equal(item.sentAt, row.sent_at!.toISOString());
    assert.doesNotMatch(listed.body, /token=/);
  });

  it('sends through SMTP exactly once, and retries later when the server is down', async () => {
    const smtp = await startSmtpServer();
    try {
      const transport = nodemailer.createTransport(`smtp://127.0.0.1:${smtp.port}`);
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/request',
        payload: { email: demoEmails.coach },
      });
      assert.equal(await sendDueEmails(t.deps, transport, silentLog), 1);
      assert.equal(smtp.received.length, 1);
      assert.deepEqual(smtp.received[0]!.to, [demoEmails.coach]);
      assert.match(smtp.received[0]!.data, /Subject: Reset your Stillwater password/);
      const sentRow = await t.deps.database.db
        .selectFrom('outbox')
        .select('body_text')
        .where('to_address', '=', demoEmails.coach)
        .executeTakeFirstOrThrow();
      assert.equal(sentRow.body_text, null, 'sent through SMTP, the body is deleted too');
      assert.equal(await sendDueEmails(t.deps, transport, silentLog), 0, 'nothing is sent twice');
      transport.close();
    } finally {
      await smtp.close();
    }

    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: demoEmails.support },
    });
    const unreachable = nodemailer.createTransport('smtp://127.0.0.1:9', { connectionTimeout: 500 } as never);
    assert.equal(await sendDueEmails(t.deps, unreachable, silentLog), 0);
    const row = await t.deps.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', demoEmails.support)
      .executeTakeFirstOrThrow();
    assert.equal(row.sent_at, null);
    assert.equal(row.attempts, 1);
    assert.notEqual(row.last_error, null);
    assert.ok(row.next_attempt_at > t.clock.now(), 'backs off before the next try');
    assert.equal(await sendDueEmails(t.deps, unreachable, silentLog), 0, 'not retried before its time');
  });
});
