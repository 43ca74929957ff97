import { mkdirSync } from 'node:fs';
import type { APIRequestContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import {
  DEMO_PASSWORD,
  type DemoRole,
  demoEmail,
  fillPasswordStep,
  ROLE_HOME,
  signInThroughApi,
} from './auth-helpers';
import { test as withClinician } from './clinician-fixture';
import { expect, expectNoAxeViolations } from './fixtures';

/** The demo patient, Maya Torres (server/seed.ts › demoIds.patient). */
export const MAYA_ID = '01937a00-0000-7000-8000-000000000101';

/** A phone held in one hand: the size every patient screen is designed for first. */
export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } as const;

export const SHOTS = '/tmp/shots';

export interface SessionJson {
  id: string;
  status: string;
  scheduledFor: string;
  firstSession: boolean;
  dosedAt: string | null;
  doseMg: number | null;
  plannedDoseMg: number;
  supportConfirmedAt: string | null;
  liveMonitorJoinedAt: string | null;
  checkIn: unknown;
  helpRequested: boolean;
  readiness: { status: string; reasons: { code: string; title: string; explanation: string }[] } | null;
  doseWindow: { opensAt: string; closesAt: string };
  checkInOpensAt: string | null;
  vitalsCheck: { status: string; opensAt: string | null } | null;
  holdLift: { byName: string; reason: string | null; at: string } | null;
  bloodPressureLimit: { systolic: number; diastolic: number };
  vitals: { systolic: number | null; diastolic: number | null; context: string; overLimit: boolean }[];
  events: { kind: string; occurredAt: string; details: Record<string, unknown> }[];
}

interface AlertJson {
  id: string;
  kind: string;
  severity: string;
  patientId: string;
  reason: string;
  status: string;
  createdAt: string;
}

/**
 * Going offline on purpose makes Chromium log the requests that could not be sent; moving the
 * server's clock past the idle timeout makes the page's next request answer 401 (Maya signs in again).
 */
export const OFFLINE_REQUESTS =
  /Failed to load resource: (net::ERR_(INTERNET_DISCONNECTED|FAILED)|the server responded with a status of 401)/;

/** Each test gets API contexts for the clinician, the nurse (clinician-fixture.ts) and the patient (Maya). */
export const test = withClinician.extend<{ mayaApi: APIRequestContext }>({
  mayaApi: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL });
    await signInThroughApi(request, 'patient');
    await use(request);
    await request.dispose();
  },
});

/**
 * A spec file of journeys on a phone: every test in it on the phone's screen, with the one console
 * error pattern it expects, and the screenshots folder made before the first.
 */
export function journeysOnAPhone(allowedConsoleError: RegExp): void {
  test.use({ ...PHONE, allowedConsoleErrors: [allowedConsoleError] });
  test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
}

export async function json<T>(
  response: Awaited<ReturnType<APIRequestContext['get']>>,
  status = 200,
): Promise<T> {
  expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(status);
  return (await response.json()) as T;
}

export const sessionPath = (sessionId: string) => `/api/patients/${MAYA_ID}/sessions/${sessionId}`;

export async function getSession(api: APIRequestContext, sessionId: string): Promise<SessionJson> {
  return json<SessionJson>(await api.get(sessionPath(sessionId)));
}

const OPEN = new Set(['scheduled', 'preparing', 'held', 'cleared']);
const HOUR = 3_600_000;

/** The server's time (TEST_CLOCK): journeys move it forward, so "now" is the server's, not this machine's. */
export async function serverNow(api: APIRequestContext): Promise<number> {
  const { now } = await json<{ now: string }>(await api.get('/api/test-clock'));
  return Date.parse(now);
}

/**
 * Moves the server's clock forward (at most a week a call). Sign-in sessions age with it, so a
 * jump past the 30-minute idle timeout means signing in again.
 */
