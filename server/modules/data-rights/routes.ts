import { contractRoutes } from '../../platform/contract-routes.ts';
import { dataRightsContract } from './contract.ts';
import {
  closureStatus,
  decideClosure,
  exportRecordBundle,
  exportRecordPdf,
  getRetentionPolicy,
  listClosureRequests,
  requestClosure,
  setRetentionPolicy,
} from './service.ts';

export const dataRightsRoutes = contractRoutes(dataRightsContract, (deps) => ({
  exportRecord: async ({ params }, ctx, reply) => {
    const bundle = await exportRecordBundle(deps, ctx, params.patientId);
    return reply
      .type('application/fhir+json; charset=utf-8')
      .header('content-disposition', `attachment; filename="stillwater-record-${params.patientId}.json"`)
      .send(bundle);
  },
  exportRecordPdf: async ({ params }, ctx, reply) => {
    const pdf = await exportRecordPdf(deps, ctx, params.patientId);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="stillwater-record-${params.patientId}.pdf"`)
      .send(pdf);
  },
  closureStatus: ({ params }, ctx) => closureStatus(deps, ctx, params.patientId),
  requestClosure: ({ params, body }, ctx) => requestClosure(deps, ctx, params.patientId, body),
  listClosureRequests: async ({ query }, ctx) => ({
    items: await listClosureRequests(deps, ctx, query.status),
  }),
  decideClosure: ({ params, body }, ctx) => decideClosure(deps, ctx, params.id, body),
  getRetentionPolicy: (_input, ctx) => getRetentionPolicy(deps, ctx),
  setRetentionPolicy: ({ body }, ctx) => setRetentionPolicy(deps, ctx, body),
}));
