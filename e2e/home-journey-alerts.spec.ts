import type { APIRequestContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { STAFF_TEST_TIMEOUT, signInThroughApi } from './auth-helpers';
import { type StorageState, test } from './clinician-fixture';
import { expect, expectNoAxeViolations } from './fixtures';
import { type NewPatient, newPerson, saveSectionThroughApi, signUpThroughApi } from './intake-helpers';

/** A new applicant answers PHQ-9 item 9 above 0, so the server raises an urgent alert. */
async function raiseItem9Alert(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string | undefined,
  person: NewPatient,
): Promise<void> {
  const applicant = await playwright.request.newContext({ baseURL });
  const patientId = await signUpThroughApi(applicant, person);
  const { crisis } = await saveSectionThroughApi(applicant, patientId, 'baseline', {
    phq9: [2, 2, 2, 2, 1, 2, 2, 1, 1],
    phq9Difficulty: 'Very difficult',
    gad7: [2, 2, 2, 1, 1, 2, 2],
  });
  expect(crisis).not.toBeNull();
  await applicant.dispose();
}

type ActiveAlert = { id: string; patientId: string; createdAt: string; dueAt: string; overdue: boolean };

async function activeAlertFor(request: APIRequestContext, patientName: string): Promise<ActiveAlert> {
  const response = await request.get('/api/alerts?status=active');
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: (ActiveAlert & { patientName: string })[] };
  const alert = items.find((item) => item.patientName === patientName);
  expect(alert, `an active alert for ${patientName}`).toBeDefined();
  return alert!;
}

const DEMO_CLINICIAN_ID = '01937a00-0000-7000-8000-000000000003';

/** An administrator puts the demo clinician on the patient's care team as prescriber. */
async function assignClinician(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string | undefined,
  adminStorageState: StorageState,
  patientId: string,
): Promise<void> {
  const admin = await playwright.request.newContext({ baseURL, storageState: adminStorageState });
  const assigned = await admin.post(`/api/patients/${patientId}/care-team`, {
    data: { staffUserId: DEMO_CLINICIAN_ID, role: 'prescriber' },
  });
  expect(assigned.status(), await assigned.text()).toBe(204);
  await admin.dispose();
}

/** The time of day as the browser shows it in its own zone and language ("2:32 PM", "14:32"). */
const localTime = (page: Page, iso: string) =>
  page.evaluate((at) => new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(at)), iso);

