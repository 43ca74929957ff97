/**
 * Data rights: a patient's copy of their record (FHIR and PDF), asking to close the account,
 * and the administrator's side (closure decisions and the clinic's record-retention period).
 */

import type { z } from 'zod';
import { dataRightsContract } from '../../../server/modules/data-rights/contract.ts';
import type * as schema from '../../../server/modules/data-rights/schema.ts';
import { fillPath } from '../../../server/platform/contract.ts';
import { call } from './call';

export type ClosureRequest = z.infer<typeof schema.ClosureRequest>;
export type PatientClosureRequest = z.infer<typeof schema.PatientClosureRequest>;
export type ClosureStatus = z.infer<typeof schema.ClosureStatusView>;
export type ClosureDecision = z.infer<typeof schema.ClosureDecisionBody>;
export type RetentionPolicy = z.infer<typeof schema.RetentionPolicy>;
export type RetentionPolicyUpdate = z.infer<typeof schema.RetentionPolicyUpdate>;
export type ClosureListStatus = 'pending' | 'closed' | 'declined' | 'all';

const dataRights = dataRightsContract;
const ofPatient = (patientId: string) => ({ params: { patientId } });

export const dataRightsApi = {
  /** Plain links (the server answers with Content-Disposition: attachment). */
  exportJsonUrl: (patientId: string) => fillPath(dataRights.exportRecord.path, { patientId }),
  exportPdfUrl: (patientId: string) => fillPath(dataRights.exportRecordPdf.path, { patientId }),
  closureStatus: (patientId: string) => call(dataRights.closureStatus, ofPatient(patientId)),
  requestClosure: (patientId: string, reason: string) =>
    call(dataRights.requestClosure, { ...ofPatient(patientId), body: { reason } }),
  listClosureRequests: (status: ClosureListStatus = 'pending') =>
    call(dataRights.listClosureRequests, { query: { status } }),
  decideClosure: (id: string, decision: ClosureDecision) =>
    call(dataRights.decideClosure, { params: { id }, body: decision }),
  retention: () => call(dataRights.getRetentionPolicy),
  setRetention: (input: RetentionPolicyUpdate) => call(dataRights.setRetentionPolicy, { body: input }),
};
