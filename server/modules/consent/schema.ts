import { z } from 'zod';
import { PatientParams } from '../patients/schema.ts';

export const ConsentDocument = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    title: z.string(),
    body: z.string(),
    material: z.boolean(),
    contentHash: z.string(),
    publishedAt: z.iso.datetime(),
  })
  .meta({ id: 'ConsentDocument' });
export const ConsentDocumentList = z
  .object({ items: z.array(ConsentDocument) })
  .meta({ id: 'ConsentDocumentList' });

export const PublishConsentDocumentInput = z
  .object({
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(50, 'must be the full text of the document').max(100_000),
    material: z.boolean(),
  })
  .meta({ id: 'PublishConsentDocumentInput' });

export const ConsentStatus = z
  .object({
    upToDate: z.boolean(),
    signedVersion: z.number().int().nullable(),
    requiredVersion: z.number().int().nullable(),
    currentVersion: z.number().int().nullable(),
  })
  .meta({ id: 'ConsentStatus' });

export const SignedConsent = z
  .object({
    id: z.uuid(),
    documentVersion: z.number().int(),
    title: z.string(),
    signedName: z.string(),
    signedAt: z.iso.datetime(),
    documentHash: z.string(),
  })
  .meta({ id: 'SignedConsent' });

export const PatientConsents = z
  .object({ status: ConsentStatus, items: z.array(SignedConsent) })
  .meta({ id: 'PatientConsents', description: 'What the patient has signed, and whether it is up to date' });

export const SignConsentInput = z
  .object({
    documentVersion: z.number().int().min(1),
    signedName: z.string().trim().min(1, 'type your full name').max(200),
    agree: z.boolean(),
  })
  .meta({ id: 'SignConsentInput' });

export const ConsentSignature = z
  .object({
    id: z.uuid(),
    documentVersion: z.number().int(),
    signedAt: z.iso.datetime(),
    documentHash: z.string(),
  })
  .meta({ id: 'ConsentSignature' });

export const ConsentCopyParams = PatientParams.extend({
  consentId: z.uuid({ error: 'must be a consent id' }),
});
