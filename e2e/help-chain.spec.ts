import type { APIRequestContext } from '@playwright/test';
import { signInThroughApi } from './auth-helpers';
import { expect } from './fixtures';
import {
  ALL_TICKED,
  activeAlerts,
  expectNoAxeViolationsLightAndDark,
  getSession,
  journeysOnAPhone,
  json,
  MAYA_ID,
  OFFLINE_REQUESTS,
  PHONE,
  resolveOpenUrgentAlerts,
  type SessionJson,
  scheduleSeparateSession,
  screenshotBothSchemes,
  sessionPath,
  sessionToDoseToday,
  signInMaya,
  signInThroughPage,
  test,
  watchConsole,
} from './session-helpers';

/**
 * Help that reaches people (issue 11): Maya, in session on her phone, first has a hard moment
 * (grounding, the clinic's number, noted on the timeline without an alarm), then presses
 * "I need help now" with no connection (the screen says nothing was sent and gives 988, 911 and
 * the clinic), then it sends; Sam's open support page shows it within seconds with what to do;
 * the nurse's alert card shows the phones and opens Maya's chart, read-only. A support person
 * who confirmed with the code (no account) sees a help press on that page too.
 */

journeysOnAPhone(OFFLINE_REQUESTS);

/** Through the API, as the journeys before it do in the browser: prepared, Sam present, cleared, dosed. */
async function dosedSession(
  maya: APIRequestContext,
  clinician: APIRequestContext,
  nurse: APIRequestContext,
  support: APIRequestContext,
): Promise<SessionJson> {
  const session = await sessionToDoseToday(maya, clinician, [
    [nurse, 'nurse'],
    [support, 'support'],
  ]);
  if (session.dosedAt) return session;
  await json(
    await maya.put(`${sessionPath(session.id)}/preparation`, {
      data: { checklist: ALL_TICKED, vitals: { systolic: 122, diastolic: 78, heartRate: 72 } },
    }),
  );
  if (!session.supportConfirmedAt) {
    await json(
      await support.post(`${sessionPath(session.id)}/support-confirmation`, { data: { attest: true } }),
    );
  }
  if (session.firstSession) await json(await nurse.post(`${sessionPath(session.id)}/live-monitor`));
  const ready = await json<SessionJson>(await maya.post(`${sessionPath(session.id)}/readiness`));
  expect(ready.readiness?.status, JSON.stringify(ready.readiness)).toBe('cleared');
  return json<SessionJson>(
    await maya.post(`${sessionPath(session.id)}/dose`, {
      data: { idempotencyKey: `help-chain-dose-${Date.now()}` },
    }),
  );
}

