import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
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
        response: { 200: ConsentDocumentList, ...errors },
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
        body: PublishConsentDocumentInput,
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
        response: { 200: PatientConsents, ...errors },
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
        body: SignConsentInput,
        response: { 201: ConsentSignature, ...errors },
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
        params: ConsentCopyParams,
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
