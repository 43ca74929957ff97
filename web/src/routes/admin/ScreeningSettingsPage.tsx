import { type FormEvent, useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { type ScreeningThresholds, settingsApi } from '../../api/settings';
import { useApiData } from '../../api/useApiData';
import { TextField } from '../../components/form/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './Admin.css';
import { SubmitButton } from '../../components/SubmitButton';

type Key = keyof ScreeningThresholds;

/** Every threshold, what it does, and where its default comes from — in the words a medical director uses. */
const FIELDS: { key: Key; label: string; hint: string; unit: string; optional?: boolean }[] = [
  { key: 'minimumAgeYears', label: 'Minimum age', hint: 'Younger applicants are excluded.', unit: 'years' },
  {
    key: 'excludeSystolic',
    label: 'Exclude at systolic blood pressure',
    hint: 'At or above this (or the diastolic limit), blood pressure counts as uncontrolled.',
    unit: 'mmHg',
  },
  { key: 'excludeDiastolic', label: 'Exclude at diastolic blood pressure', hint: 'See above.', unit: 'mmHg' },
  {
    key: 'reviewSystolic',
    label: 'Clinician review from systolic',
    hint: 'From here up to the exclusion limit, a clinician reviews the reading.',
    unit: 'mmHg',
  },
  { key: 'reviewDiastolic', label: 'Clinician review from diastolic', hint: 'See above.', unit: 'mmHg' },
  {
    key: 'recentSuicideAttemptMonths',
    label: 'Recent suicide attempt window',
    hint: 'An attempt within this many months excludes; an older one is clinician review.',
    unit: 'months',
  },
  {
    key: 'auditCReview',
    label: 'Hazardous drinking (AUDIT-C) from',
    hint: 'Clinician review at or above this score.',
    unit: 'points',
  },
  {
    key: 'inclusionPhq9',
    label: 'Inclusion signal: PHQ-9 from',
    hint: 'Below both this and the GAD-7 signal, a clinician reviews whether treatment fits.',
    unit: 'points',
  },
  { key: 'inclusionGad7', label: 'Inclusion signal: GAD-7 from', hint: 'See above.', unit: 'points' },
  {
    key: 'bmiReviewBelow',
    label: 'Clinician review when BMI is below',
    hint: 'The clinical reference gives no default. Leave empty to switch this check off.',
    unit: 'kg/m²',
    optional: true,
  },
  {
    key: 'bmiReviewAbove',
    label: 'Clinician review when BMI is above',
    hint: 'Leave empty to switch this check off.',
    unit: 'kg/m²',
    optional: true,
  },
];

type Draft = Record<Key, string>;

const toDraft = (t: ScreeningThresholds): Draft =>
  Object.fromEntries(FIELDS.map((f) => [f.key, t[f.key] === null ? '' : String(t[f.key])])) as Draft;

function fromDraft(draft: Draft): ScreeningThresholds {
  const value = (key: Key) => (draft[key].trim() === '' ? null : Number(draft[key]));
  return Object.fromEntries(FIELDS.map((f) => [f.key, value(f.key)])) as ScreeningThresholds;
}

export function ScreeningSettingsPage() {
  useDocumentTitle('Screening rules');
  const settings = useApiData(() => settingsApi.screening(), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'caution'; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (settings.status === 'ready') setDraft(toDraft(settings.data.thresholds));
  }, [settings.status, settings.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft || settings.status !== 'ready' || pending) return;
    setPending(true);
    setErrors({});
    setMessage(null);
    try {
      await settingsApi.saveScreening(fromDraft(draft), settings.data.version);
      setMessage({
        tone: 'ok',
        text: 'Saved. New screenings use these thresholds; the change is in the audit trail.',
      });
      await settings.reload();
    } catch (caught) {
      if (isApiError(caught, 'precondition_failed')) {
        setMessage({
          tone: 'caution',
          text: 'Someone else changed these settings while you were editing. The current values are shown again; please check them and save once more.',
        });
        await settings.reload();
      } else if (isApiError(caught, 'invalid_request')) {
        const [path, ...rest] = caught.message.split(': ');
        setErrors({ [path as Key]: rest.join(': ') || caught.message });
      } else {
        setMessage({
          tone: 'caution',
          text: isApiError(caught) ? caught.message : 'We could not save the settings.',
        });
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Screening rules</h1>
        <p className="lead">
          The thresholds the screening engine uses for every new intake. Defaults come from the clinical
          reference; the software flags and explains, and a licensed clinician decides.
        </p>
      </div>
      {settings.status === 'loading' ? <p className="muted">Loading the settings…</p> : null}
      <ErrorNotice error={settings.error?.message} title="We could not load the settings" />
      {message ? (
        <Notice tone={message.tone} role={message.tone === 'ok' ? 'status' : 'alert'} title={message.text} />
      ) : null}
      {settings.status === 'ready' && draft ? (
        <form className="panel settings-form" onSubmit={save} noValidate>
          <p className="muted">
            Version {settings.data.version}
            {settings.data.updatedAt
              ? `, last changed ${formatDateTime(settings.data.updatedAt)}`
              : ' (reference defaults)'}
          </p>
          {FIELDS.map((field) => {
            const defaultValue = settings.data.defaults[field.key];
            return (
              <TextField
                key={field.key}
                label={`${field.label} (${field.unit})`}
                hint={`${field.hint} Default: ${defaultValue === null ? 'off' : defaultValue}.`}
                error={errors[field.key]}
                className="input--number"
                type="number"
                inputMode="decimal"
                step={field.optional ? '0.1' : '1'}
                required={!field.optional}
                value={draft[field.key]}
                onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
              />
            );
          })}
          <div className="form-actions">
            <SubmitButton pending={pending} pendingLabel="Saving…">
              Save thresholds
            </SubmitButton>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setDraft(toDraft(settings.data.defaults))}
            >
              Fill in the reference defaults
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
