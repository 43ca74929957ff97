import { outcomesCsv } from '../../../clinical/outcomes.ts';
import { contractRoutes } from '../../platform/contract-routes.ts';
import { assessmentContract } from './contract.ts';
import {
  assessmentSchedule,
  listPatientAssessments,
  outcomeReport,
  patientOutcomes,
  submitAssessment,
} from './service.ts';

export const assessmentRoutes = contractRoutes(assessmentContract, (deps) => ({
  submitAssessment: ({ params, body }, ctx) => submitAssessment(deps, ctx, params.patientId, body),
  listAssessments: async ({ params, query }, ctx) => ({
    items: await listPatientAssessments(deps, ctx, params.patientId, query.instrument),
  }),
  assessmentSchedule: async ({ params }, ctx) => ({
    items: await assessmentSchedule(deps, ctx, params.patientId),
  }),
  patientOutcomes: async ({ params }, ctx) => ({ items: await patientOutcomes(deps, ctx, params.patientId) }),
  outcomeReport: async ({ query: { format, ...query } }, ctx, reply) => {
    const report = await outcomeReport(deps, ctx, query);
    if (format !== 'csv') return report;
    // A text/csv body is sent as it is (never through the JSON serializer), as a download.
    reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="outcomes-${query.instrument}-${query.from}-${query.to}.csv"`,
      );
    return outcomesCsv(report);
  },
}));
