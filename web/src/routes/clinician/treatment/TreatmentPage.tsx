import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { weightKgFrom } from '../../../../../clinical/dosing';
import { adverseEventsApi } from '../../../api/adverseEvents';
import { alertsApi } from '../../../api/alerts';
import { careSessionsApi } from '../../../api/board';
import { intakeApi } from '../../../api/intake';
import { patientsApi } from '../../../api/patients';
import { plansApi } from '../../../api/plans';
import { prescriptionsApi } from '../../../api/prescriptions';
import { titrationApi } from '../../../api/titration';
import { errorMessage, useApiData } from '../../../api/useApiData';
import { Notice } from '../../../components/Notice';
import { PageLoadFailed, PageLoading } from '../../../components/RouteLoading';
import { JOURNEY_STAGE_LABEL } from '../../../domain/labels';
import { formatCalendarDate, formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { AdverseEventsSection } from './AdverseEventsSection';
import { useCanPrescribe, useChartHome } from './chartAccess';
import { PlanSection } from './PlanSection';
import { PrescriptionSection } from './PrescriptionSection';
import { ProgressSection } from './ProgressSection';
import { SessionsSection } from './SessionsSection';
import { TitrationCard, TitrationHistory } from './TitrationCard';
import '../../../components/DataTable.css';
import '../../../components/HomePage.css';
import './Treatment.css';

/** The weight the patient gave at intake, in kg (for a plan not written yet); null when unknown. */
async function intakeWeightKg(patientId: string): Promise<number | null> {
  try {
    const intake = await intakeApi.get(patientId);
    const weight = (intake.answers as { body?: { weight?: { value: number; unit: 'kg' | 'lb' } } }).body
      ?.weight;
    return weight ? weightKgFrom(weight.value, weight.unit) : null;
  } catch {
    return null;
  }
}

/** One part of the chart: loaded, or why not (so one failure never hides the rest). */
type Part<T> = { ok: true; value: T } | { ok: false; message: string };
const part = <T,>(promise: Promise<T>): Promise<Part<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, message: errorMessage(error) }),
  );

async function loadTreatment(patientId: string) {
  const [profile, plans, prescriptions, sessions, adverse, titration, alerts, intakeWeight] =
    await Promise.all([
      patientsApi.profile(patientId),
      plansApi.list(patientId),
      part(Promise.all([prescriptionsApi.list(patientId), prescriptionsApi.medicationCount(patientId)])),
      part(careSessionsApi.list(patientId)),
      part(adverseEventsApi.list(patientId)),
      part(titrationApi.forPatient(patientId)),
      part(alertsApi.listForPatient(patientId)),
      intakeWeightKg(patientId),
    ]);
  return { profile, plans: plans.items, prescriptions, sessions, adverse, titration, alerts, intakeWeight };
}

function PartFailed({ id, title, message }: { id: string; title: string; message: string }) {
  return (
    <section className="treatment-section" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <Notice tone="caution" title={`We could not load ${title.toLowerCase()}`}>
        <p>{message} Reload the page to try again.</p>
      </Notice>
    </section>
  );
}

/**
 * A patient's treatment, for their prescriber: what needs a decision first, then the plan with
 * its dosing, titration, prescriptions and the medication count, sessions with their timelines,
 * and adverse events.
 */
