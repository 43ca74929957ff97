import { test as withClinician } from './clinician-fixture';
import { expect, expectNoAxeViolations } from './fixtures';
import { newPerson, submittedApplicant } from './intake-helpers';

// Every page here is the demo clinician's.
const test = withClinician.extend({
  storageState: ({ clinicianStorageState }, use) => use(clinicianStorageState),
});

test('the queue lists intakes oldest first with their flags, and says why a review cannot be taken', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  // An applicant in a state where the demo clinician holds no licence.
  const person = newPerson('Tomas', 'Reyes');
  await submittedApplicant(playwright, baseURL, person, {
    demographics: { dateOfBirth: '1984-02-02', stateOfResidence: 'TX', phone: '+1 555 010 7777' },
  });

  await page.goto('/clinician');
  await page.getByRole('link', { name: 'Intake reviews' }).click();
  await expect(page).toHaveURL('/clinician/reviews');
  await expect(page.getByRole('heading', { level: 1, name: 'Intake reviews' })).toBeFocused();
  const table = page.getByRole('table', { name: 'Intakes waiting for a decision, oldest first' });
  const priya = table.getByRole('row').filter({ hasText: 'Priya Shah' });
  await expect(priya).toContainText('to review');
  await expect(priya.getByRole('button', { name: 'Start review of Priya Shah' })).toBeVisible();
  // Ethan has no care team yet: he reaches the demo clinician through the intake team, with the
  // minimum; his flags show once the review is taken.
  const ethan = table.getByRole('row').filter({ hasText: 'Ethan Brooks' });
  await expect(ethan).toContainText('Shown when you start the review');
  await expect(ethan.getByRole('button', { name: 'Start review of Ethan Brooks' })).toBeVisible();

  const outOfState = table.getByRole('row').filter({ hasText: person.fullName });
  await expect(outOfState).toContainText('You need an unexpired licence in TX');
  await expect(outOfState.getByRole('button')).toHaveCount(0);
  // Oldest first: the seeded intakes (a day old) come before the one just submitted.
  const names = await table.locator('tbody th').allTextContents();
  expect(names.indexOf('Priya Shah')).toBeLessThan(names.indexOf(person.fullName));
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '/tmp/stillwater-review-queue.png', fullPage: true });
});

test.describe('the review page', () => {
  test('exclusions come first, and approving over one needs a justification; asking a question is one step', async ({
    page,
  }) => {
    await page.goto('/clinician/reviews');
    await page.getByRole('button', { name: 'Start review of Ethan Brooks' }).click();
    await expect(page).toHaveURL(/\/clinician\/patients\/[0-9a-f-]+\/review$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Review: Ethan Brooks' })).toBeVisible();

    const flags = page.getByRole('region', { name: 'Screening flags' });
    await expect(flags.getByRole('heading', { level: 3 }).first()).toHaveText(/^Exclusions \(\d+\)$/);
    const exclusion = flags.getByRole('listitem').first();
    await expect(exclusion).toContainText('Exclusion');
    await expect(exclusion).toContainText('Source:');

    const decision = page.getByRole('region', { name: 'Your decision' });
    await decision.getByLabel('Approve: a candidate for treatment').check();
    const justification = decision.getByLabel('Why approve despite the exclusion? (required)');
    await expect(justification).toBeVisible();
    await justification.fill('Looks fine.');
    await decision.getByRole('button', { name: 'Approve over the exclusion' }).click();
    await expect(decision.getByText('needs a justification of at least 20 characters')).toBeVisible();
    await expect(justification).toBeFocused();
    await expectNoAxeViolations(page);

    await decision.getByLabel('Ask the patient a question first').check();
    await decision
      .getByLabel('Your question for the patient')
      .fill(
        'Has your blood pressure been treated since you measured 165/100? Please measure it again today.',
      );
    await decision.getByRole('button', { name: 'Send the question' }).click();
    const history = page.getByRole('region', { name: 'Decision' });
    await expect(history.getByRole('heading', { name: 'Decision' })).toBeFocused();
    await expect(history).toContainText('Asked the patient a question');
    await expect(history).toContainText('Has your blood pressure been treated');
    await expect(page.getByText('Waiting for the patient’s answer').first()).toBeVisible();
  });

  for (const { colorScheme, width } of [
    { colorScheme: 'light', width: 1280 },
    { colorScheme: 'dark', width: 360 },
  ] as const) {
    test(`interactions are explained with their source, scores show their bands, and every answer is readable (${colorScheme}, ${width}px)`, async ({
      page,
      playwright,
      baseURL,
    }) => {
      // Signs up and submits a whole intake first, so it needs more than the default 30 s on a busy machine.
      test.setTimeout(90_000);
      const person = newPerson('Wren', 'Alder');
      await submittedApplicant(playwright, baseURL, person, {
        medications: { items: [{ name: 'Klonopin', dose: '0.5 mg at night' }, { name: 'Moonflower tonic' }] },
      });

      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await page.goto('/clinician/reviews');
      await page.getByRole('button', { name: `Start review of ${person.fullName}` }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Review: ${person.fullName}` })).toBeVisible();

      const flags = page.getByRole('region', { name: 'Screening flags' });
      const interactionFlag = flags.getByRole('listitem').filter({ hasText: 'Major interaction: Klonopin' });
      await expect(interactionFlag).toContainText(
        'Benzodiazepines can blunt or shorten the antidepressant effect',
      );
      await expect(interactionFlag).toContainText(
        'Source: Stillwater clinical reference › Drug interactions',
      );

      const interactions = page.getByRole('table', {
        name: 'Each medicine the patient listed, checked against ketamine',
      });
      await expect(interactions.getByRole('row').filter({ hasText: 'Klonopin' })).toContainText(
        'Interaction: major',
      );
      await expect(interactions.getByRole('row').filter({ hasText: 'Klonopin' })).toContainText(
        'matched clonazepam',
      );
      const unknown = interactions.getByRole('row').filter({ hasText: 'Moonflower tonic' });
      await expect(unknown).toContainText('Not checked');
      await expect(unknown).toContainText('Check it yourself');

      const scores = page.getByRole('region', { name: 'Baseline scores' });
      await expect(scores).toContainText('PHQ-9');
      await expect(scores).toContainText('14 of 27');
      await expect(scores).toContainText('moderate');
      await expect(scores).toContainText('GAD-7');
      const answers = page.getByRole('region', { name: 'All answers' });
      await expect(answers).toContainText('Home blood pressure');
      await expect(answers).toContainText('118/76 mmHg');
      await expect(answers).toContainText('Klonopin, 0.5 mg at night');

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'horizontal overflow in px').toBe(0);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: `/tmp/stillwater-review-${colorScheme}-${width}.png`, fullPage: true });

      // Approving without exclusions needs no justification.
      const decision = page.getByRole('region', { name: 'Your decision' });
      await decision.getByLabel('Approve: a candidate for treatment').check();
      await expect(decision.getByLabel(/Why approve despite/)).toHaveCount(0);
      await decision
        .getByLabel('Clinical note (optional, for the care team only)')
        .fill('Taper clonazepam before dosing.');
      await decision.getByRole('button', { name: 'Approve', exact: true }).click();
      await expect(page.getByRole('region', { name: 'Decision' })).toContainText('Approved by');
      await expectNoAxeViolations(page);
    });
  }
});
