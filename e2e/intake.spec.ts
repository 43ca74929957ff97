import { demoEmail } from './auth-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import {
  completeIntakeThroughUi,
  fillIntakeStep,
  NEW_PATIENT_PASSWORD,
  newPerson,
  saveSectionThroughApi,
  signUpThroughApi,
} from './intake-helpers';

test.describe('signing up', () => {
  // The taken email answers 409, which Chromium logs.
  test.use({ allowedConsoleErrors: [/status of 409/] });

  test('a new person creates an account from the landing page and lands on the first intake step', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Start your intake' }).click();
    await expect(page).toHaveURL('/signup');
    await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing filled in: each field says what it needs.
    await page.getByRole('button', { name: 'Create account and start' }).click();
    await expect(page.getByText('Enter your first name.')).toBeVisible();
    await expect(page.getByLabel('First name')).toBeFocused();

    // An email that already has an account.
    const person = newPerson('Lena', 'Ortiz');
    await page.getByLabel('First name').fill(person.givenName);
    await page.getByLabel('Last name').fill(person.familyName);
    await page.getByLabel('Email').fill(demoEmail('patient'));
    await page.getByLabel('Password', { exact: true }).fill(NEW_PATIENT_PASSWORD);
    await page.getByRole('button', { name: 'Create account and start' }).click();
    await expect(page.getByText('An account with that email already exists.')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('link', { name: 'Sign in to your account' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Create account and start' }).click();
    await expect(page).toHaveURL('/patient/intake/demographics');
    await expect(page.getByRole('heading', { level: 1, name: 'About you' })).toBeFocused();
    await expect(page.getByText('Step 1 of 12')).toBeVisible();
  });

  test('the sign-in page leads new patients to sign up', async ({ page }) => {
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL('/signup');
  });
});

test.describe('the intake, on a phone', () => {
  test.use({ viewport: { width: 360, height: 780 } });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`every step passes axe, saves as it goes and resumes where it stopped (${colorScheme})`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      const patientId = await signUpThroughApi(page.request, newPerson('Iris', 'Vale'));
      await page.goto('/patient');
      await page.getByRole('link', { name: 'Go to your intake' }).click();
      await expect(page).toHaveURL('/patient/intake/demographics');

      let step = 0;
      await completeIntakeThroughUi(page, {
        medications: ['Lithium'],
        onStep: async (title) => {
          step += 1;
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `horizontal overflow on "${title}"`).toBe(0);
          await expectNoAxeViolations(page);
          await page.screenshot({
            path: `/tmp/stillwater-intake-${String(step).padStart(2, '0')}-${colorScheme}-360.png`,
            fullPage: true,
          });
          if (title === 'Your support person') {
            // What really happens: nothing is sent to them; on the day they confirm with a one-time code.
            const main = page.getByRole('main');
            await expect(main).toContainText('We do not contact them now');
            await expect(main).toContainText('one-time code');
            await expect(main).not.toContainText(/invite/i);
          }
          if (step === 1) {
            // Leaving and coming back resumes at the first unanswered step, with answers kept.
            await page.getByRole('button', { name: 'Save and continue' }).click();
            await expect(page.getByRole('heading', { level: 1, name: 'Height and weight' })).toBeVisible();
            await expect(page.getByRole('status').getByText('Saved')).toBeVisible();
            await page.goto('/patient/intake');
            await expect(page).toHaveURL('/patient/intake/body');
            await page.getByRole('link', { name: /^Back/ }).click();
            await expect(page.getByLabel('Phone number')).toHaveValue('+1 555 010 9000');
            await expect(page.getByLabel('State you live in')).toHaveValue('CO');
          }
        },
      });
      await expect(page.getByRole('listitem').filter({ hasText: 'About you' })).toContainText('Saved');
      await expectNoAxeViolations(page);
      await page.screenshot({ path: `/tmp/stillwater-intake-review-${colorScheme}-360.png`, fullPage: true });

      const intake = await (await page.request.get(`/api/patients/${patientId}/intake`)).json();
      expect(intake.missingSections).toEqual([]);
      expect(intake.answers.body).toEqual({
        weight: { value: 150, unit: 'lb' },
        height: { value: 67, unit: 'in' },
      });
      expect(intake.answers.substanceUse.auditC).toEqual([1, 0, 0]);
      expect(intake.answers.medications.items).toEqual([{ name: 'Lithium' }]);

      await page.getByRole('button', { name: 'Submit for review' }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: 'Thank you. Your answers are under review' }),
      ).toBeVisible();
      await expect(page.getByRole('region', { name: 'Your answers are under review' })).toContainText(
        'There is nothing you need to do right now',
      );
      await expectNoAxeViolations(page);
      await page.screenshot({
        path: `/tmp/stillwater-intake-submitted-${colorScheme}-360.png`,
        fullPage: true,
      });
    });
  }
});

