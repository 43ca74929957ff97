/** The consent routes: the versioned consent document, signing it, and what the patient has signed. */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  ConsentCopyParams,
  ConsentDocument,
  ConsentDocumentList,
  ConsentSignature,
  PatientConsents,
  PublishConsentDocumentInput,
  SignConsentInput,
} from './schema.ts';

export const consentContract = defineContract('consent', {
  currentDocument: {
    method: 'GET',
    path: '/api/consent-documents/current',
    summary: 'The consent document patients sign now',
    access: { signedIn: true },
    responses: { 200: ConsentDocument },
  },
  listDocuments: {
    method: 'GET',
    path: '/api/consent-documents',
    summary: 'Every published version',
    access: { roles: ['admin', 'clinician'] },
    responses: { 200: ConsentDocumentList },
  },
  publishDocument: {
    method: 'POST',
    path: '/api/consent-documents',
    summary: 'Publish a new version (material: everyone signs again before their next session)',
    access: { roles: ['admin'] },
    body: PublishConsentDocumentInput,
    responses: { 201: ConsentDocument },
  },
  listPatientConsents: {
    method: 'GET',
    path: '/api/patients/:patientId/consents',
    summary: 'What the patient has signed, and whether it is up to date',
    access: { patient: 'patient.consent.read' },
    params: PatientParams,
    responses: { 200: PatientConsents },
  },
  signConsent: {
    method: 'POST',
    path: '/api/patients/:patientId/consents',
    summary: 'Sign the current consent document (typed full name and explicit agreement)',
    access: { patient: 'patient.consent.sign' },
    params: PatientParams,
    body: SignConsentInput,
    responses: { 201: ConsentSignature },
  },
  consentCopy: {
    method: 'GET',
    path: '/api/patients/:patientId/consents/:consentId/document',
    summary: 'Download a copy of what was signed, with the signature record',
    access: { patient: 'patient.consent.read' },
    params: ConsentCopyParams,
    responses: { 200: z.string() },
  },
});
