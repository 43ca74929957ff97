import { contractRoutes } from '../../platform/contract-routes.ts';
import { consentContract } from './contract.ts';
import {
  consentDocumentCopy,
  currentConsentDocument,
  listConsentDocuments,
  listPatientConsents,
  publishConsentDocument,
  signConsent,
} from './service.ts';

export const consentRoutes = contractRoutes(consentContract, (deps) => ({
  currentDocument: () => currentConsentDocument(deps),
  listDocuments: async (_input, ctx) => ({ items: await listConsentDocuments(deps, ctx) }),
  publishDocument: ({ body }, ctx) => publishConsentDocument(deps, ctx, body),
  listPatientConsents: ({ params }, ctx) => listPatientConsents(deps, ctx, params.patientId),
  signConsent: ({ params, body }, ctx) => signConsent(deps, ctx, params.patientId, body),
  consentCopy: async ({ params }, ctx, reply) => {
    const copy = await consentDocumentCopy(deps, ctx, params.patientId, params.consentId);
    return reply
      .type('text/plain; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${copy.filename}"`)
      .send(copy.text);
  },
}));
