import { demoEmail, EXPECTED_401, freshTotpCode, STAFF_TEST_TIMEOUT, signInThroughApi } from './auth-helpers';
import { test as staffTest } from './clinician-fixture';
import { expect, expectNoAxeViolations } from './fixtures';
import { newPerson, submittedApplicant } from './intake-helpers';
import { waitForEmailedLink } from './mail-helpers';

// The admin signs in through the API (the sign-in page is proved in auth.spec.ts).
const test = staffTest.extend({
  storageState: ({ adminStorageState }, use) => use(adminStorageState),
});

test('the staff page lists the care team with roles, licences and status, and passes axe', async ({
  page,
}) => {
  await page.goto('/admin/staff');
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Staff members, their licences and account status' });
  await expect(table).toBeVisible();
  for (const role of ['clinician', 'nurse', 'coach', 'admin'] as const) {
    await expect(table.getByRole('row').filter({ hasText: demoEmail(role) })).toHaveCount(1);
  }
  const clinicianRow = table.getByRole('row').filter({ hasText: demoEmail('clinician') });
  await expect(clinicianRow).toContainText('Clinician');
  await expect(clinicianRow).toContainText('Active');
  await expectNoAxeViolations(page);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test('the staff table scrolls inside its own region, never the whole page', async ({ page }) => {
    await page.goto('/admin/staff');
    await expect(page.getByRole('table')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'horizontal overflow in px').toBe(0);
    await expectNoAxeViolations(page);
  });
});

