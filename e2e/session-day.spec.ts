import { signInThroughApi } from './auth-helpers';
import { expect } from './fixtures';
import {
  activeAlerts,
  advanceServerClock,
  confirmSupportWithCode,
  expectCheckInNotOpenYet,
  expectNoAxeViolationsLightAndDark,
  getSession,
  journeysOnAPhone,
  json,
  MAYA_ID,
  OFFLINE_REQUESTS,
  PHONE,
  prepareOnServerTime,
  prepareThroughPage,
  resolveOpenUrgentAlerts,
  runSafetyCheck,
  SHOTS,
  scheduleSeparateSession,
  screenshotBothSchemes,
  serverNow,
  sessionPath,
  sessionToDoseToday,
  signInMaya,
  signInThroughPage,
  test,
  watchConsole,
} from './session-helpers';

/**
 * Session day in the browser, the patient on a phone: preparation, the support person's
 * confirmation from their own device, the safety check, the dose, the calm in-session screen
 * with its help button (seen by the nurse), the blood-pressure recheck and the check-in, which
 * survives a lost connection and a reload. A second journey holds a session for blood pressure.
 * Each test makes or finds its own session of Maya's, so none depends on another's state.
 */

journeysOnAPhone(OFFLINE_REQUESTS);

test('session day: Maya prepares, her support person confirms with the code, she is cleared and doses, asks for help (the nurse sees it), rechecks her blood pressure and checks in through a lost connection', async ({
  page,
  browser,
  baseURL,
  mayaApi,
  clinicianApi,
  nurseApi,
}) => {
  test.setTimeout(180_000);
  await resolveOpenUrgentAlerts(clinicianApi);
  const session = await sessionToDoseToday(mayaApi, clinicianApi, [[nurseApi, 'nurse']]);
  const startedAt = Date.now();

  // The page's clock is Playwright's (from the server's time), so the 40-minute recheck and the
  // two-hour observation can come without a two-hour test.
  await page.clock.install({ time: await serverNow(mayaApi) });
  await signInMaya(page);

  // Home: today's session, its time in Maya's zone, the plan's dose, and the way in.
  // "Today" is the viewer's calendar day: a session two hours ahead may already be tomorrow.
  const card = page.getByRole('region').filter({ hasText: /Your (session today|next session)/ });
  await expect(card).toContainText(`${session.plannedDoseMg} mg, your plan's current approved dose`);
  await card.getByRole('link', { name: /^(Start preparing|Open your session)$/ }).click();
  await expect(page).toHaveURL(`/patient/sessions/${session.id}`);

  // 1. Prepare: checklist in the protocol's words, the cuff's numbers (checked as typed), an intention.
  await expect(page.getByRole('heading', { level: 1, name: 'Prepare for your session' })).toBeVisible();
  await expect(page.getByText('No alcohol in the last 24 hours')).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'session-1-prepare');
  await page.getByLabel('Upper number (systolic)').fill('80');
  await page.getByLabel('Lower number (diastolic)').fill('120');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByText('The lower number should be smaller than the upper number')).toBeVisible();
  await expect(page.getByText('Please enter your pulse from your cuff')).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await prepareThroughPage(page, { systolic: 122, diastolic: 78, heartRate: 72 }, 'To be gentle with myself');

  // 2. The support person: a one-time code, shown large, typed on their own phone.
  await expect(page.getByRole('heading', { level: 1, name: 'Your support person' })).toBeVisible();
  await expect(page.getByText(`${baseURL}/support-code`)).toBeVisible();
  const code = (await page.getByText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/).textContent())!.trim();
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'session-2-support-code');

  const supportContext = await browser.newContext({ ...PHONE, baseURL });
  const support = await supportContext.newPage();
  const supportErrors = watchConsole(support, OFFLINE_REQUESTS);
  await support.goto('/support-code');
  await expect(support.getByRole('heading', { level: 1, name: "Confirm you're there" })).toBeVisible();
  await expectNoAxeViolationsLightAndDark(support);
  await support.getByRole('button', { name: "I'm here" }).click();
  await expect(support.getByText('Please tick the box to confirm each of these.')).toBeVisible();
  await support.getByLabel('Code from their screen').fill(code.toLowerCase().replace('-', ''));
  await expect(support.getByLabel('Code from their screen')).toHaveValue(code);
  await support.getByLabel('Your name').fill('Sam Rivera');
  await support.getByLabel('I confirm all of the above').check();
  await support.getByRole('button', { name: "I'm here" }).click();
  await expect(support.getByRole('heading', { level: 1, name: 'Thank you, Sam Rivera' })).toBeVisible();
  await expect(support.getByText('Maya can now see on their screen that you are there.')).toBeVisible();
  await expect(support.getByText('Stay within voice range for the whole session')).toBeVisible();
  await expectNoAxeViolationsLightAndDark(support);
  await support.screenshot({ path: `${SHOTS}/support-code-confirmed.png`, fullPage: true });

  // Maya's screen sees the confirmation by itself (it asks every few seconds).
  await expect(page.getByText('Sam Rivera is with you')).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Continue' }).click();

  // 3. A first session waits for the nurse to join live.
  if (session.firstSession) {
    await expect(page.getByRole('heading', { level: 1, name: 'Waiting for your nurse' })).toBeVisible();
    await expectNoAxeViolationsLightAndDark(page);
    await json(await nurseApi.post(`${sessionPath(session.id)}/live-monitor`));
  }

  // 4. The safety check clears her; the dose is recorded once, at the plan's dose.
  await expect(page.getByRole('heading', { level: 1, name: 'Safety check' })).toBeVisible({
    timeout: 10_000,
  });
  await page.getByRole('button', { name: 'Run the safety check' }).click();
  await expect(page.getByText("You're cleared for today's session")).toBeVisible();
  await expect(page.getByText(`${session.plannedDoseMg} mg`, { exact: true })).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'session-3-cleared');
  await page.getByRole('button', { name: "I've taken my dose" }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Have you taken your dose?' });
  await expect(confirm.getByRole('button', { name: 'Not yet' })).toBeFocused();
  await confirm.getByRole('button', { name: "Yes, I've taken it" }).click();

  // 5. In session: calm, timed, breathing, sound on request, help always on screen.
  await expect(
    page.getByRole('heading', { level: 1, name: "Rest now. You're in your session." }),
  ).toBeVisible();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByText('since your dose at')).toBeVisible();
  await expect(page.getByText('“To be gentle with myself”')).toBeVisible();
  const dosed = await getSession(mayaApi, session.id);
  expect(dosed.status).toBe('dosed');
  expect(dosed.doseMg).toBe(session.plannedDoseMg);
  expect(dosed.events.filter((e) => e.kind === 'dose_taken')).toHaveLength(1);
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'session-4-in-session');

  const pacer = page.getByRole('region', { name: 'Breathing guide' });
  await pacer.getByRole('button', { name: 'Pause the breathing guide' }).click();
  await expect(pacer.getByRole('button', { name: 'Start the breathing guide' })).toBeVisible();
  await pacer.getByRole('button', { name: 'Start the breathing guide' }).click();
  const sound = page.getByRole('region', { name: 'Ambient sound' });
  await sound.getByRole('button', { name: 'Turn the sound on' }).click();
  await expect(sound.getByRole('button', { name: 'Turn the sound off' })).toBeVisible();
  await expect(sound.getByLabel('Volume')).toBeVisible();
  await sound.getByRole('button', { name: 'Turn the sound off' }).click();

  // "I need help": crisis help and the support person's instructions at once; an urgent alert.
  await page.getByRole('button', { name: 'I need help' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Help is on its way' })).toBeFocused();
  await expect(page.getByText('Your care team has been alerted', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /call 911/i }).first()).toHaveAttribute('href', 'tel:911');
  await expect(page.getByText('If they cannot be woken, have trouble breathing')).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'session-5-help');
  const alerts = await activeAlerts(nurseApi);
  const help = alerts.find(
    (a) =>
      a.patientId === MAYA_ID && a.kind === 'help_requested' && Date.parse(a.createdAt) >= startedAt - 5_000,
  );
  expect(help, 'the nurse has an alert for the help request').toBeTruthy();
  expect(help?.severity).toBe('urgent');
  // The nurse's live board puts the request first.
  const nurseContext = await browser.newContext({ baseURL, storageState: await nurseApi.storageState() });
  const board = await nurseContext.newPage();
  const boardErrors = watchConsole(board, OFFLINE_REQUESTS);
  await board.goto('/nurse/board');
  await expect(board.getByRole('heading', { level: 1, name: "Today's sessions" })).toBeVisible();
  await expect(board.getByRole('row').filter({ hasText: 'Maya Torres' }).first()).toContainText(
    /help requested/i,
  );
  await nurseContext.close();
  await page.getByRole('button', { name: 'Back to my session' }).click();

  // 6. About 40 minutes after the dose, a gentle prompt to recheck blood pressure.
  const recheck = page.getByRole('region', { name: /blood pressure/i });
  await expect(recheck).toContainText('about 40 minutes after your dose');
  for (let step = 0; step < 5; step += 1) {
    // The screen asks the server each minute, which keeps Maya signed in through the session.
    const polled = page.waitForResponse((r) => r.url().endsWith(sessionPath(session.id)));
    await page.clock.runFor('08:30');
    await polled;
  }
  await expect(page.getByRole('heading', { name: 'Time to check your blood pressure again' })).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await page.getByLabel('Upper number (systolic)').fill('128');
  await page.getByLabel('Lower number (diastolic)').fill('82');
  await page.getByLabel('Pulse').fill('76');
  await page.getByRole('button', { name: 'Save my reading' }).click();
  await expect(page.getByText('128/82, pulse 76. Thank you.')).toBeVisible();
  const rechecked = await getSession(mayaApi, session.id);
  expect(rechecked.vitals.filter((v) => v.context === 'recheck').map((v) => v.systolic)).toEqual([128]);

  // The check-in opens two hours (the protocol's observation) after the dose: not before.
  await expectCheckInNotOpenYet(page, 'session-6-check-in-not-open');
  await page.getByRole('button', { name: 'Back to my session' }).click();
  const early = await mayaApi.post(`${sessionPath(session.id)}/check-in`, {
    data: {
      idempotencyKey: `e2e-early-${session.id}`,
      sideEffects: {
        nausea: 'none',
        vomiting: 'none',
        dizziness: 'none',
        headache: 'none',
        blurredVision: 'none',
        dissociation: 'none',
        anxiety: 'none',
      },
      effect: 'mild',
      experience: 4,
      mood: 4,
    },
  });
  expect(early.status(), await early.text()).toBe(409);
  expect(((await early.json()) as { error: { code: string } }).error.code).toBe('check_in_not_open');

  // Two hours later (the server's clock and the page's), Maya signs in again: the idle timeout ended her sign-in.
  const opensAt = Date.parse(rechecked.checkInOpensAt!);
  const serverMinutes = (opensAt - (await serverNow(mayaApi))) / 60_000 + 1;
  await advanceServerClock(mayaApi, serverMinutes);
  const pageNow = await page.evaluate(() => Date.now());
  await page.clock.fastForward(Math.max(0, opensAt - pageNow) + 60_000);
  await signInThroughApi(mayaApi, 'patient');
  await signInMaya(page);
  await page.goto(`/patient/sessions/${session.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: "Rest now. You're in your session." }),
  ).toBeVisible();

  // 7. The connection drops: the screen says so plainly, with phone numbers that still work.
  await page.context().setOffline(true);
  const offline = page.getByRole('status').filter({ hasText: "You're offline." });
  await expect(offline).toContainText(
    "Your check-ins are saved on this phone and will send when you're back online. If you need help now, call 911 or call/text 988",
  );
  await expect(offline.getByRole('link', { name: 'Call 911' })).toHaveAttribute('href', 'tel:911');
  await expect(offline.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
  await page.getByRole('button', { name: 'Start my check-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How did it go?' })).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'session-6-check-in');
  await page.getByRole('button', { name: 'Send my check-in' }).click();
  await expect(page.getByText('Please choose how strong the effect felt.')).toBeVisible();
  await page.getByRole('group', { name: 'Nausea (feeling sick)' }).getByLabel('Mild').check();
  await page.getByRole('group', { name: 'Feeling detached or unreal' }).getByLabel('Moderate').check();
  await page.getByRole('group', { name: 'How strong did the effect' }).getByLabel('Moderate').check();
  await page.getByRole('group', { name: 'How did the session go, overall?' }).getByLabel('4 · Good').check();
  await page.getByRole('group', { name: 'How is your mood right now?' }).getByLabel('4 · Good').check();
  await page
    .getByLabel("Anything you'd like your care team to know (optional)")
    .fill('Calm, a little floaty.');
  await page.getByRole('button', { name: 'Send my check-in' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Thank you. Your session is complete' }),
  ).toBeVisible();
  await expect(page.getByText('Saved on this phone', { exact: true })).toBeVisible();
  await expect(
    page.getByText('Nausea (feeling sick): mild; Feeling detached or unreal: moderate'),
  ).toBeVisible();
  expect((await getSession(mayaApi, session.id)).checkIn, 'nothing reached the server yet').toBeNull();

  // Back online but the server still unreachable, then a reload: the check-in is still on the phone.
  await page.route('**/check-in', (route) => route.abort('internetdisconnected'));
  await page.context().setOffline(false);
  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Thank you. Your session is complete' }),
  ).toBeVisible();
  await expect(page.getByText('Saved on this phone', { exact: true })).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await page.unroute('**/check-in');
  // Retried by itself, with its original idempotency key; nothing else to press.
  await expect(page.getByText('Your check-in is with your care team')).toBeVisible({ timeout: 20_000 });
  await screenshotBothSchemes(page, 'session-7-complete');
  const completed = await getSession(mayaApi, session.id);
  expect(completed.status).toBe('completed');
  expect(completed.events.filter((e) => e.kind === 'checked_in')).toHaveLength(1);
  expect(completed.events.filter((e) => e.kind === 'dose_taken')).toHaveLength(1);

  expect(supportErrors).toEqual([]);
  expect(boardErrors).toEqual([]);
  await supportContext.close();
  // The help request was a test: close it so other journeys start without an open urgent alert.
  // (The clock moved past the idle timeout, so the clinician signs in again.)
  await signInThroughApi(clinicianApi, 'clinician');
  await resolveOpenUrgentAlerts(clinicianApi);
});

test('blood pressure 165/100 holds the session: every reason in plain words, the rested retake instead of a new number, no dose button, help in reach, and no dose recorded', async ({
  page,
  playwright,
  baseURL,
  mayaApi,
  clinicianApi,
  nurseApi,
}) => {
  test.setTimeout(90_000);
  const session = await scheduleSeparateSession(mayaApi, clinicianApi);
  await prepareOnServerTime(page, mayaApi, session.id, { systolic: 165, diastolic: 100, heartRate: 80 });

  // The support person confirms with the code, so blood pressure is what holds the dose.
  await expect(page.getByRole('heading', { level: 1, name: 'Your support person' })).toBeVisible();
  await confirmSupportWithCode(page, playwright, baseURL);
  await runSafetyCheck(page, nurseApi, session);

  const held = page.getByRole('region', { name: /^We've paused (today's|this) session$/ });
  await expect(held).toBeVisible();
  const limit = session;
  const reason = held.getByRole('listitem').filter({ hasText: 'Blood pressure above the plan limit' });
  await expect(reason).toContainText('165/100');
  await expect(reason).toContainText(
    `${limit.bloodPressureLimit.systolic}/${limit.bloodPressureLimit.diastolic}`,
  );
  await expect(reason).toContainText("so we've paused this session");
  // Sources stay on staff screens.
  await expect(held.getByText(/^Rule:/)).toHaveCount(0);
  // The session is days ahead: outside its dose window too, said in words and the viewer's zone.
  await expect(held.getByRole('listitem').filter({ hasText: 'Outside the dose window' })).toContainText(
    // One day ("on Friday, …, between 7:37 PM and 11:37 PM UTC") or, when the window crosses
    // midnight, each end with its own day and zone ("between Friday … PM UTC and Saturday … AM UTC").
    /You can take your dose (on .+, )?between .+ (AM|PM)( [A-Z][A-Za-z+:0-9-]*)? and .+ (AM|PM)/,
  );
  // No way to type a new number over the high one: one rested retake, with a timer.
  await expect(page.getByRole('button', { name: /Go back to your preparation|Measure again/ })).toHaveCount(
    0,
  );
  const retake = page.getByRole('region', { name: 'Rest, then measure once more' });
  await expect(retake).toContainText('Sit quietly for 5 minutes, feet flat, arm supported at heart level');
  await expect(retake.getByRole('timer')).toHaveText(/^[0-5]:\d\d$/);
  await expect(
    page.getByText('Your nurse has been told. If your rested retake is within your limits'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: "I've taken my dose" })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Emergency: call 911' })).toHaveAttribute('href', 'tel:911');
  await expect(
    page.getByRole('link', { name: 'Call 988 (Suicide & Crisis Lifeline), any time' }),
  ).toHaveAttribute('href', 'tel:988');
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'session-held');

  // No dose was recorded, and the server refuses one while the hold applies.
  const after = await getSession(mayaApi, session.id);
  expect(after.status).toBe('held');
  expect(after.dosedAt).toBeNull();
  expect(after.doseMg).toBeNull();
  expect(after.events.filter((e) => e.kind === 'dose_taken')).toHaveLength(0);
  const refused = await mayaApi.post(`${sessionPath(session.id)}/dose`, {
    data: { idempotencyKey: `e2e-held-${session.id}` },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('session_held');
  expect((await getSession(mayaApi, session.id)).dosedAt).toBeNull();
  // The nurse was told.
  expect(
    (await activeAlerts(nurseApi)).some(
      (a) => a.patientId === MAYA_ID && a.kind === 'session_held' && a.reason.includes('Blood pressure'),
    ),
  ).toBe(true);
});

test.describe('the support person from their own account', () => {
  test('confirms "I\'m here" with the attestation, sees the guide, and can ask for help', async ({
    page,
    mayaApi,
    clinicianApi,
    nurseApi,
  }) => {
    test.setTimeout(90_000);
    const session = await scheduleSeparateSession(mayaApi, clinicianApi);
    const startedAt = Date.now();
    await signInThroughPage(page, 'support');
    await expect(page.getByRole('heading', { level: 2, name: 'Session days' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'During a session' })).toBeVisible();
    // The people they support come from GET /api/support/patients: Maya's session days show here.
    await expect(page.getByRole('region', { name: 'Session days' }).getByText(/Maya/).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Enter a support code' })).toHaveAttribute(
      'href',
      '/support-code',
    );
    await expectNoAxeViolationsLightAndDark(page);

    await page.goto(`/support/patients/${MAYA_ID}/sessions/${session.id}`);
    const panel = page.getByRole('region', { name: /session( day)?$/i });
    await expect(panel.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(
      panel.getByText(/^Stay within voice range for the whole session, and look in/),
    ).toBeVisible();
    await expect(panel.getByText('What is normal')).toBeVisible();
    await expectNoAxeViolationsLightAndDark(page);
    await screenshotBothSchemes(page, 'support-session');

    await panel.getByRole('button', { name: "I'm here" }).click();
    await expect(panel.getByText('Please tick the box to confirm each of these.')).toBeVisible();
    await panel.getByLabel('I confirm all of the above').check();
    await panel.getByRole('button', { name: "I'm here" }).click();
    await expect(panel.getByText("You're confirmed as present")).toBeVisible();
    const confirmed = await getSession(mayaApi, session.id);
    expect(confirmed.supportConfirmedAt).not.toBeNull();

    await panel.getByRole('button', { name: 'I need help' }).click();
    await expect(panel.getByText('The care team has been alerted')).toBeVisible();
    await expect(panel.getByRole('link', { name: 'Emergency: call 911' })).toHaveAttribute('href', 'tel:911');
    await expectNoAxeViolationsLightAndDark(page);
    const raised = (await activeAlerts(nurseApi)).find(
      (a) =>
        a.patientId === MAYA_ID &&
        a.kind === 'help_requested' &&
        Date.parse(a.createdAt) >= startedAt - 5_000 &&
        a.reason.includes('support person'),
    );
    expect(raised?.severity).toBe('urgent');
    await resolveOpenUrgentAlerts(clinicianApi);
  });
});
