import { contractRoutes } from '../../platform/contract-routes.ts';
import { alertContract } from './contract.ts';
import { acknowledgeAlert, listMyAlerts, listPatientAlerts, resolveAlert } from './service.ts';

export const alertRoutes = contractRoutes(alertContract, (deps) => ({
  listMyAlerts: async ({ query }, ctx) => ({ items: await listMyAlerts(deps, ctx, query.status) }),
  listPatientAlerts: async ({ params }, ctx) => ({
    items: await listPatientAlerts(deps, ctx, params.patientId),
  }),
  acknowledgeAlert: ({ params, body }, ctx) => acknowledgeAlert(deps, ctx, params.alertId, body),
  resolveAlert: ({ params, body }, ctx) => resolveAlert(deps, ctx, params.alertId, body),
}));
