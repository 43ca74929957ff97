import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { gad7, type Instrument, phq9 } from '../../../../clinical/instruments';
import type { IntakeAnswers } from '../../../../server/modules/intake/schema.ts';
import { type CandidacyDecision, candidacyApi, type DecisionKind } from '../../api/candidacy';
import { isApiError } from '../../api/client';
import { type Intake, type Interaction, intakeApi, type ScreeningFlag } from '../../api/intake';
import { patientsApi } from '../../api/patients';
import { errorMessage, useApiData } from '../../api/useApiData';
import { ChoiceField } from '../../components/form/ChoiceField';
import { TextAreaField } from '../../components/form/Field';
import { FormProblem } from '../../components/form/FormProblem';
import { Notice } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { describeAnswers } from './intakeAnswers';
import '../../components/DataTable.css';
import '../../components/HomePage.css';
import './Review.css';
import { DataTable } from '../../components/DataTable';
import { FormActions } from '../../components/form/FormActions';
import { PageLoadFailed, PageLoading } from '../../components/RouteLoading';

const MIN_JUSTIFICATION = 20;

const SEVERITY: Record<ScreeningFlag['severity'], { heading: string; badge: string; tone: string }> = {
  exclude: { heading: 'Exclusions', badge: 'Exclusion', tone: 'badge--alarm' },
  review: { heading: 'For your review', badge: 'Review', tone: 'badge--caution' },
  info: { heading: 'For information', badge: 'Information', tone: 'badge--muted' },
};

const STATUS_LABEL: Record<Intake['status'], string> = {
  draft: 'Draft, not submitted',
  submitted: 'Waiting for your decision',
  needs_info: 'Waiting for the patient’s answer',
  approved: 'Approved',
  declined: 'Declined',
};

const DECISION_LABEL: Record<CandidacyDecision['decision'], string> = {
  approved: 'Approved',
  declined: 'Declined',
  more_info: 'Asked the patient a question',
};

/** A clinician reviews a submitted intake: why (flags, interactions, scores) before what (the decision). */
export function ReviewPage() {
  const { patientId = '' } = useParams();
  const [justDecided, setJustDecided] = useState(false);
  const data = useApiData(
    () =>
      Promise.all([
        intakeApi.get(patientId),
        patientsApi.profile(patientId),
        candidacyApi.decisions(patientId),
      ]),
    [patientId],
  );
  const name = data.status === 'ready' ? `${data.data[1].givenName} ${data.data[1].familyName}` : undefined;
  useDocumentTitle(name ? `Review: ${name}` : 'Intake review');

  if (data.status === 'loading') {
    return <PageLoading>Loading the intake…</PageLoading>;
  }
  if (data.status === 'error') {
    return (
      <PageLoadFailed
        heading="Intake review"
        title="We could not open this intake"
        message={
          data.error.code === 'not_found'
            ? 'You are not on this patient’s care team yet. Start the review from the queue to open it.'
            : data.error.message
        }
        backTo="/clinician/reviews"
        backLabel="Back to intake reviews"
      />
    );
  }

  const [intake, profile, decisions] = data.data;
  const screening = intake.screening;
  const flags = screening?.flags ?? [];
  const exclusions = flags.filter((flag) => flag.severity === 'exclude');
  const interactions = screening?.interactions ?? [];

  return (
    <div className="container page review">
      <div className="page__header">
        <p>
          <Link to="/clinician/reviews">Intake reviews</Link>
          {intake.status === 'approved' ? (
            <>
              <span aria-hidden="true"> / </span>
              <Link to={`/clinician/patients/${encodeURIComponent(patientId)}/treatment`}>
                Treatment plan and sessions
              </Link>
            </>
          ) : null}
        </p>
        <h1>Review: {name}</h1>
        <p className="review__meta">
          <span className={`badge ${intake.status === 'submitted' ? 'badge--caution' : 'badge--muted'}`}>
            {STATUS_LABEL[intake.status]}
          </span>
          <span>Lives in {profile.stateOfResidence ?? 'an unknown state'}</span>
          {intake.submittedAt ? <span>Submitted {formatDateTime(intake.submittedAt)}</span> : null}
        </p>
      </div>

      <div className="review-layout">
        <div className="review-layout__why">
          <section className="home-section" aria-labelledby="review-flags-title">
            <h2 id="review-flags-title">Screening flags</h2>
            {!screening ? (
              <p className="muted">
                Screening runs when the patient submits. This intake has not been screened yet.
              </p>
            ) : flags.length === 0 ? (
              <p>No flags: nothing in the answers matched a screening rule.</p>
            ) : (
              <>
                <p className="home-section__intro">
                  {exclusions.length > 0
                    ? `${exclusions.length} ${exclusions.length === 1 ? 'exclusion' : 'exclusions'} first: approving over an exclusion needs a written justification.`
                    : 'No exclusions. Each flag shows its rule and where it comes from.'}
                </p>
                {(['exclude', 'review', 'info'] as const).map((severity) => {
                  const group = flags.filter((flag) => flag.severity === severity);
                  if (group.length === 0) return null;
                  return (
                    <div key={severity} className="flag-group">
                      <h3 className="flag-group__title">
                        {SEVERITY[severity].heading} ({group.length})
                      </h3>
                      <ul className="card-list">
                        {group.map((flag) => (
                          <FlagCard key={flag.ruleId} flag={flag} />
                        ))}
                      </ul>
                    </div>
                  );
                })}
              </>
            )}
          </section>

          <InteractionsSection interactions={interactions} screened={screening !== null} />
        </div>

        <div className="review-layout__decide">
          {intake.status === 'submitted' ? (
            <DecisionForm
              patientId={patientId}
              exclusions={exclusions}
              onDecided={async () => {
                setJustDecided(true);
                await data.reload();
              }}
            />
          ) : (
            <DecisionHistory decisions={decisions.items} status={intake.status} focusOnShow={justDecided} />
          )}
        </div>

        <div className="review-layout__more">
          {screening ? <ScoresSection scores={screening.scores} /> : null}
          <AnswersSection answers={intake.answers as IntakeAnswers} />
        </div>
      </div>
    </div>
  );
}

