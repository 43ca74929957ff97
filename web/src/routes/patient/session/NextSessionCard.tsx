import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { type ClinicProfile, loadClinic } from '../../../api/clinic';
import { nextSession, type SessionSummary, sessionsApi } from '../../../api/sessions';
import { useApiData } from '../../../api/useApiData';
import { sessionQueue } from '../../../session/sessionQueue';
import { formatAppointment, isSameLocalDay } from '../../../session/time';
import './NextSessionCard.css';

function headline(session: SessionSummary): { eyebrow: string; action: string } {
  if (session.status === 'dosed')
    return { eyebrow: 'Your session is under way', action: 'Return to your session' };
  if (isSameLocalDay(session.scheduledFor))
    return { eyebrow: 'Your session today', action: 'Start preparing' };
  return { eyebrow: 'Your next session', action: 'Open your session' };
}

/**
 * True when the plan's last session is done: the course is over, not merely between bookings.
 * A missed or cancelled last session does not end the course; the care team books another.
 */
export function courseFinished(
  sessions: readonly Pick<SessionSummary, 'number' | 'sessionsPlanned' | 'status'>[],
) {
  return sessions.some(
    (session) => session.status === 'completed' && session.number >= session.sessionsPlanned,
  );
}

/**
 * The patient's next (or current) session on their home page, with its time, dose and a way in.
 * In treatment (`inTreatment`), it is the patient's next step, so it never leaves an empty space:
 * after the last session of the course it says so, and between bookings it says who books the next.
 */
export function NextSessionCard({
  patientId,
  inTreatment = false,
}: {
  patientId: string;
  inTreatment?: boolean;
}) {
  const sessions = useApiData(() => sessionsApi.list(patientId), [patientId]);
  const waiting = useWaitingEvents();

  if (sessions.status !== 'ready') return null;
  const next = nextSession(sessions.data.items);
  if (!next) {
    if (!inTreatment) return null;
    return courseFinished(sessions.data.items) ? (
      <CourseFinishedCard sessionsPlanned={Math.max(...sessions.data.items.map((s) => s.sessionsPlanned))} />
    ) : (
      <NothingBookedCard />
    );
  }
  const { eyebrow, action } = headline(next);

  return (
    <section className="next-session" aria-labelledby="next-session-title">
      <p className="next-session__eyebrow">{eyebrow}</p>
      <h2 id="next-session-title" className="next-session__title">
        {formatAppointment(next.scheduledFor)}
      </h2>
      <dl className="next-session__facts">
        <div>
          <dt>Session</dt>
          <dd>
            {next.number} of {next.sessionsPlanned}
            {next.firstSession ? ' (your first: a nurse joins you live by video)' : ''}
          </dd>
        </div>
        <div>
          <dt>Dose</dt>
          <dd>{next.plannedDoseMg} mg, your plan's current approved dose</dd>
        </div>
      </dl>
      {next.status === 'held' ? (
        <p>This session is paused. Your nurse has been told and will contact you.</p>
      ) : null}
      {waiting > 0 ? (
        <p role="status">
          {waiting === 1 ? '1 update' : `${waiting} updates`} from your session {waiting === 1 ? 'is' : 'are'}{' '}
          waiting to send. They go by themselves when you're online.
        </p>
      ) : null}
      <p>
        <Link to={`/patient/sessions/${next.id}`} className="button button-primary next-session__action">
          {action}
        </Link>
      </p>
    </section>
  );
}

/** After the plan's last session: what happened, what comes next, and where to look back. */
function CourseFinishedCard({ sessionsPlanned }: { sessionsPlanned: number }) {
  const clinic = useClinicProfile();
  return (
    <section className="next-session" aria-labelledby="next-session-title">
      <p className="next-session__eyebrow">Your course</p>
      <h2 id="next-session-title" className="next-session__title">
        You have finished your course of sessions
      </h2>
      <p>
        {sessionsPlanned === 1
          ? 'The session in your plan is behind you.'
          : `All ${sessionsPlanned} sessions in your plan are behind you.`}{' '}
        No more sessions are booked. Your prescriber talks with you about what comes next: more sessions
        later, or stopping. The check-ins after your course appear on this page when they are due.
      </p>
      <p>
        If you have not heard from your care team about what comes next, <ClinicCall clinic={clinic} />.
      </p>
      <p>
        <Link to="/patient/progress" className="button button-primary next-session__action">
          See your progress
        </Link>
      </p>
    </section>
  );
}

/** In treatment, with no session booked right now (between bookings, or after a missed one). */
function NothingBookedCard() {
  const clinic = useClinicProfile();
  return (
    <section className="next-session" aria-labelledby="next-session-title">
      <p className="next-session__eyebrow">Your next session</p>
      <h2 id="next-session-title" className="next-session__title">
        No session is booked right now
      </h2>
      <p>
        Your care team books your sessions. When the next one is booked, it appears here with its time and
        dose. If you were expecting one, <ClinicCall clinic={clinic} />.
      </p>
    </section>
  );
}

function ClinicCall({ clinic }: { clinic: ClinicProfile | null }) {
  if (!clinic) return <>call your clinic</>;
  return (
    <>
      call {clinic.name} on <a href={`tel:${clinic.phone.replace(/[^\d+]/g, '')}`}>{clinic.phone}</a>
    </>
  );
}

function useClinicProfile(): ClinicProfile | null {
  const [clinic, setClinic] = useState<ClinicProfile | null>(null);
  useEffect(() => {
    let active = true;
    loadClinic()
      .then((profile) => {
        if (active) setClinic(profile);
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);
  return clinic;
}

/** Events left on this phone from a session (after a reload, say) are sent from here too. */
function useWaitingEvents(): number {
  const [count, setCount] = useState(() => sessionQueue.pending().length);
  useEffect(() => {
    const unsubscribe = sessionQueue.subscribe(() => setCount(sessionQueue.pending().length));
    const stop = sessionQueue.pending().length > 0 ? sessionQueue.start() : () => undefined;
    return () => {
      unsubscribe();
      stop();
    };
  }, []);
  return count;
}