export async function advanceServerClock(api: APIRequestContext, minutes: number): Promise<number> {
  let left = Math.ceil(minutes);
  let now = await serverNow(api);
  while (left > 0) {
    const step = Math.min(left, 7 * 24 * 60);
    now = Date.parse(
      (await json<{ now: string }>(await api.post('/api/test-clock/advance', { data: { minutes: step } })))
        .now,
    );
    left -= step;
  }
  return now;
}

/** A demo sign-in to renew after the server's clock has moved past its idle timeout. */
export type SignIn = [api: APIRequestContext, role: DemoRole];

/**
 * Maya's open session of today that she has not dosed yet, or, when today's is taken (another
 * journey dosed it), a new one at the first free slot with the server's clock moved to ten minutes
 * before it. After a move, Maya's, the clinician's and every other given sign-in are renewed, and
 * urgent alerts the move raised (check-ins of other journeys now long overdue) are cleared.
 */
export async function sessionToDoseToday(
  maya: APIRequestContext,
  clinician: APIRequestContext,
  others: SignIn[] = [],
): Promise<SessionJson> {
  if (await finishSessionsUnderWay(maya)) await renewSignIns(maya, clinician, others);
  const { items } = await json<{ items: SessionJson[] }>(await maya.get(`/api/patients/${MAYA_ID}/sessions`));
  const now = await serverNow(maya);
  const today = items.find(
    (s) => OPEN.has(s.status) && Math.abs(Date.parse(s.scheduledFor) - now) < 12 * HOUR && !s.dosedAt,
  );
  if (today) return getSession(maya, today.id);
  const session = await sessionAfterClockMove(maya, clinician, others);
  return getSession(maya, session.id);
}

/** The first free slot, the server's clock moved to just before it, sign-ins renewed, no urgent alert. */
async function sessionAfterClockMove(
  maya: APIRequestContext,
  clinician: APIRequestContext,
  others: SignIn[],
): Promise<SessionJson> {
  const now = await serverNow(maya);
  const session = await scheduleSeparateSession(maya, clinician);
  await advanceServerClock(maya, (Date.parse(session.scheduledFor) - now) / 60_000 - 10);
  await renewSignIns(maya, clinician, others);
  return session;
}

/** After a clock move: every sign-in renewed, and the urgent alerts the move raised cleared. */
async function renewSignIns(maya: APIRequestContext, clinician: APIRequestContext, others: SignIn[]) {
  for (const [api, role] of [[maya, 'patient'], [clinician, 'clinician'], ...others] as SignIn[])
    await signInThroughApi(api, role);
  await resolveOpenUrgentAlerts(clinician);
}

const CALM_CHECK_IN = {
  sideEffects: Object.fromEntries(
    ['nausea', 'vomiting', 'dizziness', 'headache', 'blurredVision', 'dissociation', 'anxiety'].map(
      (effect) => [effect, 'none'],
    ),
  ),
  effect: 'mild',
  experience: 3,
  mood: 3,
};

/**
 * Sessions another journey dosed and left without a check-in (Maya's home would show one as
 * under way) are checked in through the API, the server's clock moved past the observation time
 * if it has not passed. Returns whether the clock moved (sign-ins then have to be renewed).
 */
export async function finishSessionsUnderWay(maya: APIRequestContext): Promise<boolean> {
  const { items } = await json<{ items: SessionJson[] }>(await maya.get(`/api/patients/${MAYA_ID}/sessions`));
  let moved = false;
  for (const summary of items.filter((s) => s.status === 'dosed')) {
    const session = await getSession(maya, summary.id);
    const waitMinutes = (Date.parse(session.checkInOpensAt!) - (await serverNow(maya))) / 60_000;
    if (waitMinutes > 0) {
      await advanceServerClock(maya, waitMinutes + 1);
      await signInThroughApi(maya, 'patient');
      moved = true;
    }
    await json(
      await maya.post(`${sessionPath(session.id)}/check-in`, {
        data: { idempotencyKey: `finish-${session.id}`, ...CALM_CHECK_IN },
      }),
    );
  }
  return moved;
}

/**
 * A new session for Maya, scheduled by the clinician at the first time that keeps the plan's
 * minimum interval from every other session: each test that must not share a session makes its own.
 */
