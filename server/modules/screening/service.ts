import { checkInteractions, knownMedicationNames } from '../../../clinical/interactions.ts';
import {
  defaultScreeningThresholds,
  type ScreeningFacts,
  type ScreeningThresholds,
  screen,
} from '../../../clinical/screening.ts';
import { requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { changedFields } from '../protocols/service.ts';
import { findScreeningSettings, saveScreeningSettings } from './repo.ts';

/** The clinic's thresholds: the stored settings over the reference defaults. */
export async function currentScreeningThresholds(
  deps: AppDeps,
): Promise<{ version: number; thresholds: ScreeningThresholds; updatedAt: Date | null }> {
  const stored = await findScreeningSettings(deps.database.db);
  return {
    version: stored?.version ?? 0,
    thresholds: {
      ...defaultScreeningThresholds,
      ...(stored?.thresholds as Partial<ScreeningThresholds> | undefined),
    },
    updatedAt: stored?.updated_at ?? null,
  };
}

/** Public and stateless: nothing about the person is stored. */
export async function screenFacts(deps: AppDeps, facts: ScreeningFacts) {
  const { thresholds } = await currentScreeningThresholds(deps);
  const result = screen(facts, thresholds);
  return { eligible: result.eligible, flags: result.flags };
}

export function checkMedicationInteractions(medications: string[]) {
  return { results: checkInteractions(medications) };
}

export function suggestMedications(query: string) {
  const q = query.toLowerCase();
  const names = knownMedicationNames();
  const starts = names.filter((n) => n.name.toLowerCase().startsWith(q));
  const contains = names.filter(
    (n) => !n.name.toLowerCase().startsWith(q) && n.name.toLowerCase().includes(q),
  );
  return { items: [...starts, ...contains].slice(0, 12) };
}

export async function getScreeningSettings(deps: AppDeps, context: RequestContext) {
  requireRole(context, ['admin', 'clinician']);
  const current = await currentScreeningThresholds(deps);
  return {
    version: current.version,
    thresholds: current.thresholds,
    defaults: defaultScreeningThresholds,
    updatedAt: current.updatedAt?.toISOString() ?? null,
  };
}

/** Changes the thresholds if the caller saw the latest version (412 otherwise); audited with which changed. */
export async function updateScreeningSettings(
  deps: AppDeps,
  context: RequestContext,
  expectedVersion: number,
  thresholds: ScreeningThresholds,
) {
  const actor = requireRole(context, ['admin']);
  const before = await currentScreeningThresholds(deps);
  const now = context.now();
  await deps.database.db.transaction().execute(async (trx) => {
    if (!(await saveScreeningSettings(trx, expectedVersion, thresholds, actor.userId, now))) {
      throw new AppError(
        'precondition_failed',
        'Someone else changed the screening settings since you opened them. Review the current values and try again.',
        { currentVersion: before.version, current: before.thresholds },
      );
    }
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'settings.screening.update',
      entityType: 'ScreeningSettings',
      entityId: String(expectedVersion + 1),
      details: {
        version: expectedVersion + 1,
        fields: Object.keys(changedFields(before.thresholds, thresholds)),
      },
    });
  });
  return getScreeningSettings(deps, context);
}
