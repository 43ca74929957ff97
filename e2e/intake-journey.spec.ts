import { EXPECTED_401, fillPasswordStep, signInThroughUi, signOutThroughHeader } from './auth-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import {
  completeIntakeThroughUi,
  fillIntakeStep,
  NEW_PATIENT_PASSWORD,
  newPerson,
  signUpThroughApi,
} from './intake-helpers';

// Each staff sign-in's first step answers 401 mfa_required, which Chromium logs.
test.use({ allowedConsoleErrors: [EXPECTED_401] });

test('a new person signs up and completes the intake; a clinician reviews the interaction and approves; the patient signs consent', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const person = newPerson('Rosa', 'Lindqvist');

  // Sign up.
  await page.goto('/');
  await page.getByRole('link', { name: 'Start your intake' }).click();
  await page.getByLabel('First name').fill(person.givenName);
  await page.getByLabel('Last name').fill(person.familyName);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(NEW_PATIENT_PASSWORD);
  await page.getByRole('button', { name: 'Create account and start' }).click();
  await expect(page).toHaveURL('/patient/intake/demographics');

  // The intake, listing a medicine that interacts with ketamine; every step passes axe.
  await completeIntakeThroughUi(page, {
    medications: ['Klonopin'],
    onStep: async () => expectNoAxeViolations(page),
  });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Thank you. Your answers are under review' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your answers are under review' })).toBeVisible();
  await page.goto('/patient');
  await expect(page.getByRole('region', { name: 'Your answers are under review' })).toContainText(
    'There is nothing you need to do right now',
  );
  await signOutThroughHeader(page);

  // The demo clinician reviews it.
  await signInThroughUi(page, 'clinician');
  await page.getByRole('link', { name: 'Intake reviews' }).click();
  const row = page.getByRole('row').filter({ hasText: person.fullName });
  // Nobody cares for the applicant yet: the flags show once the review is taken (the clinician is
  // on the intake team, so the applicant reaches them).
  await expect(row).toContainText('Shown when you start the review');
  await expectNoAxeViolations(page);
  await row.getByRole('button', { name: `Start review of ${person.fullName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Review: ${person.fullName}` })).toBeVisible();
  const flag = page
    .getByRole('region', { name: 'Screening flags' })
    .getByRole('listitem')
    .filter({ hasText: 'Major interaction: Klonopin' });
  await expect(flag).toContainText(
    'Benzodiazepines can blunt or shorten the antidepressant effect of ketamine and add to its sedation.',
  );
  await expect(flag).toContainText('Source: Stillwater clinical reference › Drug interactions');
  await expect(page.getByRole('table', { name: /checked against ketamine/ })).toContainText(
    'Interaction: major',
  );
  await expectNoAxeViolations(page);
  const decision = page.getByRole('region', { name: 'Your decision' });
  await decision.getByLabel('Approve: a candidate for treatment').check();
  await decision
    .getByLabel('Message to the patient (optional)')
    .fill('Welcome. Please talk with us about tapering Klonopin before your first session.');
  await decision.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Decision' })).toContainText('Approved by Dr. Elena Park');
  await signOutThroughHeader(page);

  // The patient signs consent and sees what comes next.
  await page.goto('/signin');
  await fillPasswordStep(page, person.email, NEW_PATIENT_PASSWORD);
  await expect(page).toHaveURL('/patient');
  await page.getByRole('link', { name: 'Read and sign your consent' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Informed consent' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Type your full name to sign').fill(person.fullName);
  await page.getByRole('checkbox', { name: /I have read this document/ }).check();
  await page.getByRole('button', { name: 'Sign consent' }).click();
  await expect(page.getByRole('region', { name: 'Your plan is being prepared' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('banner').getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('region', { name: 'Your plan is being prepared' })).toContainText(
    'Your prescriber is writing your treatment plan.',
  );
  const steps = page.getByRole('region', { name: 'Your journey' }).getByRole('listitem');
  await expect(steps.nth(2)).toContainText('Informed consent: Done');
  await expect(steps.nth(3)).toHaveAttribute('aria-current', 'step');
});

test('PHQ-9 item 9 above 0 shows crisis help at once, and the nurse sees the urgent alert first and acknowledges it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const person = newPerson('Elias', 'Brandt');
  await signUpThroughApi(page.request, person);
  await page.goto('/patient/intake/baseline');
  await fillIntakeStep(page, 'How you have been feeling', { item9: 2 });
  await page.getByRole('button', { name: 'Save and check your answers' }).click();
  const crisis = page.getByRole('region', { name: 'You do not have to go through this alone' });
  await expect(crisis).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading').first()).toHaveText(
    'You do not have to go through this alone',
  );
  await expect(crisis.getByRole('link', { name: /988/ }).first()).toHaveAttribute('href', 'tel:988');
  await expect(crisis.getByRole('link', { name: 'Text 988', exact: true })).toHaveAttribute(
    'href',
    'sms:988',
  );
  await expect(crisis.getByRole('link', { name: /911/ })).toHaveAttribute('href', 'tel:911');
  await expectNoAxeViolations(page);
  await signOutThroughHeader(page);

  await signInThroughUi(page, 'nurse');
  await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toHaveText('Safety alerts');
  const panel = page.getByRole('region', { name: 'Safety alerts' });
  await expect(panel.getByRole('listitem').first()).toContainText('Urgent');
  const card = panel.getByRole('listitem').filter({ hasText: person.fullName });
  await expect(card).toContainText('Urgent');
  await expect(card).toContainText(/Raised (under a minute|\d+ min) ago/);
  await expectNoAxeViolations(page);
  // Elias has no care team yet: the nurse (on the intake team) sees the minimum and takes him on.
  await expect(card).toContainText('No care team yet');
  await expect(card).not.toContainText('PHQ-9 item 9 was answered');
  await card.getByRole('button', { name: `Take on and acknowledge alert for ${person.fullName}` }).click();
  await card
    .getByLabel('Note (required)')
    .fill('Called Elias; safe with his brother tonight. C-SSRS booked for 9 am.');
  await card.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(card).toContainText('Acknowledged by Jordan Reyes');
  await expect(card).toContainText('PHQ-9 item 9 was answered');
  await expect(card.getByRole('heading', { name: person.fullName })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '/tmp/stillwater-journey-nurse-alerts.png', fullPage: true });
});