export async function scheduleSeparateSession(
  maya: APIRequestContext,
  clinician: APIRequestContext,
): Promise<SessionJson> {
  const { items } = await json<{ items: SessionJson[] }>(await maya.get(`/api/patients/${MAYA_ID}/sessions`));
  const taken = items
    .filter((s) => s.status !== 'cancelled' && s.status !== 'missed')
    .map((s) => Date.parse(s.dosedAt ?? s.scheduledFor));
  const now = await serverNow(maya);
  // Candidates: 73 hours after each existing session (and from now), earliest first.
  const candidates = [now + 73 * HOUR, ...taken.map((t) => t + 73 * HOUR)]
    .filter((t) => t > now)
    .sort((a, b) => a - b);
  for (const at of candidates) {
    if (taken.some((t) => Math.abs(t - at) < 72 * HOUR)) continue;
    const response = await clinician.post(`/api/patients/${MAYA_ID}/sessions`, {
      data: { scheduledFor: new Date(at).toISOString() },
    });
    if (response.status() === 201) return (await response.json()) as SessionJson;
    expect(response.status(), await response.text()).toBe(422);
  }
  throw new Error('No free slot left in Maya’s plan for a separate session.');
}

/**
 * A clean session of Maya's (no readings, no support person yet) that can be dosed now: an open
 * one whose dose window holds the server's now, or a new one at the first free slot, with the
 * server's clock moved to a few minutes before it; after a move, Maya's, the clinician's and the
 * given sign-ins are renewed (others, such as a browser page's, have to be renewed by the caller).
 */
export async function cleanSessionInItsWindow(
  maya: APIRequestContext,
  clinician: APIRequestContext,
  others: SignIn[] = [],
): Promise<{ session: SessionJson; movedClock: boolean }> {
  if (await finishSessionsUnderWay(maya)) await renewSignIns(maya, clinician, others);
  const now = await serverNow(maya);
  const { items } = await json<{ items: SessionJson[] }>(await maya.get(`/api/patients/${MAYA_ID}/sessions`));
  for (const summary of items.filter(
    (s) => OPEN.has(s.status) && !s.dosedAt && Math.abs(Date.parse(s.scheduledFor) - now) < 12 * HOUR,
  )) {
    const full = await getSession(maya, summary.id);
    const inWindow =
      Date.parse(full.doseWindow.opensAt) < now && now + 30 * 60_000 < Date.parse(full.doseWindow.closesAt);
    if (inWindow && full.vitals.length === 0 && !full.supportConfirmedAt) {
      return { session: full, movedClock: false };
    }
  }
  return { session: await sessionAfterClockMove(maya, clinician, others), movedClock: true };
}

/** Open urgent alerts hold every dose: clear ones left by other journeys so this one starts clean. */
export async function resolveOpenUrgentAlerts(clinician: APIRequestContext): Promise<void> {
  const { items } = await json<{ items: AlertJson[] }>(
    await clinician.get('/api/alerts', { params: { status: 'active' } }),
  );
  for (const alert of items.filter((a) => a.patientId === MAYA_ID && a.severity === 'urgent')) {
    const resolved = await clinician.post(`/api/alerts/${alert.id}/resolve`, {
      data: { note: 'Cleared by the session-day browser test before its journey.' },
    });
    expect([200, 204]).toContain(resolved.status());
  }
}

/** Console errors from a page the default fixture does not watch (a second browser context). */
export function watchConsole(page: Page, allowed: RegExp): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`Uncaught ${error.name}: ${error.message}`));
  return errors;
}

export async function activeAlerts(api: APIRequestContext): Promise<AlertJson[]> {
  return (await json<{ items: AlertJson[] }>(await api.get('/api/alerts', { params: { status: 'active' } })))
    .items;
}

/**
 * axe in the light theme and again in the dark one (the app follows the system's scheme). With
 * reduced motion, so colour transitions finish at once and axe measures the colours that stay.
 */
