import { gzipSync } from 'node:zlib';
import {
  DEMO_PASSWORD,
  demoEmail,
  EXPECTED_401,
  EXPECTED_401_OR_429,
  fillPasswordStep,
  freshTotpCode,
  STAFF_TEST_TIMEOUT,
  signInThroughApi,
  signInThroughUi,
  signOutThroughHeader,
} from './auth-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { countMailTo, waitForEmailedLink } from './mail-helpers';

// Every staff sign-in's first step answers 401 mfa_required, which Chromium logs.
test.use({ allowedConsoleErrors: [EXPECTED_401] });

test.describe('each demo role signs in and lands on its own home page', () => {
  for (const role of ['patient', 'support'] as const) {
    test(`${role} signs in with email and password`, async ({ page }) => {
      await signInThroughUi(page, role);

      const banner = page.getByRole('banner');
      await expect(banner.getByText('Signed in as')).toBeAttached();
      await expect(banner.getByRole('link', { name: 'Settings' })).toBeVisible();
      await expect(banner.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await expect(page.getByRole('complementary', { name: 'Crisis help' })).toBeVisible();
      await expect(page).toHaveTitle('Home · Stillwater');
      if (role === 'patient') {
        await expect(page.getByRole('heading', { level: 2, name: 'Your care team' })).toBeVisible();
        await expect(page.getByText('Your prescriber', { exact: true })).toBeVisible();
      }
    });
  }

  for (const role of ['clinician', 'nurse', 'coach', 'admin'] as const) {
    test(`${role} signs in with a code from the authenticator app`, async ({ page }) => {
      test.setTimeout(STAFF_TEST_TIMEOUT);
      await signInThroughUi(page, role);
      // Urgent first: safety alerts lead every staff home.
      const firstSection = page.getByRole('main').getByRole('heading', { level: 2 }).first();
      await expect(firstSection).toHaveText('Safety alerts');
      const alerts = page.getByRole('region', { name: 'Safety alerts' });
      if (role === 'clinician' || role === 'nurse') {
        // The live inbox: a count or a calm "nothing waiting", never a silent empty list.
        await expect(alerts).toContainText(/No open safety alerts|Urgent first, then oldest/);
      } else {
        await expect(alerts).toContainText('go to the clinicians and nurses');
      }
      // No placeholders for queues that do not exist: the home shows only what works today.
      await expect(page.getByRole('main')).not.toContainText(/still being built|Coming to this page/);
      if (role === 'coach') {
        await expect(page.getByRole('main')).toContainText("kept in your clinic's own records");
      }
    });
  }
});

test('both sign-in steps pass axe, and the code step offers a recovery code instead', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute(
    'href',
    '/forgot-password',
  );
  await expectNoAxeViolations(page);

  await fillPasswordStep(page, demoEmail('nurse'), DEMO_PASSWORD);
  const codeHeading = page.getByRole('heading', { level: 2, name: 'Enter your code' });
  await expect(codeHeading).toBeVisible();
  await expect(codeHeading).toBeFocused();
  await expect(page.getByLabel('6-digit code')).toHaveAttribute('autocomplete', 'one-time-code');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Use a recovery code' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Recovery code' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a wrong password is explained calmly, without saying which part was wrong', async ({ page }) => {
  await page.goto('/signin');
  await fillPasswordStep(page, demoEmail('patient'), 'not-the-right-password');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('We could not sign you in');
  await expect(alert).toContainText('That email and password do not match an account.');
  await expect(page).toHaveURL('/signin');
  await expectNoAxeViolations(page);

  // Fixing the password just works.
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL('/patient');
});

test('a wrong authenticator code is explained, and the newest code signs in', async ({ page }) => {
  test.setTimeout(STAFF_TEST_TIMEOUT);
  await page.goto('/signin');
  await fillPasswordStep(page, demoEmail('coach'), DEMO_PASSWORD);
  const code = page.getByLabel('6-digit code');
  await code.fill('000000');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByText('That code did not work.')).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveValue('');

  await code.fill(await freshTotpCode(demoEmail('coach')));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL('/coach');
});

test.describe('after too many wrong passwords', () => {
  test.use({ allowedConsoleErrors: [EXPECTED_401_OR_429] });

  test('sign-in is paused, and the page says for how long', async ({ page }) => {
    // An address with no account, so no real account is locked for the rest of the run.
    const email = 'nobody-here@stillwater.example';
    await page.goto('/signin');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await fillPasswordStep(page, email, `wrong-${attempt}`);
      await expect(page.getByRole('alert')).toContainText('do not match an account');
    }
    await fillPasswordStep(page, email, 'wrong-again');
    await expect(page.getByRole('alert')).toContainText(
      /Too many sign-in attempts\. .* try again in \d+ minutes\./,
    );
  });
});

