import {
  DEMO_PASSWORD,
  demoEmail,
  EXPECTED_401,
  fillPasswordStep,
  freshTotpCode,
  STAFF_TEST_TIMEOUT,
  signInThroughApi,
  signInThroughUi,
  signOutThroughHeader,
} from './auth-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { countMailTo, waitForEmailedLink } from './mail-helpers';

test.describe('settings for a patient', () => {
  test.beforeEach(async ({ page }) => {
    await signInThroughApi(page.request, 'patient');
  });

  test('every section is there, reachable from the header, and passes axe', async ({ page }) => {
    await page.goto('/patient');
    await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL('/settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
    for (const section of [
      'Password',
      'Two-step verification',
      'Email',
      'Where you are signed in',
      // A patient connects apps; the technical name is for staff.
      'Apps connected to your account',
    ]) {
      await expect(page.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
    }
    // The password rule is stated before anyone gets it wrong.
    await expect(
      page.getByText('At least 15 characters (or 8 once two-step verification is on)'),
    ).toBeVisible();
    await expect(page.getByText(/personal access token/i)).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('an app key is made after confirming the password, shown once, works as a bearer token, and can be revoked', async ({
    page,
    playwright,
    baseURL,
  }) => {
    await page.goto('/settings');
    const tokens = page.getByRole('region', { name: 'Apps connected to your account' });
    await tokens.getByLabel('Name').fill('Reporting script');
    await expect(tokens.getByLabel('Can')).toHaveValue('read');
    await tokens.getByLabel('Expires after').selectOption('30');
    await tokens.getByRole('button', { name: 'Create a key' }).click();
    const reauth = page.getByRole('dialog', { name: "Confirm it's you" });
    await reauth.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await reauth.getByRole('button', { name: 'Confirm' }).click();

    const shown = page.getByTestId('new-token');
    await expect(shown).toBeVisible();
    await expect(page.getByText('Copy it now: this is the only time it is shown.')).toBeVisible();
    const token = ((await shown.textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThan(20);
    await expect(tokens.getByRole('button', { name: 'Copy key' })).toBeVisible();
    await expect(tokens.getByText(/It can only read what you can, until/)).toBeVisible();
    await expectNoAxeViolations(page);

    // The token acts as this patient, from software that has no cookie.
    const client = await playwright.request.newContext({ baseURL });
    const me = await client.get('/api/auth/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(demoEmail('patient'));

    await tokens.getByRole('button', { name: "I've copied it" }).click();
    await expect(shown).toBeHidden();
    const list = tokens.getByRole('list', { name: 'Your keys' });
    await expect(list.getByRole('listitem').filter({ hasText: 'Reporting script' })).toHaveCount(1);
    await expect(list.getByRole('listitem').filter({ hasText: 'Reporting script' })).toContainText(
      /read only · created .* · expires /,
    );

    // Never shown again, not even after a reload.
    await page.reload();
    await expect(list.getByRole('listitem').filter({ hasText: 'Reporting script' })).toHaveCount(1);
    await expect(page.getByText(token)).toHaveCount(0);

    await page.getByRole('button', { name: 'Revoke Reporting script' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke “Reporting script”?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText('Revoked “Reporting script”.')).toBeVisible();
    const after = await client.get('/api/auth/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status()).toBe(401);
    await client.dispose();
  });

  test('sessions show this device, and other sessions can be ended', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const elsewhere = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: {
        'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1',
      },
    });
    await signInThroughApi(elsewhere, 'patient');

    await page.goto('/settings');
    const devices = page.getByRole('list', { name: 'Signed-in devices' });
    await expect(devices.getByText('This device')).toHaveCount(1);
    await expect(devices.getByText('Safari on iOS').first()).toBeVisible();

    await page.getByRole('button', { name: 'End all other sessions' }).click();
    await page
      .getByRole('alertdialog', { name: 'End all other sessions?' })
      .getByRole('button', { name: 'End other sessions' })
      .click();
    await expect(page.getByText('Signed out everywhere else. This device stays signed in.')).toBeVisible();
    await expect(devices.getByRole('listitem')).toHaveCount(1);
    await expect(devices.getByText('This device')).toBeVisible();
    expect((await elsewhere.get('/api/auth/me')).status()).toBe(401);
    await elsewhere.dispose();
  });

  test.describe('with mistakes', () => {
    test.use({ allowedConsoleErrors: [/status of (400|401)/] });

    test('changing the password explains a wrong current password and the length rule', async ({ page }) => {
      await page.goto('/settings');
      const section = page.getByRole('region', { name: 'Password' });
      await section.getByLabel('Current password').fill('not-my-password');
      await section.getByLabel('New password', { exact: true }).fill('a-perfectly-long-new-password');
      await section.getByRole('button', { name: 'Change password' }).click();
      await expect(section.getByText('That is not your current password.')).toBeVisible();

      await section.getByLabel('Current password').fill(DEMO_PASSWORD);
      await section.getByLabel('New password', { exact: true }).fill('short');
      await section.getByRole('button', { name: 'Change password' }).click();
      const newPassword = section.getByLabel('New password', { exact: true });
      await expect(newPassword).toHaveAttribute('aria-invalid', 'true');
      // The server's own words about its rule.
      await expect(section.locator('.field__error')).toContainText(/15/);
    });
  });
});

test.describe('two-step verification for a patient', () => {
  // Signing in again with MFA on asks for a code first: that step answers 401 mfa_required.
  test.use({ allowedConsoleErrors: [EXPECTED_401] });

  test('enrols with the key on screen, signs in with a recovery code, and turns it off again', async ({
    page,
  }) => {
    test.setTimeout(STAFF_TEST_TIMEOUT);
    await signInThroughUi(page, 'patient');
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Two-step verification' });
    await expect(section.getByText('Status: off.')).toBeVisible();
    await section.getByRole('button', { name: 'Set up two-step verification' }).click();

    // A sensitive change: the password is asked for first.
    const reauth = page.getByRole('dialog', { name: "Confirm it's you" });
    await expect(reauth).toBeVisible();
    await expect(reauth.getByLabel('Password', { exact: true })).toBeFocused();
    await reauth.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await reauth.getByRole('button', { name: 'Confirm' }).click();
    await expect(reauth).toBeHidden();

    await expect(section.getByRole('img', { name: /QR code/ })).toBeVisible();
    const secret = ((await section.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectNoAxeViolations(page);

    await section.getByLabel('6-digit code').fill(await freshTotpCode(demoEmail('patient'), secret));
    await section.getByRole('button', { name: 'Turn on two-step verification' }).click();

    const codes = section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    await expect(section.getByRole('heading', { name: 'Save your recovery codes' })).toBeFocused();
    const recoveryCode = ((await codes.first().textContent()) ?? '').trim();
    await expectNoAxeViolations(page);
    await section.getByRole('button', { name: "I've saved these codes" }).click();
    await expect(section.getByText('Status: on.')).toBeVisible();
    await expect(section.getByRole('list', { name: 'Recovery codes' })).toHaveCount(0);
    // With MFA on, the password rule relaxes to 8 characters.
    await expect(
      page.getByText('At least 8 characters, because your account uses two-step verification.'),
    ).toBeVisible();

    // Signing in now asks for a second step; a recovery code works once.
    await signOutThroughHeader(page);
    await fillPasswordStep(page, demoEmail('patient'), DEMO_PASSWORD);
    await expect(page.getByRole('heading', { level: 2, name: 'Enter your code' })).toBeVisible();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCode);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(page).toHaveURL('/patient');

    // Patients may turn it off again (after confirming with password and a fresh code).
    await page.goto('/settings');
    await section.getByRole('button', { name: 'Turn off two-step verification' }).click();
    await page
      .getByRole('alertdialog', { name: 'Turn off two-step verification?' })
      .getByRole('button', { name: 'Turn it off' })
      .click();
    await reauth.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await reauth.getByLabel('6-digit code').fill(await freshTotpCode(demoEmail('patient'), secret));
    await reauth.getByRole('button', { name: 'Confirm' }).click();
    await expect(section.getByText('Two-step verification is off.')).toBeVisible();
    await expect(section.getByText('Status: off.')).toBeVisible();
  });
});

test.describe('changing the email', () => {
  // A cancelled change's confirm link answers 400 invalid_token, as it should (the console
  // message does not name the URL).
  test.use({ allowedConsoleErrors: [/status of 400 \(Bad Request\)$/] });

  test('a new email waits for the link from the new inbox, and either inbox can call it off', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signInThroughApi(page.request, 'support');
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Email' });
    const header = page.getByRole('heading', { level: 1 }).locator('..');
    const oldEmail = demoEmail('support');
    const newEmail = 'sam.torres@stillwater.example';
    const waiting = section
      .getByRole('status')
      .filter({ hasText: 'Waiting for you to confirm the new address' });
    const cancelled = section.getByRole('status').filter({ hasText: 'The change is cancelled' });
    /** Asks for `to` (from `from`); answers the links the two inboxes were sent, once both arrived. */
    async function askFor(to: string, from: string, confirmIt?: () => Promise<void>) {
      const [toBefore, fromBefore] = [await countMailTo(to), await countMailTo(from)];
      await section.getByLabel('New email address').fill(to);
      await section.getByRole('button', { name: /Send (confirmation|a new) link/ }).click();
      await confirmIt?.();
      return {
        confirmLink: await waitForEmailedLink(to, '/confirm-email', toBefore),
        cancelLink: await waitForEmailedLink(from, '/cancel-email-change', fromBefore),
      };
    }

    // Asking needs the password once; nothing changes yet, and Settings says what happens next.
    const reauth = page.getByRole('dialog', { name: "Confirm it's you" });
    const confirmPassword = async () => {
      await reauth.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await reauth.getByRole('button', { name: 'Confirm' }).click();
    };
    await askFor(newEmail, oldEmail, confirmPassword);
    await expect(waiting).toContainText(`We sent a link to ${newEmail}`);
    await expect(waiting).toContainText(`Until then you keep signing in with ${oldEmail}`);
    await expect(header).toContainText(oldEmail);
    await expectNoAxeViolations(page);
    await section.scrollIntoViewIfNeeded();

    // Settings can cancel it.
    await section.getByRole('button', { name: 'Cancel this change' }).click();
    await expect(cancelled).toBeVisible();
    await expect(waiting).toBeHidden();

    // So can the old inbox, from the link in the notice it was sent. (Asking again within a few
    // minutes needs no second password; after a page load the app asks again.)
    const second = await askFor(newEmail, oldEmail);
    await expect(reauth).toBeHidden();
    await expect(waiting).toBeVisible();
    await page.goto(second.cancelLink);
    await expect(page.getByRole('heading', { level: 1, name: 'Keep your current email' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Cancel the change' }).click();
    await expect(page.getByRole('status')).toContainText('The change is cancelled');

    // The link from the new inbox makes the change; the cancelled one does not.
    await page.goto('/settings');
    await expect(waiting).toBeHidden();
    const third = await askFor(newEmail, oldEmail, confirmPassword);
    await expect(waiting).toBeVisible();
    await page.goto(second.confirmLink);
    await page.getByRole('button', { name: 'Confirm new email' }).click();
    await expect(page.getByRole('alert')).toContainText('This link no longer works');
    await page.goto(third.confirmLink);
    await expect(page.getByRole('heading', { level: 1, name: 'Confirm your new email' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Confirm new email' }).click();
    await expect(page.getByRole('status')).toContainText('Your email is changed');
    await page.goto('/settings');
    await expect(header).toContainText(newEmail);
    await expect(waiting).toBeHidden();

    // Changing it back the same way, for the tests that follow.
    const back = await askFor(oldEmail, newEmail, confirmPassword);
    await page.goto(back.confirmLink);
    await page.getByRole('button', { name: 'Confirm new email' }).click();
    await expect(page.getByRole('status')).toContainText('Your email is changed');
  });
});

test.describe('settings for staff', () => {
  test('staff cannot turn two-step verification off, and are told why', async ({ page }) => {
    test.setTimeout(STAFF_TEST_TIMEOUT);
    await signInThroughApi(page.request, 'clinician');
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Two-step verification' });
    await expect(section.getByText('Status: on.')).toBeVisible();
    await expect(section.getByRole('button', { name: 'Turn off two-step verification' })).toHaveCount(0);
    await expect(section.getByText('Staff accounts cannot turn two-step verification off')).toBeVisible();
    await expect(
      page.getByText('At least 8 characters, because your account uses two-step verification.'),
    ).toBeVisible();
    await expectNoAxeViolations(page);

    // New recovery codes need the password and a fresh code from the app.
    await section.getByRole('button', { name: 'Get new recovery codes' }).click();
    const reauth = page.getByRole('dialog', { name: "Confirm it's you" });
    await reauth.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await reauth.getByLabel('6-digit code').fill(await freshTotpCode(demoEmail('clinician')));
    await reauth.getByRole('button', { name: 'Confirm' }).click();
    await expect(
      section.getByText('New recovery codes are ready. Your old codes no longer work.'),
    ).toBeVisible();
    await expect(section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    await section.getByRole('button', { name: "I've saved these codes" }).click();
    await expect(section.getByText('Status: on.')).toBeVisible();
  });
});
