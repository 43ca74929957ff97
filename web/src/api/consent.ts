/**
 * Informed consent: the current document, signing it, and what the patient has signed. The route
 * schemas are private to the server's consent module, so the types come from its service
 * functions (type-only imports: nothing from the server reaches the browser).
 */

import type {
  currentConsentDocument,
  listPatientConsents,
  signConsent,
} from '../../../server/modules/consent/service.ts';
import { api } from './client';

export type ConsentDocument = Awaited<ReturnType<typeof currentConsentDocument>>;
export type PatientConsents = Awaited<ReturnType<typeof listPatientConsents>>;
export type SignedConsent = PatientConsents['items'][number];
export type ConsentSignature = Awaited<ReturnType<typeof signConsent>>;

const consentsPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/consents`;

export const consentApi = {
  current: () => api.get<ConsentDocument>('/api/consent-documents/current'),
  list: (patientId: string) => api.get<PatientConsents>(consentsPath(patientId)),
  sign: (patientId: string, input: { documentVersion: number; signedName: string; agree: true }) =>
    api.post<ConsentSignature>(consentsPath(patientId), input),
  /** A plain-text copy of what was signed, with the signature record (downloads as a file). */
  documentUrl: (patientId: string, consentId: string) =>
    `${consentsPath(patientId)}/${encodeURIComponent(consentId)}/document`,
};
