import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { versionFromIfMatch } from '../protocols/schema.ts';
import {
  InteractionsInput,
  InteractionsResult,
  MedicationSearch,
  MedicationSuggestions,
  ScreeningFactsInput,
  ScreeningResult,
  ScreeningSettings,
  ScreeningThresholds,
} from './schema.ts';
import {
  checkMedicationInteractions,
  getScreeningSettings,
  screenFacts,
  suggestMedications,
  updateScreeningSettings,
} from './service.ts';

// Public and stateless, so limited per client address.
const publicLimited = { access: { public: true }, rateLimit: { max: 60, timeWindow: 60_000 } } as const;
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  412: ErrorResponse,
  429: ErrorResponse,
};
const tags = ['clinical'];

/** The version If-Match names; the shared reader caps it at nine digits, so it fits the version column. */
function requiredVersion(header: string | undefined): number {
  const version = versionFromIfMatch(header);
  if (version === null) {
    throw new AppError(
      'precondition_failed',
      'Send If-Match with the version you are changing (the ETag you read).',
    );
  }
  return version;
}

export const screeningRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/clinical/interactions',
    {
      config: publicLimited,
      schema: {
        tags,
        summary: 'Check medications against the ketamine interaction knowledge base (nothing is stored)',
        body: InteractionsInput,
        response: { 200: InteractionsResult, ...errors },
      },
    },
    async (request) => checkMedicationInteractions(request.body.medications),
  );

  app.post(
    '/api/clinical/screen',
    {
      config: publicLimited,
      schema: {
        tags,
        summary: "Run the clinic's screening rules on a set of facts (nothing is stored)",
        body: ScreeningFactsInput,
        response: { 200: ScreeningResult, ...errors },
      },
    },
    async (request) => screenFacts(deps, request.body),
  );

  app.get(
    '/api/clinical/medications',
    {
      config: publicLimited,
      schema: {
        tags,
        summary: 'Medication names the knowledge base recognises, for autocomplete',
        querystring: MedicationSearch,
        response: { 200: MedicationSuggestions, ...errors },
      },
    },
    async (request) => suggestMedications(request.query.q),
  );

  app.get(
    '/api/settings/screening',
    {
      config: { access: { roles: ['admin', 'clinician'] } },
      schema: {
        tags: ['settings'],
        summary: "The clinic's screening thresholds",
        response: { 200: ScreeningSettings, ...errors },
      },
    },
    async (request, reply) => {
      const settings = await getScreeningSettings(deps, requestContext(request, deps.now));
      reply.header('ETag', `"${settings.version}"`);
      return settings;
    },
  );

  app.put(
    '/api/settings/screening',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['settings'],
        summary: 'Change the screening thresholds (If-Match: the ETag you read; audited)',
        headers: z.object({ 'if-match': z.string().max(100).optional() }),
        body: ScreeningThresholds,
        response: { 200: ScreeningSettings, ...errors },
      },
    },
    async (request, reply) => {
      const settings = await updateScreeningSettings(
        deps,
        requestContext(request, deps.now),
        requiredVersion(request.headers['if-match']),
        request.body,
      );
      reply.header('ETag', `"${settings.version}"`);
      return settings;
    },
  );
};