function FlagCard({ flag }: { flag: ScreeningFlag }) {
  return (
    <li className={`edge-card flag-card--${flag.severity}`}>
      <p className="flag-card__head">
        <span className={`badge ${SEVERITY[flag.severity].tone}`}>{SEVERITY[flag.severity].badge}</span>
        <strong className="flag-card__title">{flag.title}</strong>
      </p>
      <p>{flag.explanation}</p>
      <p className="flag-card__source">
        Source: {flag.source} · <span className="mono">{flag.ruleId}</span>
      </p>
    </li>
  );
}

const INTERACTION_STATUS: Record<Interaction['status'], string> = {
  interaction: 'Interaction',
  no_known_interaction: 'No known interaction',
  not_checked: 'Not checked',
};

function InteractionsSection({ interactions, screened }: { interactions: Interaction[]; screened: boolean }) {
  const notChecked = interactions.filter((item) => item.status === 'not_checked').length;
  return (
    <section className="home-section" aria-labelledby="review-interactions-title">
      <h2 id="review-interactions-title">Medication interactions</h2>
      {!screened ? null : interactions.length === 0 ? (
        <p>The patient listed no medicines or supplements.</p>
      ) : (
        <>
          {notChecked > 0 ? (
            <Notice tone="caution" title={`${notChecked} not checked`}>
              <p>
                Names not in Stillwater’s interaction knowledge base were not checked at all. “Not checked” is
                not “safe”: check them yourself before deciding.
              </p>
            </Notice>
          ) : null}
          <DataTable
            captionId="review-interactions-caption"
            caption="Each medicine the patient listed, checked against ketamine"
            columns={['As written', 'Result', 'Effect with ketamine', 'Source']}
          >
            {interactions.map((item) => (
              <tr key={item.input}>
                <th scope="row">
                  {item.input}
                  {item.matched && item.matched.toLowerCase() !== item.input.toLowerCase() ? (
                    <span className="data-table__sub">matched {item.matched}</span>
                  ) : null}
                </th>
                <td>
                  <span
                    className={`badge ${
                      item.status === 'interaction'
                        ? item.severity === 'major'
                          ? 'badge--caution'
                          : 'badge--muted'
                        : item.status === 'not_checked'
                          ? 'badge--caution'
                          : 'badge--ok'
                    }`}
                  >
                    {INTERACTION_STATUS[item.status]}
                    {item.severity ? `: ${item.severity}` : ''}
                  </span>
                </td>
                <td>
                  {item.status === 'not_checked'
                    ? 'Not in the knowledge base, so nothing is known here. Check it yourself.'
                    : (item.effect ?? 'None known.')}
                </td>
                <td>{item.source ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}

function bandRange(instrument: Instrument, label: string): string {
  const band = instrument.bands.find((candidate) => candidate.label === label);
  return band ? `${band.min}–${band.max}` : '';
}

function ScoresSection({ scores }: { scores: NonNullable<Intake['screening']>['scores'] }) {
  const rows = [
    { instrument: phq9, total: scores.phq9.total, band: scores.phq9.band },
    { instrument: gad7, total: scores.gad7.total, band: scores.gad7.band },
  ];
  return (
    <section className="home-section" aria-labelledby="review-scores-title">
      <h2 id="review-scores-title">Baseline scores</h2>
      {scores.phq9.item9Positive ? (
        <Notice tone="alarm" title="PHQ-9 item 9 positive">
          <p>
            The patient answered item 9 (thoughts of being better off dead or of self-harm) above 0. An urgent
            alert was raised; complete a suicide-risk assessment (for example the C-SSRS) before deciding.
          </p>
        </Notice>
      ) : null}
      <ul className="score-list">
        {rows.map(({ instrument, total, band }) => (
          <li key={instrument.id} className="score-card">
            <p className="score-card__name">{instrument.shortTitle}</p>
            <p className="score-card__total">
              {total}
              <span className="score-card__max"> of {instrument.maxTotal}</span>
            </p>
            <p>
              <strong>{band}</strong> <span className="muted">(band {bandRange(instrument, band)})</span>
            </p>
            <p className="score-card__bands">
              Bands: {instrument.bands.map((b) => `${b.min}–${b.max} ${b.label}`).join(' · ')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnswersSection({ answers }: { answers: IntakeAnswers }) {
  return (
    <section className="home-section" aria-labelledby="review-answers-title">
      <h2 id="review-answers-title">All answers</h2>
      <div className="answer-sections">
        {describeAnswers(answers).map((section) => (
          <div key={section.key} className="answer-section">
            <h3 className="answer-section__title">{section.title}</h3>
            {section.rows.length === 0 ? (
              <p className="muted">Not answered.</p>
            ) : (
              <dl className="row-list">
                {section.rows.map((row) => (
                  <div
                    key={row.label}
                    className={`answer-list__row${row.notable ? ' answer-list__row--notable' : ''}`}
                  >
                    <dt>{row.label}</dt>
                    <dd>{row.value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

function DecisionHistory({
  decisions,
  status,
  focusOnShow,
}: {
  decisions: CandidacyDecision[];
  status: Intake['status'];
  /** Right after deciding, the cursor moves to the record of the decision. */
  focusOnShow: boolean;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the history first appears.
  useEffect(() => {
    if (focusOnShow) headingRef.current?.focus();
  }, []);
  return (
    <section className="panel" aria-labelledby="review-decision-title">
      <h2 id="review-decision-title" ref={headingRef} tabIndex={-1}>
        Decision
      </h2>
      {status === 'needs_info' ? (
        <p>Waiting for the patient to answer your question and submit again.</p>
      ) : null}
      {decisions.length === 0 ? (
        <p className="muted">No decision yet.</p>
      ) : (
        <ul className="decision-history">
          {decisions.map((decision) => (
            <li key={decision.id}>
              <p>
                <strong>{DECISION_LABEL[decision.decision]}</strong> by {decision.clinicianName},{' '}
                {formatDateTime(decision.createdAt)}
              </p>
              {decision.messageToPatient ? <p>To the patient: “{decision.messageToPatient}”</p> : null}
              {decision.overrideJustification ? (
                <p>
                  Overrode {decision.overriddenRuleIds.join(', ')}: “{decision.overrideJustification}”
                </p>
              ) : null}
              {decision.clinicalNote ? <p className="muted">Clinical note: {decision.clinicalNote}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/clinician/reviews">Back to intake reviews</Link>
      </p>
    </section>
  );
}

type DecisionField = 'messageToPatient' | 'question' | 'overrideJustification' | 'decision';

function DecisionForm({
  patientId,
  exclusions,
  onDecided,
}: {
  patientId: string;
  exclusions: ScreeningFlag[];
  onDecided: () => Promise<void>;
}) {
  const [decision, setDecision] = useState<DecisionKind | ''>('');
  const [messageToPatient, setMessageToPatient] = useState('');
  const [clinicalNote, setClinicalNote] = useState('');
  const [question, setQuestion] = useState('');
  const [justification, setJustification] = useState('');
  const [errors, setErrors] = useState<Partial<Record<DecisionField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const focus = (field: DecisionField) =>
    window.requestAnimationFrame(() => {
      const element = document.getElementById(`decision-${field}`);
      (element?.tagName === 'FIELDSET' ? element.querySelector('input') : element)?.focus();
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found: Partial<Record<DecisionField, string>> = {};
    if (!decision) found.decision = 'Choose approve, ask a question, or decline.';
    if (decision === 'approve' && exclusions.length > 0 && justification.trim().length < MIN_JUSTIFICATION) {
      found.overrideJustification = `Approving over an exclusion needs a justification of at least ${MIN_JUSTIFICATION} characters.`;
    }
    if (decision === 'request_info' && !question.trim())
      found.question = 'Write the question the patient will see.';
    if (decision === 'decline' && !messageToPatient.trim()) {
      found.messageToPatient = 'Say kindly why, so the patient understands and knows where else to turn.';
    }
    setErrors(found);
    setError(null);
    const first = (['decision', 'overrideJustification', 'question', 'messageToPatient'] as const).find(
      (f) => found[f],
    );
    if (first || !decision) {
      if (first) focus(first);
      return;
    }
    setPending(true);
    try {
      await candidacyApi.decide(patientId, {
        decision,
        ...(clinicalNote.trim() ? { clinicalNote: clinicalNote.trim() } : {}),
        ...(decision !== 'request_info' && messageToPatient.trim()
          ? { messageToPatient: messageToPatient.trim() }
          : {}),
        ...(decision === 'request_info' ? { question: question.trim() } : {}),
        ...(decision === 'approve' && exclusions.length > 0
          ? { overrideJustification: justification.trim() }
          : {}),
      });
      await onDecided();
    } catch (caught) {
      if (isApiError(caught, 'unprocessable')) {
        setErrors({ overrideJustification: caught.message });
        focus('overrideJustification');
      } else if (isApiError(caught, 'invalid_request')) {
        const match = /^(messageToPatient|question|overrideJustification): (.+)$/.exec(caught.message);
        if (match) {
          const field = match[1] as DecisionField;
          const text = match[2]!;
          setErrors({ [field]: text.charAt(0).toUpperCase() + text.slice(1) });
          focus(field);
        } else setError(caught.message);
      } else setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  const submitLabel =
    decision === 'approve'
      ? exclusions.length > 0
        ? 'Approve over the exclusion'
        : 'Approve'
      : decision === 'decline'
        ? 'Decline'
        : decision === 'request_info'
          ? 'Send the question'
          : 'Record decision';

  return (
    <section className="panel" aria-labelledby="review-decision-title">
      <h2 id="review-decision-title">Your decision</h2>
      <p className="muted">
        Read the flags first. Your decision, your licence and the time are recorded in the audit trail.
      </p>
      <FormProblem title="The decision was not recorded" message={error} />
      <form className="form-stack" onSubmit={submit} noValidate>
        <ChoiceField
          id="decision-decision"
          legend="Decision"
          error={errors.decision}
          value={decision}
          onChange={(value) => setDecision(value as DecisionKind)}
          options={[
            { value: 'approve', label: 'Approve: a candidate for treatment' },
            { value: 'request_info', label: 'Ask the patient a question first' },
            { value: 'decline', label: 'Decline: not a candidate now' },
          ]}
        />
        {decision === 'approve' && exclusions.length > 0 ? (
          <TextAreaField
            id="decision-overrideJustification"
            label="Why approve despite the exclusion? (required)"
            hint={`At least ${MIN_JUSTIFICATION} characters. Overriding ${exclusions
              .map((flag) => flag.title)
              .join('; ')}. Recorded with your name and licence.`}
            error={errors.overrideJustification}
            value={justification}
            rows={4}
            onChange={(event) => setJustification(event.target.value)}
          />
        ) : null}
        {decision === 'request_info' ? (
          <TextAreaField
            id="decision-question"
            label="Your question for the patient"
            hint="They see it on their intake and can change their answers before submitting again."
            error={errors.question}
            value={question}
            rows={3}
            onChange={(event) => setQuestion(event.target.value)}
          />
        ) : null}
        {decision === 'approve' || decision === 'decline' ? (
          <TextAreaField
            id="decision-messageToPatient"
            label={
              decision === 'decline'
                ? 'Message to the patient (required)'
                : 'Message to the patient (optional)'
            }
            hint={
              decision === 'decline'
                ? 'Say kindly why, and where else they can turn. They read this themselves.'
                : 'A short note they will see with the next step.'
            }
            error={errors.messageToPatient}
            value={messageToPatient}
            rows={4}
            onChange={(event) => setMessageToPatient(event.target.value)}
          />
        ) : null}
        {decision ? (
          <TextAreaField
            id="decision-clinicalNote"
            label="Clinical note (optional, for the care team only)"
            value={clinicalNote}
            rows={3}
            onChange={(event) => setClinicalNote(event.target.value)}
          />
        ) : null}
        <FormActions label={submitLabel} pendingLabel="Recording…" pending={pending} />
      </form>
    </section>
  );
}
