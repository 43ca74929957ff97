import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { type AdverseEvent, adverseEventsApi } from '../../../api/adverseEvents';
import type { CareSessionSummary } from '../../../api/board';
import type { Plan } from '../../../api/plans';
import { SelectField, TextAreaField, TextField } from '../../../components/form/Field';
import { FormActions } from '../../../components/form/FormActions';
import { FormProblem } from '../../../components/form/FormProblem';
import { focusField, splitApiError } from '../../../components/form/serverErrors';
import { Notice } from '../../../components/Notice';
import { GRADE_LABEL } from '../../../domain/labels';
import { formatDateTime } from '../../../lib/format';
import { useCanPrescribe } from './chartAccess';

/** Adverse events, unreviewed first; a clinician reviews each and may resume a plan paused for it. */
export function AdverseEventsSection({
  patientId,
  events,
  plan,
  sessions,
  onChanged,
}: {
  patientId: string;
  events: AdverseEvent[];
  plan: Plan | undefined;
  sessions: CareSessionSummary[];
  onChanged: () => Promise<void>;
}) {
  const [recording, setRecording] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const recordButton = useRef<HTMLButtonElement>(null);
  const sorted = [...events].sort(
    (a, b) => Number(a.reviewedAt !== null) - Number(b.reviewedAt !== null) || b.grade - a.grade,
  );
  const unreviewed = events.filter((event) => event.reviewedAt === null).length;

  return (
    <section className="treatment-section" aria-labelledby="adverse-title" id="adverse-events">
      <h2 id="adverse-title">Adverse events</h2>
      <p className="home-section__intro">
        {events.length === 0
          ? 'None recorded.'
          : `${events.length} recorded; ${unreviewed === 0 ? 'all reviewed' : `${unreviewed} waiting for your review`}. Grade 3 or more pauses the plan until a clinician reviews it.`}
      </p>
      {message ? <Notice tone="ok" role="status" title={message} /> : null}
      {sorted.length > 0 ? (
        <ul className="card-list ae-list">
          {sorted.map((event) => (
            <AdverseEventCard
              key={event.id}
              patientId={patientId}
              event={event}
              plan={plan}
              onReviewed={async (text) => {
                await onChanged();
                setMessage(text);
              }}
            />
          ))}
        </ul>
      ) : null}
      {recording ? (
        <RecordForm
          patientId={patientId}
          sessions={sessions}
          onCancel={() => {
            setRecording(false);
            window.requestAnimationFrame(() => recordButton.current?.focus());
          }}
          onRecorded={async (event) => {
            await onChanged();
            setRecording(false);
            setMessage(
              event.grade >= 3
                ? `Recorded ${GRADE_LABEL[event.grade]?.toLowerCase()}. The plan is paused and the care team alerted until it is reviewed.`
                : `Recorded ${GRADE_LABEL[event.grade]?.toLowerCase()}.`,
            );
          }}
        />
      ) : (
        <div className="form-actions">
          <button
            ref={recordButton}
            type="button"
            className="button button-quiet button-small"
            onClick={() => {
              setMessage(null);
              setRecording(true);
            }}
          >
            Record an adverse event
          </button>
        </div>
      )}
    </section>
  );
}

function AdverseEventCard({
  patientId,
  event,
  plan,
  onReviewed,
}: {
  patientId: string;
  event: AdverseEvent;
  plan: Plan | undefined;
  onReviewed: (message: string) => Promise<void>;
}) {
  const [reviewing, setReviewing] = useState(false);
  const canReview = useCanPrescribe();
  const waiting = event.reviewedAt === null;
  const tone = event.grade >= 3 ? (waiting ? 'badge--alarm' : 'badge--caution') : 'badge--muted';
  return (
    <li className={`edge-card ae-card${waiting && event.grade >= 3 ? ' ae-card--alarm' : ''}`}>
      <p className="ae-card__meta">
        <span className={`badge ${tone}`}>{GRADE_LABEL[event.grade] ?? `Grade ${event.grade}`}</span>
        <span className={`badge ${waiting ? 'badge--caution' : 'badge--ok'}`}>
          {waiting ? 'Waiting for review' : 'Reviewed'}
        </span>
        <span className="muted">
          {formatDateTime(event.occurredAt)} · reported by {event.reportedByName}
        </span>
      </p>
      <p>{event.description}</p>
      {waiting ? null : (
        <p className="muted">
          Reviewed by {event.reviewedByName} on {event.reviewedAt ? formatDateTime(event.reviewedAt) : ''}: “
          {event.reviewNote}”
        </p>
      )}
      {waiting && !reviewing && canReview ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => setReviewing(true)}
          >
            Review
            <span className="visually-hidden"> the {GRADE_LABEL[event.grade]?.toLowerCase()} event</span>
          </button>
        </div>
      ) : null}
      {waiting && reviewing ? (
        <ReviewForm
          patientId={patientId}
          event={event}
          planPaused={plan?.status === 'paused'}
          onCancel={() => setReviewing(false)}
          onReviewed={onReviewed}
        />
      ) : null}
    </li>
  );
}

