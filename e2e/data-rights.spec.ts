import { readFile } from 'node:fs/promises';
import { EXPECTED_401, fillPasswordStep, STAFF_TEST_TIMEOUT, signInThroughApi } from './auth-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { NEW_PATIENT_PASSWORD, newPerson, signUpThroughApi } from './intake-helpers';

// The closed patient's last sign-in attempt answers 401.
test.use({ allowedConsoleErrors: [EXPECTED_401] });

test('a new patient downloads their record, asks to close the account, and once an admin closes it cannot sign in', async ({
  page,
  browser,
}) => {
  test.setTimeout(STAFF_TEST_TIMEOUT);
  const person = newPerson('Wren', 'Halloway');
  const patientId = await signUpThroughApi(page.request, person);

  await page.goto('/settings');
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name: 'Your data' })
    .click();
  const section = page.getByRole('region', { name: 'Your data' });
  await expect(section.getByRole('heading', { level: 2, name: 'Your data' })).toBeVisible();
  // Before asking, the patient reads what closing keeps, for how long and why.
  await expect(section.getByTestId('what-is-kept')).toContainText('Your clinical record is kept');
  await expectNoAxeViolations(page);

  // Plain words on the patient's screen: no "FHIR" or other format names.
  await expect(section.getByRole('heading', { level: 3, name: 'Download your records' })).toBeVisible();
  await expect(section).not.toContainText('FHIR');

  // The full record: a FHIR Bundle with this patient in it.
  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download your full record' }).click(),
  ]);
  expect(jsonDownload.suggestedFilename()).toBe(`stillwater-record-${patientId}.json`);
  const bundle = JSON.parse(await readFile(await jsonDownload.path(), 'utf8')) as {
    resourceType: string;
    entry: { resource: { resourceType: string; name?: { family?: string; given?: string[] }[] } }[];
  };
  expect(bundle.resourceType).toBe('Bundle');
  const patients = bundle.entry.filter((entry) => entry.resource.resourceType === 'Patient');
  expect(patients).toHaveLength(1);
  expect(patients[0]?.resource.name?.[0]?.family).toBe(person.familyName);

  // The PDF summary.
  const [pdfDownload] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download PDF summary' }).click(),
  ]);
  expect(pdfDownload.suggestedFilename()).toBe(`stillwater-record-${patientId}.pdf`);
  expect((await readFile(await pdfDownload.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The same links answer with the right content types.
  const json = await page.request.get(`/api/patients/${patientId}/export`);
  expect(json.headers()['content-type']).toContain('application/fhir+json');
  const pdf = await page.request.get(`/api/patients/${patientId}/export.pdf`);
  expect(pdf.headers()['content-type']).toContain('application/pdf');

  // Asking to close: a reason, then one confirmation.
  await section.getByRole('button', { name: 'Ask to close my account' }).click();
  await expect(section.getByText('Please tell us why. A few words are enough.')).toBeVisible();
  await section.getByLabel('Why do you want to close your account?').fill('I am moving to another clinic.');
  await section.getByRole('button', { name: 'Ask to close my account' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Ask to close your account?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Yes, ask to close it' }).click();
  await expect(confirm).toBeHidden();
  await expect(section.getByText('You have asked for your account to be closed')).toBeVisible();
  await expect(section.getByText('I am moving to another clinic.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Ask to close my account' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The admin sees the request and closes the account.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInThroughApi(admin.request, 'admin');
  await admin.goto('/admin');
  await admin
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('link', { name: 'Account closures' })
    .click();
  await expect(admin).toHaveURL('/admin/closure-requests');
  await expect(admin.getByRole('heading', { level: 1, name: 'Account closures' })).toBeVisible();
  const row = admin.getByRole('row').filter({ hasText: person.email });
  await expect(row).toContainText(person.fullName);
  await expect(row).toContainText('I am moving to another clinic.');
  await expect(row).toContainText('Waiting for a decision');
  await expect(admin.getByRole('region', { name: 'Record retention' })).toContainText('Keep records for');
  await expectNoAxeViolations(admin);

  await row.getByRole('button', { name: `Decide for ${person.fullName}` }).click();
  const decide = admin.getByRole('dialog', { name: `Decide: ${person.fullName}` });
  await expect(decide).toBeVisible();
  await decide.getByLabel('Note for the record').fill('Transfer of care confirmed by phone.');
  await decide.getByRole('button', { name: 'Close the account' }).click();
  await expect(decide).toBeHidden();
  await expect(admin.getByText(`Closed ${person.fullName}'s account.`)).toBeVisible();
  await admin.getByLabel('Show').selectOption('closed');
  const closedRow = admin.getByRole('row').filter({ hasText: person.email });
  await expect(closedRow).toContainText('Closed');
  await expect(closedRow).toContainText('Transfer of care confirmed by phone.');
  await adminContext.close();

  // The patient's session has ended, and signing in again is refused.
  await page.context().clearCookies();
  await page.goto('/signin');
  await fillPasswordStep(page, person.email, NEW_PATIENT_PASSWORD);
  await expect(page.getByRole('alert')).toContainText('We could not sign you in');
  await expect(page).toHaveURL(/\/signin/);
});
