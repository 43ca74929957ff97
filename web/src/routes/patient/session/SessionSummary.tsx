import { Link } from 'react-router';
import type { CheckInAnswers, DosingSession } from '../../../api/sessions';
import { Notice } from '../../../components/Notice';
import { formatClockTime } from '../../../session/time';
import { EFFECT_LABEL, EXPERIENCE_LABEL, GRADE_LABEL, MOOD_LABEL, SIDE_EFFECTS } from './CheckInForm';
import { ReadingsList } from './vitals';

const HOLD_WORDS: Record<string, string> = {
  blood_pressure_high: "blood pressure above your plan's limit",
  heart_rate_out_of_range: "heart rate outside your plan's range",
  outside_dose_window: 'outside the dose window',
  checklist_incomplete: 'the checklist was not complete',
  support_person_not_confirmed: 'your support person had not confirmed yet',
  vitals_missing: 'no blood pressure reading yet',
};

/** The day's hold, step by step, in the patient's words: held → retake → reviewed → cleared. */
export function holdHistory(session: DosingSession): { at: string; text: string }[] {
  const steps: { at: string; text: string }[] = [];
  let held = false;
  for (const event of session.events) {
    const d = event.details as Record<string, unknown>;
    if (event.kind === 'held') {
      const codes = Array.isArray(d.reasons) ? (d.reasons as unknown[]) : [];
      const words = codes
        .map((code) => (typeof code === 'string' ? HOLD_WORDS[code] : undefined))
        .filter((word): word is string => Boolean(word));
      const text = `Paused${words.length > 0 ? `: ${[...new Set(words)].join('; ')}` : ''}`;
      // A safety check run again on the same hold is not a new step.
      if (!held) steps.push({ at: event.occurredAt, text });
      held = true;
    } else if (event.kind === 'reading_taken' && d.retake === true) {
      const reading = `${String(d.systolic)}/${String(d.diastolic)}, pulse ${String(d.heartRate)}`;
      steps.push({
        at: event.occurredAt,
        text: `Rested retake: ${reading}${d.overLimit === true ? ', above your limit' : ', within your limits'}`,
      });
    } else if (event.kind === 'hold_lifted') {
      const by = typeof d.byName === 'string' ? d.byName : 'Your care team';
      steps.push({
        at: event.occurredAt,
        text: `Reviewed and lifted by ${by}${typeof d.reason === 'string' ? `: “${d.reason}”` : ''}`,
      });
    } else if (event.kind === 'cleared' && held) {
      steps.push({ at: event.occurredAt, text: 'Cleared by the safety check' });
      held = false;
    }
  }
  return steps;
}

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
  const history = holdHistory(session);

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

      <section className="soft-card" aria-labelledby="summary-answers-title">
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

      <section className="soft-card" aria-labelledby="summary-readings-title">
        <h2 id="summary-readings-title" className="in-session__card-title">
          Your readings today
        </h2>
        {session.vitals.length > 0 ? (
          <ReadingsList readings={session.vitals} limit={session.bloodPressureLimit} />
        ) : (
          <p>No readings were recorded.</p>
        )}
        {session.dosedAt && !session.recheckDone ? (
          <p>
            Your blood-pressure recheck after the dose was not recorded
            {session.recheckDueAt ? ` (it was due at ${formatClockTime(session.recheckDueAt)})` : ''}. Your
            care team has been told.
          </p>
        ) : session.recheckLate ? (
          <p>
            Your recheck was taken later than planned
            {session.recheckDueAt ? ` (it was due at ${formatClockTime(session.recheckDueAt)})` : ''}. That's
            all right; your care team can see it.
          </p>
        ) : null}
        {history.length > 0 ? (
          <>
            <h3 className="session-held__subtitle">The pause today</h3>
            <ol className="hold-history">
              {history.map((step) => (
                <li key={`${step.at}-${step.text}`}>
                  <time dateTime={step.at}>{formatClockTime(step.at)}</time> {step.text}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>

      <section className="soft-card" aria-labelledby="summary-next-title">
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
