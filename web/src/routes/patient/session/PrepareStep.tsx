import { type FormEvent, useEffect, useRef, useState } from 'react';
import { checklistItems } from '../../../../../clinical/readiness.ts';
import { isApiError } from '../../../api/client';
import { validationIssues } from '../../../api/intake';
import type { DosingSession, SessionChecklist } from '../../../api/sessions';
import { sessionsApi } from '../../../api/sessions';
import { errorMessage } from '../../../api/useApiData';
import { TextAreaField } from '../../../components/form/Field';
import { Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { formatClockTime } from '../../../session/time';
import {
  EMPTY_VITALS,
  focusFirstVitalsError,
  readVitals,
  type VitalsErrors,
  VitalsFields,
  type VitalsValues,
} from './vitals';

type ChecklistKey = keyof SessionChecklist;
const CHECKLIST_KEYS = Object.keys(checklistItems) as ChecklistKey[];
const NO_TICKS: SessionChecklist = {
  fasting: false,
  noAlcohol24h: false,
  privateQuietRoom: false,
  eyeMaskAndMusic: false,
  noDrivingUntilTomorrow: false,
};

interface Draft {
  checklist: SessionChecklist;
  vitals: VitalsValues;
  intention: string;
}

const draftKey = (sessionId: string) => `stillwater.sessionDraft.${sessionId}`;

/** What the patient typed so far, kept on the device so a reload or a lost connection loses nothing. */
function readDraft(session: DosingSession): Draft {
  const lastVitals = session.vitals.filter((v) => v.context === 'pre_dose').at(-1);
  const fromServer: Draft = {
    checklist: session.checklist ?? NO_TICKS,
    vitals: lastVitals
      ? {
          systolic: String(lastVitals.systolic ?? ''),
          diastolic: String(lastVitals.diastolic ?? ''),
          heartRate: String(lastVitals.heartRate ?? ''),
        }
      : EMPTY_VITALS,
    intention: session.intention ?? '',
  };
  try {
    const raw = window.localStorage.getItem(draftKey(session.id));
    if (!raw) return fromServer;
    const saved = JSON.parse(raw) as Partial<Draft>;
    return {
      checklist: { ...fromServer.checklist, ...saved.checklist },
      vitals: { ...fromServer.vitals, ...saved.vitals },
      intention: typeof saved.intention === 'string' ? saved.intention : fromServer.intention,
    };
  } catch {
    return fromServer;
  }
}

function writeDraft(sessionId: string, draft: Draft | null) {
  try {
    if (draft) window.localStorage.setItem(draftKey(sessionId), JSON.stringify(draft));
    else window.localStorage.removeItem(draftKey(sessionId));
  } catch {
    // Storage blocked: the answers stay on screen.
  }
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

interface PrepareStepProps {
  session: DosingSession;
  onSaved: (session: DosingSession) => void;
}

/** Step 1: the checklist, blood pressure and pulse from the home cuff, and an intention. */
export function PrepareStep({ session, onSaved }: PrepareStepProps) {
  const [draft, setDraft] = useState<Draft>(() => readDraft(session));
  const [errors, setErrors] = useState<VitalsErrors>({});
  const [problem, setProblem] = useState<{ title: string; body: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => writeDraft(session.id, draft), [session.id, draft]);

  const unticked = CHECKLIST_KEYS.filter((key) => !draft.checklist[key]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setProblem(null);
    const { vitals, errors: found } = readVitals(draft.vitals);
    setErrors(found);
    if (!vitals) {
      focusFirstVitalsError('prepare', found);
      return;
    }
    setSaving(true);
    try {
      const intention = draft.intention.trim();
      const saved = await sessionsApi.prepare(session.patientId, session.id, {
        checklist: draft.checklist,
        vitals,
        ...(intention ? { intention } : {}),
      });
      writeDraft(session.id, null);
      onSaved(saved);
    } catch (caught) {
      if (isApiError(caught, 'network_error')) {
        setProblem({
          title: 'Not saved yet: you seem to be offline',
          body: 'Your answers are kept on this phone. Try again when you are back online.',
        });
      } else if (isApiError(caught, 'retake_too_soon')) {
        // A reading above the limit is retaken once, after seated rest: not sooner.
        const opensAt = (caught.details as { opensAt?: string } | undefined)?.opensAt;
        setProblem({
          title: 'Please rest a little longer',
          body: `Sit quietly, feet flat, arm supported at heart level. You can measure again${
            opensAt ? ` at ${formatClockTime(opensAt)}` : ' in a few minutes'
          }. Your answers are still here.`,
        });
      } else if (isApiError(caught, 'invalid_request')) {
        const issues = validationIssues(caught.details);
        setProblem({
          title: 'Please check your answers',
          body: issues.length > 0 ? issues.map((issue) => issue.message).join(' ') : caught.message,
        });
      } else {
        setProblem({
          title: 'Your answers were not saved',
          body: `${errorMessage(caught)} They are still here.`,
        });
      }
      window.requestAnimationFrame(() => problemRef.current?.focus());
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="session-form" onSubmit={submit} noValidate aria-labelledby="session-step-title">
      <fieldset className="session-checklist">
        <legend className="session-checklist__legend">Before your dose, check each one</legend>
        <p className="field__hint">
          If you can't tick one, leave it: your session will wait and your nurse will be told, so you can talk
          it through.
        </p>
        {CHECKLIST_KEYS.map((key) => (
          <label key={key} className="checkbox session-checklist__item">
            <input
              type="checkbox"
              checked={draft.checklist[key]}
              onChange={(event) =>
                setDraft((current) => ({
                  ...current,
                  checklist: { ...current.checklist, [key]: event.target.checked },
                }))
              }
            />
            <span>{sentence(checklistItems[key])}</span>
          </label>
        ))}
      </fieldset>

      <fieldset className="session-fieldset">
        <legend className="session-fieldset__legend">Your blood pressure and pulse</legend>
        <p className="field__hint">
          Sit quietly for 5 minutes with your arm resting at heart height, then measure with your home cuff.
        </p>
        <VitalsFields
          idPrefix="prepare"
          values={draft.vitals}
          errors={errors}
          onChange={(vitals) => setDraft((current) => ({ ...current, vitals }))}
        />
      </fieldset>

      <TextAreaField
        label="Your intention for today (optional)"
        hint="A few words to come back to during the session, such as “to be gentle with myself”."
        value={draft.intention}
        maxLength={2000}
        rows={3}
        onChange={(event) => setDraft((current) => ({ ...current, intention: event.target.value }))}
      />

      {problem ? (
        <div ref={problemRef} tabIndex={-1}>
          <Notice tone="caution" role="alert" title={problem.title}>
            <p>{problem.body}</p>
          </Notice>
        </div>
      ) : null}

      {unticked.length > 0 && unticked.length < CHECKLIST_KEYS.length ? (
        <p className="muted">
          {unticked.length === 1 ? '1 item is' : `${unticked.length} items are`} not ticked yet. You can still
          save; the safety check will explain what it means.
        </p>
      ) : null}

      <SubmitButton pending={saving} pendingLabel="Saving…" session>
        Save and continue
      </SubmitButton>
    </form>
  );
}
