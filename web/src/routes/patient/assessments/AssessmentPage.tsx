import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { frequencyOptions, instruments, phq9Difficulty } from '../../../../../clinical/instruments';
import {
  type AssessmentContext,
  assessmentsApi,
  type InstrumentId,
  isAssessmentContext,
  isInstrumentId,
  type Phq9DifficultyAnswer,
} from '../../../api/assessments';
import { errorMessage } from '../../../api/useApiData';
import { useMe } from '../../../auth/AuthProvider';
import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { ChoiceField } from '../../../components/form/ChoiceField';
import { Notice } from '../../../components/Notice';
import { OCCASION_LABEL } from '../../../components/scoreChartData';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import {
  type AssessmentDraft,
  draftKey,
  INSTRUMENT_TOPIC,
  item9Positive,
  newAssessmentKey,
  newDraft,
  readDraft,
  stepCount,
} from './assessmentWords';
import './Assessment.css';

const FREQUENCY_CHOICES = frequencyOptions.map((option) => ({
  value: String(option.value),
  label: option.display,
}));
const DIFFICULTY_CHOICES = phq9Difficulty.options.map((option) => ({ value: option, label: option }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /patient/assessments/:instrument — a PHQ-9 or GAD-7, one question at a time. */
export function AssessmentPage() {
  const { instrument } = useParams();
  const [search] = useSearchParams();
  const me = useMe();
  if (!isInstrumentId(instrument)) {
    return (
      <div className="container page">
        <h1>We could not find that questionnaire</h1>
        <p>
          <Link to="/patient">Back to your home page</Link>
        </p>
      </div>
    );
  }
  if (!me.patientId) {
    return (
      <div className="container page">
        <h1>Questionnaires are for patients</h1>
        <p>This account has no patient record, so there is nothing to fill in here.</p>
      </div>
    );
  }
  const contextParam = search.get('context');
  const sessionParam = search.get('sessionId');
  const context: AssessmentContext = isAssessmentContext(contextParam) ? contextParam : 'ad_hoc';
  const sessionId = sessionParam && UUID.test(sessionParam) ? sessionParam : null;
  return (
    <Questionnaire
      // A different questionnaire or check-in starts from its own saved answers.
      key={draftKey(me.patientId, instrument, context, sessionId)}
      patientId={me.patientId}
      instrumentId={instrument}
      context={context}
      sessionId={sessionId}
    />
  );
}

function loadDraft(key: string, instrumentId: InstrumentId): AssessmentDraft {
  let raw: string | null = null;
  try {
    raw = window.sessionStorage.getItem(key);
  } catch {
    // Storage can be switched off; the answers then live only as long as the page.
  }
  return readDraft(raw, instrumentId) ?? newDraft(instrumentId, newAssessmentKey);
}

function storeDraft(key: string, draft: AssessmentDraft | null) {
  try {
    if (draft) window.sessionStorage.setItem(key, JSON.stringify(draft));
    else window.sessionStorage.removeItem(key);
  } catch {
    // See loadDraft.
  }
}

function Questionnaire({
  patientId,
  instrumentId,
  context,
  sessionId,
}: {
  patientId: string;
  instrumentId: InstrumentId;
  context: AssessmentContext;
  sessionId: string | null;
}) {
  const instrument = instruments[instrumentId];
  useDocumentTitle(`${instrument.shortTitle} check-in`);
  const navigate = useNavigate();
  const storageKey = draftKey(patientId, instrumentId, context, sessionId);
  const [draft, setDraft] = useState<AssessmentDraft>(() => loadDraft(storageKey, instrumentId));
  const [error, setError] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const crisisRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);

  const total = stepCount(instrumentId);
  const itemCount = instrument.items.length;
  const { step, answers } = draft;
  const onDifficulty = step >= itemCount;
  const item = instrument.items[step];
  const questionId = `assessment-question-${step}`;
  const value = onDifficulty ? (draft.difficulty ?? '') : answers[step] === null ? '' : String(answers[step]);
  const showItem9Help = instrumentId === 'phq9' && step === 8 && item9Positive(instrumentId, answers);
  const item9Earlier = instrumentId === 'phq9' && step > 8 && item9Positive(instrumentId, answers);

  // Every change is kept on this device at once, so a reload or a dropped connection loses nothing.
  useEffect(() => storeDraft(storageKey, draft), [storageKey, draft]);

  // A new question: move focus to it, so a screen reader reads the question and its choices.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the question changes.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById(questionId)?.focus();
  }, [step]);

  // Crisis help appears the moment item 9 is answered above 0: bring it into view.
  useEffect(() => {
    if (!showItem9Help) return;
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    crisisRef.current?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  }, [showItem9Help]);

  const choose = (chosen: string) => {
    setError(null);
    setDraft((current) =>
      current.step >= itemCount
        ? { ...current, difficulty: chosen }
        : {
            ...current,
            answers: current.answers.map((answer, index) =>
              index === current.step ? Number(chosen) : answer,
            ),
          },
    );
  };

  const goTo = (next: number) => {
    setError(null);
    setSendError(null);
    setDraft((current) => ({ ...current, step: Math.min(Math.max(0, next), total - 1) }));
  };

  const submit = async () => {
    const missing = answers.indexOf(null);
    if (missing >= 0) {
      goTo(missing);
      setError('Please choose an answer to this question first.');
      return;
    }
    setSending(true);
    setSendError(null);
    try {
      const result = await assessmentsApi.submit(patientId, {
        instrument: instrumentId,
        answers: answers as number[],
        ...(instrumentId === 'phq9' && draft.difficulty
          ? { difficulty: draft.difficulty as Phq9DifficultyAnswer }
          : {}),
        context,
        ...(sessionId ? { sessionId } : {}),
        idempotencyKey: draft.idempotencyKey,
      });
      storeDraft(storageKey, null);
      navigate(`/patient/assessments/${instrumentId}/result/${result.assessment.id}`, {
        replace: true,
        state: { result },
      });
    } catch (caught) {
      setSending(false);
      setSendError(errorMessage(caught));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    if (value === '') {
      setError('Please choose an answer to go on.');
      document.getElementById(questionId)?.focus();
      return;
    }
    if (step < total - 1) goTo(step + 1);
    else void submit();
  };

  // Enter on a chosen answer means "Next", as it would in a text field.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'radio') {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const last = step === total - 1;
  const occasion = context === 'ad_hoc' ? null : OCCASION_LABEL[context];

  return (
    <div className="container page assessment">
      <div className="page__header assessment__header">
        <p className="assessment__eyebrow">
          {INSTRUMENT_TOPIC[instrumentId]} check-in{occasion ? ` · ${occasion.toLowerCase()}` : ''}
        </p>
        <h1 className="assessment__title">Your {instrument.shortTitle}</h1>
        <p id="assessment-progress" className="assessment__progress-text">
          Question {step + 1} of {total}
        </p>
        <progress
          className="progress-bar assessment__progress"
          max={total}
          value={step + 1}
          aria-labelledby="assessment-progress"
        />
      </div>

      <form ref={formRef} className="assessment__form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <div className="assessment__question">
          <ChoiceField
            key={questionId}
            id={questionId}
            legend={
              onDifficulty ? (
                <span className="assessment__item">{phq9Difficulty.text}</span>
              ) : (
                <>
                  <span className="assessment__stem">{instrument.stem}</span>
                  <span className="assessment__item">{item?.text}</span>
                </>
              )
            }
            options={onDifficulty ? DIFFICULTY_CHOICES : FREQUENCY_CHOICES}
            value={value}
            onChange={choose}
            error={error}
          />
        </div>

        <div ref={crisisRef} aria-live="assertive" className="assessment__crisis">
          {showItem9Help ? <Item9CrisisHelp /> : null}
        </div>
        {item9Earlier ? (
          <Notice tone="info" title="Help is here whenever you need it">
            <p>
              Call or text 988 at any time, or call 911 in an emergency. The links are at the top of every
              page. Your care team will be told when you finish, and will reach out.
            </p>
          </Notice>
        ) : null}

        {sendError ? (
          <Notice tone="caution" role="alert" title="Your answers were not sent yet">
            <p>{sendError}</p>
            <p>They are still saved on this device. Please try again when you are ready.</p>
          </Notice>
        ) : null}

        <div className="assessment__actions">
          {step > 0 ? (
            <button
              type="button"
              className="button button-quiet assessment__back"
              onClick={() => goTo(step - 1)}
              disabled={sending}
            >
              Back
            </button>
          ) : (
            <Link to="/patient" className="button button-quiet assessment__back">
              Not now
            </Link>
          )}
          <button
            type="submit"
            className="button button-primary assessment__next"
            aria-disabled={sending ? 'true' : undefined}
          >
            {last ? (sending ? 'Sending…' : 'Send my answers') : 'Next'}
          </button>
        </div>
      </form>

      <div className="assessment__footnotes">
        <p>Your answers are kept on this device as you go, until you send them.</p>
        <p className="assessment__attribution">{instrument.attribution}</p>
      </div>
    </div>
  );
}

/** Shown the moment item 9 is answered above 0, before anything is sent. */
function Item9CrisisHelp() {
  const resources = useStandingCrisisResources();
  return (
    <div className="assessment__crisis-inner">
      <CrisisHelp
        title="Please reach out if you need to"
        message="Thank you for telling us. If you might act on these thoughts, or you are in danger now, call 911. You can call or text 988 at any time, day or night, to talk with someone."
        resources={resources}
      />
      <p className="assessment__crisis-next">
        Your care team will be told when you finish, and will reach out to you. You can carry on with the
        questions when you are ready.
      </p>
    </div>
  );
}
