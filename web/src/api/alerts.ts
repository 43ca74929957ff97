import type { z } from 'zod';
import { alertContract } from '../../../server/modules/alerts/contract.ts';
import type * as schema from '../../../server/modules/alerts/schema.ts';
import { call } from './call';

export type SafetyAlert = z.infer<typeof schema.Alert>;
/** How a clinician closes a suicide-risk alert: how risk was assessed, the level, and the plan. */
export type SafetyFollowUp = z.infer<typeof schema.SafetyFollowUp>;
export type RiskLevel = SafetyFollowUp['riskLevel'];

/**
 * Alert kinds that only a clinician closes, with a recorded follow-up (the next dose is held until
 * then). The same list as the server's `suicideRiskAlertKinds` (alerts/service.ts), which enforces it;
 * it is repeated here because server code never reaches the bundle.
 */
export const SUICIDE_RISK_ALERT_KINDS: readonly string[] = [
  'item9_positive',
  'suicidal_intent',
  'recent_suicide_attempt',
];
export const isSuicideRiskAlert = (alert: Pick<SafetyAlert, 'kind'>) =>
  SUICIDE_RISK_ALERT_KINDS.includes(alert.kind);

const alerts = alertContract;

export const alertsApi = {
  /** Open and acknowledged alerts on my patients (and on applicants nobody is assigned to yet). */
  listActive: () => call(alerts.listMyAlerts, { query: { status: 'active' } }),
  /** One patient's alerts (every status), for their chart. */
  listForPatient: (patientId: string) => call(alerts.listPatientAlerts, { params: { patientId } }),
  acknowledge: (alertId: string, note: string) =>
    call(alerts.acknowledgeAlert, { params: { alertId }, body: { note } }),
  /** Suicide-risk alerts need the follow-up, and a clinician (a nurse gets 403). */
  resolve: (alertId: string, note: string, followUp?: SafetyFollowUp) =>
    call(alerts.resolveAlert, { params: { alertId }, body: followUp ? { note, followUp } : { note } }),
};
