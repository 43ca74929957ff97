/** The nurse's board: a day's sessions on the caller's patients, each with what needs them. */
import type { z } from 'zod';
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { localDate, nextDay, startOfLocalDay } from '../../platform/time.ts';
import { careTeamLinksFor } from '../patients/contacts.ts';
import * as repo from './repo.ts';
import type { BoardStatus } from './schema.ts';
import {
  checkInOpensAt,
  readingOverLimit,
  recheckState,
  vitalsCheckOf,
  vitalsCheckView,
} from './session-day.ts';
import { iso } from './views.ts';

/** Today's sessions (or another day's) for the nurse's board, on the caller's patients. */
export async function sessionBoard(deps: AppDeps, context: RequestContext, day: string | undefined) {
  const actor = requireActor(context);
  if (actor.role !== 'nurse' && actor.role !== 'clinician') {
    throw new AppError('forbidden', 'The session board is for nurses and clinicians.');
  }
  const db = deps.database.db;
  const timeZone = await repo.clinicTimeZone(db);
  const now = context.now();
  const date = day ?? localDate(now, timeZone);
  const from = startOfLocalDay(date, timeZone);
  const to = startOfLocalDay(nextDay(date), timeZone);
  const rows = await repo.listSessionsBetween(db, actor.userId, from, to);
  const ids = rows.map((r) => r.id);
  const [events, vitals, links] = await Promise.all([
    repo.listBoardEvents(db, ids),
    repo.listBoardVitals(db, ids),
    careTeamLinksFor(
      db,
      context,
      rows.map((r) => r.patient_id),
    ),
  ]);
  const eventsOf = (id: string, kind: string) => events.some((e) => e.session_id === id && e.kind === kind);
  const vitalsBySession = new Map<string, typeof vitals>();
  for (const reading of vitals) {
    const id = reading.session_id ?? '';
    vitalsBySession.set(id, [...(vitalsBySession.get(id) ?? []), reading]);
  }
  await db.transaction().execute((trx) =>
    appendAudit(trx, context, {
      action: 'R',
      subtype: 'session.board',
      entityType: 'DosingSession',
      details: { date, returned: rows.length },
    }),
  );
  return {
    date,
    timeZone,
    items: rows.map((row) => {
      const readiness = row.readiness as { reasons?: { title: string }[] } | null;
      const status: z.infer<typeof BoardStatus> =
        row.status === 'dosed' ? 'in_session' : row.status === 'completed' ? 'checked_in' : row.status;
      const readings = vitalsBySession.get(row.id) ?? [];
      const v = readings.at(-1);
      const recheck = recheckState(row, row, readings, now);
      return {
        sessionId: row.id,
        patientId: row.patient_id,
        patientName: `${row.given_name} ${row.family_name}`,
        number: row.number,
        firstSession: row.first_session,
        scheduledFor: row.scheduled_for.toISOString(),
        status,
        doseMg: row.dose_mg,
        dosedAt: iso(row.dosed_at),
        holdReasons: row.status === 'held' ? (readiness?.reasons ?? []).map((r) => r.title) : [],
        helpRequested: eventsOf(row.id, 'help_requested'),
        liveMonitorName: row.monitor_name,
        supportConfirmed: row.support_confirmed_at !== null,
        recheckDueAt: iso(row.recheck_due_at),
        checkInDueAt: iso(row.check_in_due_at),
        lastVitals: v ? { systolic: v.systolic, diastolic: v.diastolic } : null,
        readings: readings.map((r) => ({
          systolic: r.systolic,
          diastolic: r.diastolic,
          heartRate: r.heart_rate,
          takenAt: r.taken_at.toISOString(),
          context: r.context,
          overLimit: readingOverLimit(r, row),
        })),
        vitalsCheck: vitalsCheckView(vitalsCheckOf(row, row, readings, now), row),
        holdLift: row.hold_lifted_at
          ? {
              byName: row.lifter_name ?? 'A member of the care team',
              reason: row.hold_lift_reason,
              at: row.hold_lifted_at.toISOString(),
            }
          : null,
        wasHeld: row.status === 'held' || eventsOf(row.id, 'held') || eventsOf(row.id, 'dose_refused'),
        recheckLate: recheck.late,
        checkInOpensAt: iso(checkInOpensAt(row, row)),
        ...links(row.patient_id),
      };
    }),
  };
}