test('help reaches people: a hard moment, help pressed offline then sent, Sam sees it within seconds, the nurse calls and opens the chart', async ({
  page,
  browser,
  baseURL,
  playwright,
  mayaApi,
  clinicianApi,
  nurseApi,
}) => {
  test.setTimeout(360_000);
  await resolveOpenUrgentAlerts(clinicianApi);
  const supportApi = await playwright.request.newContext({ baseURL });
  await signInThroughApi(supportApi, 'support');
  const session = await dosedSession(mayaApi, clinicianApi, nurseApi, supportApi);
  const startedAt = Date.now();

  // Sam has the session open on his own phone, signed in.
  const samContext = await browser.newContext({ ...PHONE, baseURL });
  const sam = await samContext.newPage();
  const samErrors = watchConsole(sam, OFFLINE_REQUESTS);
  await signInThroughPage(sam, 'support');
  await sam.goto(`/support/patients/${MAYA_ID}/sessions/${session.id}`);
  await expect(sam.getByRole('heading', { level: 1 })).toBeVisible();

  // Maya, in session: the gentler step beside the emergency button.
  await signInMaya(page);
  await page.goto(`/patient/sessions/${session.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /Rest now/ })).toBeVisible();
  const gentle = page.getByRole('button', { name: "I'm having a hard moment" });
  const urgent = page.getByRole('button', { name: 'I need help now' });
  await expect(gentle).toBeVisible();
  await expect(urgent).toBeVisible();
  for (const button of [gentle, urgent]) {
    const box = await button.boundingBox();
    expect(box?.height ?? 0, 'a target a shaking thumb can hit').toBeGreaterThanOrEqual(56);
  }
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'help-chain-in-session');

  // "I'm having a hard moment": grounding and the clinic's number; on the timeline, no alarm.
  await gentle.click();
  const grounding = page.getByRole('dialog', { name: "Let's slow down together" });
  await expect(grounding).toBeVisible();
  await expect(
    grounding.getByText('Noted on your session for your care team. No alarm was raised.'),
  ).toBeVisible();
  await expect(grounding.getByText('5 things you can see.')).toBeVisible();
  await expect(grounding.getByText('1 thing you can taste.')).toBeVisible();
  await expect(grounding.getByRole('heading', { name: 'Breathing guide' })).toBeVisible();
  await expect(grounding.getByRole('link', { name: /Call your clinic/ })).toHaveAttribute(
    'href',
    /^tel:\+?\d+$/,
  );
  await expect(grounding.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'help-chain-grounding');
  const afterMoment = await getSession(mayaApi, session.id);
  expect(afterMoment.events.some((e) => e.kind === 'hard_moment')).toBe(true);
  expect(
    (await activeAlerts(nurseApi)).filter(
      (a) => a.patientId === MAYA_ID && Date.parse(a.createdAt) >= startedAt - 5_000,
    ),
    'a hard moment raises no alert',
  ).toEqual([]);
  await grounding.getByRole('button', { name: "I'm steadier: back to my session" }).click();
  await expect(grounding).toBeHidden();

  // "I need help now" with no connection: nothing was sent, and the numbers to call are right there.
  await page.context().setOffline(true);
  await urgent.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Not sent — no connection' })).toBeVisible();
  await expect(page.getByText('Help is on its way')).toHaveCount(0);
  const offline = page.locator('.help-panel__offline');
  await expect(offline.getByRole('link', { name: '988', exact: true })).toHaveAttribute('href', 'tel:988');
  await expect(offline.getByRole('link', { name: 'text 988' })).toHaveAttribute('href', 'sms:988');
  await expect(offline.getByRole('link', { name: '911', exact: true })).toHaveAttribute('href', 'tel:911');
  await expect(offline.getByRole('link', { name: /555/ })).toHaveAttribute('href', /^tel:\+?\d+$/);
  await expect(sam.getByText(/pressed “I need help”/)).toHaveCount(0);
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'help-chain-help-offline');

  // Back online, it goes; only then does the screen say help is on its way.
  await page.context().setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.getByRole('heading', { level: 1, name: 'Help is on its way' })).toBeVisible({
    timeout: 15_000,
  });
  const pressedAt = Date.now();

  // Sam's open page shows it within seconds, with what to do.
  const banner = sam.getByRole('alert').filter({ hasText: 'pressed “I need help”' });
  await expect(banner).toBeVisible({ timeout: 10_000 });
  expect(Date.now() - pressedAt).toBeLessThan(10_000);
  await expect(banner.getByRole('heading', { name: /^Maya pressed “I need help” at / })).toBeVisible();
  await expect(banner.getByText('Go to them now and stay with them.')).toBeVisible();
  await expect(banner.getByRole('link', { name: 'Call 911' })).toHaveAttribute('href', 'tel:911');
  await expectNoAxeViolationsLightAndDark(sam);
  await screenshotBothSchemes(sam, 'help-chain-support-sees-help');
  expect(samErrors).toEqual([]);
  await samContext.close();

  // The nurse: the alert card has the numbers to call and opens Maya's chart, to read.
  const nurseContext = await browser.newContext({ baseURL, storageState: await nurseApi.storageState() });
  const nurse = await nurseContext.newPage();
  const nurseErrors = watchConsole(nurse, /^$/);
  await nurse.setViewportSize({ width: 1280, height: 900 });
  await nurse.goto('/nurse');
  const card = nurse
    .locator('.alert-card')
    .filter({ hasText: 'Maya' })
    .filter({ hasText: '"I need help" was pressed by the patient' })
    .first();
  await expect(card).toBeVisible();
  await expect(card.getByRole('link', { name: '+1 555 010 2002' })).toHaveAttribute(
    'href',
    'tel:+15550102002',
  );
  await expect(card.getByText('Sam Torres')).toBeVisible();
  await expect(card.getByRole('link', { name: '+1 555 010 2001' })).toHaveAttribute(
    'href',
    'tel:+15550102001',
  );
  await expect(card.getByText('Ana Torres')).toBeVisible();
  await expectNoAxeViolationsLightAndDark(nurse);
  await screenshotBothSchemes(nurse, 'help-chain-alert-card');

  await nurse.goto('/nurse/board');
  const row = nurse.getByRole('row').filter({ hasText: 'Maya' }).first();
  await expect(row.getByRole('link', { name: '+1 555 010 2002' })).toBeVisible();
  await expect(row.getByRole('link', { name: /Maya/ }).first()).toHaveAttribute(
    'href',
    `/nurse/patients/${MAYA_ID}/chart`,
  );
  await expectNoAxeViolationsLightAndDark(nurse);
  await screenshotBothSchemes(nurse, 'help-chain-board');

  await nurse.goto('/nurse');
  await card.getByRole('link', { name: 'Open Maya Torres’s chart' }).click();
  await expect(nurse).toHaveURL(`/nurse/patients/${MAYA_ID}/chart`);
  await expect(nurse.getByRole('heading', { level: 1, name: 'Treatment: Maya Torres' })).toBeVisible();
  await expect(nurse.getByText('You are reading this chart as a member of the care team.')).toBeVisible();
  await expect(nurse.getByRole('heading', { name: 'Treatment plan' })).toBeVisible();
  for (const name of ['Edit plan', 'Change status', 'Write a prescription']) {
    await expect(nurse.getByRole('button', { name })).toHaveCount(0);
  }
  await expectNoAxeViolationsLightAndDark(nurse);
  await screenshotBothSchemes(nurse, 'help-chain-nurse-chart');
  expect(nurseErrors).toEqual([]);
  await nurseContext.close();
  await supportApi.dispose();
  await resolveOpenUrgentAlerts(clinicianApi);
});

test('the support person on the code page, without an account, sees a help press within seconds', async ({
  page,
  mayaApi,
  clinicianApi,
}) => {
  test.setTimeout(90_000);
  const session = await scheduleSeparateSession(mayaApi, clinicianApi);
  const { code } = await json<{ code: string }>(
    await mayaApi.post(`${sessionPath(session.id)}/support-code`),
  );

  await page.goto(`/support-code?code=${encodeURIComponent(code)}`);
  await page.getByLabel('Your name').fill('Sam');
  await page.getByLabel('I confirm all of the above').check();
  await page.getByRole('button', { name: "I'm here" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you, Sam' })).toBeVisible();
  await expect(page.getByText(/Keep this page open: if Maya presses/)).toBeVisible();

  await json(
    await mayaApi.post(`${sessionPath(session.id)}/help`, {
      data: { idempotencyKey: `help-chain-code-${Date.now()}` },
    }),
  );
  const pressedAt = Date.now();
  const banner = page.getByRole('alert').filter({ hasText: 'pressed “I need help”' });
  await expect(banner).toBeVisible({ timeout: 10_000 });
  expect(Date.now() - pressedAt).toBeLessThan(10_000);
  await expect(banner.getByText('Go to them now and stay with them.')).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'help-chain-code-page-help');
  await resolveOpenUrgentAlerts(clinicianApi);
});
