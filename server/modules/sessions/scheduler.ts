import type { FastifyBaseLogger } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { localDate, startOfLocalDay } from '../../platform/time.ts';
import { raiseAlert } from '../alerts/service.ts';
import { queueEmail } from '../outbox/service.ts';
import { sessionReminderText, whenInWords } from './reminder-text.ts';
import * as repo from './repo.ts';

const reminderLeadHours = 24;

function systemContext(deps: AppDeps): RequestContext {
  return {
    actor: null,
    ip: '127.0.0.1',
    userAgent: 'stillwater-scheduler',
    requestId: uuidv7(),
    now: deps.now,
  };
}

/**
 * The session duties that run on a timer: escalate missed post-session check-ins, mark
 * sessions from earlier days that were never dosed as missed, and queue reminders a day
 * ahead. Each step is idempotent, so it is safe on every instance and after a crash.
 */
export async function runSessionDuties(deps: AppDeps) {
  const db = deps.database.db;
  const context = systemContext(deps);
  const now = deps.now();
  const timeZone = await repo.clinicTimeZone(db);
  // Alert reasons are read by staff: times in words, in the clinic's zone.
  const dueInWords = (at: Date) => whenInWords(at, now, timeZone);
  let escalated = 0;
  for (const session of await repo.listOverdueCheckIns(db, now)) {
    const dueAt = session.check_in_due_at!;
    const secondStage = now.getTime() >= dueAt.getTime() + session.missed_check_in_minutes * 60_000;
    await db.transaction().execute(async (trx) => {
      await raiseAlert(trx, context, {
        patientId: session.patient_id,
        kind: 'missed_check_in',
        severity: 'high',
        reason: `No post-session check-in for session ${session.number}: it was due ${dueInWords(dueAt)}. Contact the patient and their support person.`,
        sourceType: 'dosing_session',
        sourceId: session.id,
        details: { dueAt: dueAt.toISOString() },
      });
      if (secondStage) {
        await raiseAlert(trx, context, {
          patientId: session.patient_id,
          kind: 'missed_check_in_escalated',
          severity: 'urgent',
          reason: `Still no check-in for session ${session.number}, long after it was due. Reach the patient or their support person now; if nobody answers, follow the clinic's welfare-check procedure.`,
          sourceType: 'dosing_session',
          sourceId: session.id,
          details: { dueAt: dueAt.toISOString() },
        });
      }
    });
    escalated += 1;
  }

  for (const session of await repo.listLateRechecks(db, now)) {
    const dueAt = session.recheck_due_at!;
    if (now.getTime() <= dueAt.getTime() + session.recheck_grace_minutes * 60_000) continue;
    await db.transaction().execute(async (trx) => {
      // Claim the escalation first: only one run (or instance) raises it.
      const claimed = await repo.claimLateRecheck(trx, session.id, now);
      if (!claimed) return;
      await repo.insertEventOnce(trx, {
        id: uuidv7(),
        patientId: session.patient_id,
        sessionId: session.id,
        kind: 'recheck_late',
        details: { dueAt: dueAt.toISOString(), graceMinutes: session.recheck_grace_minutes },
        actorId: null,
        occurredAt: now,
        now,
      });
      await raiseAlert(trx, context, {
        patientId: session.patient_id,
        kind: 'recheck_overdue',
        severity: 'high',
        reason: `The blood-pressure recheck after the dose in session ${session.number} was due ${dueInWords(dueAt)} and has not been recorded. Call the patient or their support person and ask them to take it.`,
        sourceType: 'dosing_session',
        sourceId: session.id,
        details: { dueAt: dueAt.toISOString() },
      });
    });
    escalated += 1;
  }

  const missed = await db.transaction().execute(async (trx) => {
    const rows = await repo.markMissedBefore(trx, startOfLocalDay(localDate(now, timeZone), timeZone), now);
    for (const row of rows) {
      await appendAudit(trx, context, {
        action: 'U',
        subtype: 'session.missed',
        patientId: row.patient_id,
        entityType: 'DosingSession',
        entityId: row.id,
      });
    }
    return rows.length;
  });

  const due = await repo.listDueReminders(db, now, new Date(now.getTime() + reminderLeadHours * 3_600_000));
  for (const session of due) {
    await db.transaction().execute(async (trx) => {
      const { when, subject } = sessionReminderText({
        scheduledFor: session.scheduled_for,
        now,
        timeZone: session.time_zone || timeZone,
      });
      await queueEmail(trx, {
        kind: 'session_reminder',
        to: session.email,
        subject,
        body: `Hello ${session.given_name},\n\nYour session is ${when}.\n\nTo prepare: no food for about 2–4 hours before, no alcohol in the 24 hours before, a private quiet room, an eye mask and music, your blood-pressure cuff, and your support person with you. Do not plan to drive until the next day.\n\nSign in to Stillwater to see your checklist. If you are in crisis, call or text 988, or call 911.\n`,
        now,
      });
      await repo.updateSession(trx, session.id, { reminder_sent_at: now }, now);
    });
  }
  return { escalated, missed, reminded: due.length };
}

/** Runs the duties every minute until stopped. */
export function startSessionScheduler(deps: AppDeps, log: FastifyBaseLogger): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runSessionDuties(deps)
      .then((result) => {
        if (result.escalated || result.missed || result.reminded) log.info(result, 'session duties');
      })
      .catch((error) => log.error({ err: error }, 'session duties failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, 60_000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
