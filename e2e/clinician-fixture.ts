import type { APIRequestContext, BrowserContextOptions, PlaywrightWorkerArgs } from '@playwright/test';
import { signInThroughApi } from './auth-helpers';
import { test as base, expect } from './fixtures';

export type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

type StaffRole = 'clinician' | 'nurse' | 'admin';
const signedIn = new Map<StaffRole, StorageState>();

/**
 * A staff member's signed-in state, signed in once and reused (a TOTP step is one-use, so each
 * sign-in may wait for the next), and signed in again when the server has ended the session —
 * as it does when a journey moves the server's clock past the idle timeout.
 */
export async function staffStorageState(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  role: StaffRole,
) {
  const cached = signedIn.get(role);
  if (cached) {
    const probe = await playwright.request.newContext({ baseURL, storageState: cached });
    const stillSignedIn = (await probe.get('/api/auth/me')).ok();
    await probe.dispose();
    if (stillSignedIn) return cached;
  }
  const request = await playwright.request.newContext({ baseURL });
  await signInThroughApi(request, role);
  const state = await request.storageState();
  await request.dispose();
  signedIn.set(role, state);
  return state;
}

/**
 * The demo clinician, nurse and admin, signed in through the API (the sign-in page is proved in
 * auth.spec.ts): their signed-in states for pages, and API contexts for the clinician and the nurse.
 */
export const test = base.extend<{
  clinicianStorageState: StorageState;
  nurseStorageState: StorageState;
  adminStorageState: StorageState;
  clinicianApi: APIRequestContext;
  nurseApi: APIRequestContext;
}>({
  // A fresh sign-in may wait up to 30 s for an unused TOTP step: that wait has its own budget.
  clinicianStorageState: [
    async ({ playwright, baseURL }, use) => use(await staffStorageState(playwright, baseURL!, 'clinician')),
    { timeout: 60_000 },
  ],
  nurseStorageState: [
    async ({ playwright, baseURL }, use) => use(await staffStorageState(playwright, baseURL!, 'nurse')),
    { timeout: 60_000 },
  ],
  adminStorageState: [
    async ({ playwright, baseURL }, use) => use(await staffStorageState(playwright, baseURL!, 'admin')),
    { timeout: 60_000 },
  ],
  clinicianApi: async ({ playwright, baseURL, clinicianStorageState }, use) => {
    const request = await playwright.request.newContext({ baseURL, storageState: clinicianStorageState });
    await use(request);
    await request.dispose();
  },
  nurseApi: async ({ playwright, baseURL, nurseStorageState }, use) => {
    const request = await playwright.request.newContext({ baseURL, storageState: nurseStorageState });
    await use(request);
    await request.dispose();
  },
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