export async function expectNoAxeViolationsLightAndDark(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await expectNoAxeViolations(page);
  }
  await restoreLightTheme(page);
}

// Back to light while motion is still reduced, so no colour transition is left half-way.
async function restoreLightTheme(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
}

/** Screenshots for people to look at: the phone's screen as seen, and the whole page, light and dark. */
export async function screenshotBothSchemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}.png` });
    await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}-full.png`, fullPage: true });
  }
  await restoreLightTheme(page);
}

/** Signs the patient or the support person in through the page (one step: neither is staff). */
export async function signInThroughPage(page: Page, role: 'patient' | 'support'): Promise<void> {
  await page.goto('/signin');
  await fillPasswordStep(page, demoEmail(role), DEMO_PASSWORD);
  await expect(page).toHaveURL(ROLE_HOME[role]);
}

/** Signs the patient in through the page (the journey starts where Maya would). */
export const signInMaya = (page: Page) => signInThroughPage(page, 'patient');

export const ALL_TICKED = {
  fasting: true,
  noAlcohol24h: true,
  privateQuietRoom: true,
  eyeMaskAndMusic: true,
  noDrivingUntilTomorrow: true,
};

/** Fills the preparation step: every checklist item, the cuff's numbers, and an intention. */
export async function prepareThroughPage(
  page: Page,
  vitals: { systolic: number; diastolic: number; heartRate: number },
  intention?: string,
): Promise<void> {
  const checklist = page.getByRole('group', { name: 'Before your dose, check each one' });
  for (const box of await checklist.getByRole('checkbox').all()) await box.check();
  await page.getByLabel('Upper number (systolic)').fill(String(vitals.systolic));
  await page.getByLabel('Lower number (diastolic)').fill(String(vitals.diastolic));
  await page.getByLabel('Pulse').fill(String(vitals.heartRate));
  if (intention) await page.getByLabel('Your intention for today (optional)').fill(intention);
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

/**
 * Maya's session page on the server's time (an earlier journey may have moved it on), signed in
 * through the page, with the preparation step filled with these readings.
 */
export async function prepareOnServerTime(
  page: Page,
  maya: APIRequestContext,
  sessionId: string,
  vitals: { systolic: number; diastolic: number; heartRate: number },
): Promise<void> {
  await page.clock.install({ time: await serverNow(maya) });
  await signInMaya(page);
  await page.goto(`/patient/sessions/${sessionId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Prepare for your session' })).toBeVisible();
  await prepareThroughPage(page, vitals);
}

/**
 * Sam confirms with the code on Maya's support step from a device of his own, without an account;
 * Maya's screen sees it and she goes on.
 */
export async function confirmSupportWithCode(
  page: Page,
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string | undefined,
): Promise<void> {
  const code = (await page.getByText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/).textContent())!.trim();
  const anonymous = await playwright.request.newContext({ baseURL });
  await json(
    await anonymous.post('/api/support-confirmations', { data: { code, name: 'Sam Rivera', attest: true } }),
  );
  await anonymous.dispose();
  await expect(page.getByText('Sam Rivera is with you')).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** The nurse joins a first session live (through the API); then Maya runs the safety check. */
export async function runSafetyCheck(
  page: Page,
  nurse: APIRequestContext,
  session: SessionJson,
): Promise<void> {
  if (session.firstSession) await json(await nurse.post(`${sessionPath(session.id)}/live-monitor`));
  await expect(page.getByRole('heading', { level: 1, name: 'Safety check' })).toBeVisible({
    timeout: 10_000,
  });
  await page.getByRole('button', { name: 'Run the safety check' }).click();
}

/** Asked for before the observation time, the check-in says when it opens and offers nothing to send. */
export async function expectCheckInNotOpenYet(page: Page, screenshotName: string): Promise<void> {
  await page.getByRole('button', { name: 'Start my check-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Your check-in opens at / })).toBeFocused();
  await expect(page.getByText("That's two hours after your dose; rest until then.")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send my check-in' })).toHaveCount(0);
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, screenshotName);
}
