import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outcomesCsv } from '../../../clinical/outcomes.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  Assessment,
  AssessmentQuery,
  AssessmentResult,
  DueItem,
  NewAssessment,
  OutcomeReport,
  OutcomeReportQuery,
  PatientOutcome,
} from './schema.ts';
import {
  assessmentSchedule,
  listPatientAssessments,
  outcomeReport,
  patientOutcomes,
  submitAssessment,
} from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const tags = ['assessments'];

export const assessmentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.post(
    '/api/patients/:patientId/assessments',
    {
      config: { access: { patient: 'patient.assessments.write' } },
      schema: {
        tags,
        summary:
          'Take a PHQ-9 or GAD-7: scored and stored; a positive item 9 returns crisis resources at once',
        params: PatientParams,
        body: NewAssessment,
        response: { 201: AssessmentResult, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await submitAssessment(deps, ctx(request), request.params.patientId, request.body)),
  );

  app.get(
    '/api/patients/:patientId/assessments',
    {
      config: { access: { patient: 'patient.assessments.read' } },
      schema: {
        tags,
        summary: 'Every score with its item answers, oldest first',
        params: PatientParams,
        querystring: AssessmentQuery,
        response: { 200: z.object({ items: z.array(Assessment) }), ...errors },
      },
    },
    async (request) => ({
      items: await listPatientAssessments(
        deps,
        ctx(request),
        request.params.patientId,
        request.query.instrument,
      ),
    }),
  );

  app.get(
    '/api/patients/:patientId/assessments/schedule',
    {
      config: { access: { patient: 'patient.assessments.read' } },
      schema: {
        tags,
        summary: 'What is due, overdue and coming up',
        params: PatientParams,
        response: { 200: z.object({ items: z.array(DueItem) }), ...errors },
      },
    },
    async (request) => ({ items: await assessmentSchedule(deps, ctx(request), request.params.patientId) }),
  );

  app.get(
    '/api/patients/:patientId/outcomes',
    {
      config: { access: { patient: 'patient.assessments.read' } },
      schema: {
        tags,
        summary: 'Change from baseline, MCID, response, remission, deterioration and relapse',
        params: PatientParams,
        response: { 200: z.object({ items: z.array(PatientOutcome) }), ...errors },
      },
    },
    async (request) => ({ items: await patientOutcomes(deps, ctx(request), request.params.patientId) }),
  );

  app.get(
    '/api/reports/outcomes',
    {
      config: { access: { roles: ['clinician', 'admin'] } },
      schema: {
        tags,
        summary: "The clinic's outcome report (Hull 2022 definitions); format=csv for a spreadsheet",
        querystring: OutcomeReportQuery,
        response: { 200: OutcomeReport.or(z.string()), ...errors },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await outcomeReport(deps, ctx(request), query);
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="outcomes-${query.instrument}-${query.from}-${query.to}.csv"`,
          )
          .send(outcomesCsv(report));
      }
      return report;
    },
  );
};
