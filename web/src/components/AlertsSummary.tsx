import { Link } from 'react-router';
import { alertsApi, type SafetyAlert } from '../api/alerts';
import { useApiData } from '../api/useApiData';
import { Notice } from './Notice';
import './AlertsSummary.css';

/**
 * Urgent first, on pages that are not the home page: how many safety alerts are open, the
 * first few reasons, and where to acknowledge them (the home page's Safety alerts panel).
 */
export function AlertsSummary({ alerts, homePath }: { alerts: SafetyAlert[] | null; homePath: string }) {
  if (alerts === null) return null;
  const open = alerts.filter((alert) => alert.status === 'open');
  if (open.length === 0) {
    return <p className="muted alerts-summary__none">No open safety alerts on your patients.</p>;
  }
  const urgent = open.filter((alert) => alert.severity === 'urgent');
  const first = [...urgent, ...open.filter((alert) => alert.severity !== 'urgent')].slice(0, 3);
  return (
    <Notice
      tone={urgent.length > 0 ? 'alarm' : 'caution'}
      title={`${open.length} open safety ${open.length === 1 ? 'alert' : 'alerts'}${
        urgent.length > 0 ? `, ${urgent.length} urgent` : ''
      }`}
    >
      <ul className="alerts-summary__list">
        {first.map((alert) => (
          <li key={alert.id}>
            <strong>{alert.patientName}:</strong> {alert.reason}
          </li>
        ))}
      </ul>
      <p>
        <Link to={homePath}>Acknowledge them on your home page</Link>
        {open.length > first.length ? ` (${open.length - first.length} more there)` : ''}
      </p>
    </Notice>
  );
}

/** The same summary, loading the alerts itself (once, when the page opens). */
export function LoadedAlertsSummary({ homePath }: { homePath: string }) {
  const alerts = useApiData(() => alertsApi.listActive(), []);
  if (alerts.status === 'error') {
    return (
      <Notice tone="caution" title="Safety alerts could not be loaded">
        <p>
          An empty screen does not mean nothing needs attention.{' '}
          <Link to={homePath}>Check your home page</Link>.
        </p>
      </Notice>
    );
  }
  return <AlertsSummary alerts={alerts.status === 'ready' ? alerts.data.items : null} homePath={homePath} />;
}
