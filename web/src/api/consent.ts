/**
 * Informed consent: the current document, signing it, and what the patient has signed. Method,
 * path and reply types come from the server's contract (in the browser build its schemas are inert).
 */

import type { z } from 'zod';
import { consentContract } from '../../../server/modules/consent/contract.ts';
import type * as schema from '../../../server/modules/consent/schema.ts';
import { fillPath } from '../../../server/platform/contract.ts';
import { call } from './call';

export type ConsentDocument = z.infer<typeof schema.ConsentDocument>;
export type PatientConsents = z.infer<typeof schema.PatientConsents>;
export type SignedConsent = PatientConsents['items'][number];
export type ConsentSignature = z.infer<typeof schema.ConsentSignature>;
/** The server accepts `agree: false` only to explain why it must be ticked; the page sends `true`. */
export type SignConsent = z.input<typeof schema.SignConsentInput> & { agree: true };

const consent = consentContract;

export const consentApi = {
  current: () => call(consent.currentDocument),
  list: (patientId: string) => call(consent.listPatientConsents, { params: { patientId } }),
  sign: (patientId: string, input: SignConsent) =>
    call(consent.signConsent, { params: { patientId }, body: input }),
  /** A plain-text copy of what was signed, with the signature record (downloads as a file). */
  documentUrl: (patientId: string, consentId: string) =>
    fillPath(consent.consentCopy.path, { patientId, consentId }),
};
