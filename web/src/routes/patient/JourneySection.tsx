import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Journey, JourneyAction, JourneyStep } from '../../api/patients';
import './Journey.css';

/**
 * Where each next step is done in the app. Sessions and a clinician's message live on the home
 * page (the next-session card, the message itself); "none" is a step with nothing to do yet, and
 * its description says who acts next.
 */
export const JOURNEY_ACTION_LINK: Partial<Record<JourneyAction, { to: string; label: string }>> = {
  intake: { to: '/patient/intake', label: 'Go to your intake' },
  consent: { to: '/patient/consent', label: 'Read and sign your consent' },
  sessions: { to: '/patient', label: 'See your next session' },
  candidacy: { to: '/patient', label: "Read your clinician's message" },
};

const STATUS_TEXT: Record<JourneyStep['status'], string> = {
  done: 'Done',
  current: 'Now',
  upcoming: 'Later',
};

/** The next step, large and first: the one thing to do (or to know) now. */
export function JourneyNextStep({ journey, children }: { journey: Journey; children?: ReactNode }) {
  const { pathname } = useLocation();
  const target = JOURNEY_ACTION_LINK[journey.next.action];
  // On the page the step points to, the step is already here: no link to where the patient is.
  const link = target && target.to !== pathname.replace(/\/$/, '') ? target : undefined;
  return (
    <section className="journey-next" aria-labelledby="journey-next-title">
      <p className="journey-next__eyebrow">Your next step</p>
      <h2 id="journey-next-title" className="journey-next__title">
        {journey.next.title}
      </h2>
      <p className="journey-next__body">{journey.next.description}</p>
      {children}
      {link ? (
        <p>
          <Link to={link.to} className="button button-primary journey-next__action">
            {link.label}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** The whole path as a calm numbered list: what is done, where they are, what comes later. */
export function JourneySteps({ journey }: { journey: Journey }) {
  return (
    <section className="home-section" aria-labelledby="journey-steps-title">
      <h2 id="journey-steps-title">Your journey</h2>
      <ol className="journey-steps">
        {journey.steps.map((step, index) => (
          <li
            key={step.key}
            className={`journey-step journey-step--${step.status}`}
            aria-current={step.status === 'current' ? 'step' : undefined}
          >
            <span className="journey-step__marker" aria-hidden="true">
              {step.status === 'done' ? '✓' : index + 1}
            </span>
            <div className="journey-step__text">
              <p className="journey-step__title">
                {step.title}
                <span className="journey-step__status">
                  <span className="visually-hidden">: </span>
                  {STATUS_TEXT[step.status]}
                </span>
              </p>
              <p className="journey-step__description">{step.description}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
