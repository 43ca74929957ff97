import { Link } from 'react-router';
import type { Role } from '../../api/auth';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useMe } from '../../auth/AuthProvider';
import { ROLE_LABEL } from '../../auth/roles';
import { SafetyAlertsPanel } from '../../components/SafetyAlertsPanel';
import '../../components/HomePage.css';

type ClinicalRole = Extract<Role, 'clinician' | 'nurse' | 'coach'>;

const COMING: Record<ClinicalRole, { title: string; body: string }[]> = {
  clinician: [
    {
      title: 'Titration suggestions',
      body: 'After each session, a suggested next dose with its reasons, for you to accept or change.',
    },
    {
      title: 'Your patients',
      body: 'Plans, sessions, vitals, side effects and PHQ-9 and GAD-7 scores over time.',
    },
  ],
  nurse: [
    {
      title: 'First sessions to monitor',
      body: 'Upcoming first sessions you will join by video, with readiness checks as they come in.',
    },
    { title: 'Messages to triage', body: 'Patient and support-person messages, oldest first.' },
  ],
  coach: [
    { title: 'Your caseload', body: 'The patients you coach, with their next sessions and goals.' },
    { title: 'Shared journal entries', body: 'Entries patients choose to share with you, and only those.' },
    { title: 'Coaching notes', body: 'Notes from your coaching sessions, kept with each patient.' },
  ],
};

/** Home for clinicians, nurses and coaches: safety alerts first, then their work queues. */
export function StaffHomePage({ staffRole }: { staffRole: ClinicalRole }) {
  useDocumentTitle('Home');
  const me = useMe();

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Hello, {me.displayName}</h1>
        <p className="lead">{ROLE_LABEL[staffRole]} home</p>
      </div>
      <SafetyAlertsPanel canAct={staffRole !== 'coach'} />
      {staffRole === 'clinician' ? (
        <section className="home-section" aria-labelledby="work-title">
          <h2 id="work-title">Your work</h2>
          <ul className="home-cards">
            <li className="home-card home-card--link">
              <h3 className="home-card__title">
                <Link to="/clinician/reviews">Intake reviews</Link>
              </h3>
              <p>New intakes with their screening flags explained, waiting for a candidacy decision.</p>
            </li>
          </ul>
        </section>
      ) : null}
      <section className="home-section" aria-labelledby="queues-title">
        <h2 id="queues-title">Coming to this page</h2>
        <p className="home-section__intro">
          These queues are still being built and will appear here as they arrive.
        </p>
        <ul className="home-cards">
          {COMING[staffRole].map((item) => (
            <li key={item.title} className="home-card">
              <h3 className="home-card__title">{item.title}</h3>
              <p>{item.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
