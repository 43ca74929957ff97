import { Link, useParams } from 'react-router';
import { loadClinic } from '../../../api/clinic';
import { prescriptionsApi } from '../../../api/prescriptions';
import { useApiData } from '../../../api/useApiData';
import { Notice } from '../../../components/Notice';
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
    return (
      <div className="container page">
        <p className="muted" role="status">
          Loading the prescription…
        </p>
      </div>
    );
  }
  if (data.status === 'error') {
    return (
      <div className="container page">
        <h1>Prescription</h1>
        <Notice tone="caution" role="alert" title="We could not open this prescription">
          <p>{data.error.message}</p>
          <p>
            <Link to={back}>Back to the treatment page</Link>
          </p>
        </Notice>
      </div>
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

        <section className="rx__block" aria-labelledby="rx-patient">
          <h2 id="rx-patient" className="rx__label">
            Patient
          </h2>
          <p className="rx__value">{p.patient.name}</p>
          <p className="rx__small">
            Date of birth {p.patient.dateOfBirth ? formatCalendarDate(p.patient.dateOfBirth) : 'not given'} ·
            Lives in {p.patient.stateOfResidence ?? 'an unknown state'}
          </p>
        </section>

        <section className="rx__block rx__block--drug" aria-labelledby="rx-medicine">
          <h2 id="rx-medicine" className="rx__label">
            Medicine
          </h2>
          <dl className="rx__facts">
            <div>
              <dt>Drug</dt>
              <dd>{p.drug}</dd>
            </div>
            <div>
              <dt>Strength</dt>
              <dd>{mg(p.strengthMg)} per lozenge</dd>
            </div>
            <div>
              <dt>Form</dt>
              <dd>{p.form}</dd>
            </div>
            <div>
              <dt>Quantity</dt>
              <dd>
                {p.quantity} ({p.quantityInWords}) lozenges
              </dd>
            </div>
            <div>
              <dt>Directions</dt>
              <dd>{p.directions}</dd>
            </div>
            <div>
              <dt>Refills</dt>
              <dd>
                {p.refills} ({REFILLS_IN_WORDS[p.refills] ?? p.refills})
              </dd>
            </div>
          </dl>
        </section>

        <section className="rx__block" aria-labelledby="rx-prescriber">
          <h2 id="rx-prescriber" className="rx__label">
            Prescriber
          </h2>
          <dl className="rx__facts">
            <div>
              <dt>Name</dt>
              <dd>{p.prescriber.name}</dd>
            </div>
            <div>
              <dt>DEA registration</dt>
              <dd className="mono">{p.prescriber.deaNumber}</dd>
            </div>
            <div>
              <dt>Licence</dt>
              <dd>
                {p.prescriber.licenceState} <span className="mono">{p.prescriber.licenceNumber}</span>
              </dd>
            </div>
          </dl>
        </section>

        <section className="rx__block" aria-labelledby="rx-pharmacy">
          <h2 id="rx-pharmacy" className="rx__label">
            Pharmacy
          </h2>
          <p className="rx__value">{p.pharmacy.name}</p>
          <p>{p.pharmacy.address}</p>
          {p.pharmacy.phone ? <p>{p.pharmacy.phone}</p> : null}
        </section>

        <section className="rx__block" aria-labelledby="rx-basis">
          <h2 id="rx-basis" className="rx__label">
            Basis
          </h2>
          <p>{p.basis}</p>
        </section>

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
