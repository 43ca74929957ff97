import { contractRoutes } from '../../platform/contract-routes.ts';
import { AppError } from '../../platform/errors.ts';
import { versionFromIfMatch } from '../protocols/schema.ts';
import { screeningContract } from './contract.ts';
import {
  checkMedicationInteractions,
  getScreeningSettings,
  screenFacts,
  suggestMedications,
  updateScreeningSettings,
} from './service.ts';

/** The version If-Match names; the shared reader caps it at nine digits, so it fits the version column. */
function requiredVersion(header: string | undefined): number {
  const version = versionFromIfMatch(header);
  if (version === null) {
    throw new AppError(
      'precondition_failed',
      'Send If-Match with the version you are changing (the ETag you read).',
    );
  }
  return version;
}

export const screeningRoutes = contractRoutes(screeningContract, (deps) => ({
  checkInteractions: ({ body }) => checkMedicationInteractions(body.medications),
  screenFacts: ({ body }) => screenFacts(deps, body),
  suggestMedications: ({ query }) => suggestMedications(query.q),
  getScreeningSettings: async (_input, ctx, reply) => {
    const settings = await getScreeningSettings(deps, ctx);
    reply.header('ETag', `"${settings.version}"`);
    return settings;
  },
  updateScreeningSettings: async ({ headers, body }, ctx, reply) => {
    const settings = await updateScreeningSettings(deps, ctx, requiredVersion(headers['if-match']), body);
    reply.header('ETag', `"${settings.version}"`);
    return settings;
  },
}));
