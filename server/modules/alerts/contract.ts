/** The safety-alert routes: my patients' alerts, one patient's alerts, acknowledging and resolving one. */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import { AlertActionInput, AlertList, AlertParams, AlertQuery } from './schema.ts';

const careTeam = { roles: ['clinician', 'nurse'] } as const;

export const alertContract = defineContract('alerts', {
  listMyAlerts: {
    method: 'GET',
    path: '/api/alerts',
    summary: 'Safety alerts on my patients, urgent and oldest first',
    access: careTeam,
    query: AlertQuery,
    responses: { 200: AlertList },
  },
  listPatientAlerts: {
    method: 'GET',
    path: '/api/patients/:patientId/alerts',
    summary: "A patient's alerts",
    access: { patient: 'patient.alerts.read' },
    params: PatientParams,
    responses: { 200: AlertList },
  },
  acknowledgeAlert: {
    method: 'POST',
    path: '/api/alerts/:alertId/acknowledge',
    summary: 'Acknowledge an alert with a note (who, when and what is recorded)',
    access: careTeam,
    params: AlertParams,
    body: AlertActionInput,
    responses: { 204: z.null() },
  },
  resolveAlert: {
    method: 'POST',
    path: '/api/alerts/:alertId/resolve',
    summary: 'Resolve an alert with a note (suicide-risk alerts: a clinician, with the follow-up recorded)',
    access: careTeam,
    params: AlertParams,
    body: AlertActionInput,
    responses: { 204: z.null() },
  },
});
