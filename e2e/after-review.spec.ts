import type { APIRequestContext } from '@playwright/test';
import { decideThroughApi, test } from './clinician-fixture';
import { expect, expectNoAxeViolations } from './fixtures';
import { type NewPatient, newPerson, signUpThroughApi, submitIntakeThroughApi } from './intake-helpers';

// Each journey here first signs a patient up and submits a whole intake through the API.
test.describe.configure({ timeout: 90_000 });

/** A new patient whose intake is submitted, then decided by the demo clinician. */
async function decidedPatient(
  patient: APIRequestContext,
  clinician: APIRequestContext,
  person: NewPatient,
  decision: Record<string, unknown>,
): Promise<string> {
  const patientId = await signUpThroughApi(patient, person);
  await submitIntakeThroughApi(patient, patientId);
  const intake = (await (await patient.get(`/api/patients/${patientId}/intake`)).json()) as { id: string };
  await decideThroughApi(clinician, intake.id, patientId, decision);
  return patientId;
}

test.describe('informed consent', () => {
  // A name that does not match answers 400, which Chromium logs.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`an approved patient reads the whole document, signs with their name and a tick, and keeps a copy (${colorScheme})`, async ({
      page,
      clinicianApi,
    }) => {
      await page.setViewportSize({ width: 360, height: 780 });
      await page.emulateMedia({ colorScheme });
      const person = newPerson('Ada', 'Quinn');
      await decidedPatient(page.request, clinicianApi, person, { decision: 'approve' });

      await page.goto('/patient');
      await expect(page.getByRole('region', { name: 'Read and sign your consent' })).toBeVisible();
      await page.getByRole('link', { name: 'Read and sign your consent' }).click();
      await expect(page).toHaveURL('/patient/consent');
      await expect(page.getByRole('heading', { level: 1, name: 'Informed consent' })).toBeFocused();
      const document = page.getByRole('article', {
        name: 'Informed consent for at-home oral ketamine treatment',
      });
      await expect(document).toContainText('1. What the treatment is.');
      await expect(document).toContainText('7. Your information.');
      await expect(document).toContainText('Version 1');
      await expectNoAxeViolations(page);
      await page.screenshot({ path: `/tmp/stillwater-consent-${colorScheme}-360.png`, fullPage: true });

      // Both the name and the tick are needed.
      const sign = page.getByRole('region', { name: 'Sign' });
      await sign.getByRole('button', { name: 'Sign consent' }).click();
      await expect(sign.getByText('Type your full name to sign.')).toBeVisible();
      await sign.getByLabel('Type your full name to sign').fill('Someone Else');
      await sign.getByRole('button', { name: 'Sign consent' }).click();
      await expect(sign.getByText('Tick the box to say you have read and agree')).toBeVisible();
      await expect(sign.getByRole('checkbox')).toBeFocused();
      await sign.getByRole('checkbox').check();
      await sign.getByRole('button', { name: 'Sign consent' }).click();
      await expect(
        sign.getByText(`Type your full name exactly as on your account (${person.fullName})`),
      ).toBeVisible();
      await expect(sign.getByLabel('Type your full name to sign')).toHaveAttribute('aria-invalid', 'true');
      await expectNoAxeViolations(page);

      await sign.getByLabel('Type your full name to sign').fill(person.fullName.toLowerCase());
      await sign.getByRole('button', { name: 'Sign consent' }).click();
      await expect(page.getByText('Thank you. Your consent is signed')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Your plan is being prepared' })).toBeVisible();
      const signed = page.getByRole('region', { name: 'What you have signed' });
      await expect(signed.getByRole('heading', { level: 2 })).toBeFocused();
      await expect(signed).toContainText(`Version 1, signed as “${person.fullName.toLowerCase()}”`);
      // Plain words for the signature record: a copy of what was signed, no hashes or "fingerprints".
      await expect(signed).not.toContainText(/fingerprint|hash/i);
      const download = signed.getByRole('link', { name: 'Download a copy of what you signed (version 1)' });
      const href = await download.getAttribute('href');
      expect(href).toMatch(/\/api\/patients\/[0-9a-f-]+\/consents\/[0-9a-f-]+\/document$/);
      const copy = await page.request.get(href!);
      expect(copy.status()).toBe(200);
      expect(copy.headers()['content-type']).toContain('text/plain');
      expect(copy.headers()['content-disposition']).toContain('attachment');
      expect(await copy.text()).toContain(`Signed by: ${person.fullName.toLowerCase()}`);
      await expectNoAxeViolations(page);
      await page.screenshot({
        path: `/tmp/stillwater-consent-signed-${colorScheme}-360.png`,
        fullPage: true,
      });

      // Home now says what comes next.
      await page.goto('/patient');
      await expect(page.getByRole('region', { name: 'Your plan is being prepared' })).toBeVisible();
    });
  }

  test('before approval the document can be read but not signed', async ({ page }) => {
    await signUpThroughApi(page.request, newPerson('Bea', 'Lowe'));
    await page.goto('/patient/consent');
    await expect(page.getByText('Consent comes after your clinician’s review')).toBeVisible();
    await expect(page.getByRole('article')).toContainText('1. What the treatment is.');
    await expect(page.getByRole('button', { name: 'Sign consent' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

test('a declined patient reads their clinician’s message, kindly, with other places to turn', async ({
  page,
  clinicianApi,
}) => {
  await decidedPatient(page.request, clinicianApi, newPerson('Cy', 'Moss'), {
    decision: 'decline',
    messageToPatient:
      'Because of your heart condition, at-home ketamine is not safe for you right now. Please talk with your cardiologist; we would be glad to look again once it is treated.',
  });

  await page.goto('/patient');
  const next = page.getByRole('region', { name: 'A message from your clinician' });
  await expect(next).toContainText('at-home ketamine is not safe for you right now');
  await expect(next).toContainText('Dr. Elena Park');
  await expect(next).toContainText('not about whether you deserve care');
  await expect(next.getByRole('link', { name: '1-800-662-4357' })).toHaveAttribute('href', 'tel:18006624357');
  await expect(next.getByRole('link', { name: '988' })).toHaveAttribute('href', 'tel:988');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '/tmp/stillwater-patient-declined.png', fullPage: true });
});

test('a patient sees the clinician’s question, changes an answer and submits again', async ({
  page,
  clinicianApi,
}) => {
  await decidedPatient(page.request, clinicianApi, newPerson('Ines', 'Falk'), {
    decision: 'request_info',
    question: 'Which medicine do you take for sleep, and how often?',
  });

  await page.goto('/patient');
  const next = page.getByRole('region', { name: 'Your clinician has a question' });
  await expect(next).toContainText('Which medicine do you take for sleep, and how often?');
  await next.getByRole('link', { name: 'Go to your intake' }).click();
  await expect(page).toHaveURL('/patient/intake/review');
  await expect(page.getByText('Which medicine do you take for sleep, and how often?')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Change Medicines and supplements' }).click();
  await page.getByRole('button', { name: 'Add another medicine' }).click();
  await page.getByLabel('Medicine 2: name').fill('Zolpidem');
  await page.getByLabel('Medicine 2: dose and how often (optional)').fill('5 mg, two nights a week');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.goto('/patient/intake/review');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Thank you. Your answers are under review' }),
  ).toBeVisible();
});
