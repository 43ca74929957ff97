import { contractRoutes } from '../../platform/contract-routes.ts';
import { dashboardContract } from './contract.ts';
import { attentionList } from './service.ts';

export const dashboardRoutes = contractRoutes(dashboardContract, (deps) => ({
  attention: (_input, ctx) => attentionList(deps, ctx),
}));
