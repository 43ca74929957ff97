import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  consentDocumentCopy,
  currentConsentDocument,
  listConsentDocuments,
  listPatientConsents,
  publishConsentDocument,
  signConsent,
} from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const tags = ['consent'];

const ConsentDocument = z
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

const ConsentStatus = z.object({
  upToDate: z.boolean(),
  signedVersion: z.number().int().nullable(),
  requiredVersion: z.number().int().nullable(),
  currentVersion: z.number().int().nullable(),
});

export const consentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/consent-documents/current',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'The consent document patients sign now',
        response: { 200: ConsentDocument, ...errors },
      },
    },
    async () => currentConsentDocument(deps),
  );

  app.get(
    '/api/consent-documents',
    {
      config: { access: { roles: ['admin', 'clinician'] } },
      schema: {
        tags,
        summary: 'Every published version',
        response: { 200: z.object({ items: z.array(ConsentDocument) }), ...errors },
      },
    },
    async (request) => ({ items: await listConsentDocuments(deps, ctx(request)) }),
  );

  app.post(
    '/api/consent-documents',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags,
        summary: 'Publish a new version (material: everyone signs again before their next session)',
        body: z.object({
          title: z.string().trim().min(3).max(200),
          body: z.string().trim().min(50, 'must be the full text of the document').max(100_000),
          material: z.boolean(),
        }),
        response: { 201: ConsentDocument, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await publishConsentDocument(deps, ctx(request), request.body)),
  );

  app.get(
    '/api/patients/:patientId/consents',
    {
      config: { access: { patient: 'patient.consent.read' } },
      schema: {
        tags,
        summary: 'What the patient has signed, and whether it is up to date',
        params: PatientParams,
        response: {
          200: z.object({
            status: ConsentStatus,
            items: z.array(
              z.object({
                id: z.uuid(),
                documentVersion: z.number().int(),
                title: z.string(),
                signedName: z.string(),
                signedAt: z.iso.datetime(),
                documentHash: z.string(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => listPatientConsents(deps, ctx(request), request.params.patientId),
  );

  app.post(
    '/api/patients/:patientId/consents',
    {
      config: { access: { patient: 'patient.consent.sign' } },
      schema: {
        tags,
        summary: 'Sign the current consent document (typed full name and explicit agreement)',
        params: PatientParams,
        body: z.object({
          documentVersion: z.number().int().min(1),
          signedName: z.string().trim().min(1, 'type your full name').max(200),
          agree: z.boolean(),
        }),
        response: {
          201: z.object({
            id: z.uuid(),
            documentVersion: z.number().int(),
            signedAt: z.iso.datetime(),
            documentHash: z.string(),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await signConsent(deps, ctx(request), request.params.patientId, request.body)),
  );

  app.get(
    '/api/patients/:patientId/consents/:consentId/document',
    {
      config: { access: { patient: 'patient.consent.read' } },
      schema: {
        tags,
        summary: 'Download a copy of what was signed, with the signature record',
        params: PatientParams.extend({ consentId: z.uuid({ error: 'must be a consent id' }) }),
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const copy = await consentDocumentCopy(
        deps,
        ctx(request),
        request.params.patientId,
        request.params.consentId,
      );
      return reply
        .type('text/plain; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${copy.filename}"`)
        .send(copy.text);
    },
  );
};
