import { Link } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
import { SafetyAlertsPanel } from '../../components/SafetyAlertsPanel';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/HomePage.css';

const AREAS = [
  {
    to: '/admin/staff',
    title: 'Staff',
    body: 'Invite people, keep licences and DEA registrations current, and disable accounts.',
  },
  {
    to: '/admin/protocols',
    title: 'Protocols',
    body: 'Treatment templates and their safety defaults: doses, limits and check-in times, versioned.',
  },
  {
    to: '/admin/audit',
    title: 'Audit trail',
    body: 'Every sign-in, read and change of health data, with a tamper check.',
  },
  {
    to: '/admin/break-glass',
    title: 'Break-glass reviews',
    body: 'Emergency access to a patient record, waiting for your review.',
  },
  {
    to: '/admin/outbox',
    title: 'Outbox',
    body: 'The emails Stillwater sends: invites, password resets and notices.',
  },
];

export function AdminHomePage() {
  useDocumentTitle('Administration');
  const me = useMe();

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Hello, {me.displayName}</h1>
        <p className="lead">Administration</p>
      </div>
      <SafetyAlertsPanel canAct={false} />
      <section className="home-section" aria-labelledby="admin-areas-title">
        <h2 id="admin-areas-title">Manage your clinic</h2>
        <ul className="home-cards">
          {AREAS.map((area) => (
            <li key={area.to} className="home-card home-card--link">
              <h3 className="home-card__title">
                <Link to={area.to}>{area.title}</Link>
              </h3>
              <p>{area.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
