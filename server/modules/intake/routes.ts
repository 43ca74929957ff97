import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { type SessionCookie, setSessionCookie } from '../../platform/auth.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { LoginResult } from '../identity/schema.ts';
import { sessionAbsoluteSeconds } from '../identity/sessions.ts';
import { PatientParams } from '../patients/schema.ts';
import { IntakeView, SaveSectionInput, SaveSectionResult, SectionParams, SignUpInput } from './schema.ts';
import { getIntake, saveIntakeSection, signUpPatient, submitIntake } from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
};
const tags = ['intake'];

export const intakeRoutes: FastifyPluginAsyncZod<AppDeps & { cookie: SessionCookie }> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.post(
    '/api/auth/signup',
    {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Create a patient account and start the intake',
        body: SignUpInput,
        response: { 201: LoginResult, ...errors },
      },
    },
    async (request, reply) => {
      const { me, sessionToken } = await signUpPatient(deps, ctx(request), request.body);
      setSessionCookie(reply, deps.cookie, sessionToken, sessionAbsoluteSeconds);
      return reply.status(201).send({ user: me });
    },
  );

  app.get(
    '/api/patients/:patientId/intake',
    {
      config: { access: { patient: 'patient.intake.read' } },
      schema: {
        tags,
        summary: 'The intake with answers and, once submitted, its screening',
        params: PatientParams,
        response: { 200: IntakeView, ...errors },
      },
    },
    async (request) => getIntake(deps, ctx(request), request.params.patientId),
  );

  app.put(
    '/api/patients/:patientId/intake/sections/:section',
    {
      config: { access: { patient: 'patient.intake.write' } },
      schema: {
        tags,
        summary: 'Save one step of the intake (send the version you last saw; 409 if it changed)',
        params: SectionParams,
        body: SaveSectionInput,
        response: { 200: SaveSectionResult, ...errors },
      },
    },
    async (request) =>
      saveIntakeSection(deps, ctx(request), request.params.patientId, request.params.section, request.body),
  );

  app.post(
    '/api/patients/:patientId/intake/submit',
    {
      config: { access: { patient: 'patient.intake.write' } },
      schema: {
        tags,
        summary: 'Submit a complete intake: screening runs and a clinician reviews it',
        params: PatientParams,
        body: z.object({ version: z.number().int().min(1) }),
        response: { 200: IntakeView, ...errors },
      },
    },
    async (request) => submitIntake(deps, ctx(request), request.params.patientId, request.body.version),
  );
};
