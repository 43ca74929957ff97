import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { loadClinic } from '../../../api/clinic';
import { prescriptionsApi } from '../../../api/prescriptions';
import { useApiData } from '../../../api/useApiData';
import { PageLoadFailed, PageLoading } from '../../../components/RouteLoading';
import { mg } from '../../../domain/labels';
import { formatCalendarDate, formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import './Print.css';

const REFILLS_IN_WORDS = ['none', 'one', 'two', 'three', 'four', 'five'];

/**
 * A prescription as a pharmacist reads it, on screen and on paper: everything on one page, the
 * quantity and refills also in words (so a changed digit shows), the prescriber's DEA
 * registration and licence as they were at signing. Printing hides the app around it.
 */
export function PrescriptionPrintPage() {
  const { patientId = '', prescriptionId = '' } = useParams();
  const data = useApiData(
    () => Promise.all([prescriptionsApi.get(patientId, prescriptionId), loadClinic().catch(() => null)]),
    [patientId, prescriptionId],
  );
  const rx = data.status === 'ready' ? data.data[0] : undefined;
  useDocumentTitle(rx ? `Prescription for ${rx.patient.name}` : 'Prescription');
  const back = `/clinician/patients/${encodeURIComponent(patientId)}/treatment`;

  if (data.status === 'loading') {
    return <PageLoading>Loading the prescription…</PageLoading>;
  }
  if (data.status === 'error') {
    return (
      <PageLoadFailed
        heading="Prescription"
        title="We could not open this prescription"
        message={data.error.message}
        backTo={back}
        backLabel="Back to the treatment page"
      />
    );
  }

  const [prescription, clinic] = data.data;
  const p = prescription;
  return (
    <div className="container page rx-page">
      <div className="rx-page__actions no-print">
        <p>
          <Link to={back}>Back to {p.patient.name}’s treatment</Link>
        </p>
        <button type="button" className="button button-primary button-small" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <article className="rx" aria-labelledby="rx-title">
        <header className="rx__header">
          <div>
            <p className="rx__clinic">{clinic?.name ?? 'Stillwater clinic'}</p>
            {clinic ? (
              <p className="rx__small">
                {clinic.phone} · {clinic.email}
              </p>
            ) : null}
          </div>
          <div className="rx__date">
            <p className="rx__label">Date written</p>
            <p className="rx__value">{formatCalendarDate(p.writtenOn)}</p>
          </div>
        </header>

        <h1 id="rx-title" className="rx__title">
          Prescription <span className="rx__schedule">Schedule {p.schedule} controlled substance</span>
        </h1>
        {p.status === 'cancelled' ? (
          <p className="rx__cancelled">CANCELLED: this prescription must not be filled.</p>
        ) : null}

        <RxBlock id="rx-patient" label="Patient">
          <p className="rx__value">{p.patient.name}</p>
          <p className="rx__small">
            Date of birth {p.patient.dateOfBirth ? formatCalendarDate(p.patient.dateOfBirth) : 'not given'} ·
            Lives in {p.patient.stateOfResidence ?? 'an unknown state'}
          </p>
        </RxBlock>

        <RxBlock id="rx-medicine" label="Medicine" className="rx__block--drug">
          <dl className="rx__facts">
            <RxFact term="Drug">{p.drug}</RxFact>
            <RxFact term="Strength">{mg(p.strengthMg)} per lozenge</RxFact>
            <RxFact term="Form">{p.form}</RxFact>
            <RxFact term="Quantity">
              {p.quantity} ({p.quantityInWords}) lozenges
            </RxFact>
            <RxFact term="Directions">{p.directions}</RxFact>
            <RxFact term="Refills">
              {p.refills} ({REFILLS_IN_WORDS[p.refills] ?? p.refills})
            </RxFact>
          </dl>
        </RxBlock>

        <RxBlock id="rx-prescriber" label="Prescriber">
          <dl className="rx__facts">
            <RxFact term="Name">{p.prescriber.name}</RxFact>
            <RxFact term="DEA registration" valueClassName="mono">
              {p.prescriber.deaNumber}
            </RxFact>
            <RxFact term="Licence">
              {p.prescriber.licenceState} <span className="mono">{p.prescriber.licenceNumber}</span>
            </RxFact>
          </dl>
        </RxBlock>

        <RxBlock id="rx-pharmacy" label="Pharmacy">
          <p className="rx__value">{p.pharmacy.name}</p>
          <p>{p.pharmacy.address}</p>
          {p.pharmacy.phone ? <p>{p.pharmacy.phone}</p> : null}
        </RxBlock>

        <RxBlock id="rx-basis" label="Basis">
          <p>{p.basis}</p>
        </RxBlock>

        <footer className="rx__footer">
          <p>
            Electronically signed by {p.prescriber.name} on {formatDateTime(p.createdAt)}.
          </p>
          <p className="rx__small">
            Prescription <span className="mono">{p.id}</span>
          </p>
        </footer>
      </article>
    </div>
  );
}

/** One part of the prescription, named by its label (read out as the section's name). */
function RxBlock({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className ? `rx__block ${className}` : 'rx__block'} aria-labelledby={id}>
      <h2 id={id} className="rx__label">
        {label}
      </h2>
      {children}
    </section>
  );
}

/** One line of an .rx__facts list: what it is, then its value. */
function RxFact({
  term,
  valueClassName,
  children,
}: {
  term: string;
  valueClassName?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={valueClassName}>{children}</dd>
    </div>
  );
}
