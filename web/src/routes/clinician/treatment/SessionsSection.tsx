import { type FormEvent, useId, useState } from 'react';
import { sideEffectLabels, sideEffectNames } from '../../../../../clinical/titration';
import { type CareSession, type CareSessionSummary, careSessionsApi } from '../../../api/board';
import type { Plan } from '../../../api/plans';
import { useApiData } from '../../../api/useApiData';
import { TextField } from '../../../components/form/Field';
import { ScrollRegion } from '../../../components/form/ScrollRegion';
import { focusField, splitApiError } from '../../../components/form/serverErrors';
import { Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import {
  describeEvent,
  mg,
  SESSION_STATUS_LABEL,
  SESSION_STATUS_TONE,
  SIDE_EFFECT_GRADE_TONE,
} from '../../../domain/labels';
import { formatDateTime } from '../../../lib/format';

/** The viewer's own time zone, named where times are appointments. */
export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const CONTEXT_LABEL = {
  pre_dose: 'Before the dose',
  recheck: 'Recheck after the dose',
  other: 'Other',
} as const;
const CHECKLIST_LABEL: Record<string, string> = {
  fasting: 'Fasting',
  noAlcohol24h: 'No alcohol in 24 hours',
  privateQuietRoom: 'Private, quiet room',
  eyeMaskAndMusic: 'Eye mask and music',
  noDrivingUntilTomorrow: 'No driving until tomorrow',
};
const SCALE = ['', 'very hard', 'hard', 'mixed', 'good', 'very good'];
const MOOD = ['', 'very low', 'low', 'neutral', 'good', 'very good'];

const VITALS_CHECK_LABEL: Record<NonNullable<CareSession['vitalsCheck']>['status'], string> = {
  missing: 'None yet',
  within: 'Within the plan’s limits',
  retake_waiting: 'Above the limit: the rested retake is not open yet',
  retake_open: 'Above the limit: the rested retake is open',
  retake_within: 'Above the limit, then the rested retake was within it',
  staff_needed: 'Above the limit twice: held until a nurse or clinician lifts it',
  lifted: 'Hold lifted by the care team',
};

const DOSE_REFUSAL_LABEL: Record<string, string> = {
  session_held: 'a safety hold applied',
  outside_dose_window: 'outside the dose window',
  conflict: 'the session was closed',
};

const readingText = (d: Record<string, unknown>) =>
  typeof d.systolic === 'number' && typeof d.diastolic === 'number'
    ? `${d.systolic}/${d.diastolic} mmHg${typeof d.heartRate === 'number' ? `, pulse ${d.heartRate} bpm` : ''}`
    : null;

/** The session-day safety events (readings, retakes, lifts, refusals), then every other kind. */
export function describeSessionDayEvent(event: CareSession['events'][number]): {
  title: string;
  detail: string | null;
} {
  const d = event.details as Record<string, unknown>;
  const at = (value: unknown) => (typeof value === 'string' ? formatDateTime(value) : null);
  switch (event.kind) {
    case 'reading_taken': {
      const reading = readingText(d);
      const over = d.overLimit === true ? ', outside the plan’s limits' : '';
      return {
        title: d.retake === true ? 'Rested retake before the dose' : 'Reading before the dose',
        detail: reading ? `${reading}${over}` : null,
      };
    }
    case 'retake_refused':
      return {
        title: 'Retake refused: too soon after the high reading',
        detail: at(d.opensAt) ? `it opened at ${at(d.opensAt)}` : null,
      };
    case 'hold_lifted':
      return {
        title: 'Hold lifted',
        detail: `${typeof d.byName === 'string' ? d.byName : 'Care team'}${
          typeof d.reason === 'string' ? `: “${d.reason}”` : ''
        }`,
      };
    case 'dose_refused': {
      const code = typeof d.code === 'string' ? d.code : '';
      const reasons = Array.isArray(d.reasons) ? (d.reasons as string[]) : [];
      return {
        title: `Dose refused: ${DOSE_REFUSAL_LABEL[code] ?? code.replaceAll('_', ' ')}`,
        detail: reasons.length ? `Rules: ${reasons.join(', ')}` : null,
      };
    }
    case 'check_in_refused':
      return {
        title: 'Check-in refused: the observation time had not passed',
        detail: at(d.opensAt) ? `it opened at ${at(d.opensAt)}` : null,
      };
    case 'recheck_late':
      return { title: 'Recheck late: the nurse was alerted', detail: null };
    default:
      return describeEvent(event);
  }
}

/** Every session under the patient's plans, each opening to its timeline; and scheduling the next. */
export function SessionsSection({
  patientId,
  sessions,
  plan,
  onChanged,
}: {
  patientId: string;
  sessions: CareSessionSummary[];
  plan: Plan | undefined;
  onChanged: () => Promise<void>;
}) {
  const zone = viewerTimeZone();
  return (
    <section className="treatment-section" aria-labelledby="sessions-title" id="sessions">
      <h2 id="sessions-title">Sessions</h2>
      <p className="home-section__intro">
        Newest first. Open a session for its vitals, dose, side effects, check-in and full timeline. Times are
        in your time zone ({zone}).
      </p>
      {sessions.length === 0 ? (
        <p className="muted">No sessions yet.</p>
      ) : (
        <ul className="session-list">
          {sessions.map((session) => (
            <li key={session.id}>
              <SessionItem patientId={patientId} session={session} />
            </li>
          ))}
        </ul>
      )}
      {plan?.status === 'active' ? (
        <ScheduleForm patientId={patientId} plan={plan} onScheduled={onChanged} />
      ) : (
        <p className="muted">
          {plan ? 'Sessions can be scheduled while the plan is active.' : 'Sessions follow a treatment plan.'}
        </p>
      )}
    </section>
  );
}

function SessionItem({ patientId, session }: { patientId: string; session: CareSessionSummary }) {
  const [open, setOpen] = useState(false);
  const dose = session.doseMg ?? session.plannedDoseMg;
  return (
    <details className="session" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="session__summary">
        <span className="session__title">
          Session {session.number} of {session.sessionsPlanned}
          {session.firstSession ? ' (first session)' : ''}
        </span>
        <span className={`badge ${SESSION_STATUS_TONE[session.status]}`}>
          {SESSION_STATUS_LABEL[session.status]}
        </span>
        <span className="session__when">{formatDateTime(session.scheduledFor)}</span>
        <span className="muted">
          {dose === null ? '' : session.doseMg !== null ? `${mg(dose)} taken` : `${mg(dose)} planned`}
        </span>
      </summary>
      {open ? <SessionDetails patientId={patientId} sessionId={session.id} /> : null}
    </details>
  );
}

function SessionDetails({ patientId, sessionId }: { patientId: string; sessionId: string }) {
  const session = useApiData(() => careSessionsApi.get(patientId, sessionId), [patientId, sessionId]);
  if (session.status === 'loading') return <p className="muted">Loading the session…</p>;
  if (session.status === 'error') {
    return (
      <Notice tone="caution" title="We could not load this session">
        <p>{session.error.message}</p>
      </Notice>
    );
  }
  return <SessionTimeline session={session.data} />;
}

function SessionTimeline({ session: s }: { session: CareSession }) {
  const held = s.readiness?.status === 'held' ? s.readiness.reasons : [];
  const checklist = s.checklist ? Object.entries(s.checklist) : [];
  return (
    <div className="session__body">
      {s.helpRequested ? (
        <Notice tone="alarm" title="“I need help” was pressed during this session">
          <p>See the timeline below for when, and the safety alerts for who answered.</p>
        </Notice>
      ) : null}
      {held.length > 0 ? (
        <Notice tone="caution" title="Held: the dose was not allowed">
          <ul className="plain-list">
            {held.map((reason) => (
              <li key={reason.code}>
                <strong>{reason.title}.</strong> {reason.explanation}{' '}
                <span className="muted">
                  Source: {reason.source} · <span className="mono">{reason.code}</span>
                </span>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <dl className="row-list fact-list fact-list--inline">
        <div>
          <dt>Dose</dt>
          <dd>
            {s.doseMg !== null
              ? `${mg(s.doseMg)} ${s.route}, taken ${s.dosedAt ? formatDateTime(s.dosedAt) : ''}`
              : s.plannedDoseMg !== null
                ? `Not taken (plan: ${mg(s.plannedDoseMg)})`
                : 'Not taken'}
          </dd>
        </div>
        <div>
          <dt>Support person</dt>
          <dd>
            {s.supportConfirmedAt
              ? `${s.supportConfirmedBy ?? 'Confirmed'}, ${formatDateTime(s.supportConfirmedAt)}`
              : 'Not confirmed'}
          </dd>
        </div>
        <div>
          <dt>Live monitor</dt>
          <dd>
            {s.liveMonitorName
              ? `${s.liveMonitorName}${s.liveMonitorJoinedAt ? `, joined ${formatDateTime(s.liveMonitorJoinedAt)}` : ''}`
              : s.firstSession
                ? 'Nobody yet (needed for a first session)'
                : 'Not needed'}
          </dd>
        </div>
        {s.vitalsCheck ? (
          <div>
            <dt>Readings before the dose</dt>
            <dd>{VITALS_CHECK_LABEL[s.vitalsCheck.status]}</dd>
          </div>
        ) : null}
        {s.holdLift ? (
          <div>
            <dt>Hold lifted</dt>
            <dd>
              By {s.holdLift.byName}, {formatDateTime(s.holdLift.at)}
              {s.holdLift.reason ? `: “${s.holdLift.reason}”` : ''}
            </dd>
          </div>
        ) : null}
        {s.dosedAt ? (
          <div>
            <dt>Recheck after the dose</dt>
            <dd>
              {s.recheckDone ? 'Taken' : 'Not taken yet'}
              {s.recheckDueAt ? `, due ${formatDateTime(s.recheckDueAt)}` : ''}
              {s.recheckLate ? (
                <>
                  {' '}
                  <span className="badge badge--caution">Late</span>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {s.intention ? (
          <div>
            <dt>Intention</dt>
            <dd>{s.intention}</dd>
          </div>
        ) : null}
        {checklist.length > 0 ? (
          <div>
            <dt>Checklist</dt>
            <dd>
              {checklist
                .map(([key, done]) => `${CHECKLIST_LABEL[key] ?? key}: ${done ? 'yes' : 'no'}`)
                .join(' · ')}
            </dd>
          </div>
        ) : null}
      </dl>

      <h3 className="session__heading">Vitals</h3>
      {s.vitals.length === 0 ? (
        <p className="muted">No readings yet.</p>
      ) : (
        <ScrollRegion label={`Vitals in session ${s.number}`}>
          <table className="data-table">
            <caption className="visually-hidden">Vitals in session {s.number}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Reading</th>
                <th scope="col">Blood pressure</th>
                <th scope="col">Pulse</th>
              </tr>
            </thead>
            <tbody>
              {s.vitals.map((v) => {
                const over = v.overLimit;
                return (
                  <tr key={`${v.takenAt}-${v.context}-${v.systolic}-${v.diastolic}`}>
                    <th scope="row" className="nowrap">
                      {formatDateTime(v.takenAt)}
                    </th>
                    <td>{CONTEXT_LABEL[v.context]}</td>
                    <td className="nowrap">
                      {v.systolic ?? '–'}/{v.diastolic ?? '–'} mmHg{' '}
                      {over ? (
                        <span className="badge badge--caution">
                          Outside the plan’s limits
                          {s.bloodPressureLimit
                            ? ` (hold at ${s.bloodPressureLimit.systolic}/${s.bloodPressureLimit.diastolic})`
                            : ''}
                        </span>
                      ) : null}
                    </td>
                    <td>{v.heartRate ?? '–'} bpm</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h3 className="session__heading">Check-in and side effects</h3>
      {s.checkIn ? (
        <>
          <p>
            Effect felt: <strong>{s.checkIn.effect}</strong> · Experience: {s.checkIn.experience} of 5 (
            {SCALE[s.checkIn.experience]}) · Mood: {s.checkIn.mood} of 5 ({MOOD[s.checkIn.mood]}) ·{' '}
            <span className="muted">{formatDateTime(s.checkIn.createdAt)}</span>
          </p>
          <ul className="inline-list side-effects" aria-label="Side effects">
            {sideEffectNames.map((name) => {
              const grade = s.checkIn?.sideEffects[name] ?? 'none';
              return (
                <li key={name} className={grade === 'none' ? 'muted' : undefined}>
                  <span className="side-effects__name">
                    {sideEffectLabels[name].charAt(0).toUpperCase() + sideEffectLabels[name].slice(1)}
                  </span>{' '}
                  <span className={SIDE_EFFECT_GRADE_TONE[grade]}>{grade}</span>
                </li>
              );
            })}
          </ul>
          {s.checkIn.note ? <p>“{s.checkIn.note}”</p> : null}
        </>
      ) : (
        <p className="muted">
          {s.checkInDueAt ? `Due by ${formatDateTime(s.checkInDueAt)}.` : 'After the dose.'}
        </p>
      )}

      <h3 className="session__heading">Timeline</h3>
      {s.events.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline">
          {s.events.map((event) => {
            const { title, detail } = describeSessionDayEvent(event);
            return (
              <li
                key={event.id}
                className={event.kind === 'help_requested' ? 'timeline__item--alarm' : undefined}
              >
                <time dateTime={event.occurredAt} className="timeline__time">
                  {formatDateTime(event.occurredAt)}
                </time>
                <span>
                  <strong>{title}</strong>
                  {detail ? `: ${detail}` : ''}
                  {event.actorName && !detail?.includes(event.actorName) ? (
                    <span className="muted"> · {event.actorName}</span>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function ScheduleForm({
  patientId,
  plan,
  onScheduled,
}: {
  patientId: string;
  plan: Plan;
  onScheduled: () => Promise<void>;
}) {
  const id = useId();
  const [when, setWhen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setDone(null);
    const at = new Date(when);
    if (!when || Number.isNaN(at.getTime())) {
      setError('Choose the date and time of the session.');
      focusField(id);
      return;
    }
    setError(null);
    setPending(true);
    try {
      const session = await careSessionsApi.schedule(patientId, at.toISOString());
      await onScheduled();
      setWhen('');
      setDone(`Session ${session.number} scheduled for ${formatDateTime(session.scheduledFor)}.`);
    } catch (caught) {
      setError(splitApiError(caught, ['scheduledFor'] as const).message);
      focusField(id);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="schedule-form" onSubmit={submit} noValidate>
      <TextField
        id={id}
        label={`Schedule the next session (${viewerTimeZone()})`}
        hint={`At least ${plan.minHoursBetweenSessions} hours from any other session; ${plan.sessionsPlanned} sessions in this plan.`}
        error={error}
        type="datetime-local"
        value={when}
        onChange={(event) => setWhen(event.target.value)}
      />
      <div className="form-actions">
        <SubmitButton pending={pending} pendingLabel="Scheduling…" quiet small>
          Schedule session
        </SubmitButton>
      </div>
      {done ? <Notice tone="ok" role="status" title={done} /> : null}
    </form>
  );
}
