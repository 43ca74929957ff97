import { type FormEvent, useState } from 'react';
import { plansApi } from '../../../api/plans';
import { type Protocol, protocolsApi } from '../../../api/protocols';
import { useApiData } from '../../../api/useApiData';
import { TextField } from '../../../components/form/Field';
import { FormActions } from '../../../components/form/FormActions';
import { FormProblem } from '../../../components/form/FormProblem';
import { parseNumber } from '../../../components/form/serverErrors';
import { type FieldErrors, useFormDraft } from '../../../components/form/useFormDraft';
import { Notice } from '../../../components/Notice';
import { mg } from '../../../domain/labels';
import { formatSetting } from '../../../domain/settings';
import { PLAN_PATH_ALIASES } from './PlanEditForm';
import { BloodPressureFields, DoseFields, PLAN_FIELDS, ScheduleFields } from './planFields';

const CREATE_FIELDS = ['protocolId', ...PLAN_FIELDS] as const;
type CreateField = (typeof CREATE_FIELDS)[number];

const fromProtocol = (protocol: Protocol): Record<CreateField, string> => ({
  protocolId: protocol.id,
  doseMg: String(protocol.startingDoseMg),
  maxDoseMg: String(protocol.maxDoseMg),
  bpSystolic: String(protocol.bloodPressureLimit.systolic),
  bpDiastolic: String(protocol.bloodPressureLimit.diastolic),
  bpLimitReason: '',
  sessionsPlanned: String(protocol.sessionsPlanned),
  startsOn: '',
  endsOn: '',
  notes: '',
});

/** Writes a new plan as a draft, from a protocol's defaults changed to fit this patient. */
export function PlanCreateForm({
  patientId,
  weightKg,
  onCreated,
}: {
  patientId: string;
  weightKg: number | null;
  onCreated: () => Promise<void>;
}) {
  const protocols = useApiData(() => protocolsApi.list(), []);
  if (protocols.status === 'loading') return <p className="muted">Loading the protocols…</p>;
  if (protocols.status === 'error') {
    return (
      <Notice tone="caution" role="alert" title="We could not load the protocols">
        <p>{protocols.error.message}</p>
      </Notice>
    );
  }
  const items = protocols.data.items;
  if (items.length === 0) {
    return <p>No protocol templates exist yet. An administrator adds them under Protocols.</p>;
  }
  return (
    <PlanFromProtocolForm patientId={patientId} weightKg={weightKg} protocols={items} onCreated={onCreated} />
  );
}

function PlanFromProtocolForm({
  patientId,
  weightKg,
  protocols,
  onCreated,
}: {
  patientId: string;
  weightKg: number | null;
  protocols: Protocol[];
  onCreated: () => Promise<void>;
}) {
  const form = useFormDraft({
    fields: CREATE_FIELDS,
    values: fromProtocol(protocols[0]!),
    aliases: PLAN_PATH_ALIASES,
  });
  const { formId, field, ids, draft } = form;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const protocol = protocols.find((p) => p.id === draft.protocolId) ?? protocols[0]!;
  const bpDiffers =
    draft.bpSystolic !== String(protocol.bloodPressureLimit.systolic) ||
    draft.bpDiastolic !== String(protocol.bloodPressureLimit.diastolic);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found: FieldErrors<CreateField> = {};
    const doseMg = parseNumber(draft.doseMg);
    const maxDoseMg = parseNumber(draft.maxDoseMg);
    const systolic = parseNumber(draft.bpSystolic);
    const diastolic = parseNumber(draft.bpDiastolic);
    const sessionsPlanned = parseNumber(draft.sessionsPlanned);
    if (doseMg === null || doseMg <= 0) found.doseMg = 'Enter the first dose in mg.';
    if (maxDoseMg === null || maxDoseMg <= 0) found.maxDoseMg = 'Enter the maximum dose in mg.';
    if (systolic === null) found.bpSystolic = 'Enter the systolic limit in mmHg.';
    if (diastolic === null) found.bpDiastolic = 'Enter the diastolic limit in mmHg.';
    if (bpDiffers && draft.bpLimitReason.trim().length < 3) {
      found.bpLimitReason = 'This limit differs from the protocol’s: say why, for this patient.';
    }
    if (sessionsPlanned === null || sessionsPlanned < 1)
      found.sessionsPlanned = 'Enter the number of sessions.';
    setError(null);
    if (form.showErrors(found)) return;
    setPending(true);
    try {
      await plansApi.create(patientId, {
        protocolId: draft.protocolId,
        doseMg: doseMg!,
        maxDoseMg: maxDoseMg!,
        bloodPressureLimit: { systolic: systolic!, diastolic: diastolic! },
        ...(bpDiffers ? { bpLimitReason: draft.bpLimitReason.trim() } : {}),
        sessionsPlanned: sessionsPlanned!,
        ...(draft.startsOn ? { startsOn: draft.startsOn } : {}),
        ...(draft.endsOn ? { endsOn: draft.endsOn } : {}),
        ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
      });
      await onCreated();
    } catch (caught) {
      setError(form.showServerError(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="panel plan-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>Write a plan</h3>
      <p className="muted">
        The plan starts as a draft with the protocol’s defaults; change what this patient needs. Nothing can
        be dosed until you activate it.
      </p>
      <FormProblem title="The plan was not written" message={error} />
      <div className="field">
        <label className="field__label" htmlFor={ids.protocolId}>
          Protocol
        </label>
        <select
          id={ids.protocolId}
          className="input input--select"
          value={draft.protocolId}
          onChange={(event) => {
            const next = protocols.find((p) => p.id === event.target.value);
            if (next) form.setDraft({ ...fromProtocol(next), notes: draft.notes });
          }}
        >
          {protocols.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} (version {p.version})
            </option>
          ))}
        </select>
      </div>
      <p className="field__hint">
        {formatSetting('route', protocol.route)} · {mg(protocol.startingDoseMg)} to start, steps of{' '}
        {mg(protocol.stepMg)}, {mg(protocol.minDoseMg)}–{mg(protocol.maxDoseMg)} · {protocol.sessionsPlanned}{' '}
        sessions at least {protocol.minHoursBetweenSessions} hours apart · hold at{' '}
        {formatSetting('bloodPressureLimit', protocol.bloodPressureLimit)} · one rested retake after{' '}
        {protocol.retakeAfterMinutes} minutes · dose window {protocol.doseWindowBeforeMinutes} minutes before
        to {protocol.doseWindowAfterMinutes} minutes after the scheduled time · check-in opens{' '}
        {protocol.observationMinutes} minutes after the dose
      </p>
      <DoseFields
        form={form}
        doseLabel="First dose"
        doseHint={`The protocol starts at ${mg(protocol.startingDoseMg)}; between ${mg(protocol.minDoseMg)} and the maximum.`}
        maxHint={`At most the protocol’s ${mg(protocol.maxDoseMg)}.`}
        route={protocol.route}
        weightKg={weightKg}
      />
      <BloodPressureFields
        form={form}
        reason={
          bpDiffers ? (
            <TextField {...field('bpLimitReason')} label="Why this patient’s limit differs (required)" />
          ) : null
        }
      />
      <ScheduleFields
        form={form}
        startsLabel="Starts on (optional)"
        endsLabel="Ends on (optional)"
        notesLabel="Notes for the patient (optional)"
      />
      <FormActions label="Write the plan as a draft" pendingLabel="Writing…" pending={pending} />
    </form>
  );
}
