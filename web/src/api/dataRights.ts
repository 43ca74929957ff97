/**
 * Data rights: a patient's copy of their record (FHIR and PDF), asking to close the account,
 * and the administrator's side (closure decisions and the clinic's record-retention period).
 */

import type { z } from 'zod';
import type {
  ClosureDecisionBody,
  ClosureRequest as ClosureRequestSchema,
  ClosureStatusView,
  PatientClosureRequest as PatientClosureRequestSchema,
  RetentionPolicy as RetentionPolicySchema,
  RetentionPolicyUpdate as RetentionPolicyUpdateSchema,
} from '../../../server/modules/data-rights/schema.ts';
import { api } from './client';

export type ClosureRequest = z.infer<typeof ClosureRequestSchema>;
export type PatientClosureRequest = z.infer<typeof PatientClosureRequestSchema>;
export type ClosureStatus = z.infer<typeof ClosureStatusView>;
export type ClosureDecision = z.infer<typeof ClosureDecisionBody>;
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;
export type RetentionPolicyUpdate = z.infer<typeof RetentionPolicyUpdateSchema>;
export type ClosureListStatus = 'pending' | 'closed' | 'declined' | 'all';

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

export const dataRightsApi = {
  /** Plain links (the server answers with Content-Disposition: attachment). */
  exportJsonUrl: (patientId: string) => `${patientPath(patientId)}/export`,
  exportPdfUrl: (patientId: string) => `${patientPath(patientId)}/export.pdf`,
  closureStatus: (patientId: string) => api.get<ClosureStatus>(`${patientPath(patientId)}/closure-request`),
  requestClosure: (patientId: string, reason: string) =>
    api.post<ClosureStatus>(`${patientPath(patientId)}/closure-request`, { reason }),
  listClosureRequests: (status: ClosureListStatus = 'pending') =>
    api.get<{ items: ClosureRequest[] }>('/api/admin/closure-requests', { query: { status } }),
  decideClosure: (id: string, decision: ClosureDecision) =>
    api.post<ClosureRequest>(`/api/admin/closure-requests/${encodeURIComponent(id)}/decision`, decision),
  retention: () => api.get<RetentionPolicy>('/api/settings/record-retention'),
  setRetention: (input: RetentionPolicyUpdate) =>
    api.put<RetentionPolicy>('/api/settings/record-retention', input),
};
