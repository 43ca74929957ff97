import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { ClinicProfile } from './schema.ts';
import { getClinicProfile } from './service.ts';

export const clinicRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/clinic',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['clinic'],
        summary: "The clinic's name and the numbers to call",
        response: { 200: ClinicProfile, 404: ErrorResponse },
      },
    },
    async () => getClinicProfile(deps),
  );
};
