import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { type TitrationSuggestion, titrationApi } from '../../../api/titration';
import { DataTable } from '../../../components/DataTable';
import { TextAreaField, TextField } from '../../../components/form/Field';
import { FormProblem } from '../../../components/form/FormProblem';
import { focusField, parseNumber, splitApiError } from '../../../components/form/serverErrors';
import { mg, TITRATION_ACTION_LABEL } from '../../../domain/labels';
import { formatDateTime } from '../../../lib/format';

export const treatmentPath = (patientId: string) =>
  `/clinician/patients/${encodeURIComponent(patientId)}/treatment`;

/**
 * One titration suggestion: why first (its reasons, the current and suggested dose, the plan's
 * range), then the decision — approve it, or set another dose with a note.
 */
export function TitrationCard({
  suggestion: s,
  showPatient,
  onDecided,
}: {
  suggestion: TitrationSuggestion;
  /** In the queue, the card names the patient and links to their treatment page. */
  showPatient: boolean;
  onDecided: (message: string) => Promise<void>;
}) {
  const id = useId();
  const [decision, setDecision] = useState<'approve' | 'change'>('approve');
  const [dose, setDose] = useState(String(s.suggestedDoseMg));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ dose?: string; note?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const pause = s.action === 'pause';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found: { dose?: string; note?: string } = {};
    const doseMg = parseNumber(dose);
    if (decision === 'change') {
      if (doseMg === null || doseMg < s.minDoseMg || doseMg > s.maxDoseMg) {
        found.dose = `Enter a dose from ${mg(s.minDoseMg)} to ${mg(s.maxDoseMg)} (the plan’s range).`;
      }
      if (!note.trim()) found.note = 'Say why you chose another dose.';
    }
    setErrors(found);
    setError(null);
    if (found.dose || found.note) {
      focusField(found.dose ? `${id}-dose` : `${id}-note`);
      return;
    }
    setPending(true);
    try {
      const decided = await titrationApi.decide(s.patientId, s.id, {
        decision,
        ...(decision === 'change' ? { doseMg: doseMg! } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      await onDecided(
        pause && decision === 'approve'
          ? `${s.patientName}: pause approved. The plan is paused.`
          : `${s.patientName}: next dose set to ${mg(decided.decidedDoseMg ?? doseMg ?? s.suggestedDoseMg)}.`,
      );
    } catch (caught) {
      const split = splitApiError(caught, ['doseMg', 'note'] as const);
      if (split.field === 'doseMg') setErrors({ dose: split.message });
      else if (split.field === 'note') setErrors({ note: split.message });
      else setError(split.message);
    } finally {
      setPending(false);
    }
  }

  const submitLabel =
    decision === 'change'
      ? `Set ${parseNumber(dose) !== null ? mg(parseNumber(dose)!) : 'this dose'}`
      : pause
        ? 'Approve the pause'
        : `Approve ${mg(s.suggestedDoseMg)}`;

  return (
    <li className="titration-card" aria-labelledby={`${id}-title`}>
      <div className="titration-card__head">
        <h3 id={`${id}-title`} className="titration-card__title">
          {showPatient ? (
            <>
              <Link to={treatmentPath(s.patientId)}>{s.patientName}</Link>
              <span className="visually-hidden">, </span>
              <span className="titration-card__sub">after session {s.sessionNumber}</span>
            </>
          ) : (
            `After session ${s.sessionNumber}`
          )}
        </h3>
        <span className="muted">Suggested {formatDateTime(s.createdAt)}</span>
      </div>
      <div className="titration-card__body">
        <section className="titration-card__why" aria-labelledby={`${id}-why`}>
          <h4 id={`${id}-why`}>Why</h4>
          <ul className="reason-list">
            {s.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <p className="dose-change">
            <span className="dose-change__label">{TITRATION_ACTION_LABEL[s.action]}:</span>{' '}
            <span className="dose-change__numbers">
              {mg(s.currentDoseMg)} <span aria-hidden="true">→</span>
              <span className="visually-hidden"> now, suggested next </span>{' '}
              <strong>{mg(s.suggestedDoseMg)}</strong>
            </span>
          </p>
          <p className="muted">
            The plan allows {mg(s.minDoseMg)} to {mg(s.maxDoseMg)}. The patient sees the next dose only once
            you decide.
          </p>
        </section>
        <form className="titration-card__decide" onSubmit={submit} noValidate>
          <FormProblem title="The decision was not recorded" message={error} />
          <fieldset className="fieldset">
            <legend>Your decision</legend>
            <label className="checkbox">
              <input
                type="radio"
                name={`${id}-decision`}
                checked={decision === 'approve'}
                onChange={() => setDecision('approve')}
              />
              <span>{pause ? 'Approve: pause the plan' : `Approve ${mg(s.suggestedDoseMg)}`}</span>
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name={`${id}-decision`}
                checked={decision === 'change'}
                onChange={() => {
                  setDecision('change');
                  focusField(`${id}-dose`);
                }}
              />
              <span>Choose another dose</span>
            </label>
          </fieldset>
          {decision === 'change' ? (
            <TextField
              id={`${id}-dose`}
              label="Next dose (mg)"
              hint={`From ${mg(s.minDoseMg)} to ${mg(s.maxDoseMg)}.`}
              error={errors.dose}
              className="input--number"
              type="number"
              inputMode="decimal"
              step="any"
              value={dose}
              onChange={(event) => setDose(event.target.value)}
            />
          ) : null}
          <TextAreaField
            id={`${id}-note`}
            label={decision === 'change' ? 'Why this dose (required)' : 'Note (optional)'}
            error={errors.note}
            rows={2}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary button-small"
              aria-disabled={pending || undefined}
            >
              {pending ? 'Recording…' : submitLabel}
              {showPatient ? <span className="visually-hidden"> for {s.patientName}</span> : null}
            </button>
          </div>
        </form>
      </div>
    </li>
  );
}

/** Decisions already taken, for the patient's treatment page. */
export function TitrationHistory({ items }: { items: TitrationSuggestion[] }) {
  if (items.length === 0) return null;
  return (
    <details className="disclosure">
      <summary>Decided suggestions ({items.length})</summary>
      <DataTable
        captionId="titration-history-caption"
        caption="Titration decisions, newest first"
        columns={['After session', 'Suggested', 'Decided', 'By']}
      >
        {items.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.sessionNumber}</th>
            <td>
              {TITRATION_ACTION_LABEL[s.action]}: {mg(s.currentDoseMg)} → {mg(s.suggestedDoseMg)}
            </td>
            <td>
              {s.status === 'approved' ? 'Approved' : 'Changed'}
              {s.decidedDoseMg !== null ? `: ${mg(s.decidedDoseMg)}` : ''}
              {s.note ? <span className="data-table__sub">“{s.note}”</span> : null}
            </td>
            <td>
              {s.decidedByName ?? ''}
              {s.decidedAt ? <span className="data-table__sub">{formatDateTime(s.decidedAt)}</span> : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </details>
  );
}
