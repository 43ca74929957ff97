import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { Config } from '../../platform/config.ts';
import { mailFileTransport } from './mail-files.ts';
import { claimDueEmails, markFailed, markSent } from './repo.ts';
import type { MailTransport } from './transport.ts';

/** SMTP when SMTP_URL is set; otherwise .eml files in MAIL_DIR, where someone trying Stillwater reads them. */
export function createMailTransport(config: Config): { transport: MailTransport; describe: string } {
  if (config.smtpUrl) {
    return { transport: nodemailer.createTransport(config.smtpUrl), describe: 'SMTP' };
  }
  return { transport: mailFileTransport(config.mailDir), describe: `.eml files in ${config.mailDir}` };
}

const leaseMs = 5 * 60_000;

/** Sends what is due once; returns how many were sent. Retries back off: 1, 2, 4 … minutes. */
export async function sendDueEmails(
  deps: AppDeps,
  transport: MailTransport,
  log: FastifyBaseLogger,
): Promise<number> {
  const now = deps.now();
  const due = await claimDueEmails(deps.database.db, now, new Date(now.getTime() + leaseMs), 20);
  let sent = 0;
  for (const email of due) {
    try {
      await transport.sendMail({
        from: deps.config.smtpFrom,
        to: email.to_address,
        subject: email.subject,
        text: email.body_text ?? '',
        id: email.id,
        kind: email.kind,
      });
      // The body goes with the send: from here it lives only in the recipient's mailbox.
      await markSent(deps.database.db, email.id, deps.now());
      sent += 1;
    } catch (error) {
      const backoffMs = Math.min(60, 2 ** email.attempts) * 60_000;
      log.warn(
        { emailId: email.id, attempt: email.attempts + 1, errorCode: (error as { code?: unknown }).code },
        'email not sent; will retry',
      );
      await markFailed(
        deps.database.db,
        email.id,
        (error as Error).message,
        new Date(deps.now().getTime() + backoffMs),
      );
    }
  }
  return sent;
}

/**
 * Sends the outbox every few seconds (every second to files: it is local and cheap). Safe on
 * every instance at once: each email is claimed by one. Returns a function that stops it.
 */
export function startOutboxSender(
  deps: AppDeps,
  log: FastifyBaseLogger,
  intervalMs = deps.config.smtpUrl ? 5000 : 1000,
): () => Promise<void> {
  const { transport, describe } = createMailTransport(deps.config);
  log.info(`outgoing email goes to ${describe}`);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => sendDueEmails(deps, transport, log))
      .catch((error) => log.error({ err: error }, 'outbox sender failed'));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    transport.close?.();
  };
}
