import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { nextSession, type SessionSummary, sessionsApi } from '../../../api/sessions';
import { useApiData } from '../../../app/useApiData';
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

/** The patient's next (or current) session on their home page, with its time, dose and a way in. */
export function NextSessionCard({ patientId }: { patientId: string }) {
  const sessions = useApiData(() => sessionsApi.list(patientId), [patientId]);
  const waiting = useWaitingEvents();

  if (sessions.status !== 'ready') return null;
  const next = nextSession(sessions.data.items);
  if (!next) return null;
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
