import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { AppDeps } from '../../platform/app-deps.ts';
import { claimDueEmails, markFailed, markSent } from './repo.ts';

export type MailTransport = {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
};

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
        text: email.body_text,
      });
      await markSent(deps.database.db, email.id, deps.now());
      sent += 1;
    } catch (error) {
      const backoffMs = Math.min(60, 2 ** email.attempts) * 60_000;
      log.warn({ err: error, emailId: email.id, attempt: email.attempts + 1 }, 'email not sent; will retry');
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
 * With SMTP_URL set, sends the outbox every few seconds. Safe on every instance at once:
 * each email is claimed by one. Returns a function that stops it.
 */
export function startOutboxSender(
  deps: AppDeps,
  log: FastifyBaseLogger,
  intervalMs = 5000,
): () => Promise<void> {
  if (!deps.config.smtpUrl) return async () => {};
  const transport = nodemailer.createTransport(deps.config.smtpUrl);
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
    transport.close();
  };
}