test.describe('the patient home shows the journey with one next step', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${colorScheme}, on a phone`, () => {
      test.use({ colorScheme, viewport: { width: 360, height: 780 } });

      test('a patient in treatment sees the steps done and the next step first', async ({ page }) => {
        await signInThroughApi(page.request, 'patient');
        await page.goto('/patient');
        // In treatment, the next session is the next step: first on the page, and it leads to the session.
        const next = page.getByRole('main').getByRole('region').first();
        await expect(next).toContainText(/Your session today|Your next session|Your session is under way/);
        await expect(
          next.getByRole('link', { name: /Start preparing|Open your session|Return to/ }),
        ).toHaveAttribute('href', /^\/patient\/sessions\/[0-9a-f-]+$/);
        // No second "next step" card without a way in, and no promise the page does not keep.
        await expect(page.getByRole('region', { name: 'Your sessions' })).toHaveCount(0);
        await expect(page.getByRole('main')).not.toContainText(
          /still being built|will appear here once your prescriber writes it|Coming to Stillwater|messages/i,
        );
        const steps = page.getByRole('region', { name: 'Your journey' }).getByRole('listitem');
        await expect(steps).toHaveCount(5);
        await expect(steps.first()).toContainText('Tell us about you: Done');
        await expect(steps.nth(4)).toHaveAttribute('aria-current', 'step');
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, 'horizontal overflow in px').toBe(0);
        await expectNoAxeViolations(page);
        await page.screenshot({
          path: `/tmp/stillwater-patient-home-${colorScheme}-360.png`,
          fullPage: true,
        });
      });
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { name: 'phone', width: 360, height: 780 },
      { name: 'desktop', width: 1280, height: 860 },
    ]) {
      test(`after the last session of the course, the home says the course is done and where to look back (${colorScheme}, ${viewport.name})`, async ({
        page,
      }) => {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await signInThroughApi(page.request, 'patient');
        // The demo patient's real sessions, shown as if every one of the plan's sessions were done.
        await page.route(/\/api\/patients\/[0-9a-f-]+\/sessions$/, async (route) => {
          const real = (await (await route.fetch()).json()) as { items: Record<string, unknown>[] };
          const template = real.items[0]!;
          const planned = template.sessionsPlanned as number;
          const items = Array.from({ length: planned }, (_, index) => ({
            ...template,
            number: index + 1,
            status: 'completed',
          }));
          await route.fulfill({ json: { items } });
        });
        await page.goto('/patient');
        const done = page.getByRole('region', { name: 'You have finished your course of sessions' });
        await expect(done).toBeVisible();
        await expect(done).toContainText('No more sessions are booked');
        await expect(done.getByRole('link', { name: 'See your progress' })).toHaveAttribute(
          'href',
          '/patient/progress',
        );
        await expect(done.getByRole('link', { name: /^\+?[\d ()-]+$/ })).toHaveAttribute('href', /^tel:/);
        await expect(page.getByRole('region', { name: 'Your sessions' })).toHaveCount(0);
        await expectNoAxeViolations(page);
        await page.screenshot({
          path: `/tmp/stillwater-patient-home-course-done-${colorScheme}-${viewport.width}.png`,
          fullPage: true,
        });
      });
    }
  }

  test('in treatment with no session booked, the home says who books the next one and how to reach them', async ({
    page,
  }) => {
    await signInThroughApi(page.request, 'patient');
    await page.route(/\/api\/patients\/[0-9a-f-]+\/sessions$/, async (route) => {
      const real = (await (await route.fetch()).json()) as { items: Record<string, unknown>[] };
      const template = real.items[0]!;
      const items = [1, 2].map((number) => ({ ...template, number, status: 'missed' }));
      await route.fulfill({ json: { items } });
    });
    await page.goto('/patient');
    const none = page.getByRole('region', { name: 'No session is booked right now' });
    await expect(none).toContainText('Your care team books your sessions');
    await expect(none.getByRole('link')).toHaveAttribute('href', /^tel:/);
    await expect(page.getByRole('region', { name: 'You have finished your course of sessions' })).toHaveCount(
      0,
    );
    await expectNoAxeViolations(page);
  });

  test('someone who has just signed up is asked to continue their intake', async ({ page }) => {
    await signUpThroughApi(page.request, newPerson('June', 'Park'));
    await page.goto('/patient');
    const next = page.getByRole('region', { name: 'Continue your intake' });
    await expect(next).toContainText('Your answers are saved as you go');
    await expect(
      page.getByRole('region', { name: 'Your journey' }).getByRole('listitem').first(),
    ).toHaveAttribute('aria-current', 'step');
    await expectNoAxeViolations(page);
  });
});

test.describe('safety alerts on the nurse home', () => {
  test.describe.configure({ timeout: STAFF_TEST_TIMEOUT });

  test('an urgent item-9 alert leads the page with its age, is acknowledged by the nurse with a note, and closed by a clinician with the follow-up', async ({
    page,
    browser,
    playwright,
    baseURL,
    clinicianStorageState,
    adminStorageState,
  }) => {
    const person = newPerson('Robin', 'Hale');
    await raiseItem9Alert(playwright, baseURL, person);

    await signInThroughApi(page.request, 'nurse');
    await page.goto('/nurse');
    const firstSection = page.getByRole('main').getByRole('heading', { level: 2 }).first();
    await expect(firstSection).toHaveText('Safety alerts');
    const panel = page.getByRole('region', { name: 'Safety alerts' });
    const card = panel.getByRole('listitem').filter({ hasText: person.fullName });
    await expect(card).toContainText('Urgent');
    await expect(card).toContainText('Open');
    await expect(card).toContainText(/Raised (under a minute|\d+ min) ago/);
    // Robin has no care team yet: the intake team (the demo nurse is on it) sees who, the kind, how
    // urgent and how old; the answers stay with the care team until someone takes Robin on.
    await expect(card).toContainText('No care team yet');
    await expect(card).not.toContainText('PHQ-9 item 9 was answered');
    // An urgent alert is due 30 minutes after it was raised, shown in the viewer's own time.
    const alert = await activeAlertFor(page.request, person.fullName);
    expect(Date.parse(alert.dueAt) - Date.parse(alert.createdAt)).toBe(30 * 60_000);
    await expect(card).toContainText('Respond by');
    await expect(card.locator(`time[datetime="${alert.dueAt}"]`)).toContainText(
      await localTime(page, alert.dueAt),
    );
    await expect(card).not.toContainText('Overdue');
    // Urgent first.
    await expect(panel.getByRole('listitem').first()).toContainText('Urgent');
    await expectNoAxeViolations(page);

    await card.getByRole('button', { name: `Take on and acknowledge alert for ${person.fullName}` }).click();
    const note = card.getByLabel('Note (required)');
    await expect(note).toBeFocused();
    await card.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(card.getByText('Write a short note first')).toBeVisible();
    await expect(note).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '/tmp/stillwater-nurse-alert-form.png', fullPage: true });

    await note.fill('Called Robin; safe at home with a friend. C-SSRS screener booked for today.');
    await card.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(card).toContainText('Acknowledged by');
    await expect(card).toContainText('C-SSRS screener booked for today');
    // Taken on: the nurse is on Robin's care team now and reads the alert in full.
    await expect(card).toContainText('PHQ-9 item 9 was answered above 0');
    await expect(card).not.toContainText('No care team yet');
    await expect(card.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);
    // Someone has taken it, so it no longer asks for a response by a time.
    await expect(card).not.toContainText('Respond by');
    await expect(panel.getByRole('status')).toHaveText(`Alert acknowledged. ${person.fullName}.`);
    await page.screenshot({ path: '/tmp/stillwater-nurse-alerts.png', fullPage: true });

    // A suicide-risk alert is closed by a clinician with a follow-up: the nurse cannot resolve it,
    // and the card says who closes it and that the next dose waits until then.
    await expect(card.getByRole('button', { name: /^Resolve/ })).toHaveCount(0);
    await expect(card).toContainText('A clinician closes this alert with a recorded follow-up');
    await expect(card).toContainText('next dose is held until then');

    // The clinician records the follow-up (how risk was assessed, the level, the plan) and a note,
    // once an administrator has put them on Robin's care team.
    await assignClinician(playwright, baseURL, adminStorageState, alert.patientId);
    const clinicianContext = await browser.newContext({ storageState: clinicianStorageState });
    const clinicianPage = await clinicianContext.newPage();
    await clinicianPage.goto('/clinician');
    const clinicianPanel = clinicianPage.getByRole('region', { name: 'Safety alerts' });
    const clinicianCard = clinicianPanel.getByRole('listitem').filter({ hasText: person.fullName });
    await expect(clinicianCard).toContainText('Acknowledged by Jordan Reyes');
    await clinicianCard.getByRole('button', { name: `Resolve alert for ${person.fullName}` }).click();
    const method = clinicianCard.getByLabel('How risk was assessed (required)');
    await expect(method).toBeFocused();
    await expect(method).toHaveValue('C-SSRS screener');
    await clinicianCard.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect(clinicianCard.getByText('Choose the risk level you found.')).toBeVisible();
    await expect(clinicianCard.getByRole('group', { name: /Risk level/ })).toBeFocused();
    await clinicianCard.getByRole('radio', { name: 'Low' }).check();
    await clinicianCard
      .getByLabel('Plan (required)')
      .fill('Safety plan reviewed with Robin and a friend; next session goes ahead; call on Friday.');
    await clinicianCard.getByLabel('Resolution note (required)').fill('Seen by video; low risk.');
    await expectNoAxeViolations(clinicianPage);
    await clinicianCard.getByRole('button', { name: 'Resolve', exact: true }).click();
    // Resolving takes it off the list of active alerts.
    await expect(clinicianPanel.getByRole('listitem').filter({ hasText: person.fullName })).toHaveCount(0);
    await expect(clinicianPanel.getByRole('status')).toHaveText(
      `Alert resolved, follow-up recorded. ${person.fullName}.`,
    );
    await expectNoAxeViolations(clinicianPage);
    await clinicianContext.close();
  });

  test('an urgent alert still open past its due time says how late it is, in words as well as colour', async ({
    page,
    playwright,
    baseURL,
    clinicianApi,
    adminStorageState,
  }) => {
    const person = newPerson('Noor', 'Vale');
    await raiseItem9Alert(playwright, baseURL, person);

    // The nurse's screen runs 45 minutes ahead of the server: the 30-minute response time has
    // passed there, and the panel counts the lateness from the alert's due time.
    await page.clock.setFixedTime(Date.now() + 45 * 60_000);
    await signInThroughApi(page.request, 'nurse');
    await page.goto('/nurse');
    const panel = page.getByRole('region', { name: 'Safety alerts' });
    const card = panel.getByRole('listitem').filter({ hasText: person.fullName });
    await expect(card).toContainText('Respond by');
    await expect(card).toContainText(/Overdue by 1[56] min/);
    // Heading navigation says so too, not only the amber badge.
    await expect(card.getByRole('heading', { name: `${person.fullName} (overdue)` })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '/tmp/stillwater-nurse-alert-overdue.png', fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '/tmp/stillwater-nurse-alert-overdue-dark-360.png', fullPage: true });

    // Once someone has it, it is no longer late: the lateness goes, the record of who acted stays.
    await card.getByRole('button', { name: `Take on and acknowledge alert for ${person.fullName}` }).click();
    await card.getByLabel('Note (required)').fill('Called Noor; safe at home. Screener booked.');
    await card.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(card).toContainText('Acknowledged by');
    await expect(card).not.toContainText('Overdue');
    await expect(card.getByRole('heading', { name: person.fullName, exact: true })).toBeVisible();

    // Only a clinician closes it, with the follow-up (here through the API).
    await expect(card.getByRole('button', { name: /^Resolve/ })).toHaveCount(0);
    const { id, patientId } = await activeAlertFor(page.request, person.fullName);
    await assignClinician(playwright, baseURL, adminStorageState, patientId);
    const resolved = await clinicianApi.post(`/api/alerts/${id}/resolve`, {
      data: {
        note: 'Seen by video; low risk.',
        followUp: { method: 'C-SSRS screener', riskLevel: 'low', plan: 'Safety plan agreed.' },
      },
    });
    expect(resolved.status(), await resolved.text()).toBe(204);
    await page.reload();
    await expect(panel.getByRole('listitem').filter({ hasText: person.fullName })).toHaveCount(0);
  });
});
