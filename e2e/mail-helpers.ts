import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The server under test has no SMTP server, so it writes each email as an .eml file to
 * DATA_DIR/mail (playwright.config.ts makes DATA_DIR). This is where the recipient reads it;
 * staff never see the link in the app.
 */
function mailDir(): string {
  const dataDir = process.env.STILLWATER_E2E_DATA_DIR;
  if (!dataDir) throw new Error('STILLWATER_E2E_DATA_DIR is not set (see playwright.config.ts)');
  return path.join(dataDir, 'mail');
}

export type Mail = { to: string; subject: string; text: string };

async function readMailbox(): Promise<Mail[]> {
  const dir = mailDir();
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
  return Promise.all(
    names.map(async (name) => {
      const raw = await readFile(path.join(dir, name), 'utf8');
      const split = raw.indexOf('\r\n\r\n');
      const headers = raw.slice(0, split);
      const header = (key: string) => new RegExp(`^${key}: (.*)$`, 'mi').exec(headers)?.[1]?.trim() ?? '';
      return { to: header('To'), subject: header('Subject'), text: raw.slice(split + 4) };
    }),
  );
}

/**
 * Waits (the server's sender writes due emails every second) for an email to `to` that contains
 * a link to `pathname`, newer than any seen before `since` (a count from `countMailTo`); returns the
 * link's path and query.
 */
export async function waitForEmailedLink(to: string, pathname: string, since = 0): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s]+${pathname.replace(/[/.]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mails = (await readMailbox()).filter((mail) => mail.to.toLowerCase() === to.toLowerCase());
    const link = mails
      .slice(since)
      .map((mail) => pattern.exec(mail.text)?.[0])
      .filter(Boolean)
      .at(-1);
    if (link) {
      const url = new URL(link);
      return `${url.pathname}${url.search}`;
    }
    if (Date.now() > deadline) throw new Error(`no email to ${to} with a ${pathname} link in ${mailDir()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** How many emails `to` has received so far: pass to waitForEmailedLink to wait for a newer one. */
export async function countMailTo(to: string): Promise<number> {
  return (await readMailbox()).filter((mail) => mail.to.toLowerCase() === to.toLowerCase()).length;
}
