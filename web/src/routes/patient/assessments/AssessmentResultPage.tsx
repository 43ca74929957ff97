import { Link, useLocation, useParams } from 'react-router';
import { instruments } from '../../../../../clinical/instruments';
import {
  type Assessment,
  type AssessmentResult,
  assessmentsApi,
  type CrisisResources,
  type InstrumentId,
  isInstrumentId,
  type PatientOutcome,
} from '../../../api/assessments';
import { useApiData } from '../../../api/useApiData';
import { useMe } from '../../../auth/AuthProvider';
import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { ErrorNotice } from '../../../components/Notice';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { assessmentHref, bandRange, checkInWhen, INSTRUMENT_TOPIC, openCheckIns } from './assessmentWords';
import './Assessment.css';

/** A PHQ-9 total at or above this raises a high-priority alert on the server (the severe band). */
const SEVERE_PHQ9 = 20;

interface ResultView {
  assessment: Assessment;
  outcome: PatientOutcome | null;
  crisis: CrisisResources | null;
}

/** The reply to the submit, carried in the navigation's state (it survives a reload of this page). */
function resultFromState(state: unknown, assessmentId: string | undefined): AssessmentResult | null {
  if (typeof state !== 'object' || state === null || !('result' in state)) return null;
  const result = (state as { result: AssessmentResult }).result;
  return result?.assessment?.id === assessmentId ? result : null;
}

/** /patient/assessments/:instrument/result/:assessmentId — the score, in plain and honest words. */
export function AssessmentResultPage() {
  const { instrument, assessmentId } = useParams();
  const location = useLocation();
  const me = useMe();
  const patientId = me.patientId ?? '';
  const fromSubmit = resultFromState(location.state, assessmentId);
  const instrumentId: InstrumentId = isInstrumentId(instrument) ? instrument : 'phq9';
  useDocumentTitle(`Your ${instruments[instrumentId].shortTitle} result`);

  // Opened from a link rather than straight after sending: read the score and outcome back.
  const loaded = useApiData<ResultView | null>(async () => {
    if (fromSubmit || !patientId) return null;
    const [list, outcomes] = await Promise.all([
      assessmentsApi.list(patientId, instrumentId),
      assessmentsApi.outcomes(patientId),
    ]);
    const assessment = list.items.find((a) => a.id === assessmentId);
    if (!assessment) return null;
    return {
      assessment,
      outcome: outcomes.items.find((o) => o.instrument === instrumentId) ?? null,
      crisis: null,
    };
  }, [patientId, instrumentId, assessmentId, Boolean(fromSubmit)]);
  const schedule = useApiData(
    () => (patientId ? assessmentsApi.schedule(patientId) : Promise.resolve({ items: [] })),
    [patientId],
  );

  const view: ResultView | null = fromSubmit
    ? { assessment: fromSubmit.assessment, outcome: fromSubmit.outcome, crisis: fromSubmit.crisis }
    : (loaded.data ?? null);

  if (!view) {
    return (
      <div className="container page assessment">
        <h1>Your {instruments[instrumentId].shortTitle} result</h1>
        {loaded.status === 'loading' ? <p className="muted">Loading your result…</p> : null}
        <ErrorNotice
          error={loaded.error?.message}
          title="We could not load your result just now"
          onRetry={loaded.reload}
        />
        {loaded.status === 'ready' ? (
          <p>
            We could not find this result. Your scores are all on{' '}
            <Link to="/patient/progress">your progress</Link>.
          </p>
        ) : null}
      </div>
    );
  }

  const { assessment, outcome } = view;
  const instrumentOfResult = assessment.instrument;
  const meta = instruments[instrumentOfResult];
  const nextCheckIn = schedule.data ? openCheckIns(schedule.data.items)[0] : undefined;

  return (
    <div className="container page assessment assessment-result">
      <div className="page__header">
        <p className="assessment__eyebrow">{INSTRUMENT_TOPIC[instrumentOfResult]} check-in · sent</p>
        <h1 className="assessment__title">Your {meta.shortTitle} result</h1>
      </div>

      {assessment.item9Positive ? <ResultCrisisHelp crisis={view.crisis} /> : null}

      <section className="soft-card assessment-result__score" aria-labelledby="result-score-title">
        <h2 id="result-score-title" className="visually-hidden">
          Your score
        </h2>
        <p className="assessment-result__number">
          <span className="assessment-result__total">{assessment.total}</span>
          <span className="assessment-result__of">out of {meta.maxTotal}</span>
        </p>
        <p className="assessment-result__band">
          This is in the <strong>{assessment.band}</strong> range (
          {bandRange(instrumentOfResult, assessment.total)}
          ).
        </p>
        {outcome ? <p className="assessment-result__summary">{outcome.summary}</p> : null}
      </section>

      <section className="assessment-result__next" aria-labelledby="result-next-title">
        <h2 id="result-next-title">What happens next</h2>
        {assessment.item9Positive ? (
          <p>
            Because of your answer about thoughts of being better off dead or of hurting yourself, someone
            from your care team will contact you soon to talk with you. If you have a session coming up, it
            waits until a clinician has spoken with you. That is routine care to keep you safe, not a penalty.
          </p>
        ) : instrumentOfResult === 'phq9' && assessment.total >= SEVERE_PHQ9 ? (
          <p>
            Because this score is in the severe range, your care team has been told and will be in touch with
            you.
          </p>
        ) : null}
        <p>
          Your care team sees every score. They look at it together with how your sessions are going, and talk
          it through with you. One score is never the whole picture: scores go up and down from week to week.
        </p>
        {nextCheckIn ? (
          <div className="checkin">
            <div className="checkin__text">
              <p className="checkin__name">Also due: your {instruments[nextCheckIn.instrument].shortTitle}</p>
              <p className="checkin__when">{checkInWhen(nextCheckIn)}</p>
            </div>
            <Link
              to={assessmentHref(nextCheckIn.instrument, nextCheckIn)}
              className="button button-primary checkin__start"
            >
              Start
              <span className="visually-hidden"> your {instruments[nextCheckIn.instrument].shortTitle}</span>
            </Link>
          </div>
        ) : null}
        <p className="assessment-result__links">
          <Link to="/patient/progress" className="button button-quiet">
            See your progress
          </Link>
          <Link to="/patient">Back to home</Link>
        </p>
      </section>

      <p className="assessment__footnotes">{meta.attribution}</p>
    </div>
  );
}

/**
 * Crisis help again at the top of the result: the server's words and numbers when it just
 * answered, the same standing resources (988, 911, the clinic) when the page was opened later.
 */
function ResultCrisisHelp({ crisis }: { crisis: CrisisResources | null }) {
  const standing = useStandingCrisisResources();
  return (
    <CrisisHelp
      message={
        crisis?.message ??
        'Thank you for telling us. If you might act on these thoughts, or you are in danger now, call 911. You can call or text 988 at any time. Your care team has been alerted and will reach out to you.'
      }
      resources={crisis ? crisis.resources : standing}
    />
  );
}
