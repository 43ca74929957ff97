import { Link } from 'react-router';
import type { CheckInAnswers, DosingSession } from '../../../api/sessions';
import { Notice } from '../../../components/Notice';
import { EFFECT_LABEL, EXPERIENCE_LABEL, GRADE_LABEL, MOOD_LABEL, SIDE_EFFECTS } from './CheckInForm';

interface SessionSummaryProps {
  session: DosingSession;
  /** The check-in as the server has it, or as it waits on this phone to be sent. */
  answers: CheckInAnswers;
  waitingToSend: boolean;
}

/** Thank you, what was recorded, and what happens next. */
export function SessionSummary({ session, answers, waitingToSend }: SessionSummaryProps) {
  const noticed = SIDE_EFFECTS.filter(({ key }) => answers.sideEffects[key] !== 'none');
  const severe = noticed.filter(({ key }) => answers.sideEffects[key] === 'severe');

  return (
    <div className="session-stack">
      {waitingToSend ? (
        <Notice tone="caution" role="status" title="Saved on this phone">
          <p>
            Your check-in will send by itself when you're back online. You don't need to keep this page open.
          </p>
        </Notice>
      ) : (
        <Notice tone="ok" role="status" title="Your check-in is with your care team">
          <p>Session {session.number} is complete.</p>
        </Notice>
      )}

      <section className="in-session__card" aria-labelledby="summary-answers-title">
        <h2 id="summary-answers-title" className="in-session__card-title">
          What you told us
        </h2>
        <dl className="summary-list">
          <div>
            <dt>Side effects</dt>
            <dd>
              {noticed.length === 0
                ? 'None'
                : noticed
                    .map(
                      ({ key, label }) => `${label}: ${GRADE_LABEL[answers.sideEffects[key]].toLowerCase()}`,
                    )
                    .join('; ')}
            </dd>
          </div>
          <div>
            <dt>Strength of the effect</dt>
            <dd>{EFFECT_LABEL[answers.effect]}</dd>
          </div>
          <div>
            <dt>The session overall</dt>
            <dd>{EXPERIENCE_LABEL[answers.experience] ?? answers.experience}</dd>
          </div>
          <div>
            <dt>Your mood now</dt>
            <dd>{MOOD_LABEL[answers.mood] ?? answers.mood}</dd>
          </div>
          {answers.note ? (
            <div>
              <dt>Your note</dt>
              <dd>{answers.note}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="in-session__card" aria-labelledby="summary-next-title">
        <h2 id="summary-next-title" className="in-session__card-title">
          What happens next
        </h2>
        {severe.length > 0 ? (
          <p>
            <strong>
              Your care team will see that you had severe{' '}
              {severe.map(({ label }) => label.toLowerCase()).join(' and ')} and will contact you.
            </strong>
          </p>
        ) : null}
        <ul className="session-list">
          <li>Rest for the rest of the day. Don't drive until tomorrow, after a night's sleep.</li>
          <li>
            Your clinician reviews how this session went and decides your next dose. You'll see it here once
            they approve it.
          </li>
          <li>If anything worries you later, call your clinic. In an emergency, call 911.</li>
        </ul>
      </section>

      <p>
        <Link to="/patient" className="button button-primary button-session">
          Back to your home page
        </Link>
      </p>
    </div>
  );
}
