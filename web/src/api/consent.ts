/**
 * Informed consent: the current document, signing it, and what the patient has signed. Types come
 * from the server's Zod schemas (type-only imports: nothing from the server reaches the browser).
 */

import type { z } from 'zod';
import type {
  ConsentDocument as ConsentDocumentSchema,
  ConsentSignature as ConsentSignatureSchema,
  PatientConsents as PatientConsentsSchema,
  SignConsentInput,
} from '../../../server/modules/consent/schema.ts';
import { api } from './client';

export type ConsentDocument = z.infer<typeof ConsentDocumentSchema>;
export type PatientConsents = z.infer<typeof PatientConsentsSchema>;
export type SignedConsent = PatientConsents['items'][number];
export type ConsentSignature = z.infer<typeof ConsentSignatureSchema>;
/** The server accepts `agree: false` only to explain why it must be ticked; the page sends `true`. */
export type SignConsent = z.input<typeof SignConsentInput> & { agree: true };

const consentsPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/consents`;

export const consentApi = {
  current: () => api.get<ConsentDocument>('/api/consent-documents/current'),
  list: (patientId: string) => api.get<PatientConsents>(consentsPath(patientId)),
  sign: (patientId: string, input: SignConsent) => api.post<ConsentSignature>(consentsPath(patientId), input),
  /** A plain-text copy of what was signed, with the signature record (downloads as a file). */
  documentUrl: (patientId: string, consentId: string) =>
    `${consentsPath(patientId)}/${encodeURIComponent(consentId)}/document`,
};
