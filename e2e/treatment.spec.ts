import type { APIRequestContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { staffStorageState, test } from './clinician-fixture';
import { expect, expectNoAxeViolations } from './fixtures';
import { NEW_PATIENT_PASSWORD, newPerson, signUpThroughApi, submitIntakeThroughApi } from './intake-helpers';
import {
  ALL_TICKED,
  advanceServerClock,
  SHOTS,
  serverNow,
  test as sessionTest,
  sessionToDoseToday,
} from './session-helpers';

/**
 * The care team's side of treatment: the plan with its dosing and optimistic concurrency, a
 * prescription and its printed copy, titration after a completed session, the live board, and
 * protocol versions. Every test sets up what it needs itself, so order does not matter.
 */

async function mayaId(clinician: APIRequestContext): Promise<string> {
  const response = await clinician.get('/api/patients');
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as {
    items: { id: string; givenName: string; familyName: string }[];
  };
  const maya = items.find((p) => p.givenName === 'Maya' && p.familyName === 'Torres');
  expect(maya, 'the demo patient Maya Torres is on the clinician’s caseload').toBeTruthy();
  return maya!.id;
}

interface PlanView {
  id: string;
  version: number;
  status: string;
  doseMg: number;
  notes: string;
}

async function openPlan(clinician: APIRequestContext, patientId: string): Promise<PlanView> {
  const response = await clinician.get(`/api/patients/${patientId}/plans`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: PlanView[] };
  const plan = items.find((p) => p.status !== 'completed');
  expect(plan, 'the patient has a plan in force').toBeTruthy();
  return plan!;
}

test.describe('the treatment page', () => {
  // A long page with axe checks in light and dark: more than 30 s on a loaded 2-core machine.
  test.describe.configure({ timeout: 90_000 });
  test.use({
    storageState: ({ clinicianStorageState }, use) => use(clinicianStorageState),
    // The stale edit is refused with 412 on purpose; Chromium logs that reply as an error.
    allowedConsoleErrors: [/the server responded with a status of 412/],
  });

  test('shows the plan with its dosing; an edit saves a version, and a stale edit is refused with a way to reload', async ({
    page,
    clinicianApi,
  }) => {
    const patientId = await mayaId(clinicianApi);
    await page.goto('/clinician');
    await page.getByRole('link', { name: 'Your patients' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your patients' })).toBeVisible();
    await page.getByRole('link', { name: 'Maya Torres', exact: true }).click();
    await expect(page).toHaveURL(`/clinician/patients/${patientId}/treatment`);
    await expect(page.getByRole('heading', { level: 1, name: 'Treatment: Maya Torres' })).toBeVisible();

    const plan = page.getByRole('region', { name: 'Treatment plan' });
    const dosing = plan.getByRole('region', { name: 'Current dose' });
    await expect(dosing).toContainText(/\d+ mg/);
    await expect(dosing).toContainText(/[\d.]+ mg\/kg/);
    await expect(dosing).toContainText('IV-equivalent');
    await expect(dosing).toContainText('F = 0.29');
    await expect(plan.getByText('Hold at blood pressure')).toBeVisible();
    await expectNoAxeViolations(page);

    // An ordinary edit: a new version, recorded with its note.
    const stamp = Date.now();
    await plan.getByRole('button', { name: 'Edit plan' }).click();
    const form = plan.getByRole('form', { name: /^Edit plan/ });
    await expect(form.getByLabel('Dose (mg)', { exact: true })).toBeFocused();
    // The dosing beside the dose follows what is typed.
    await expect(form.getByRole('region', { name: 'Dosing at this dose' })).toContainText('mg/kg');
    await form.getByLabel('Notes for the patient').fill(`Tuesday evenings with Sam at home (${stamp}).`);
    await form.getByLabel('What changed and why (required)').fill('Confirmed the session day with Maya.');
    await expectNoAxeViolations(page);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(plan.getByRole('status').filter({ hasText: /^Saved as version \d+/ })).toBeVisible();
    await expect(plan).toContainText(`(${stamp})`);

    // A stale edit: someone saves a newer version while this form is open.
    await plan.getByRole('button', { name: 'Edit plan' }).click();
    const before = await openPlan(clinicianApi, patientId);
    const other = await clinicianApi.patch(`/api/patients/${patientId}/plans/${before.id}`, {
      data: { notes: `Changed from another screen (${stamp}).`, changeNote: 'Edited from another screen.' },
      headers: { 'If-Match': `"${before.version}"` },
    });
    expect(other.status(), await other.text()).toBe(200);

    await form.getByLabel('Notes for the patient').fill(`Sessions on Tuesdays, 6 pm (${stamp}).`);
    await form.getByLabel('What changed and why (required)').fill('Moved the time to 6 pm.');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const conflict = form.getByRole('alert');
    await expect(conflict).toContainText('This plan was changed by someone else');
    await expect(conflict).toContainText('nothing was saved');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/treatment-conflict-1280.png`, fullPage: true });

    await conflict.getByRole('button', { name: 'Reload the plan' }).click();
    await expect(form.getByRole('status')).toContainText(`Reloaded version ${before.version + 1}`);
    // The other change is on the page now; this clinician's own edit is still in the form.
    await expect(form.getByLabel('Notes for the patient')).toHaveValue(
      `Sessions on Tuesdays, 6 pm (${stamp}).`,
    );
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(
      plan.getByRole('status').filter({ hasText: `Saved as version ${before.version + 2}` }),
    ).toBeVisible();
    const after = await openPlan(clinicianApi, patientId);
    expect(after.notes).toBe(`Sessions on Tuesdays, 6 pm (${stamp}).`);

    await plan.getByText('Version history').click();
    const history = plan.getByRole('table', { name: 'Every version of this plan, newest first' });
    await expect(history.getByRole('row').nth(1)).toContainText('Moved the time to 6 pm.');
    await expect(history).toContainText('Edited from another screen.');
  });

  test('writes a prescription and opens a print view with everything a pharmacist needs', async ({
    page,
    clinicianApi,
  }) => {
    const patientId = await mayaId(clinicianApi);
    await page.goto(`/clinician/patients/${patientId}/treatment`);
    const section = page.getByRole('region', { name: 'Prescriptions and medication count' });
    await expect(section.getByRole('region', { name: 'Medication count' })).toContainText('Expected on hand');
    await section.getByRole('button', { name: 'Write a prescription' }).click();
    const form = section.getByRole('form', { name: 'Write a prescription' });
    await form.getByLabel('Strength per lozenge (mg)').fill('100');
    await form.getByLabel('Quantity (lozenges)').fill('12');
    await form.getByLabel('Refills').fill('0');
    await form
      .getByLabel('Directions')
      .fill('Dissolve 3 lozenges (300 mg) under the tongue at the start of each supervised session.');
    await form.getByLabel('Name', { exact: true }).fill('Front Range Compounding Pharmacy');
    await form.getByLabel('Address').fill('1450 Wynkoop St, Denver, CO 80202');
    await form
      .getByLabel('Basis for prescribing')
      .fill('Telemedicine (audio-video), DEA telemedicine flexibilities through 31 Dec 2026');
    await expectNoAxeViolations(page);
    await form.getByRole('button', { name: 'Sign the prescription' }).click();

    const signed = section.getByRole('status').filter({ hasText: 'Prescription signed' });
    await expect(signed).toBeVisible();
    await signed.getByRole('link', { name: 'Open the print view' }).click();
    await expect(page).toHaveURL(/\/prescriptions\/[0-9a-f-]+\/print$/);
    const rx = page.getByRole('article', { name: /Prescription/ });
    await expect(rx).toContainText('Schedule III controlled substance');
    await expect(rx).toContainText('Maya Torres');
    await expect(rx).toContainText('Ketamine HCl');
    await expect(rx).toContainText('100 mg per lozenge');
    await expect(rx).toContainText('12 (twelve) lozenges');
    await expect(rx).toContainText('Dissolve 3 lozenges (300 mg)');
    await expect(rx).toContainText('0 (none)');
    await expect(rx).toContainText('Dr. Elena Park');
    await expect(rx).toContainText('FP1234563');
    await expect(rx).toContainText('CO DR.0061234');
    await expect(rx).toContainText('Front Range Compounding Pharmacy');
    await expect(rx).toContainText('Date written');
    await expect(rx).toContainText('DEA telemedicine flexibilities');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/prescription-print-screen-1280.png`, fullPage: true });

    // On paper: only the sheet.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('complementary', { name: 'Crisis help' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(rx).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/prescription-print-paper.png`, fullPage: true });
  });
});

// ——— a first session from start to check-in, then titration ———

async function newTreatedPatient(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  clinician: APIRequestContext,
) {
  const patient = await playwright.request.newContext({ baseURL });
  // A family name of letters only, different in every run, so rows and cards are found by name.
  const suffix = Array.from({ length: 4 }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join('');
  const person = newPerson('Noor', `Lind${suffix}`);
  const patientId = await signUpThroughApi(patient, person);
  await submitIntakeThroughApi(patient, patientId);
  const intake = (await (await patient.get(`/api/patients/${patientId}/intake`)).json()) as { id: string };
  const start = await clinician.post(`/api/candidacy/${intake.id}/start`);
  expect(start.status(), await start.text()).toBe(200);
  const decided = await clinician.post(`/api/patients/${patientId}/candidacy-decisions`, {
    data: { decision: 'approve', clinicalNote: 'Video visit done; a good candidate.' },
  });
  expect(decided.status(), await decided.text()).toBe(201);
  const document = (await (await patient.get('/api/consent-documents/current')).json()) as {
    version: number;
  };
  const consent = await patient.post(`/api/patients/${patientId}/consents`, {
    data: { documentVersion: document.version, signedName: person.fullName, agree: true },
  });
  expect(consent.status(), await consent.text()).toBeLessThan(300);

  const protocols = (await (await clinician.get('/api/protocols')).json()) as {
    items: { id: string; key: string }[];
  };
  const induction = protocols.items.find((p) => p.key === 'induction-sublingual-6')!;
  const created = await clinician.post(`/api/patients/${patientId}/plans`, {
    data: { protocolId: induction.id },
  });
  expect(created.status(), await created.text()).toBe(201);
  const plan = (await created.json()) as { id: string; version: number };
  const activated = await clinician.patch(`/api/patients/${patientId}/plans/${plan.id}`, {
    data: { status: 'active', changeNote: 'Starting the induction course.' },
    headers: { 'If-Match': `"${plan.version}"` },
  });
  expect(activated.status(), await activated.text()).toBe(200);
  const scheduled = await clinician.post(`/api/patients/${patientId}/sessions`, {
    // Journeys before this one may have moved the server's clock forward: schedule by its time.
    data: { scheduledFor: new Date((await serverNow(clinician)) + 60_000).toISOString() },
  });
  expect(scheduled.status(), await scheduled.text()).toBe(201);
  const session = (await scheduled.json()) as { id: string; firstSession: boolean };
  expect(session.firstSession).toBe(true);
  return { patient, person, patientId, planId: plan.id, sessionId: session.id };
}

async function expectOk(response: Awaited<ReturnType<APIRequestContext['post']>>) {
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response;
}

test.describe('a first session and its titration', () => {
  test.use({ storageState: ({ clinicianStorageState }, use) => use(clinicianStorageState) });

  test('the board updates itself as a first session goes on; after the check-in, approving the titration suggestion changes the plan’s dose', async ({
    page,
    playwright,
    baseURL,
    clinicianApi,
  }) => {
    test.setTimeout(120_000);
    const { patient, person, patientId, planId, sessionId } = await newTreatedPatient(
      playwright,
      baseURL!,
      clinicianApi,
    );
    const sessionPath = `/api/patients/${patientId}/sessions/${sessionId}`;

    // The clinician opens today's board and joins the first session live.
    await page.goto('/clinician/board');
    await expect(page.getByRole('heading', { level: 1, name: "Today's sessions" })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: person.fullName });
    await expect(row).toContainText('Scheduled');
    await expect(row).toContainText('first session');
    await row.getByRole('button', { name: `Join live: ${person.fullName}` }).click();
    await expect(row).toContainText('Dr. Elena Park');
    await expect(row.getByRole('button', { name: /^Join live/ })).toHaveCount(0);

    // The patient prepares on their phone; the board shows it within a refresh, without reloading.
    await expectOk(
      await patient.put(`${sessionPath}/preparation`, {
        data: {
          checklist: ALL_TICKED,
          vitals: { systolic: 122, diastolic: 78, heartRate: 70 },
          intention: 'To feel a little lighter.',
        },
      }),
    );
    await expect(row).toContainText('Preparing', { timeout: 12_000 });
    await expect(row).toContainText('122/78 mmHg');
    await expect(page.locator('[aria-live="polite"]').filter({ hasText: person.fullName })).toContainText(
      'now preparing',
    );

    // The support person confirms with the code from the patient's screen; cleared, dosed, checked in.
    const code = (await (await expectOk(await patient.post(`${sessionPath}/support-code`))).json()) as {
      code: string;
    };
    const anonymous = await playwright.request.newContext({ baseURL });
    await expectOk(
      await anonymous.post('/api/support-confirmations', {
        data: { code: code.code, name: 'Sam Lindqvist', attest: true },
      }),
    );
    await anonymous.dispose();
    const readiness = (await (await expectOk(await patient.post(`${sessionPath}/readiness`))).json()) as {
      status: string;
      readiness: { status: string; reasons: { title: string }[] };
    };
    expect(readiness.readiness.status, JSON.stringify(readiness.readiness.reasons)).toBe('cleared');
    await expectOk(
      await patient.post(`${sessionPath}/dose`, { data: { idempotencyKey: `dose-${sessionId}` } }),
    );
    await expect(row).toContainText('In session', { timeout: 12_000 });
    await expect(row).toContainText('Confirmed');
    await page.screenshot({ path: `${SHOTS}/board-clinician-1280.png`, fullPage: true });
    // The recheck at 40 minutes, then the check-in once the 2-hour observation is over: the
    // server's clock moves on, and everyone signs in again after the idle timeout.
    const signInPatientAgain = async () =>
      expectOk(
        await patient.post('/api/auth/login', {
          data: { email: person.email, password: NEW_PATIENT_PASSWORD },
        }),
      );
    await advanceServerClock(clinicianApi, 41);
    await signInPatientAgain();
    await expectOk(
      await patient.post(`${sessionPath}/recheck`, {
        data: {
          idempotencyKey: `recheck-${sessionId}`,
          vitals: { systolic: 128, diastolic: 80, heartRate: 76 },
        },
      }),
    );
    await advanceServerClock(clinicianApi, 80);
    await signInPatientAgain();
    const clinicianState = await staffStorageState(playwright, baseURL!, 'clinician');
    await page.context().addCookies(clinicianState.cookies);
    const clinician = await playwright.request.newContext({ baseURL, storageState: clinicianState });
    await expectOk(
      await patient.post(`${sessionPath}/check-in`, {
        data: {
          idempotencyKey: `check-in-${sessionId}`,
          sideEffects: {
            nausea: 'none',
            vomiting: 'none',
            dizziness: 'mild',
            headache: 'none',
            blurredVision: 'none',
            dissociation: 'mild',
            anxiety: 'none',
          },
          effect: 'mild',
          experience: 4,
          mood: 4,
        },
      }),
    );
    await patient.dispose();

    // The suggestion waits in the queue: why first, then the decision.
    const suggestions = (await (await clinician.get(`/api/patients/${patientId}/titration`)).json()) as {
      items: { status: string; currentDoseMg: number; suggestedDoseMg: number; action: string }[];
    };
    const suggestion = suggestions.items.find((s) => s.status === 'pending')!;
    expect(suggestion.action).toBe('increase');
    expect(suggestion.suggestedDoseMg).toBeGreaterThan(suggestion.currentDoseMg);

    await page.goto('/clinician');
    await page.getByRole('link', { name: 'Titration suggestions' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Titration suggestions' })).toBeVisible();
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: person.fullName }) });
    const why = card.getByRole('region', { name: 'Why' });
    await expect(why.getByRole('listitem').first()).toBeVisible();
    await expect(why).toContainText(`${suggestion.currentDoseMg} mg`);
    await expect(why).toContainText(`${suggestion.suggestedDoseMg} mg`);
    await expect(why).toContainText('Increase by one step');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/titration-queue-1280.png`, fullPage: true });
    await card
      .getByRole('button', { name: `Approve ${suggestion.suggestedDoseMg} mg for ${person.fullName}` })
      .click();
    await expect(page.getByRole('status')).toContainText(
      `${person.fullName}: next dose set to ${suggestion.suggestedDoseMg} mg.`,
    );
    await expect(page.getByRole('link', { name: person.fullName })).toHaveCount(0);

    // The plan's dose is the approved one, on the treatment page and through the API.
    const plan = (await (
      await clinician.get(`/api/patients/${patientId}/plans/${planId}`)
    ).json()) as PlanView;
    expect(plan.doseMg).toBe(suggestion.suggestedDoseMg);
    await page.goto(`/clinician/patients/${patientId}/treatment`);
    await expect(page.getByRole('region', { name: 'Current dose' })).toContainText(
      `${suggestion.suggestedDoseMg} mg`,
    );
    const sessions = page.getByRole('region', { name: 'Sessions', exact: true });
    await sessions.getByText('Session 1 of 6').click();
    await expect(sessions).toContainText('Dose taken');
    await expect(sessions).toContainText('Joined live');
    await expect(sessions).toContainText('122/78 mmHg');
    await expect(sessions.getByRole('list', { name: 'Side effects' })).toContainText('Dissociation mild');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/treatment-session-1280.png`, fullPage: true });
  });
});

