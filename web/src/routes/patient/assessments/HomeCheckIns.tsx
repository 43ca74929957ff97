import { Link } from 'react-router';
import { instruments } from '../../../../../clinical/instruments';
import { assessmentsApi, type DueItem } from '../../../api/assessments';
import { useApiData } from '../../../api/useApiData';
import { ErrorNotice } from '../../../components/Notice';
import { formatDateTime, formatDueTime } from '../../../lib/format';
import {
  assessmentHref,
  bandOf,
  checkInWhen,
  INSTRUMENT_TOPIC,
  nextUpcomingCheckIn,
  openCheckIns,
  trendInWords,
} from './assessmentWords';
import './Assessment.css';

const dayOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function dueText(item: DueItem): string {
  if (item.context === 'baseline') return 'Due now: it gives you and your care team a starting point';
  if (item.status === 'overdue') return `You can still do it until ${formatDateTime(item.closesAt)}`;
  return `Due by ${formatDueTime(item.dueAt)}`;
}

/**
 * On the patient's home: questionnaires that are open now, most pressing first, each with a
 * Start button. Shows nothing when nothing is due (the latest scores say when the next one opens).
 */
export function CheckInsDue({ patientId, intakeOpen }: { patientId: string; intakeOpen: boolean }) {
  const schedule = useApiData(() => assessmentsApi.schedule(patientId), [patientId]);
  const open = schedule.data ? openCheckIns(schedule.data.items, { intakeOpen }) : [];

  if (schedule.status === 'error') {
    return (
      <ErrorNotice
        error={schedule.error.message}
        title="We could not load your check-ins just now"
        onRetry={schedule.reload}
      />
    );
  }
  if (open.length === 0) return null;
  return (
    <section className="home-section" aria-labelledby="checkins-title">
      <h2 id="checkins-title">Check-ins due</h2>
      <p className="home-section__intro">
        A few minutes each. They help you and your care team see how things are changing.
      </p>
      <ul className="checkins">
        {open.map((item) => (
          <li key={item.key} className="checkin">
            <div className="checkin__text">
              <p className="checkin__name">
                {instruments[item.instrument].shortTitle}{' '}
                <span className="checkin__topic">({INSTRUMENT_TOPIC[item.instrument].toLowerCase()})</span>
              </p>
              <p>{checkInWhen(item)}</p>
              <p className="checkin__when">{dueText(item)}</p>
            </div>
            <Link to={assessmentHref(item.instrument, item)} className="button button-primary checkin__start">
              Start<span className="visually-hidden"> the {item.label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The latest score of each questionnaire with its trend in words, and the way to the chart. */
export function LatestScores({ patientId }: { patientId: string }) {
  const outcomes = useApiData(() => assessmentsApi.outcomes(patientId), [patientId]);
  const schedule = useApiData(() => assessmentsApi.schedule(patientId), [patientId]);
  const scored = outcomes.data ? outcomes.data.items.filter((o) => o.latest) : [];
  const nothingOpen = schedule.data ? openCheckIns(schedule.data.items).length === 0 : false;
  const upcoming = schedule.data ? nextUpcomingCheckIn(schedule.data.items) : null;
  if (scored.length === 0) return null;
  return (
    <section className="home-section" aria-labelledby="latest-scores-title">
      <h2 id="latest-scores-title">Your latest scores</h2>
      <ul className="latest-scores">
        {scored.map((outcome) => {
          const latest = outcome.latest!;
          return (
            <li key={outcome.instrument} className="latest-score home-card">
              <p className="home-card__meta">
                {INSTRUMENT_TOPIC[outcome.instrument]} ({instruments[outcome.instrument].shortTitle})
              </p>
              <p className="latest-score__value">
                {latest.total} out of {instruments[outcome.instrument].maxTotal}, in the{' '}
                {bandOf(outcome.instrument, latest.total)} range
              </p>
              <p>{trendInWords(outcome)}</p>
              <p className="latest-score__trend">Taken {dayOnly.format(new Date(latest.takenAt))}</p>
            </li>
          );
        })}
      </ul>
      {nothingOpen ? (
        <p>
          No check-ins are due right now.
          {upcoming
            ? ` The next, your ${upcoming.label}, opens on ${dayOnly.format(new Date(upcoming.opensAt))}.`
            : ''}
        </p>
      ) : null}
      <p>
        <Link to="/patient/progress" className="button button-quiet">
          Your progress
        </Link>
      </p>
    </section>
  );
}
