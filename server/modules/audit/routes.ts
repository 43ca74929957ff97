import { contractRoutes } from '../../platform/contract-routes.ts';
import { auditContract } from './contract.ts';
import { listAuditCatalogue, listAuditTrail, verifyAuditTrail } from './service.ts';

export const auditRoutes = contractRoutes(auditContract, (deps) => ({
  listAuditTrail: ({ query }, ctx) => listAuditTrail(deps, ctx, query),
  verifyAuditTrail: (_input, ctx) => verifyAuditTrail(deps, ctx),
  auditCatalogue: (_input, ctx) => listAuditCatalogue(ctx),
}));