test.describe('a new colleague', () => {
  // The new clinician's first sign-in attempt without a code, and the disabled sign-in, answer 401.
  test.use({ allowedConsoleErrors: [EXPECTED_401] });

  test('is invited, joins with an authenticator app, and the admin keeps their licences and access current', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(STAFF_TEST_TIMEOUT);
    const email = `dr.rivera.${Date.now()}@stillwater.example`;

    // Invite.
    await page.goto('/admin/staff');
    await page.getByRole('button', { name: 'Invite someone' }).click();
    const invite = page.getByRole('region', { name: 'Invite someone to the care team' });
    await expect(invite.getByRole('heading', { name: 'Invite someone to the care team' })).toBeFocused();
    await invite.getByLabel('Name').fill('Dr. Sam Rivera');
    await invite.getByLabel('Work email').fill(email);
    await invite.getByLabel('Role').selectOption('clinician');
    await invite.getByRole('button', { name: 'Create invite' }).click();
    await expect(invite.getByText(`Invite created for ${email}`)).toBeVisible();
    await expect(invite.getByText(/invite\?token=/), 'the admin never sees the link').toHaveCount(0);
    await expectNoAxeViolations(page);

    // The outbox says an invite went to them, without its text. The link itself is only in their
    // email: here an .eml file in DATA_DIR/mail, since this installation has no SMTP server.
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Outbox' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
    await expect(page.getByText(`To ${email}`)).toBeVisible();

    // Accept, in the colleague's own browser.
    const colleagueContext = await browser.newContext({ baseURL });
    const colleague = await colleagueContext.newPage();
    await colleague.goto(await waitForEmailedLink(email, '/invite'));
    await expect(colleague.getByRole('heading', { level: 1, name: 'Join your care team' })).toBeVisible();
    await expect(colleague.getByText(email)).toBeVisible();
    await expect(colleague.getByRole('img', { name: /QR code/ })).toBeVisible();
    await expectNoAxeViolations(colleague);
    const secret = ((await colleague.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    await colleague.getByLabel('Password', { exact: true }).fill('steady-river-stone-2026');
    await colleague.getByLabel('6-digit code from your app').fill(await freshTotpCode(email, secret));
    await colleague.getByRole('button', { name: 'Create my account' }).click();
    await expect(colleague.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(
      10,
    );
    await colleague.getByRole('button', { name: "I've saved these codes, continue" }).click();
    await expect(colleague).toHaveURL('/clinician');
    await expect(colleague.getByRole('heading', { level: 1, name: 'Hello, Dr. Sam Rivera' })).toBeVisible();

    // The admin now manages them.
    await page.goto('/admin/staff');
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('Clinician');
    await row.getByRole('button', { name: 'Manage Dr. Sam Rivera' }).click();
    const detail = page.getByRole('region', { name: 'Dr. Sam Rivera' });
    await expect(detail.getByRole('heading', { level: 2, name: 'Dr. Sam Rivera' })).toBeFocused();

    // A licence, added and shown in the table.
    await detail.getByLabel('State').selectOption('CO');
    await detail.getByLabel('Licence number').fill('MD-778899');
    await detail.getByLabel('Expires on', { exact: true }).fill('2031-06-30');
    await detail.getByRole('button', { name: 'Add licence' }).click();
    await expect(detail.getByText('Added the CO licence.')).toBeVisible();
    await expect(row).toContainText('MD-778899');

    // Credentials and an expired DEA registration, flagged in words.
    await detail.getByLabel('Credentials').fill('MD');
    await detail.getByLabel('DEA number').fill('BR1234563');
    await detail.getByLabel('DEA expires on').fill('2020-01-31');
    await detail.getByRole('button', { name: 'Save profile' }).click();
    await expect(detail.getByText('Saved.')).toBeVisible();
    await expect(row).toContainText('BR1234563');
    await expect(row.getByText('Expired')).toBeVisible();
    await expect(page.getByText('1 with an expired licence or DEA registration')).toBeVisible();

    // Removing the licence asks first.
    await detail.getByRole('button', { name: 'Remove CO licence MD-778899' }).click();
    const removeDialog = page.getByRole('alertdialog', { name: 'Remove this licence?' });
    await expect(removeDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await removeDialog.getByRole('button', { name: 'Remove licence' }).click();
    await expect(detail.getByText('Removed the CO licence.')).toBeVisible();
    await expect(row).not.toContainText('MD-778899');

    // Disabling asks first, and really keeps them out; enabling lets them back.
    await detail.getByRole('button', { name: 'Disable account' }).click();
    const disableDialog = page.getByRole('alertdialog', { name: "Disable Dr. Sam Rivera's account?" });
    await expectNoAxeViolations(page);
    await disableDialog.getByRole('button', { name: 'Disable account' }).click();
    await expect(row).toContainText('Disabled');
    const attempt = await colleague.request.post('/api/auth/login', {
      data: { email, password: 'steady-river-stone-2026', totp: await freshTotpCode(email, secret) },
    });
    expect(attempt.status()).toBe(401);

    await detail.getByRole('button', { name: 'Enable account' }).click();
    await page
      .getByRole('alertdialog', { name: "Enable Dr. Sam Rivera's account?" })
      .getByRole('button', { name: 'Enable account' })
      .click();
    await expect(row).toContainText('Active');
    await colleagueContext.close();
  });
});

test('the audit trail lists sign-ins, filters them, and shows the hash chain intact', async ({ page }) => {
  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  await expect(page.getByText('The audit trail is intact')).toBeVisible();
  await expect(page.getByText(/All [\d,]+ entries check out/)).toBeVisible();

  const table = page.getByRole('table', { name: 'Audit events, newest first' });
  await expect(table).toBeVisible();
  await expect(table.getByText('auth.login', { exact: true }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Filters live in the address, so they survive a reload and can be shared.
  await page.getByLabel('Action').selectOption('E');
  await page.getByLabel('Event type').fill('auth.login');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/action=E/);
  await expect(page).toHaveURL(/subtype=auth\.login/);
  await expect(page.getByRole('status').filter({ hasText: /Showing \d+ events?/ })).toBeVisible();
  // Wait for the filtered page itself (the table re-renders when it arrives), then check every row.
  const bodyRows = table.locator('tbody tr');
  await expect(bodyRows.filter({ hasNotText: 'auth.login' })).toHaveCount(0);
  await expect(bodyRows.filter({ hasNotText: 'Execute' })).toHaveCount(0);
  expect(await bodyRows.count()).toBeGreaterThan(0);
  for (const row of await bodyRows.all()) {
    // Cells after the row header (when): who, action, what, …
    const cells = row.getByRole('cell');
    await expect(cells.nth(1)).toHaveText('EExecute');
    await expect(cells.nth(2)).toContainText('auth.login');
  }

  // The admin's own sign-in is there, under their name.
  await page.reload();
  await expect(page.getByLabel('Action')).toHaveValue('E');
  await expect(table.getByRole('link', { name: 'Riley Morgan' }).first()).toBeVisible();

  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL('/admin/audit');
});

test('a break-glass access waits for review, and the review note is kept', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(STAFF_TEST_TIMEOUT);
  // A clinician opens a record in an emergency (through the API: the clinician's screen comes later).
  const patient = await playwright.request.newContext({ baseURL });
  await signInThroughApi(patient, 'patient');
  const { patientId } = (await (await patient.get('/api/auth/me')).json()) as { patientId: string };
  await patient.dispose();
  const clinician = await playwright.request.newContext({ baseURL });
  await signInThroughApi(clinician, 'clinician');
  const grant = await clinician.post(`/api/patients/${patientId}/break-glass`, {
    data: { reason: 'Patient called the after-hours line; primary prescriber unreachable.' },
  });
  expect(grant.status(), await grant.text()).toBe(201);
  await clinician.dispose();

  await page.goto('/admin/break-glass');
  await expect(page.getByRole('heading', { level: 1, name: 'Break-glass reviews' })).toBeVisible();
  const waiting = page.getByRole('region', { name: /Waiting for review/ });
  const card = waiting.getByRole('listitem').filter({ hasText: 'primary prescriber unreachable' });
  await expect(card).toBeVisible();
  await expectNoAxeViolations(page);

  await card.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(card.getByText('Write a short note')).toBeVisible();
  await card.getByLabel('Review note').fill('Justified: after-hours call, documented in the chart.');
  await card.getByRole('button', { name: 'Mark reviewed' }).click();

  const reviewed = page.getByRole('region', { name: /Reviewed/ });
  await expect(reviewed.getByText('Justified: after-hours call, documented in the chart.')).toBeVisible();
  await page.reload();
  await expect(
    page
      .getByRole('region', { name: /Reviewed/ })
      .getByText('Justified: after-hours call, documented in the chart.'),
  ).toBeVisible();
});

test('an admin names the intake team on the staff page; a take-on waits for review beside break-glass', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(STAFF_TEST_TIMEOUT);
  await page.goto('/admin/staff');
  const table = page.getByRole('table', { name: 'Staff members, their licences and account status' });
  const nurseRow = table.getByRole('row').filter({ hasText: demoEmail('nurse') });
  await expect(nurseRow).toContainText('Intake team');
  await nurseRow.getByRole('button', { name: 'Manage Jordan Reyes' }).click();
  const detail = page.getByRole('region', { name: 'Jordan Reyes' });
  const remove = detail.getByRole('button', { name: 'Remove from intake team' });
  await remove.click();
  await expect(detail.getByText('Jordan Reyes is no longer on the intake team.')).toBeVisible();
  await expect(nurseRow).not.toContainText('Intake team');
  await expectNoAxeViolations(page);
  await detail.getByRole('button', { name: 'Add to intake team' }).click();
  await expect(detail.getByText('Jordan Reyes is on the intake team.')).toBeVisible();
  await expect(nurseRow).toContainText('Intake team');

  // The demo clinician (on the intake team) takes on a new applicant by starting the review.
  const person = newPerson('Wren', 'Takeon');
  const patientId = await submittedApplicant(playwright, baseURL, person);
  const clinician = await playwright.request.newContext({ baseURL });
  await signInThroughApi(clinician, 'clinician');
  const { items } = (await (await clinician.get('/api/candidacy/queue')).json()) as {
    items: { intakeId: string; patientId: string }[];
  };
  const intake = items.find((item) => item.patientId === patientId)!;
  expect((await clinician.post(`/api/candidacy/${intake.intakeId}/start`)).status()).toBe(200);
  await clinician.dispose();

  await page.goto('/admin/break-glass');
  const waiting = page.getByRole('region', { name: /Waiting for review/ });
  const card = waiting.getByRole('listitem').filter({ hasText: `took on ${person.fullName}` });
  await expect(card).toContainText('by starting the candidacy review');
  await expect(card).not.toContainText('Access until');
  await expectNoAxeViolations(page);
  await card.getByLabel('Review note').fill('Right: new applicant, intake team.');
  await card.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(
    page.getByRole('region', { name: /Reviewed/ }).getByText('Right: new applicant, intake team.'),
  ).toBeVisible();
});

test('a patient cannot open the admin pages', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInThroughApi(page.request, 'patient');
  await page.goto('/admin/audit');
  await expect(page).toHaveURL('/patient');
  expect((await page.request.get('/api/audit')).status()).toBe(403);
  await context.close();
});

test('screening rules: an admin changes a threshold, sees it saved, and the form passes axe', async ({
  page,
}) => {
  await page.goto('/admin/screening');
  await expect(page.getByRole('heading', { level: 1, name: 'Screening rules' })).toBeVisible();
  const systolic = page.getByLabel('Exclude at systolic blood pressure (mmHg)');
  await expect(systolic).toHaveValue('160');
  await expectNoAxeViolations(page);

  await systolic.fill('150');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await page.reload();
  await expect(page.getByLabel('Exclude at systolic blood pressure (mmHg)')).toHaveValue('150');

  // Put the reference default back, so other journeys screen as the reference says.
  await page.getByRole('button', { name: 'Fill in the reference defaults' }).click();
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.getByLabel('Exclude at systolic blood pressure (mmHg)')).toHaveValue('160');
});