function ReviewForm({
  patientId,
  event,
  planPaused,
  onCancel,
  onReviewed,
}: {
  patientId: string;
  event: AdverseEvent;
  planPaused: boolean;
  onCancel: () => void;
  onReviewed: (message: string) => Promise<void>;
}) {
  const id = useId();
  const [note, setNote] = useState('');
  const [resume, setResume] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => focusField(`${id}-note`), [id]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    if (!note.trim()) {
      setError('Say what you found and what happens next.');
      focusField(`${id}-note`);
      return;
    }
    setError(null);
    setPending(true);
    try {
      await adverseEventsApi.review(patientId, event.id, { note: note.trim(), resumePlan: resume });
      await onReviewed(resume ? 'Reviewed. The plan is active again.' : 'Reviewed.');
    } catch (caught) {
      setError(splitApiError(caught, ['note'] as const).message);
      focusField(`${id}-note`);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="ae-card__form" onSubmit={submit} noValidate>
      <TextAreaField
        id={`${id}-note`}
        label="Review note (required)"
        hint="What you found, what you did, and what happens next."
        error={error}
        rows={3}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {planPaused ? (
        <label className="checkbox">
          <input type="checkbox" checked={resume} onChange={(e) => setResume(e.target.checked)} />
          <span>Resume the plan: it is paused, and sessions can be dosed again once it is active</span>
        </label>
      ) : null}
      <FormActions
        label={resume ? 'Review and resume the plan' : 'Record the review'}
        pendingLabel="Saving…"
        pending={pending}
        onCancel={onCancel}
        small
      />
    </form>
  );
}

/** datetime-local wants the viewer's local time without a zone. */
function localDateTimeValue(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function RecordForm({
  patientId,
  sessions,
  onCancel,
  onRecorded,
}: {
  patientId: string;
  sessions: CareSessionSummary[];
  onCancel: () => void;
  onRecorded: (event: AdverseEvent) => Promise<void>;
}) {
  const id = useId();
  const [grade, setGrade] = useState('');
  const [description, setDescription] = useState('');
  const [occurredAt, setOccurredAt] = useState(localDateTimeValue());
  const [sessionId, setSessionId] = useState('');
  const [errors, setErrors] = useState<{ grade?: string; description?: string; occurredAt?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    const found: typeof errors = {};
    if (!grade) found.grade = 'Choose the grade.';
    if (description.trim().length < 3) found.description = 'Describe what happened.';
    const at = new Date(occurredAt);
    if (Number.isNaN(at.getTime())) found.occurredAt = 'Enter when it happened.';
    setErrors(found);
    setError(null);
    const first = (['grade', 'description', 'occurredAt'] as const).find((f) => found[f]);
    if (first) {
      focusField(`${id}-${first}`);
      return;
    }
    setPending(true);
    try {
      const event = await adverseEventsApi.report(patientId, {
        grade: Number(grade),
        description: description.trim(),
        occurredAt: at.toISOString(),
        ...(sessionId ? { sessionId } : {}),
      });
      await onRecorded(event);
    } catch (caught) {
      setError(splitApiError(caught, [] as const).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="panel plan-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Record an adverse event</h3>
      <FormProblem title="The event was not recorded" message={error} />
      <SelectField
        id={`${id}-grade`}
        label="Grade"
        hint="Grade 3 or more raises an urgent alert and pauses the plan until a clinician reviews it."
        error={errors.grade}
        value={grade}
        onChange={(e) => setGrade(e.target.value)}
      >
        <option value="">Choose a grade</option>
        {[1, 2, 3, 4, 5].map((g) => (
          <option key={g} value={g}>
            {GRADE_LABEL[g]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`${id}-description`}
        label="What happened"
        error={errors.description}
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <div className="field-row">
        <TextField
          id={`${id}-occurredAt`}
          label="When it happened"
          error={errors.occurredAt}
          type="datetime-local"
          value={occurredAt}
          onChange={(e) => setOccurredAt(e.target.value)}
        />
        <SelectField
          id={`${id}-session`}
          label="During session (optional)"
          value={sessionId}
          onChange={(e) => setSessionId(e.target.value)}
        >
          <option value="">Not during a session</option>
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              Session {s.number}, {formatDateTime(s.scheduledFor)}
            </option>
          ))}
        </SelectField>
      </div>
      <FormActions label="Record the event" pendingLabel="Recording…" pending={pending} onCancel={onCancel} />
    </form>
  );
}