// ——— the nurse's board ———

sessionTest.describe('the nurse’s board', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    sessionTest(
      `shows today's sessions and refreshes itself (${colorScheme})`,
      async ({ browser, baseURL, mayaApi, clinicianApi, nurseApi }) => {
        // Other journeys move the server's clock days ahead: Maya gets a session on the server's
        // today first (the helper renews the nurse's sign-in if the clock has to move).
        await sessionToDoseToday(mayaApi, clinicianApi, [[nurseApi, 'nurse']]);
        const context = await browser.newContext({ baseURL, storageState: await nurseApi.storageState() });
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme });
        await page.goto('/nurse');
        await page.getByRole('link', { name: "Today's sessions" }).click();
        await expect(page).toHaveURL('/nurse/board');
        await expect(page.getByRole('heading', { level: 1, name: "Today's sessions" })).toBeFocused();
        const table = page.getByRole('table', { name: /sessions? today/ });
        const maya = table.getByRole('row').filter({ hasText: 'Maya Torres' });
        await expect(maya.first()).toBeVisible();
        await expect(maya.first().getByRole('cell').nth(1)).toHaveText(
          /^(Scheduled|Preparing|On hold|Cleared to dose|In session|Checked in|Missed)/,
        );
        await expectNoAxeViolations(page);
        await refreshesWithoutReloading(page);
        await page.screenshot({ path: `${SHOTS}/board-nurse-${colorScheme}-1280.png`, fullPage: true });
        await context.close();
      },
    );
  }
});

