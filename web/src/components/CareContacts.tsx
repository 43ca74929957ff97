import { Link } from 'react-router';
import type { SafetyAlert } from '../api/alerts';
import './CareContacts.css';

export type PatientContacts = NonNullable<SafetyAlert['contacts']>;

export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

function Person({
  label,
  person,
}: {
  label: string;
  person: { name: string; relationship: string | null; phone: string | null } | null;
}) {
  return (
    <div className="care-contacts__row">
      <dt>{label}</dt>
      <dd>
        {person ? (
          <>
            {person.name}
            {person.relationship ? (
              <span className="muted"> ({person.relationship.toLowerCase()})</span>
            ) : null}
            {person.phone ? (
              <>
                {' '}
                <a className="care-contacts__tel" href={telHref(person.phone)}>
                  {person.phone}
                </a>
              </>
            ) : (
              <span className="muted">, no phone number given</span>
            )}
          </>
        ) : (
          <span className="muted">Not given</span>
        )}
      </dd>
    </div>
  );
}

/**
 * Everything one step from an alert or a board row: the numbers to call (as tel: links) and the
 * patient's chart. The server sends them only to people who may open the patient; for anyone
 * else the card says who has them.
 */
export function CareContacts({
  patientName,
  contacts,
  chartPath,
  stacked = false,
}: {
  patientName: string;
  contacts: PatientContacts | null;
  chartPath: string | null;
  /** Label above number, for a narrow table cell. */
  stacked?: boolean;
}) {
  if (!contacts) {
    return (
      <p className="care-contacts__none muted">
        Phone numbers and the chart are shown to {patientName}’s care team once someone is assigned.
      </p>
    );
  }
  return (
    <div className={stacked ? 'care-contacts care-contacts--stacked' : 'care-contacts'}>
      <dl className="care-contacts__list">
        <div className="care-contacts__row">
          <dt>Patient</dt>
          <dd>
            {contacts.patientPhone ? (
              <a className="care-contacts__tel" href={telHref(contacts.patientPhone)}>
                {contacts.patientPhone}
              </a>
            ) : (
              <span className="muted">No phone number given</span>
            )}
          </dd>
        </div>
        <Person label="Support person" person={contacts.supportPerson} />
        <Person label="Emergency contact" person={contacts.emergencyContact} />
      </dl>
      {chartPath ? (
        <p className="care-contacts__chart">
          <Link to={chartPath}>Open {patientName}’s chart</Link>
        </p>
      ) : null}
    </div>
  );
}
