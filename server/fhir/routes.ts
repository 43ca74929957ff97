/**
 * The FHIR R4 API under /fhir/R4, in application/fhir+json. Thin routes: each authenticates
 * (bearer personal access token or session cookie), calls one service function and shapes the
 * reply. Every error — from validation, access, a hook or an unknown path — is answered as an
 * OperationOutcome with the same status and stable code as the rest of the API.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  type FastifyPluginAsyncZod,
  hasZodFastifySchemaValidationErrors,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/app-deps.ts';
import type { RouteAccess } from '../platform/auth.ts';
import { AppError, fromFastifyBodyError } from '../platform/errors.ts';
import { requestContext } from '../platform/request-context.ts';
import { capabilityStatement } from './capability.ts';
import { fhirJson } from './constants.ts';
import { importHistory } from './import.ts';
import { resourceDefinitions } from './mappers/index.ts';
import { FhirError, operationOutcome, sendOutcome } from './operation-outcome.ts';
import { createQuestionnaireResponse } from './questionnaire-response-create.ts';
import { type FhirLinks, patientEverything, readResource, searchResources } from './service.ts';

const tags = ['fhir'];
const prefix = '/fhir/R4';

/** A resource in the body; the service validates it fully and names each problem. */
const FhirResourceBody = z.looseObject({ resourceType: z.string().max(64) }).meta({ id: 'FhirResource' });
const IdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id') });

function fromFastifyError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      expression:
        v.instancePath.replace(/^\//, '').replaceAll('/', '.') || (error.validationContext ?? 'body'),
      message: v.message ?? 'is not valid',
    }));
    return new FhirError(
      'invalid_request',
      issues[0] ? `${issues[0].expression}: ${issues[0].message}` : 'Invalid.',
      issues,
    );
  }
  const bodyError = fromFastifyBodyError(error, 'application/fhir+json');
  if (bodyError) return bodyError;
  if (error.statusCode === 404) return new AppError('not_found', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('invalid_request', error.message);
  }
  return new AppError('internal_error', 'Something went wrong on our side.');
}

export const fhirRoutes: FastifyPluginAsyncZod<AppDeps> = async (root, deps) => {
  const ctx = (request: FastifyRequest) => requestContext(request, deps.now);
  const origin = (request: FastifyRequest) =>
    (deps.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '');
  const links = (request: FastifyRequest): FhirLinks => ({
    base: `${origin(request)}${prefix}`,
    self: `${origin(request)}${request.url}`,
  });
  const send = (reply: FastifyReply, status: number, body: unknown) =>
    reply.status(status).type(fhirJson).send(body);

  await root.register(
    async (scope) => {
      const app = scope.withTypeProvider<ZodTypeProvider>();
      app.setErrorHandler((error: FastifyError, request, reply) => {
        const appError = fromFastifyError(error);
        if (appError.code === 'internal_error') request.log.error({ err: error }, 'unhandled FHIR error');
        return sendOutcome(reply, appError);
      });

      app.setNotFoundHandler((request, reply) => {
        const path = (request.url.split('?')[0] ?? '').slice(prefix.length + 1);
        const type = path.split('/')[0] ?? '';
        const known = resourceDefinitions.some((d) => d.type === type) || path === '' || path === 'metadata';
        const outcome = known
          ? operationOutcome(
              'method_not_allowed',
              `${request.method} ${prefix}/${path} is not supported here.`,
            )
          : operationOutcome(
              'not_found',
              `${prefix}/${path} is not a resource type or operation this server has.`,
            );
        return send(reply, known ? 405 : 404, outcome);
      });

      app.get(
        '/metadata',
        {
          config: { access: { public: true } },
          schema: { tags, summary: 'CapabilityStatement: exactly what this FHIR server supports' },
        },
        async (request, reply) => send(reply, 200, capabilityStatement(links(request).base, deps.now())),
      );

      for (const definition of resourceDefinitions) {
        const access: RouteAccess =
          definition.type === 'AuditEvent' ? { roles: ['admin'] } : { signedIn: true };
        app.get(
          `/${definition.type}`,
          {
            config: { access },
            schema: {
              tags,
              summary: `Search ${definition.type}: ${definition.documentation}`,
              // Bounds only; parseSearch checks each parameter's name and values.
              querystring: z.record(
                z.string().max(100),
                z.union([z.string().max(16_000), z.array(z.string().max(16_000)).max(10)]),
              ),
            },
          },
          async (request, reply) =>
            send(
              reply,
              200,
              await searchResources(deps, ctx(request), definition.type, request.query, links(request)),
            ),
        );
        app.get(
          `/${definition.type}/:id`,
          { config: { access }, schema: { tags, summary: `Read one ${definition.type}`, params: IdParams } },
          async (request, reply) =>
            send(reply, 200, await readResource(deps, ctx(request), definition.type, request.params.id)),
        );
      }

      app.get(
        '/Patient/:id/$everything',
        {
          config: { access: { signedIn: true } },
          schema: {
            tags,
            summary: 'Patient $everything: the patient and every resource of theirs the caller may read',
            params: IdParams,
          },
        },
        async (request, reply) =>
          send(reply, 200, await patientEverything(deps, ctx(request), request.params.id, links(request))),
      );

      app.post(
        '/QuestionnaireResponse',
        {
          config: { access: { roles: ['patient', 'clinician', 'nurse'] } },
          schema: {
            tags,
            summary:
              'Take a PHQ-9 or GAD-7 through FHIR: validated, scored and stored as in the app (a positive item 9 raises the urgent alert and holds the next dose)',
            body: FhirResourceBody,
          },
        },
        async (request, reply) => {
          const idempotencyKey = request.headers['idempotency-key'];
          const result = await createQuestionnaireResponse(deps, ctx(request), request.body, {
            idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
          });
          const location = `${links(request).base}/QuestionnaireResponse/${result.resource.id}`;
          reply.header('Location', location);
          const status = result.created ? 201 : 200;
          const prefer = String(request.headers.prefer ?? '');
          if (/return=minimal/i.test(prefer)) return reply.status(status).send();
          if (/return=OperationOutcome/i.test(prefer)) {
            return send(
              reply,
              status,
              result.crisis ?? {
                resourceType: 'OperationOutcome',
                issue: [{ severity: 'information', code: 'informational', diagnostics: 'Stored.' }],
              },
            );
          }
          return send(reply, status, result.resource);
        },
      );

      app.post(
        '/',
        {
          config: { access: { roles: ['admin'] } },
          bodyLimit: 20 * 1024 * 1024,
          schema: {
            tags,
            summary:
              'History import (admins): a transaction Bundle of Patients with their QuestionnaireResponses and Observations, stored whole or not at all',
            body: FhirResourceBody,
          },
        },
        async (request, reply) => send(reply, 200, await importHistory(deps, ctx(request), request.body)),
      );
    },
    { prefix },
  );
};