test('signing out returns to sign-in, and private pages then ask to sign in again', async ({ page }) => {
  await signInThroughUi(page, 'patient');
  await signOutThroughHeader(page);
  await expect(page.getByRole('status')).toContainText('You have signed out');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goto('/patient');
  await expect(page).toHaveURL('/signin?next=%2Fpatient');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('a signed-out visit to a private page comes back there after signing in', async ({ page }) => {
  await page.goto('/settings');
  await expect(page).toHaveURL('/signin?next=%2Fsettings');
  await fillPasswordStep(page, demoEmail('patient'), DEMO_PASSWORD);
  await expect(page).toHaveURL('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test("another role's pages send a person back to their own home", async ({ page }) => {
  await signInThroughApi(page.request, 'patient');
  for (const path of ['/admin/staff', '/clinician', '/nurse']) {
    await page.goto(path);
    await expect(page).toHaveURL('/patient');
  }
});

test("the patient app's first load stays within 200 KB of gzipped JavaScript", async ({ page }) => {
  await signInThroughApi(page.request, 'patient');
  const sizes: Promise<number>[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.js')) {
      sizes.push(response.body().then((body) => gzipSync(body).length));
    }
  });
  await page.goto('/patient');
  await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const total = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
  expect(total, 'gzipped JavaScript bytes on the first load of /patient').toBeLessThanOrEqual(200 * 1024);
});

test.describe('idle sessions', () => {
  test('a warning comes two minutes before the idle sign-out; staying resets it; idling on signs out', async ({
    page,
  }) => {
    await page.clock.install();
    await signInThroughUi(page, 'patient');
    // Every reply counts as activity, so let the home page finish loading before idling.
    await expect(page.getByText('Your prescriber', { exact: true })).toBeVisible();
    await page.waitForLoadState('networkidle');

    await page.clock.fastForward('28:00');
    const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("You'll be signed out in");
    await expect(dialog).toContainText('to protect your privacy');
    const stay = dialog.getByRole('button', { name: 'Stay signed in' });
    await expect(stay).toBeFocused();
    await expectNoAxeViolations(page);

    // The countdown is live.
    const before = (await dialog.locator('.idle-warning__clock').textContent()) ?? '';
    await page.clock.runFor(3_000);
    await expect(dialog.locator('.idle-warning__clock')).not.toHaveText(before);

    await stay.click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL('/patient');

    await page.clock.fastForward('30:30');
    await expect(page).toHaveURL(/\/signin\?reason=idle&next=%2Fpatient$/);
    await expect(page.getByRole('status')).toContainText('You were signed out to protect your privacy');
  });
});

test('a session ended elsewhere sends the next request to sign-in, and back again afterwards', async ({
  page,
  playwright,
  baseURL,
}) => {
  await signInThroughUi(page, 'patient');
  // The same person, on another device, ends every other session.
  const otherDevice = await playwright.request.newContext({ baseURL });
  await signInThroughApi(otherDevice, 'patient');
  expect((await otherDevice.post('/api/auth/sessions/end-others')).status()).toBe(204);
  await otherDevice.dispose();

  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL('/signin?reason=idle&next=%2Fsettings');
  await expect(page.getByRole('status')).toContainText('You were signed out to protect your privacy');
  await fillPasswordStep(page, demoEmail('patient'), DEMO_PASSWORD);
  await expect(page).toHaveURL('/settings');
});

test.describe('forgotten passwords', () => {
  test('asking for a link always gives the same calm answer', async ({ page }) => {
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(page).toHaveURL('/forgot-password');
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel('Email').fill('no-such-person@stillwater.example');
    await page.getByRole('button', { name: 'Send me a reset link' }).click();
    await expect(page.getByRole('status')).toContainText(
      "If an account exists for no-such-person@stillwater.example, we've sent a link",
    );
  });

  test.describe('with a link that does not work', () => {
    test.use({ allowedConsoleErrors: [/status of 400/] });

    test('an unknown or used reset link says so and offers a new one', async ({ page }) => {
      await page.goto('/reset-password?token=not-a-real-token-at-all');
      await page.getByLabel('New password', { exact: true }).fill('a-long-enough-new-password');
      await page.getByRole('button', { name: 'Save new password' }).click();
      await expect(page.getByRole('alert')).toContainText('This link no longer works');
      await expect(page.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute(
        'href',
        '/forgot-password',
      );
    });
  });

  test('the emailed link sets a new password that signs in, and Settings changes it back', async ({
    page,
  }) => {
    test.setTimeout(STAFF_TEST_TIMEOUT);
    const newPassword = 'quiet-lake-morning-light-2026';
    const mailsBefore = await countMailTo(demoEmail('support'));
    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill(demoEmail('support'));
    await page.getByRole('button', { name: 'Send me a reset link' }).click();
    await expect(page.getByRole('status')).toContainText("we've sent a link");

    // This installation has no SMTP server: the email is an .eml file in DATA_DIR/mail, which only
    // the person at the server reads; no one on staff sees the link in the app.
    const resetLink = await waitForEmailedLink(demoEmail('support'), '/reset-password', mailsBefore);
    expect(resetLink, 'a reset link in the emailed file').toMatch(/^\/reset-password\?token=/);

    await page.goto(resetLink);
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page).toHaveURL('/signin?reason=password-reset');
    await expect(page.getByRole('status')).toContainText('Your password has been changed');

    await signInThroughUi(page, 'support', newPassword);
    await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Current password').fill(newPassword);
    await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Your password has been changed' }),
    ).toBeVisible();
  });
});