/** The "last updated" time moves on by itself, and the page was never reloaded. */
async function refreshesWithoutReloading(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { boardMarker: boolean }).boardMarker = true;
  });
  const updated = page.getByText(/^Last updated /);
  const first = await updated.textContent();
  await expect(updated).not.toHaveText(first!, { timeout: 8_000 });
  expect(await page.evaluate(() => (window as unknown as { boardMarker?: boolean }).boardMarker)).toBe(true);
}

// ——— protocols ———

test.describe('protocols', () => {
  test.use({ storageState: ({ adminStorageState }, use) => use(adminStorageState) });

  test('an administrator edits the induction protocol with a change note and sees the new version', async ({
    page,
  }) => {
    await page.goto('/admin');
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Treatment templates' })
      .getByRole('link', { name: 'Protocols' })
      .click();
    await expect(page).toHaveURL('/admin/protocols');
    await expect(page.getByRole('heading', { level: 1, name: 'Protocols' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Induction — 6 sublingual sessions' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Induction — 6 sublingual sessions' }),
    ).toBeVisible();

    const form = page.getByRole('form', { name: 'Change the protocol' });
    // Every number names its unit.
    for (const label of [
      'Starting dose (mg)',
      'Maximum dose (mg)',
      'Minimum time between sessions (hours)',
      'Hold at systolic blood pressure (mmHg)',
      'Highest heart rate allowed (bpm)',
      'Blood-pressure recheck after the dose (minutes)',
    ]) {
      await expect(form.getByLabel(label)).toBeVisible();
    }
    const saveButton = form.getByRole('button', { name: /^Save as version \d+$/ });
    const next = Number((await saveButton.textContent())!.replace(/\D+/g, ''));
    const description = form.getByLabel('Description and sources');
    const stamp = new Date().toISOString();
    await description.fill(
      `${(await description.inputValue()).replace(/\nReviewed .*$/s, '')}\nReviewed ${stamp}.`,
    );
    await form.getByLabel('What changed and why (required)').fill(`Annual review of the sources (${stamp}).`);
    await expectNoAxeViolations(page);
    await saveButton.click();

    await expect(form.getByRole('status')).toContainText(`Saved as version ${next}.`);
    await expect(page.getByText(`Version ${next}, saved`)).toBeVisible();
    const history = page.getByRole('table', { name: 'Every version, newest first' });
    const newest = history.getByRole('row').nth(1);
    await expect(newest.getByRole('rowheader')).toHaveText(String(next));
    await expect(newest).toContainText(`Annual review of the sources (${stamp}).`);
    await expect(newest).toContainText('Riley Morgan');
    await expect(newest).toContainText('Description and sources');
    await expect(form.getByRole('button', { name: `Save as version ${next + 1}` })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/protocol-edit-1280.png`, fullPage: true });
  });
});
