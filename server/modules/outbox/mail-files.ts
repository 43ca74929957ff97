import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailTransport, OutgoingMessage } from './transport.ts';

/** A header value on one line: a CR or LF in a subject or address cannot start a new header. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/** RFC 2047 encoded-word for a header that is not plain ASCII. */
function encodeHeader(value: string): string {
  const line = oneLine(value);
  if (/^[\x20-\x7e]*$/.test(line)) return line;
  return `=?UTF-8?B?${Buffer.from(line, 'utf8').toString('base64')}?=`;
}

/** A file name that says when, what and for whom, and sorts by time. */
function fileNameFor(message: OutgoingMessage, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const safe = (text: string) => text.replace(/[^A-Za-z0-9@._+-]+/g, '_').slice(0, 80);
  return `${stamp}_${safe(message.kind ?? 'email')}_${safe(message.to)}_${(message.id ?? randomUUID()).slice(-12)}.eml`;
}

/**
 * The mail transport when there is no SMTP server: each email becomes an .eml file in `mailDir`
 * (open it in a mail app, or read it as text: the body is 8-bit UTF-8, not encoded). Written to a
 * temporary name and renamed, so a reader never sees half an email; readable by the server's
 * user only, since a reset link is a key to an account.
 */
export function mailFileTransport(mailDir: string, now: () => Date = () => new Date()): MailTransport {
  return {
    async sendMail(message) {
      await mkdir(mailDir, { recursive: true, mode: 0o700 });
      const at = now();
      const domain = /@([^>\s]+)>?\s*$/.exec(message.from)?.[1] ?? 'stillwater.invalid';
      const headers = [
        `From: ${encodeHeader(message.from)}`,
        `To: ${oneLine(message.to)}`,
        `Subject: ${encodeHeader(message.subject)}`,
        `Date: ${at.toUTCString().replace('GMT', '+0000')}`,
        `Message-ID: <${message.id ?? randomUUID()}@${domain}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
      ];
      const body = message.text.replace(/\r?\n/g, '\r\n');
      const file = path.join(mailDir, fileNameFor(message, at));
      const partial = `${file}.partial`;
      await writeFile(partial, `${headers.join('\r\n')}\r\n\r\n${body}`, { mode: 0o600 });
      await rename(partial, file);
      return { file };
    },
    close() {},
  };
}