export function TreatmentPage() {
  const { patientId = '' } = useParams();
  const data = useApiData(() => loadTreatment(patientId), [patientId]);
  const [decided, setDecided] = useState<string | null>(null);
  // Nurses on the care team read the same chart (at /nurse/patients/:id/chart), without prescribing.
  const canPrescribe = useCanPrescribe();
  const home = useChartHome();
  const name =
    data.status === 'ready' ? `${data.data.profile.givenName} ${data.data.profile.familyName}` : undefined;
  useDocumentTitle(name ? `Treatment: ${name}` : 'Treatment');

  if (data.status === 'loading') {
    return <PageLoading>Loading the treatment record…</PageLoading>;
  }
  if (data.status === 'error') {
    return (
      <PageLoadFailed
        heading="Treatment"
        title="We could not open this treatment record"
        message={
          data.error.code === 'not_found'
            ? 'This patient is not on your caseload, or does not exist.'
            : data.error.message
        }
        backTo={home.path}
        backLabel={`Back to ${home.label.toLowerCase()}`}
      />
    );
  }

  const { profile, plans, prescriptions, intakeWeight } = data.data;
  const open = plans.find((plan) => plan.status !== 'completed');
  const titration = data.data.titration.ok ? data.data.titration.value.items : [];
  const pending = titration.filter((s) => s.status === 'pending');
  const decidedItems = titration.filter((s) => s.status !== 'pending');
  const adverse = data.data.adverse.ok ? data.data.adverse.value.items : [];
  const unreviewed = adverse.filter((event) => event.reviewedAt === null);
  const sessions = data.data.sessions.ok ? data.data.sessions.value.items : [];
  const alerts = data.data.alerts.ok
    ? data.data.alerts.value.items.filter((alert) => alert.status !== 'resolved')
    : [];
  const alertsFailed = !data.data.alerts.ok;
  const reload = async () => {
    await data.reload();
  };
  const weightKg =
    open?.dosing.weightKg ?? (intakeWeight === null ? null : Math.round(intakeWeight * 10) / 10);

  return (
    <div className="container page treatment">
      <div className="page__header">
        <p className="breadcrumbs">
          <Link to={home.path}>{home.label}</Link>
          {canPrescribe ? (
            <>
              <span aria-hidden="true"> / </span>
              <Link to={`/clinician/patients/${encodeURIComponent(patientId)}/review`}>Intake review</Link>
            </>
          ) : null}
        </p>
        <h1>Treatment: {name}</h1>
        {canPrescribe ? null : (
          <p className="muted">
            You are reading this chart as a member of the care team. The prescriber changes plans,
            prescriptions and doses.
          </p>
        )}
        <p className="treatment__meta">
          <span className="badge badge--muted">
            {JOURNEY_STAGE_LABEL[profile.journeyStage] ?? profile.journeyStage}
          </span>
          <span>Lives in {profile.stateOfResidence ?? 'an unknown state'}</span>
          {profile.dateOfBirth ? <span>Born {formatCalendarDate(profile.dateOfBirth)}</span> : null}
          <span>{weightKg !== null ? `${weightKg} kg` : 'Weight not given'}</span>
        </p>
      </div>

      {alertsFailed || alerts.length > 0 || pending.length > 0 || unreviewed.length > 0 ? (
        <section className="attention" aria-labelledby="attention-title">
          <h2 id="attention-title" className="attention__title">
            Needs attention
          </h2>
          <ul className="attention__list">
            {alertsFailed ? (
              <li>
                This patient’s safety alerts could not be loaded here.{' '}
                <Link to={canPrescribe ? '/clinician' : '/nurse'}>See them on your home page</Link>.
              </li>
            ) : null}
            {alerts.map((alert) => (
              <li
                key={alert.id}
                className={
                  alert.severity === 'urgent' && alert.status === 'open'
                    ? 'attention__item--alarm'
                    : undefined
                }
              >
                <span
                  className={`badge ${alert.severity === 'urgent' ? 'badge--alarm' : alert.severity === 'high' ? 'badge--caution' : 'badge--muted'}`}
                >
                  {alert.severity === 'urgent' ? 'Urgent' : alert.severity === 'high' ? 'High' : 'Normal'}{' '}
                  alert, {alert.status === 'open' ? 'open' : 'acknowledged'}
                </span>{' '}
                {alert.reason} <span className="muted">Raised {formatDateTime(alert.createdAt)}.</span>{' '}
                <Link to={canPrescribe ? '/clinician' : '/nurse'}>Acknowledge on your home page</Link>
              </li>
            ))}
            {pending.length > 0 ? (
              <li>
                <a href="#titration">
                  {pending.length} titration {pending.length === 1 ? 'suggestion waits' : 'suggestions wait'}{' '}
                  for {canPrescribe ? 'your' : 'the prescriber’s'} decision
                </a>
              </li>
            ) : null}
            {unreviewed.length > 0 ? (
              <li>
                <a href="#adverse-events">
                  {unreviewed.length} adverse {unreviewed.length === 1 ? 'event waits' : 'events wait'} for
                  review
                </a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <nav className="on-this-page" aria-label="On this page">
        <ul className="inline-list">
          <li>
            <a href="#plan">Plan</a>
          </li>
          <li>
            <a href="#progress">Scores</a>
          </li>
          <li>
            <a href="#titration">Titration</a>
          </li>
          <li>
            <a href="#prescriptions">Prescriptions</a>
          </li>
          <li>
            <a href="#sessions">Sessions</a>
          </li>
          <li>
            <a href="#adverse-events">Adverse events</a>
          </li>
        </ul>
      </nav>

      <PlanSection
        patientId={patientId}
        patientName={profile.givenName}
        journeyStage={profile.journeyStage}
        plans={plans}
        weightKg={weightKg}
        onChanged={reload}
      />

      <ProgressSection
        patientId={patientId}
        sessions={sessions}
        inMaintenance={profile.journeyStage === 'maintenance'}
      />

      {data.data.titration.ok ? (
        <section className="treatment-section" aria-labelledby="titration-title" id="titration">
          <h2 id="titration-title">Titration</h2>
          {decided ? <Notice tone="ok" role="status" title={decided} /> : null}
          {pending.length === 0 ? (
            <p className="muted">
              No suggestion waits for a decision. One arrives after each completed session.
            </p>
          ) : !canPrescribe ? (
            <ul className="plain-list">
              {pending.map((suggestion) => (
                <li key={suggestion.id}>
                  A titration suggestion waits for the prescriber’s decision. {suggestion.reasons.join(' ')}
                </li>
              ))}
            </ul>
          ) : (
            <ul className="titration-list">
              {pending.map((suggestion) => (
                <TitrationCard
                  key={suggestion.id}
                  suggestion={suggestion}
                  showPatient={false}
                  onDecided={async (message) => {
                    await data.reload();
                    setDecided(message);
                  }}
                />
              ))}
            </ul>
          )}
          <TitrationHistory items={decidedItems} />
        </section>
      ) : (
        <PartFailed id="titration" title="Titration" message={data.data.titration.message} />
      )}

      {prescriptions.ok ? (
        <PrescriptionSection
          patientId={patientId}
          patientState={profile.stateOfResidence}
          plan={open}
          prescriptions={prescriptions.value[0].items}
          count={prescriptions.value[1]}
          onChanged={reload}
        />
      ) : (
        <PartFailed id="prescriptions" title="Prescriptions" message={prescriptions.message} />
      )}

      {data.data.sessions.ok ? (
        <SessionsSection patientId={patientId} sessions={sessions} plan={open} onChanged={reload} />
      ) : (
        <PartFailed id="sessions" title="Sessions" message={data.data.sessions.message} />
      )}

      {data.data.adverse.ok ? (
        <AdverseEventsSection
          patientId={patientId}
          events={adverse}
          plan={open}
          sessions={sessions}
          onChanged={reload}
        />
      ) : (
        <PartFailed id="adverse-events" title="Adverse events" message={data.data.adverse.message} />
      )}
    </div>
  );
}
