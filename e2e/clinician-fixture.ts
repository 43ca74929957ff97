import type { APIRequestContext, BrowserContextOptions } from '@playwright/test';
import { signInThroughApi } from './auth-helpers';
import { test as base, expect } from './fixtures';

export type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

/**
 * The demo clinician signs in once per worker (signing in through the page is proved in
 * auth.spec.ts), so journeys that need a clinician's decision do not each wait for a fresh TOTP step.
 */
// biome-ignore lint/complexity/noBannedTypes: `{}` is Playwright's way of saying "no new test fixtures".
export const test = base.extend<{}, { clinicianStorageState: StorageState }>({
  clinicianStorageState: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      await signInThroughApi(request, 'clinician');
      const state = await request.storageState();
      await request.dispose();
      await use(state);
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

/** The clinician takes the review of a patient's submitted intake and decides, through the API. */
export async function decideThroughApi(
  clinician: APIRequestContext,
  intakeId: string,
  patientId: string,
  decision: Record<string, unknown>,
): Promise<void> {
  const start = await clinician.post(`/api/candidacy/${intakeId}/start`);
  expect(start.status(), await start.text()).toBe(200);
  const decided = await clinician.post(`/api/patients/${patientId}/candidacy-decisions`, { data: decision });
  expect(decided.status(), await decided.text()).toBe(201);
}
