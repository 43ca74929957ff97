import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Plan } from '../../../api/plans';
import {
  type MedicationCount,
  type MedicationCountEntry,
  type Prescription,
  prescriptionsApi,
} from '../../../api/prescriptions';
import { DataTable } from '../../../components/DataTable';
import { TextAreaField, TextField } from '../../../components/form/Field';
import { FormActions } from '../../../components/form/FormActions';
import { NumberField } from '../../../components/form/NumberField';
import { parseNumber } from '../../../components/form/serverErrors';
import { type FieldErrors, useFormDraft } from '../../../components/form/useFormDraft';
import { Notice } from '../../../components/Notice';
import { lozenges, mg } from '../../../domain/labels';
import { formatCalendarDate, formatDateTime, todayCalendarDate } from '../../../lib/format';
import { useCanPrescribe } from './chartAccess';

export const printPath = (patientId: string, prescriptionId: string) =>
  `/clinician/patients/${encodeURIComponent(patientId)}/prescriptions/${encodeURIComponent(prescriptionId)}/print`;

/** Prescriptions under the plan, the form that signs a new one, and the medication count. */
export function PrescriptionSection({
  patientId,
  patientState,
  plan,
  prescriptions,
  count,
  onChanged,
}: {
  patientId: string;
  patientState: string | null;
  plan: Plan | undefined;
  prescriptions: Prescription[];
  count: MedicationCount;
  onChanged: () => Promise<void>;
}) {
  const [writing, setWriting] = useState(false);
  const [signed, setSigned] = useState<Prescription | null>(null);
  const signedRef = useRef<HTMLDivElement>(null);
  const writeButton = useRef<HTMLButtonElement>(null);
  const canWrite = plan !== undefined && plan.status !== 'paused';
  const canPrescribe = useCanPrescribe();

  return (
    <section className="treatment-section" aria-labelledby="prescriptions-title" id="prescriptions">
      <h2 id="prescriptions-title">Prescriptions and medication count</h2>
      {signed ? (
        <div ref={signedRef} tabIndex={-1}>
          <Notice tone="ok" role="status" title="Prescription signed">
            <p>
              {signed.drug} {mg(signed.strengthMg)} × {signed.quantity}, written{' '}
              {formatCalendarDate(signed.writtenOn)}.{' '}
              <Link to={printPath(patientId, signed.id)}>Open the print view</Link>
            </p>
          </Notice>
        </div>
      ) : null}
      {prescriptions.length === 0 ? (
        <p className="muted">No prescriptions yet.</p>
      ) : (
        <DataTable
          captionId="prescriptions-caption"
          caption="Prescriptions, newest first"
          columns={['Written', 'Medicine', 'Quantity', 'Refills', 'Prescriber', 'Received', 'Print']}
        >
          {prescriptions.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="nowrap">
                {formatCalendarDate(item.writtenOn)}
                {item.status === 'cancelled' ? <span className="data-table__sub">Cancelled</span> : null}
              </th>
              <td>
                {item.drug} {mg(item.strengthMg)}
                <span className="data-table__sub">{item.form}</span>
              </td>
              <td className="nowrap">
                {item.quantity}
                <span className="data-table__sub">({item.quantityInWords})</span>
              </td>
              <td>{item.refills === 0 ? 'None' : item.refills}</td>
              <td>
                {item.prescriber.name}
                <span className="data-table__sub">
                  DEA {item.prescriber.deaNumber} · {item.prescriber.licenceState} licence{' '}
                  {item.prescriber.licenceNumber}
                </span>
              </td>
              <td>
                {item.receivedAt ? (
                  <>
                    {item.receivedQuantity} on {formatDateTime(item.receivedAt)}
                    {item.receivedQuantity !== null && item.receivedQuantity !== item.quantity ? (
                      <span className="badge badge--caution">Not the quantity written</span>
                    ) : null}
                  </>
                ) : (
                  <span className="muted">Not yet confirmed</span>
                )}
              </td>
              <td>
                <Link to={printPath(patientId, item.id)}>
                  Print view
                  <span className="visually-hidden">
                    {' '}
                    of the prescription written {formatCalendarDate(item.writtenOn)}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      {writing && plan ? (
        <PrescriptionForm
          patientId={patientId}
          patientState={patientState}
          plan={plan}
          last={prescriptions[0]}
          onCancel={() => {
            setWriting(false);
            window.requestAnimationFrame(() => writeButton.current?.focus());
          }}
          onSigned={async (prescription) => {
            await onChanged();
            setWriting(false);
            setSigned(prescription);
            window.requestAnimationFrame(() => signedRef.current?.focus());
          }}
        />
      ) : canPrescribe ? (
        <div className="form-actions">
          <button
            ref={writeButton}
            type="button"
            className="button button-primary button-small"
            aria-disabled={!canWrite || undefined}
            aria-describedby={canWrite ? undefined : 'prescription-why-not'}
            onClick={() => {
              if (!canWrite) return;
              setSigned(null);
              setWriting(true);
            }}
          >
            Write a prescription
          </button>
          {canWrite ? null : (
            <span id="prescription-why-not" className="muted">
              {plan ? 'The plan is paused: resume it before prescribing.' : 'Write the plan first.'}
            </span>
          )}
        </div>
      ) : null}

      <MedicationCountPanel count={count} />
    </section>
  );
}

const FIELDS = [
  'form',
  'strengthMg',
  'quantity',
  'directions',
  'refills',
  'pharmacyName',
  'pharmacyAddress',
  'pharmacyPhone',
  'basis',
  'writtenOn',
] as const;
type Field = (typeof FIELDS)[number];

function PrescriptionForm({
  patientId,
  patientState,
  plan,
  last,
  onCancel,
  onSigned,
}: {
  patientId: string;
  patientState: string | null;
  plan: Plan;
  last: Prescription | undefined;
  onCancel: () => void;
  onSigned: (prescription: Prescription) => Promise<void>;
}) {
  const strength = last?.strengthMg ?? 100;
  const perSession = plan.doseMg / strength;
  const form = useFormDraft({
    fields: FIELDS,
    values: {
      form: last?.form ?? 'sublingual lozenge (troche)',
      strengthMg: String(strength),
      quantity: String(Math.ceil(perSession * plan.sessionsPlanned)),
      directions: Number.isInteger(perSession)
        ? `Dissolve ${perSession} ${perSession === 1 ? 'lozenge' : 'lozenges'} (${mg(plan.doseMg)}) under the tongue at the start of each supervised session; do not swallow for 15 minutes.`
        : '',
      refills: '0',
      pharmacyName: last?.pharmacy.name ?? '',
      pharmacyAddress: last?.pharmacy.address ?? '',
      pharmacyPhone: last?.pharmacy.phone ?? '',
      basis: last?.basis ?? '',
      writtenOn: todayCalendarDate(),
    },
    aliases: {
      'pharmacy.name': 'pharmacyName',
      'pharmacy.address': 'pharmacyAddress',
      'pharmacy.phone': 'pharmacyPhone',
    },
  });
  const { formId, field, draft } = form;
  const [error, setError] = useState<{ title: string; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found: FieldErrors<Field> = {};
    const strengthMg = parseNumber(draft.strengthMg);
    const quantity = parseNumber(draft.quantity);
    const refills = parseNumber(draft.refills);
    if (draft.form.trim().length < 3)
      found.form = 'Name the dosage form, for example sublingual lozenge (troche).';
    if (strengthMg === null || strengthMg <= 0) found.strengthMg = 'Enter the strength of one lozenge in mg.';
    if (quantity === null || !Number.isInteger(quantity) || quantity < 1) {
      found.quantity = 'Enter the number of lozenges, a whole number.';
    }
    if (draft.directions.trim().length < 10) found.directions = 'Say how to take it.';
    if (refills === null || !Number.isInteger(refills) || refills < 0 || refills > 5) {
      found.refills = 'Enter 0 to 5 refills (none unless you write them).';
    }
    if (draft.pharmacyName.trim().length < 2) found.pharmacyName = 'Name the pharmacy.';
    if (draft.pharmacyAddress.trim().length < 5) found.pharmacyAddress = 'Give the pharmacy’s address.';
    if (draft.basis.trim().length < 10) found.basis = 'Say on what basis you prescribe.';
    setError(null);
    if (form.showErrors(found)) return;
    setPending(true);
    try {
      const prescription = await prescriptionsApi.create(patientId, {
        form: draft.form.trim(),
        strengthMg: strengthMg!,
        quantity: quantity!,
        directions: draft.directions.trim(),
        refills: refills!,
        pharmacy: {
          name: draft.pharmacyName.trim(),
          address: draft.pharmacyAddress.trim(),
          ...(draft.pharmacyPhone.trim() ? { phone: draft.pharmacyPhone.trim() } : {}),
        },
        basis: draft.basis.trim(),
        ...(draft.writtenOn ? { writtenOn: draft.writtenOn } : {}),
      });
      await onSigned(prescription);
    } catch (caught) {
      const text = form.showServerError(caught);
      if (text) setError({ title: 'The prescription was not signed', text });
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="panel plan-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>Write a prescription</h3>
      <p className="muted">
        Ketamine HCl is a Schedule III medicine. Signing checks your DEA registration and a licence in{' '}
        {patientState ?? 'the patient’s state'}, both unexpired on the date written. The plan’s dose is{' '}
        {mg(plan.doseMg)} for {plan.sessionsPlanned} sessions.
      </p>
      {error ? (
        <Notice tone="caution" role="alert" title={error.title}>
          <p>{error.text}</p>
        </Notice>
      ) : null}
      <div className="field-row">
        <TextField {...field('form')} label="Dosage form" />
        <NumberField {...field('strengthMg')} label="Strength per lozenge" unit="mg" decimal />
        <NumberField
          {...field('quantity')}
          label="Quantity"
          unit="lozenges"
          hint="Written out in words on the printed copy."
        />
        <NumberField
          {...field('refills')}
          label="Refills"
          hint="None unless you write them; at most 5."
          min={0}
          max={5}
        />
      </div>
      <TextAreaField {...field('directions')} label="Directions" rows={3} />
      <fieldset className="fieldset">
        <legend>Pharmacy</legend>
        <div className="field-row">
          <TextField {...field('pharmacyName')} label="Name" />
          <TextField {...field('pharmacyPhone')} label="Phone (optional)" type="tel" />
        </div>
        <TextField {...field('pharmacyAddress')} label="Address" />
      </fieldset>
      <TextField
        {...field('basis')}
        label="Basis for prescribing"
        hint="For example: Telemedicine (audio-video), DEA telemedicine flexibilities through 31 Dec 2026."
      />
      <TextField
        {...field('writtenOn')}
        label="Date written"
        hint="Today unless you are recording an earlier prescription."
        type="date"
        max={todayCalendarDate()}
      />
      <FormActions
        label="Sign the prescription"
        pendingLabel="Signing…"
        pending={pending}
        onCancel={onCancel}
      />
    </form>
  );
}

const ENTRY_LABEL: Record<MedicationCountEntry['kind'], string> = {
  received: 'Received from the pharmacy',
  dose: 'Dose taken',
  reported: 'Count reported',
  correction: 'Correction',
};

function MedicationCountPanel({ count }: { count: MedicationCount }) {
  const last = count.lastReported;
  return (
    <section className="count" aria-labelledby="count-title">
      <h3 id="count-title">Medication count</h3>
      <dl className="row-list fact-list fact-list--inline">
        <div>
          <dt>Expected on hand</dt>
          <dd>
            <strong>{lozenges(count.expected)}</strong>
          </dd>
        </div>
        <div>
          <dt>Last count by the patient</dt>
          <dd>
            {last ? (
              <>
                {lozenges(last.count)} on {formatDateTime(last.reportedAt)}{' '}
                {last.matches ? (
                  <span className="badge badge--ok">Adds up</span>
                ) : (
                  <span className="badge badge--caution">
                    Does not add up: {lozenges(last.expected)} expected
                  </span>
                )}
              </>
            ) : (
              <span className="muted">None reported yet</span>
            )}
          </dd>
        </div>
      </dl>
      {count.entries.length > 0 ? (
        <details className="disclosure">
          <summary>
            Count ledger ({count.entries.length} {count.entries.length === 1 ? 'entry' : 'entries'})
          </summary>
          <DataTable
            captionId="count-caption"
            caption="Every change to the count, newest first"
            columns={['When', 'What', 'Change', 'Expected after', 'By']}
          >
            {count.entries.map((entry) => (
              <tr key={entry.id}>
                <th scope="row" className="nowrap">
                  {formatDateTime(entry.createdAt)}
                </th>
                <td>
                  {ENTRY_LABEL[entry.kind]}
                  {entry.reportedCount !== null ? (
                    <span className="data-table__sub">Counted {lozenges(entry.reportedCount)}</span>
                  ) : null}
                  {entry.note ? <span className="data-table__sub">{entry.note}</span> : null}
                </td>
                <td className="nowrap">
                  {entry.change > 0
                    ? `+${entry.change}`
                    : entry.change === 0
                      ? '0'
                      : `−${Math.abs(entry.change)}`}
                </td>
                <td>{entry.expectedAfter}</td>
                <td>{entry.recordedByName ?? <span className="muted">Stillwater</span>}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      ) : null}
    </section>
  );
}
