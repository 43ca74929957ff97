import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { test } from './clinician-fixture';
import { expect, expectNoAxeViolations } from './fixtures';
import { newPerson, signUpThroughApi, submitIntakeThroughApi } from './intake-helpers';

/**
 * The care team's side of progress tracking (issue 6): the item-9 alert on the attention list and
 * its follow-up, the patient list with search, sort and paging, the clinician's chart of every
 * score, and the clinic's outcome report beside Hull 2022 with its CSV.
 */

const SHOTS = '/tmp/shots';

test.use({ storageState: ({ clinicianStorageState }, use) => use(clinicianStorageState) });

interface CaseloadPage {
  items: { id: string; givenName: string; familyName: string; latestPhq9: number | null }[];
  nextCursor: string | null;
  total: number;
}

async function caseload(clinician: APIRequestContext, query = ''): Promise<CaseloadPage> {
  const response = await clinician.get(`/api/patients${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as CaseloadPage;
}

async function mayaId(clinician: APIRequestContext): Promise<string> {
  const { items } = await caseload(clinician, '?search=Torres');
  const maya = items.find((p) => p.givenName === 'Maya' && p.familyName === 'Torres');
  expect(maya, 'the demo patient Maya Torres is on the clinician’s caseload').toBeTruthy();
  return maya!.id;
}

/** No horizontal scrolling of the page itself (wide tables scroll in their own region). */
async function expectNoPageOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal overflow in px').toBe(0);
}

async function shoot(page: Page, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoPageOverflow(page);
    await page.screenshot({ path: `${SHOTS}/staff6-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a new item-9 alert is on the clinician’s attention list; acknowledged, then closed with the follow-up', async ({
  page,
  playwright,
  baseURL,
  clinicianApi,
}) => {
  // A fresh applicant submits the intake, then answers PHQ-9 item 9 above 0 in the app.
  const person = newPerson('Iris', 'Calloway');
  const applicant = await playwright.request.newContext({ baseURL });
  const patientId = await signUpThroughApi(applicant, person);
  await submitIntakeThroughApi(applicant, patientId);
  const taken = await applicant.post(`/api/patients/${patientId}/assessments`, {
    data: { instrument: 'phq9', answers: [2, 2, 2, 1, 1, 2, 1, 1, 1], context: 'ad_hoc' },
  });
  expect(taken.status(), await taken.text()).toBe(201);
  const { crisis } = (await taken.json()) as { crisis: unknown };
  expect(crisis, 'crisis resources come back at once').not.toBeNull();
  await applicant.dispose();

  await page.goto('/clinician');
  // Urgent first: the safety alerts lead the page, then the rest of the attention list.
  const headings = page.getByRole('main').getByRole('heading', { level: 2 });
  await expect(headings.first()).toHaveText('Safety alerts');
  await expect(headings.nth(1)).toHaveText('Needs your attention');
  const attention = page.getByRole('region', { name: 'Needs your attention' });
  await expect(attention.getByRole('heading', { name: /Intakes awaiting review/ })).toBeVisible();
  await expect(attention.getByRole('link', { name: 'Open the review queue' })).toHaveAttribute(
    'href',
    '/clinician/reviews',
  );
  await expect(attention.getByRole('heading', { name: /Sessions on hold now/ })).toBeVisible();
  await expect(attention.getByRole('heading', { name: /Titration suggestions/ })).toBeVisible();
  await expect(attention.getByRole('heading', { name: /Not responding after 4 sessions/ })).toBeVisible();
  await expect(attention).toContainText('Rule: at least 4 sessions dosed');

  // Iris has no care team yet: the clinician (on the intake team) sees who, the kind, how urgent
  // and how old, and takes her on by acknowledging.
  const panel = page.getByRole('region', { name: 'Safety alerts' });
  const card = panel.getByRole('listitem').filter({ hasText: person.fullName });
  await expect(card).toContainText('Urgent');
  await expect(card).toContainText('No care team yet');
  await expect(card).not.toContainText(/PHQ-9 item 9 was answered/);
  await expectNoAxeViolations(page);
  await card.getByRole('button', { name: `Take on and acknowledge alert for ${person.fullName}` }).click();
  await card.getByLabel('Note (required)').fill('Called Iris; safe at home with her sister tonight.');
  await card.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(card).toContainText('Acknowledged by Dr. Elena Park');
  // Now on her care team: the alert in full.
  await expect(card).toContainText(/PHQ-9 item 9 was answered/);
  await expect(card).toContainText('record your follow-up');
  await expect(card).toContainText('next dose is held until then');
  await expectNoAxeViolations(page);
  await shoot(page, 'home');

  // The server refuses to close it without the follow-up (the screen never sends that).
  const active = (await (await clinicianApi.get('/api/alerts?status=active')).json()) as {
    items: { id: string; patientName: string }[];
  };
  const alertId = active.items.find((a) => a.patientName === person.fullName)!.id;
  const bare = await clinicianApi.post(`/api/alerts/${alertId}/resolve`, { data: { note: 'Done.' } });
  expect(bare.status()).toBe(422);
  expect(
    ((await bare.json()) as { error: { details: { issues: { path: string }[] } } }).error.details.issues[0]!
      .path,
  ).toBe('followUp');

  // Resolve with the follow-up: how risk was assessed, the level, the plan.
  await card.getByRole('button', { name: `Resolve alert for ${person.fullName}` }).click();
  await expect(card.getByRole('group', { name: /^Follow-up/ })).toBeVisible();
  await expect(card.getByLabel('How risk was assessed (required)')).toHaveValue('C-SSRS screener');
  await card.getByRole('radio', { name: 'Moderate' }).check();
  await card.getByLabel('Plan (required)').fill('Safety plan updated; weekly calls; next dose after review.');
  await card.getByLabel('Resolution note (required)').fill('C-SSRS screener by video.');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/staff6-alert-follow-up-1280.png`, fullPage: true });
  await card.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: person.fullName })).toHaveCount(0);
  await expect(panel.getByRole('status')).toHaveText(
    `Alert resolved, follow-up recorded. ${person.fullName}.`,
  );
});

test('the patient list searches, sorts and loads more, keyboard first', async ({ page, clinicianApi }) => {
  const all = await caseload(clinicianApi, '?limit=100');
  expect(all.total).toBeGreaterThan(10);

  await page.goto('/clinician/patients');
  await expect(page.getByRole('heading', { level: 1, name: 'Your patients' })).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: /^Showing|matches|match for/ });
  const shown = Math.min(all.total, 50);
  await expect(status).toHaveText(`Showing ${shown} of ${all.total} patients.`);
  const table = page.getByRole('table', { name: /Your patients/ });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(shown);
  await expect(table.getByRole('columnheader')).toHaveText([
    'Patient',
    'Risk',
    'Latest PHQ-9',
    'Latest GAD-7',
    'Where they are',
    'You are',
    'Intake',
  ]);
  // Scores with their band in words; risk in words.
  const mayaRow = rows.filter({ hasText: 'Maya Torres' });
  await expect(mayaRow.getByRole('cell').nth(1)).toHaveText(
    /^\d+ (minimal|mild|moderate|moderately severe|severe)/,
  );
  await expect(mayaRow.getByRole('cell').first()).toHaveText(/alert/i);
  await expectNoAxeViolations(page);
  await shoot(page, 'patients');

  // "/" jumps to the search box; typing settles, then the list shows the matches.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search by name' });
  await expect(search).toBeFocused();
  await page.keyboard.type('Torr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Maya Torres');
  await expect(page).toHaveURL(/q=Torr/);
  await expect(status).toHaveText(`1 match for “Torr” among your ${all.total} patients.`);
  await search.fill('Zzyzx');
  await expect(page.getByText('No patient’s name starts with “Zzyzx”')).toBeVisible();
  await search.fill('');
  await expect(rows).toHaveCount(shown);

  // Sort by latest PHQ-9: highest first, patients without a score last.
  await page.getByLabel('Sort by').selectOption('latest_phq9');
  await expect(table.locator('caption')).toHaveText('Your patients, highest latest PHQ-9 first');
  const expected = (await caseload(clinicianApi, '?sort=latest_phq9&limit=50')).items.map(
    (p) => `${p.givenName} ${p.familyName}`,
  );
  await expect(rows.locator('th')).toHaveText(expected);
  const scores = expected.map((name) => all.items.find((p) => `${p.givenName} ${p.familyName}` === name)!);
  const values = scores.map((p) => p.latestPhq9 ?? -1);
  expect(values).toEqual([...values].sort((a, b) => b - a));

  // Sort by risk: the server's order, most urgent alert first.
  await page.getByLabel('Sort by').selectOption('risk');
  await expect(table.locator('caption')).toHaveText(
    'Your patients, most urgent safety alert first, then highest PHQ-9',
  );
  const byRisk = (await caseload(clinicianApi, '?sort=risk&limit=50')).items.map(
    (p) => `${p.givenName} ${p.familyName}`,
  );
  await expect(rows.locator('th')).toHaveText(byRisk);

  // Keyset paging: ten at a time; "Load more" keeps the rows and moves focus to the first new one.
  await page.getByLabel('Rows per page').selectOption('10');
  await expect(rows).toHaveCount(10);
  await expect(status).toHaveText(`Showing 10 of ${all.total} patients.`);
  const loadMore = page.getByRole('button', { name: 'Load 10 more' });
  await loadMore.focus();
  await page.keyboard.press('Enter');
  const second = Math.min(20, all.total);
  await expect(rows).toHaveCount(second);
  await expect(status).toHaveText(`Showing ${second} of ${all.total} patients.`);
  await expect(rows.nth(10).getByRole('link').first()).toBeFocused();
  // Every patient appears once, in the server's order.
  await expect(rows.locator('th')).toHaveText(
    (await caseload(clinicianApi, `?sort=risk&limit=${second}`)).items.map(
      (p) => `${p.givenName} ${p.familyName}`,
    ),
  );
  // The choices stay in the address: reloading keeps the sort and the page size.
  await page.reload();
  await expect(page.getByLabel('Sort by')).toHaveValue('risk');
  await expect(page.getByLabel('Rows per page')).toHaveValue('10');
  await expectNoAxeViolations(page);

  // Each name opens the patient's treatment page.
  await rows.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/clinician\/patients\/[0-9a-f-]+\/treatment$/);
});

test('the clinician’s chart shows every score of Maya, item by item, with the outcome status', async ({
  page,
  clinicianApi,
}) => {
  const patientId = await mayaId(clinicianApi);
  const response = await clinicianApi.get(`/api/patients/${patientId}/assessments`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as {
    items: { instrument: 'phq9' | 'gad7'; total: number; answers: number[] }[];
  };

  await page.goto(`/clinician/patients/${patientId}/treatment`);
  const progress = page.getByRole('region', { name: 'Scores over time' });
  await expect(progress.getByRole('figure', { name: /PHQ-9 scores/ })).toBeVisible();
  await expect(progress.getByRole('figure', { name: /GAD-7 scores/ })).toBeVisible();
  const status = progress.getByRole('table', { name: /Outcome status/ });
  await expect(status.getByRole('row', { name: /PHQ-9/ })).toBeVisible();
  await expect(status.getByRole('row', { name: /GAD-7/ })).toBeVisible();
  await expect(progress).toContainText('PHQ-9 item 9');

  for (const [instrument, name] of [
    ['phq9', 'PHQ-9'],
    ['gad7', 'GAD-7'],
  ] as const) {
    const figure = progress.getByRole('figure', { name: new RegExp(`${name} scores`) });
    await figure.getByText('Show as a table').click();
    const table = figure.getByRole('table', { name: `${name} scores` });
    const expected = items.filter((a) => a.instrument === instrument);
    await expect(table.locator('tbody tr')).toHaveCount(expected.length);
    await expect(table.locator('tbody tr td:nth-child(2)')).toHaveText(expected.map((a) => String(a.total)));
  }
  await expectNoAxeViolations(page);

  // The item-level view: every answer, question by question, item 9 included.
  await progress.getByLabel(/Item-level view/).check();
  const phq9Table = progress.getByRole('table', { name: 'PHQ-9 scores' });
  await expect(phq9Table).toBeVisible();
  await expect(phq9Table.getByRole('columnheader', { name: /^Question 9:/ })).toBeVisible();
  const phq9Answers = items.filter((a) => a.instrument === 'phq9').map((a) => a.answers.map(String));
  const phq9Rows = phq9Table.locator('tbody tr');
  for (const [index, answers] of phq9Answers.entries()) {
    const cells = (await phq9Rows.nth(index).locator('td').allTextContents()).map((t) => t.trim());
    const start = cells.findIndex((_, i) => cells.slice(i, i + 9).join(',') === answers.join(','));
    expect(start, `row ${index + 1} shows the nine answers ${answers.join(', ')}`).toBeGreaterThan(0);
  }
  await expectNoAxeViolations(page);
  await progress.scrollIntoViewIfNeeded();
  await shoot(page, 'chart');
});

test('the outcome report shows the clinic’s figures beside Hull 2022, and downloads as CSV', async ({
  page,
  clinicianApi,
}) => {
  await page.goto('/clinician');
  await page.getByRole('link', { name: 'Outcome report' }).click();
  await expect(page).toHaveURL('/clinician/reports/outcomes');
  await expect(page.getByRole('heading', { level: 1, name: 'Outcome report' })).toBeVisible();

  // Defaults: PHQ-9, the last 12 months.
  const to = await page.getByLabel('To', { exact: true }).inputValue();
  const from = await page.getByLabel('From', { exact: true }).inputValue();
  expect(Number(to.slice(0, 4)) - Number(from.slice(0, 4))).toBe(1);
  expect(from.slice(5)).toBe(to.slice(5));
  const report = (await (
    await clinicianApi.get(`/api/reports/outcomes?instrument=phq9&from=${from}&to=${to}`)
  ).json()) as {
    cohort: { withBaselineAtLeast10: number; withFollowUp: number };
    response: { count: number; rate: number };
    baseline: { mean: number; sd: number };
    reference: { citation: string };
  };
  expect(report.cohort.withFollowUp).toBeGreaterThan(0);

  const rates = page.getByRole('table', { name: /PHQ-9 outcomes: this clinic beside Hull et al\. 2022/ });
  await expect(rates.getByRole('columnheader')).toHaveText([
    'Outcome',
    'This clinic (95 % interval)',
    'Hull 2022',
  ]);
  const cohortRow = rates.getByRole('row', { name: /Cohort \(patients\)/ });
  await expect(cohortRow).toContainText(String(report.cohort.withFollowUp));
  await expect(cohortRow).toContainText('1,247');
  const responseRow = rates.getByRole('row', { name: /^Response/ });
  await expect(responseRow).toContainText(`${(Math.round(report.response.rate * 1000) / 10).toFixed(1)} %`);
  await expect(responseRow).toContainText(`${report.response.count} of ${report.cohort.withFollowUp}`);
  await expect(responseRow).toContainText('62.8 %');
  await expect(rates.getByRole('row', { name: /^Remission/ })).toContainText('32.6 %');
  await expect(rates.getByRole('row', { name: /^Deterioration/ })).toContainText('0.9 %');
  const scores = page.getByRole('table', { name: /PHQ-9 scores in the cohort/ });
  await expect(scores.getByRole('row', { name: /Baseline/ })).toContainText(
    `${report.baseline.mean.toFixed(1)} ± ${report.baseline.sd.toFixed(1)}`,
  );
  await expect(scores.getByRole('row', { name: /Effect size/ })).toContainText('−');
  await expect(page.getByText(/a negative d means scores fell \(improvement\)/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'The published reference' })).toContainText('Hull TD');
  await expect(page.getByRole('region', { name: 'The published reference' })).toContainText(
    'deterioration definition',
  );
  await expect(page.getByRole('region', { name: 'What each figure means' })).toContainText(
    'The follow-up is at most half the baseline',
  );
  await expectNoAxeViolations(page);
  await shoot(page, 'report');

  // The CSV: the same figures, from the API.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`outcomes-phq9-${from}-${to}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('metric,value,ci95_low,ci95_high');
  expect(csv).toContain(`with_follow_up,${report.cohort.withFollowUp}`);
  expect(csv).toContain(`response_count,${report.response.count}`);

  // GAD-7, in dark mode.
  await page.getByLabel('Questionnaire').selectOption('gad7');
  await expect(page).toHaveURL(/instrument=gad7/);
  await expect(
    page.getByRole('table', { name: /GAD-7 outcomes/ }).getByRole('row', { name: /^Response/ }),
  ).toContainText('62.9 %');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/staff6-report-dark-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 900 });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/staff6-report-dark-375.png`, fullPage: true });

  // An end before the start is explained, not sent.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByLabel('To', { exact: true }).fill(`${Number(from.slice(0, 4)) - 1}${from.slice(4)}`);
  await expect(page.getByText('The end date must be on or after the start date.')).toBeVisible();
});

test('administrators read the same report under their own section', async ({
  browser,
  adminStorageState,
}) => {
  const context = await browser.newContext({ storageState: adminStorageState });
  const page = await context.newPage();
  await page.goto('/admin');
  await page
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('link', { name: 'Outcomes' })
    .click();
  await expect(page).toHaveURL('/admin/reports/outcomes');
  await expect(page.getByRole('table', { name: /PHQ-9 outcomes/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});
