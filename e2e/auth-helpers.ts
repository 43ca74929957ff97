import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { expect } from './fixtures';

export const DEMO_PASSWORD = 'calm-harbor-demo-2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export type DemoRole = 'patient' | 'support' | 'clinician' | 'nurse' | 'coach' | 'admin';
export const STAFF_ROLES = ['clinician', 'nurse', 'coach', 'admin'] as const;
export const ROLE_HOME: Record<DemoRole, string> = {
  patient: '/patient',
  support: '/support',
  clinician: '/clinician',
  nurse: '/nurse',
  coach: '/coach',
  admin: '/admin',
};

export const demoEmail = (role: DemoRole) => `${role}@stillwater.example`;
export const isStaff = (role: DemoRole) => (STAFF_ROLES as readonly string[]).includes(role);

/**
 * Chromium logs every 4xx reply to fetch() as a console error. Journeys that expect one (a
 * staff sign-in's first step answers 401 mfa_required; a wrong password answers 401) allow
 * exactly that line and nothing else.
 */
export const EXPECTED_401 = /Failed to load resource: the server responded with a status of 401/;
// One pattern, not two: `test.use({ allowedConsoleErrors: [a, b] })` with two RegExps reads as
// Playwright's [value, options] fixture tuple, so a list of several patterns must not be written that way.
export const EXPECTED_401_OR_429 = /Failed to load resource: the server responded with a status of (401|429)/;

// ——— TOTP codes, each used at most once per account ———

const STEP_MS = 30_000;
// Shared by every worker and kept across worker restarts within a run, in the run's own data
// folder (playwright.config.ts makes a fresh one per run, with a fresh server and fresh accounts):
// steps used by another run, whose server clock may have been moved days ahead, never count here.
const STEP_FILE = join(
  process.env.STILLWATER_E2E_DATA_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results'),
  '.totp-steps.json',
);

function readUsedSteps(): Record<string, number> {
  try {
    return existsSync(STEP_FILE)
      ? (JSON.parse(readFileSync(STEP_FILE, 'utf8')) as Record<string, number>)
      : {};
  } catch {
    return {};
  }
}

function writeUsedSteps(steps: Record<string, number>): void {
  mkdirSync(dirname(STEP_FILE), { recursive: true });
  writeFileSync(STEP_FILE, JSON.stringify(steps));
}

const SERVER = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;

/** How far the server's clock is ahead of this machine's (0 when it cannot say). */
export async function serverClockOffset(): Promise<number> {
  try {
    const res = await fetch(`${SERVER}/api/test-clock`);
    if (!res.ok) return 0;
    const { now } = (await res.json()) as { now: string };
    return Math.max(0, Date.parse(now) - Date.now());
  } catch {
    return 0;
  }
}

/**
 * A TOTP code for `account` that the server has not seen yet. The server accepts each
 * 30-second step once per account (a replay is refused), so when this account already used
 * the current step, this waits for the next one (at most 30 seconds).
 */
export async function freshTotpCode(account: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  const key = account.toLowerCase();
  const used = readUsedSteps();
  // Codes follow the server's clock, which the journeys move forward (TEST_CLOCK).
  const offset = await serverClockOffset();
  const now = () => Date.now() + offset;
  let step = Math.floor(now() / STEP_MS);
  const last = used[key];
  if (last !== undefined && step <= last) {
    const waitMs = (last + 1) * STEP_MS - now() + 300;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    step = Math.floor(now() / STEP_MS);
  }
  writeUsedSteps({ ...used, [key]: step });
  const totp = new TOTP({
    secret: Secret.fromBase32(secret.replace(/\s+/g, '')),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: step * STEP_MS });
}

/** Staff sign-ins may wait up to 30 s for a fresh TOTP step, so their tests get extra time. */
export const STAFF_TEST_TIMEOUT = 90_000;

// ——— signing in ———

/** Signs in through the real sign-in page (both steps for staff) and waits for the role's home. */
export async function signInThroughUi(page: Page, role: DemoRole, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await fillPasswordStep(page, demoEmail(role), password);
  if (isStaff(role)) {
    await expect(page.getByRole('heading', { level: 2, name: 'Enter your code' })).toBeVisible();
    await page.getByLabel('6-digit code').fill(await freshTotpCode(demoEmail(role)));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
  }
  await expect(page).toHaveURL(ROLE_HOME[role]);
  await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
}

export async function fillPasswordStep(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in through the API (for journeys that are not about signing in), sharing cookies with pages. */
export async function signInThroughApi(request: APIRequestContext, role: DemoRole): Promise<void> {
  const email = demoEmail(role);
  const data: Record<string, string> = { email, password: DEMO_PASSWORD };
  if (isStaff(role)) data.totp = await freshTotpCode(email);
  const response = await request.post('/api/auth/login', { data });
  expect(response.status(), `sign-in of ${email}: ${await response.text()}`).toBe(200);
}

export async function signOutThroughHeader(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin\?reason=signed-out$/);
}