test('answering PHQ-9 item 9 above 0 shows crisis help at once, and again when saved', async ({ page }) => {
  await signUpThroughApi(page.request, newPerson('Kai', 'Moreno'));
  await page.goto('/patient/intake/baseline');
  await expect(page.getByRole('heading', { level: 1, name: 'How you have been feeling' })).toBeVisible();
  await fillIntakeStep(page, 'How you have been feeling', { item9: 1 });
  // Before saving: help right under the question.
  const inline = page.getByRole('note', { name: 'Help is available' });
  await expect(inline.getByRole('link', { name: /Call 988/ })).toHaveAttribute('href', 'tel:988');

  await page.getByRole('button', { name: 'Save and check your answers' }).click();
  const crisis = page.getByRole('region', { name: 'You do not have to go through this alone' });
  await expect(crisis).toBeVisible();
  await expect(crisis.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(crisis).toContainText('Your care team has been alerted');
  for (const href of ['tel:988', 'sms:988', 'tel:911']) {
    await expect(crisis.locator(`a[href="${href}"]`)).toBeVisible();
  }
  await expect(crisis.getByRole('link', { name: /Your clinic/ })).toBeVisible();
  // Help comes first: it is the first thing in the page's content.
  const firstHeading = page.getByRole('main').getByRole('heading').first();
  await expect(firstHeading).toHaveText('You do not have to go through this alone');
  await expect(page).toHaveURL('/patient/intake/baseline');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '/tmp/stillwater-intake-crisis.png', fullPage: true });

  await page.getByRole('button', { name: 'Continue to check and submit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check and submit' })).toBeVisible();
  await expect(page.getByText('Your care team knows and will reach out.')).toBeVisible();
});

test.describe('when saving goes wrong', () => {
  test.use({
    allowedConsoleErrors: [/status of (400|409)|ERR_INTERNET_DISCONNECTED|net::ERR_/],
  });

  test('a server error is shown next to its field, with the answers kept', async ({ page }) => {
    await signUpThroughApi(page.request, newPerson('Noor', 'Haddad'));
    await page.goto('/patient/intake/demographics');
    await fillIntakeStep(page, 'About you');
    await page.getByLabel('Phone number').fill('call me maybe');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    const phone = page.getByLabel('Phone number');
    await expect(page.getByText('Must be a phone number.')).toBeVisible();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toBeFocused();
    await expect(page.getByLabel('Date of birth')).toHaveValue('1990-05-17');
    await expectNoAxeViolations(page);
  });

  test('a dropped connection says so, keeps the answers, and saves when it is back', async ({
    page,
    context,
  }) => {
    await signUpThroughApi(page.request, newPerson('Theo', 'Lund'));
    await page.goto('/patient/intake/demographics');
    await fillIntakeStep(page, 'About you');
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByText('Not saved yet: you seem to be offline')).toBeVisible();
    await expect(page.getByLabel('Phone number')).toHaveValue('+1 555 010 9000');
    await expect(page).toHaveURL('/patient/intake/demographics');
    await expectNoAxeViolations(page);
    await context.setOffline(false);
    await expect(page.getByRole('heading', { level: 1, name: 'Height and weight' })).toBeVisible();
    await expect(page.getByRole('status').getByText('Saved')).toBeVisible();
  });

  test('an intake changed in another window is reloaded politely, keeping this page’s answers', async ({
    page,
  }) => {
    const patientId = await signUpThroughApi(page.request, newPerson('Mira', 'Sato'));
    await page.goto('/patient/intake/demographics');
    await fillIntakeStep(page, 'About you');
    // Meanwhile, another window saves a different step.
    await saveSectionThroughApi(page.request, patientId, 'pregnancy', {
      pregnant: false,
      breastfeeding: false,
    });
    await page.getByRole('button', { name: 'Save and continue' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Your intake was changed in another window' });
    await expect(notice).toContainText('Your answers on this page are still here');
    await expect(page.getByLabel('Phone number')).toHaveValue('+1 555 010 9000');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Height and weight' })).toBeVisible();
  });
});
