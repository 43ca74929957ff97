import { contractRoutes } from '../../platform/contract-routes.ts';
import { alertContract } from './contract.ts';
import { acknowledgeAlert, listMyAlerts, listPatientAlerts, resolveAlert } from './service.ts';

export const alertRoutes = contractRoutes(alertContract, (deps) => ({
  listMyAlerts: async ({ query }, ctx) => ({ items: await listMyAlerts(deps, ctx, query.status) }),
  listPatientAlerts: async ({ params }, ctx) => ({
    items: await listPatientAlerts(deps, ctx, params.patientId),
  }),
  acknowledgeAlert: async ({ params, body }, ctx) => {
    await acknowledgeAlert(deps, ctx, params.alertId, body);
    return null;
  },
  resolveAlert: async ({ params, body }, ctx) => {
    await resolveAlert(deps, ctx, params.alertId, body);
    return null;
  },
}));
