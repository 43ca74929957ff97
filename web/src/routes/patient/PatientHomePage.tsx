import { type CareTeamMember, careTeamApi } from '../../api/careTeam';
import { patientsApi } from '../../api/patients';
import { useApiData } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { ErrorNotice } from '../../components/Notice';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/HomePage.css';
import { EmptyState } from '../../components/EmptyState';
import { CheckInsDue, LatestScores } from './assessments/HomeCheckIns';
import { DeclinedMessage } from './DeclinedMessage';
import { JourneyNextStep, JourneySteps } from './JourneySection';
import { NextSessionCard } from './session/NextSessionCard';

const CARE_ROLE_LABEL: Record<CareTeamMember['role'], string> = {
  prescriber: 'Your prescriber',
  nurse: 'Your nurse',
  coach: 'Your integration coach',
};

// The prescriber first: the person who decides about treatment, then the nurse, then the coach.
const CARE_ROLE_ORDER: CareTeamMember['role'][] = ['prescriber', 'nurse', 'coach'];

export function PatientHomePage() {
  useDocumentTitle('Home');
  const me = useMe();
  const careTeam = useApiData(
    () => (me.patientId ? careTeamApi.list(me.patientId) : Promise.resolve({ items: [] })),
    [me.patientId],
  );
  const journey = useApiData(
    () => (me.patientId ? patientsApi.journey(me.patientId) : Promise.resolve(null)),
    [me.patientId],
  );
  const inTreatment = journey.status === 'ready' && journey.data?.next.action === 'sessions';

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Hello, {me.displayName}</h1>
        <p className="lead">This is your home in Stillwater.</p>
      </div>

      {/* In treatment, the next session is the next step: the card says what to do, or that the course is done. */}
      {me.patientId ? <NextSessionCard patientId={me.patientId} inTreatment={inTreatment} /> : null}
      {me.patientId ? (
        <CheckInsDue
          patientId={me.patientId}
          // The intake asks the baseline questions itself; until it is sent, they are not listed twice.
          intakeOpen={journey.status !== 'ready' || journey.data?.next.action === 'intake'}
        />
      ) : null}

      {journey.status === 'loading' ? <p className="muted">Loading your next step…</p> : null}
      <ErrorNotice
        error={journey.error?.message}
        title="We could not load your next step just now"
        onRetry={journey.reload}
      />
      {journey.status === 'ready' && journey.data && !inTreatment ? (
        <JourneyNextStep journey={journey.data}>
          {journey.data.declined && me.patientId ? <DeclinedMessage patientId={me.patientId} /> : null}
        </JourneyNextStep>
      ) : null}
      {me.patientId ? <LatestScores patientId={me.patientId} /> : null}
      {journey.status === 'ready' && journey.data ? <JourneySteps journey={journey.data} /> : null}

      <section className="home-section" aria-labelledby="care-team-title">
        <h2 id="care-team-title">Your care team</h2>
        {careTeam.status === 'loading' ? <p className="muted">Loading your care team…</p> : null}
        <ErrorNotice
          error={careTeam.error?.message}
          title="We could not load your care team just now"
          onRetry={careTeam.reload}
        />
        {careTeam.status === 'ready' && careTeam.data.items.length === 0 ? (
          <EmptyState title="No one is assigned yet">
            <p>Your clinic will introduce your prescriber, nurse and integration coach here.</p>
          </EmptyState>
        ) : null}
        {careTeam.status === 'ready' && careTeam.data.items.length > 0 ? (
          <ul className="home-cards">
            {[...careTeam.data.items]
              .sort((a, b) => CARE_ROLE_ORDER.indexOf(a.role) - CARE_ROLE_ORDER.indexOf(b.role))
              .map((member) => (
                <li key={member.userId} className="home-card">
                  <p className="home-card__meta">{CARE_ROLE_LABEL[member.role] ?? member.role}</p>
                  <h3 className="home-card__title">
                    {member.displayName}
                    {member.credentials ? `, ${member.credentials}` : ''}
                  </h3>
                  {member.title ? <p>{member.title}</p> : null}
                  {member.licences.some((licence) => licence.active) ? (
                    <p className="home-card__meta">
                      Licensed in{' '}
                      {member.licences
                        .filter((licence) => licence.active)
                        .map((licence) => licence.state)
                        .join(', ')}
                    </p>
                  ) : null}
                </li>
              ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
