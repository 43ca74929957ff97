import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { IntakeAnswers } from '../../../../../server/modules/intake/schema.ts';
import { isApiError } from '../../../api/client';
import {
  type CrisisHelp as CrisisHelpData,
  type Intake,
  type IntakeSection,
  intakeApi,
  validationIssues,
} from '../../../api/intake';
import { patientsApi } from '../../../api/patients';
import { errorMessage, useApiData } from '../../../api/useApiData';
import { useMe } from '../../../auth/AuthProvider';
import { CrisisHelp } from '../../../components/CrisisHelp';
import { Notice } from '../../../components/Notice';
import { PageLoading } from '../../../components/RouteLoading';
import { formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { JourneyNextStep } from '../JourneySection';
import type { Bind } from './controls';
import { type FormErrors, type FormValues, friendlyServerMessage } from './formValues';
import { INTAKE_STEPS, type StepSpec, stepIndex } from './steps';
import './Intake.css';
import { ActionButton } from '../../../components/SubmitButton';

const INTAKE_PATH = '/patient/intake';
const REVIEW = 'review';
const EDITABLE = new Set<Intake['status']>(['draft', 'needs_info']);

const fieldId = (section: string, path: string) => `intake-${section}-${path.replace(/\./g, '-')}`;

/** Moves the cursor to the first answer that needs attention, in the order they appear. */
function focusFirstError(section: string, errors: FormErrors) {
  const elements = Object.keys(errors)
    .map((path) => document.getElementById(fieldId(section, path)))
    .filter((element): element is HTMLElement => element !== null)
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const first = elements[0];
  if (!first) return;
  const target =
    first.tagName === 'FIELDSET'
      ? (first.querySelector<HTMLInputElement>('input:checked') ??
        first.querySelector<HTMLInputElement>('input'))
      : first;
  target?.focus();
}

/** The intake at /patient/intake/:step: twelve steps, a check-and-submit page, then its status. */
export function IntakePage() {
  const me = useMe();
  const patientId = me.patientId ?? '';
  const loaded = useApiData(() => intakeApi.get(patientId), [patientId]);

  if (loaded.status === 'loading') {
    return <PageLoading>Loading your answers…</PageLoading>;
  }
  if (loaded.status === 'error') {
    return (
      <div className="container page">
        <h1>Your intake</h1>
        <Notice tone="caution" role="alert" title="We could not load your answers just now">
          <p>{loaded.error.message} Nothing you saved has been lost.</p>
          <p>
            <button type="button" className="button button-quiet button-small" onClick={loaded.reload}>
              Try again
            </button>
          </p>
        </Notice>
      </div>
    );
  }
  return <IntakeFlow key={loaded.data.id} patientId={patientId} initial={loaded.data} />;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'offline'; retry: () => void };

function IntakeFlow({ patientId, initial }: { patientId: string; initial: Intake }) {
  const { step } = useParams();
  const navigate = useNavigate();
  const [intake, setIntake] = useState(initial);
  const [drafts, setDrafts] = useState<Partial<Record<IntakeSection, FormValues>>>({});
  const [dirty, setDirty] = useState<ReadonlySet<IntakeSection>>(new Set());
  const [errors, setErrors] = useState<Partial<Record<IntakeSection, FormErrors>>>({});
  const [notice, setNotice] = useState<{ tone: 'caution' | 'info'; title: string; body: string } | null>(
    null,
  );
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [crisis, setCrisis] = useState<CrisisHelpData | null>(null);
  const crisisHeading = useRef<HTMLHeadingElement>(null);
  const saveRef = useRef<(spec: StepSpec, after: () => void) => Promise<void>>(async () => undefined);

  // Back online: the save that could not reach us goes again by itself.
  useEffect(() => {
    if (saveState.kind !== 'offline') return;
    const retry = saveState.retry;
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [saveState]);

  useEffect(() => {
    if (crisis) crisisHeading.current?.focus();
  }, [crisis]);

  const answers = intake.answers as IntakeAnswers;
  const valuesFor = useCallback(
    (spec: StepSpec) => drafts[spec.key] ?? spec.fromAnswers(answers[spec.key] as never),
    [drafts, answers],
  );

  if (!EDITABLE.has(intake.status)) return <IntakeStatusView intake={intake} patientId={patientId} />;

  if (!step) {
    const resume = INTAKE_STEPS.find((spec) => intake.missingSections.includes(spec.key));
    return <Navigate to={`${INTAKE_PATH}/${resume ? resume.key : REVIEW}`} replace />;
  }
  const index = stepIndex(step);
  if (step !== REVIEW && index < 0) return <Navigate to={INTAKE_PATH} replace />;

  async function save(spec: StepSpec, after: () => void): Promise<void> {
    const { answers: typed, errors: found } = spec.read(valuesFor(spec));
    setNotice(null);
    if (!typed) {
      setErrors((current) => ({ ...current, [spec.key]: found }));
      window.requestAnimationFrame(() => focusFirstError(spec.key, found));
      return;
    }
    setSaveState({ kind: 'saving' });
    try {
      const result = await intakeApi.saveSection(patientId, spec.key, typed as never, intake.version);
      setIntake(result.intake);
      setErrors((current) => ({ ...current, [spec.key]: {} }));
      setDirty((current) => {
        const next = new Set(current);
        next.delete(spec.key);
        return next;
      });
      setSaveState({ kind: 'saved', at: result.intake.updatedAt });
      if (result.crisis) {
        // Help comes before anything else: stay here, with the crisis resources first.
        setCrisis(result.crisis);
        crisisHeading.current?.focus();
        return;
      }
      after();
    } catch (caught) {
      // A retry uses the answers and version on screen at that moment, not those of this attempt.
      handleSaveError(caught, spec, () => void saveRef.current(spec, after));
    }
  }

  function handleSaveError(caught: unknown, spec: StepSpec, retry: () => void) {
    if (isApiError(caught, 'network_error')) {
      setSaveState({ kind: 'offline', retry });
      return;
    }
    setSaveState({ kind: 'idle' });
    if (isApiError(caught, 'invalid_request')) {
      const found: FormErrors = {};
      const unplaced: string[] = [];
      const issues = validationIssues(caught.details);
      for (const issue of issues.length > 0
        ? issues
        : [{ path: caught.message.split(':')[0] ?? '', message: caught.message }]) {
        const path = issue.path.replace(/^answers\.?/, '');
        const message = friendlyServerMessage(issue.message.replace(/^[\w.]+: /, ''));
        if (document.getElementById(fieldId(spec.key, path))) found[path] ??= message;
        else unplaced.push(message);
      }
      setErrors((current) => ({ ...current, [spec.key]: found }));
      if (unplaced.length > 0) {
        setNotice({ tone: 'caution', title: 'Please check this page', body: unplaced.join(' ') });
      }
      window.requestAnimationFrame(() => focusFirstError(spec.key, found));
      return;
    }
    if (isApiError(caught, 'conflict')) {
      void reloadAfterConflict();
      return;
    }
    setNotice({
      tone: 'caution',
      title: 'Your answers were not saved',
      body: `${errorMessage(caught)} Your answers are still here.`,
    });
  }

  saveRef.current = save;

  async function reloadAfterConflict() {
    try {
      const fresh = await intakeApi.get(patientId);
      setIntake(fresh);
      setNotice({
        tone: 'info',
        title: 'Your intake was changed in another window',
        body: 'We have loaded the latest version. Your answers on this page are still here: check them and save again.',
      });
    } catch (caught) {
      setNotice({ tone: 'caution', title: 'Your answers were not saved', body: errorMessage(caught) });
    }
  }

  const question = intake.status === 'needs_info' ? intake.clinicianQuestion : null;

  return (
    <div className="container page intake">
      {crisis ? (
        <CrisisHelp ref={crisisHeading} message={crisis.message} resources={crisis.resources} />
      ) : null}
      {question ? (
        <Notice tone="info" title="Your clinician has a question">
          <p className="intake-question">{question}</p>
          <p>Change any answers that need it, then submit again from the last page.</p>
        </Notice>
      ) : null}
      {step === REVIEW ? (
        <ReviewStep
          intake={intake}
          patientId={patientId}
          dirty={dirty}
          onSubmitted={(submitted) => {
            setIntake(submitted);
            navigate(INTAKE_PATH, { replace: true });
          }}
        />
      ) : (
        <StepPage
          key={step}
          spec={INTAKE_STEPS[index]!}
          index={index}
          values={valuesFor(INTAKE_STEPS[index]!)}
          errors={errors[INTAKE_STEPS[index]!.key] ?? {}}
          notice={notice}
          saveState={saveState}
          dirty={dirty.has(INTAKE_STEPS[index]!.key)}
          crisisShown={crisis !== null}
          onChange={(spec, change) => {
            setDrafts((current) => ({
              ...current,
              [spec.key]: change(current[spec.key] ?? valuesFor(spec)),
            }));
            setDirty((current) => new Set(current).add(spec.key));
            if (saveState.kind === 'saved') setSaveState({ kind: 'idle' });
          }}
          onSave={(spec) => {
            const next = INTAKE_STEPS[index + 1];
            void save(spec, () => {
              setCrisis(null);
              navigate(`${INTAKE_PATH}/${next ? next.key : REVIEW}`);
            });
          }}
          onContinueAfterCrisis={() => {
            const next = INTAKE_STEPS[index + 1];
            navigate(`${INTAKE_PATH}/${next ? next.key : REVIEW}`);
          }}
        />
      )}
    </div>
  );
}

function StepPage({
  spec,
  index,
  values,
  errors,
  notice,
  saveState,
  dirty,
  crisisShown,
  onChange,
  onSave,
  onContinueAfterCrisis,
}: {
  spec: StepSpec;
  index: number;
  values: FormValues;
  errors: FormErrors;
  notice: { tone: 'caution' | 'info'; title: string; body: string } | null;
  saveState: SaveState;
  dirty: boolean;
  crisisShown: boolean;
  onChange: (spec: StepSpec, change: (values: FormValues) => FormValues) => void;
  onSave: (spec: StepSpec) => void;
  onContinueAfterCrisis: () => void;
}) {
  useDocumentTitle(`${spec.title} · Intake step ${index + 1} of ${INTAKE_STEPS.length}`);
  const previous = INTAKE_STEPS[index - 1];
  const isLast = index === INTAKE_STEPS.length - 1;
  const progressId = `intake-progress-${spec.key}`;

  const bind: Bind = (path) => ({
    id: fieldId(spec.key, path),
    value: values[path] ?? '',
    error: errors[path],
    onChange: (value) => onChange(spec, (current) => ({ ...current, [path]: value })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (saveState.kind === 'saving') return;
    onSave(spec);
  }

  return (
    <>
      <div className="page__header intake-header">
        <p id={progressId} className="intake-progress__text">
          Step {index + 1} of {INTAKE_STEPS.length}
        </p>
        <progress
          className="progress-bar intake-progress__bar"
          max={INTAKE_STEPS.length}
          value={index + 1}
          aria-labelledby={progressId}
        />
        <h1>{spec.title}</h1>
        <p className="lead intake-intro">{spec.intro}</p>
      </div>

      {notice ? (
        <Notice tone={notice.tone} role="alert" title={notice.title}>
          <p>{notice.body}</p>
        </Notice>
      ) : null}

      <form className="intake-form" onSubmit={submit} noValidate>
        <spec.Form bind={bind} values={values} update={(change) => onChange(spec, change)} />
        <SaveStatus state={saveState} dirty={dirty} />
        <div className="form-actions intake-actions">
          {crisisShown ? (
            <button type="button" className="button button-primary" onClick={onContinueAfterCrisis}>
              {isLast ? 'Continue to check and submit' : 'Continue'}
            </button>
          ) : (
            <button
              type="submit"
              className="button button-primary"
              aria-disabled={saveState.kind === 'saving' || undefined}
            >
              {saveState.kind === 'saving'
                ? 'Saving…'
                : isLast
                  ? 'Save and check your answers'
                  : 'Save and continue'}
            </button>
          )}
          {previous ? (
            <Link className="button button-quiet" to={`${INTAKE_PATH}/${previous.key}`}>
              Back<span className="visually-hidden"> to {previous.title}</span>
            </Link>
          ) : null}
        </div>
        <p>
          <Link to={`${INTAKE_PATH}/${REVIEW}`}>See all steps</Link>
        </p>
      </form>
    </>
  );
}

/** "Saved", "Saving…", or the honest news that the connection dropped and nothing was lost. */
function SaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  return (
    <div className="intake-save-status" role="status">
      {state.kind === 'saving' ? <p>Saving…</p> : null}
      {state.kind === 'saved' && !dirty ? (
        <p className="intake-save-status__saved">
          <span aria-hidden="true">✓ </span>Saved
          <span className="muted"> · {formatDateTime(state.at)}</span>
        </p>
      ) : null}
      {state.kind === 'offline' ? (
        <Notice tone="caution" title="Not saved yet: you seem to be offline">
          <p>
            Your answers are still here on the screen. We will save them as soon as your connection is back,
            or you can try again now.
          </p>
          <p>
            <button type="button" className="button button-quiet button-small" onClick={state.retry}>
              Try saving again
            </button>
          </p>
        </Notice>
      ) : null}
    </div>
  );
}

function ReviewStep({
  intake,
  patientId,
  dirty,
  onSubmitted,
}: {
  intake: Intake;
  patientId: string;
  dirty: ReadonlySet<IntakeSection>;
  onSubmitted: (intake: Intake) => void;
}) {
  useDocumentTitle('Check and submit your intake');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ title: string; body: string; missing: string[] } | null>(null);
  const missing = new Set(intake.missingSections);
  const answers = intake.answers as IntakeAnswers;
  const item9 = (answers.baseline?.phq9[8] ?? 0) > 0;

  async function submit() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      onSubmitted(await intakeApi.submit(patientId, intake.version));
    } catch (caught) {
      if (isApiError(caught, 'unprocessable')) {
        const details = caught.details as { missingSections?: string[] } | undefined;
        setError({
          title: 'A few steps still need answers',
          body: caught.message,
          missing: details?.missingSections ?? [],
        });
      } else if (isApiError(caught, 'network_error')) {
        setError({
          title: 'Not submitted: you seem to be offline',
          body: 'Your saved answers are safe. Try again when your connection is back.',
          missing: [],
        });
      } else {
        setError({ title: 'Your intake was not submitted', body: errorMessage(caught), missing: [] });
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <div className="page__header intake-header">
        <p className="intake-progress__text">Last step</p>
        <h1>Check and submit</h1>
        <p className="lead intake-intro">
          When every step is saved, send your answers to a clinician licensed in your state. You can change
          any step until then.
        </p>
      </div>
      {error ? (
        <Notice tone="caution" role="alert" title={error.title}>
          <p>{error.missing.length > 0 ? 'Please finish these steps first:' : error.body}</p>
          {error.missing.length > 0 ? (
            <ul>
              {INTAKE_STEPS.filter((spec) => error.missing.includes(spec.key)).map((spec) => (
                <li key={spec.key}>
                  <Link to={`${INTAKE_PATH}/${spec.key}`}>{spec.title}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <ol className="intake-checklist">
        {INTAKE_STEPS.map((spec, index) => {
          const done = !missing.has(spec.key);
          return (
            <li
              key={spec.key}
              className={`intake-checklist__item${done ? ' intake-checklist__item--done' : ''}`}
            >
              <span className="intake-checklist__mark" aria-hidden="true">
                {done ? '✓' : index + 1}
              </span>
              <span className="intake-checklist__title">
                {spec.title}
                <span className="intake-checklist__status">
                  <span className="visually-hidden">: </span>
                  {dirty.has(spec.key) ? 'Changes not saved' : done ? 'Saved' : 'Not answered yet'}
                </span>
              </span>
              <Link className="button button-quiet button-small" to={`${INTAKE_PATH}/${spec.key}`}>
                {done ? 'Change' : 'Answer'}
                <span className="visually-hidden"> {spec.title}</span>
              </Link>
            </li>
          );
        })}
      </ol>
      {item9 ? (
        <Notice tone="info" title="Help is there whenever you need it">
          <p>
            You told us you have had thoughts of being better off dead or of hurting yourself. Your care team
            knows and will reach out. If you are in danger now, call 911. You can call or text{' '}
            <a href="tel:988">988</a> at any time.
          </p>
        </Notice>
      ) : null}
      <div className="form-actions">
        <ActionButton onClick={submit} pending={pending} pendingLabel="Submitting…">
          Submit for review
        </ActionButton>
      </div>
    </>
  );
}

/** After submitting: what happens now, in plain words, from the journey's next step. */
function IntakeStatusView({ intake, patientId }: { intake: Intake; patientId: string }) {
  const journey = useApiData(() => patientsApi.journey(patientId), [patientId, intake.status]);
  const title =
    intake.status === 'submitted'
      ? 'Thank you. Your answers are under review'
      : intake.status === 'approved'
        ? 'Your intake has been approved'
        : 'Your intake has been reviewed';
  useDocumentTitle(title);

  return (
    <div className="container page intake">
      <div className="page__header">
        <h1>{title}</h1>
        {intake.submittedAt ? <p className="muted">Sent {formatDateTime(intake.submittedAt)}.</p> : null}
      </div>
      {journey.status === 'ready' ? (
        <JourneyNextStep journey={journey.data} />
      ) : journey.status === 'error' ? (
        <Notice tone="caution" title="We could not load your next step just now">
          <p>{journey.error.message}</p>
        </Notice>
      ) : (
        <p className="muted">Loading what happens next…</p>
      )}
      {intake.status === 'submitted' ? (
        <section className="home-section" aria-labelledby="intake-next-title">
          <h2 id="intake-next-title">What happens next</h2>
          <ol className="intake-next-list">
            <li>A clinician licensed in your state reads your answers and any flags they raise.</li>
            <li>We contact you to book a short video visit, where you can ask anything.</li>
            <li>If they have a question first, you will see it here and can update your answers.</li>
          </ol>
        </section>
      ) : null}
      <p>
        <Link to="/patient">Back to your home</Link>
      </p>
    </div>
  );
}
