import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { mailFileTransport } from '../modules/outbox/mail-files.ts';
import { sendDueEmails } from '../modules/outbox/sender.ts';
import type { TestApp } from './test-app.ts';

export type ReceivedMail = { file: string; to: string; subject: string; text: string };

const quietLog = { warn() {}, error() {}, info() {} } as never;

/** Runs the outbox sender once, as the server does every second: due emails become .eml files. */
export async function deliverMail(t: TestApp): Promise<number> {
  return sendDueEmails(t.deps, mailFileTransport(t.deps.config.mailDir, t.clock.now), quietLog);
}

/** Parses one of our .eml files (8-bit text, headers on one line each). */
export function parseEml(raw: string, file = ''): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headerBlock = raw.slice(0, split);
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(headerBlock)?.[1]?.trim() ?? '';
  const decodeWord = (value: string) =>
    value.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) =>
      Buffer.from(b64, 'base64').toString('utf8'),
    );
  return {
    file,
    to: header('To'),
    subject: decodeWord(header('Subject')),
    text: raw.slice(split + 4).replace(/\r\n/g, '\n'),
  };
}

/** Every email in the test app's MAIL_DIR, oldest first, after delivering what is due. */
export async function mailbox(t: TestApp): Promise<ReceivedMail[]> {
  await deliverMail(t);
  const dir = t.deps.config.mailDir;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
  return Promise.all(names.map(async (name) => parseEml(await readFile(path.join(dir, name), 'utf8'), name)));
}

/** The newest email to this address (optionally whose subject matches); throws when there is none. */
export async function lastMailTo(t: TestApp, to: string, subject?: RegExp): Promise<ReceivedMail> {
  const found = (await mailbox(t))
    .filter((mail) => mail.to.toLowerCase() === to.toLowerCase() && (!subject || subject.test(mail.subject)))
    .at(-1);
  if (!found)
    throw new Error(`no email to ${to}${subject ? ` matching ${subject}` : ''} in ${t.deps.config.mailDir}`);
  return found;
}

/** The `token` query parameter of the first link in the email whose path is `pathname`. */
export function linkToken(mail: ReceivedMail, pathname: string): string {
  const link = new RegExp(`https?://\\S+${pathname.replace(/[/.]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`).exec(
    mail.text,
  );
  if (!link) throw new Error(`no ${pathname} link in the email "${mail.subject}"`);
  return link[1]!;
}
