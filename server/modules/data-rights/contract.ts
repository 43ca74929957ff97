/**
 * The data-rights routes: a patient's copy of their record (FHIR and PDF), asking to close the
 * account, and the administrator's side (closure decisions and the record-retention period).
 */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  ClosureDecisionBody,
  ClosureIdParams,
  ClosureListQuery,
  ClosureRequest,
  ClosureRequestBody,
  ClosureStatusView,
  FhirBundleResponse,
  RecordPdf,
  RetentionPolicy,
  RetentionPolicyUpdate,
} from './schema.ts';

const ownRecord = { access: { patient: 'patient.profile.read', roles: ['patient'] } } as const;
const admins = { access: { roles: ['admin'] } } as const;

export const dataRightsContract = defineContract('data rights', {
  exportRecord: {
    method: 'GET',
    path: '/api/patients/:patientId/export',
    summary:
      'Download my whole record as a FHIR R4 Bundle (right of access): every resource the clinic holds about me',
    ...ownRecord,
    params: PatientParams,
    responses: { 200: FhirBundleResponse },
  },
  exportRecordPdf: {
    method: 'GET',
    path: '/api/patients/:patientId/export.pdf',
    summary: 'Download a readable PDF summary of my record',
    ...ownRecord,
    params: PatientParams,
    responses: { 200: RecordPdf },
  },
  closureStatus: {
    method: 'GET',
    path: '/api/patients/:patientId/closure-request',
    summary: 'My request to close my account (if any), and what closing keeps and why',
    ...ownRecord,
    params: PatientParams,
    responses: { 200: ClosureStatusView },
  },
  requestClosure: {
    method: 'POST',
    path: '/api/patients/:patientId/closure-request',
    summary: 'Ask for my account to be closed; an administrator decides under the record-retention rule',
    access: { patient: 'patient.profile.write', roles: ['patient'] },
    params: PatientParams,
    body: ClosureRequestBody,
    responses: { 201: ClosureStatusView },
  },
  listClosureRequests: {
    method: 'GET',
    path: '/api/admin/closure-requests',
    summary: 'Account-closure requests, oldest first (pending by default)',
    ...admins,
    query: ClosureListQuery,
    responses: { 200: z.object({ items: z.array(ClosureRequest) }) },
  },
  decideClosure: {
    method: 'POST',
    path: '/api/admin/closure-requests/:id/decision',
    summary:
      'Close the account (login disabled, sessions and tokens revoked, records kept) or decline, telling the patient why',
    ...admins,
    params: ClosureIdParams,
    body: ClosureDecisionBody,
    responses: { 200: ClosureRequest },
  },
  getRetentionPolicy: {
    method: 'GET',
    path: '/api/settings/record-retention',
    summary:
      "The clinic's record-retention period (a default of 10 years until an administrator confirms it)",
    ...admins,
    responses: { 200: RetentionPolicy },
  },
  setRetentionPolicy: {
    method: 'PUT',
    path: '/api/settings/record-retention',
    summary: "Set the clinic's record-retention period and the rule it meets (audited)",
    ...admins,
    body: RetentionPolicyUpdate,
    responses: { 200: RetentionPolicy },
  },
});
