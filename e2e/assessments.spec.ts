import { mkdirSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { signInThroughApi } from './auth-helpers';
import { expect, test } from './fixtures';
import { newPerson, signUpThroughApi, submitIntakeThroughApi } from './intake-helpers';
import {
  expectNoAxeViolationsLightAndDark,
  json,
  MAYA_ID,
  PHONE,
  SHOTS,
  screenshotBothSchemes,
  watchConsole,
} from './session-helpers';

/**
 * PHQ-9 and GAD-7 in the browser, on a phone: one question at a time, crisis help the moment
 * item 9 is answered above 0 (before anything is sent), the result in plain words, and the
 * patient's own chart with its table. Each questionnaire is taken by a new patient who has just
 * sent their intake (whose baseline is their first score), so no other journey's state matters
 * and Maya's sessions are never held by an item-9 alert. Maya's home and chart are only read.
 */

test.use({ ...PHONE });
test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

const ANSWER = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'] as const;

interface AssessmentJson {
  id: string;
  instrument: 'phq9' | 'gad7';
  total: number;
  takenAt: string;
  item9Positive: boolean;
  context: string;
}

interface DueJson {
  key: string;
  label: string;
  instrument: string;
  context: string;
  sessionId: string | null;
  status: string;
}

/** A new patient, signed in on this page, whose intake (with its baseline PHQ-9 and GAD-7) is sent. */
async function newPatientWithBaseline(page: Page, givenName: string): Promise<string> {
  const patientId = await signUpThroughApi(page.request, newPerson(givenName, 'Okafor'));
  await submitIntakeThroughApi(page.request, patientId);
  return patientId;
}

async function scores(request: APIRequestContext, patientId: string, instrument: 'phq9' | 'gad7') {
  return (
    await json<{ items: AssessmentJson[] }>(
      await request.get(`/api/patients/${patientId}/assessments`, { params: { instrument } }),
    )
  ).items;
}

async function outcomeSummary(request: APIRequestContext, patientId: string, instrument: 'phq9' | 'gad7') {
  const { items } = await json<{ items: { instrument: string; summary: string }[] }>(
    await request.get(`/api/patients/${patientId}/outcomes`),
  );
  return items.find((o) => o.instrument === instrument)!.summary;
}

/** The question on screen, found by its own words (the legend also carries the stem). */
function question(page: Page, text: string | RegExp) {
  return page.getByRole('main').getByRole('group', { name: text });
}

async function answer(page: Page, itemText: string, choice: string, step: number, of: number) {
  await expect(page.getByText(`Question ${step} of ${of}`, { exact: true })).toBeVisible();
  await question(page, new RegExp(escapeRegExp(itemText)))
    .getByLabel(choice, { exact: true })
    .check();
  await page.getByRole('button', { name: 'Next' }).click();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The chart's table alternative: open it and read each row's score. */
async function tableTotals(page: Page, sectionName: string): Promise<string[]> {
  const section = page.getByRole('region', { name: sectionName });
  await section.getByText('Show as a table').click();
  const table = section.getByRole('table').first();
  await expect(table).toBeVisible();
  const rows = table.getByRole('row');
  const totals: string[] = [];
  for (const row of (await rows.all()).slice(1))
    totals.push((await row.getByRole('cell').nth(1).textContent())?.trim() ?? '');
  return totals;
}

test('a PHQ-9 with item 9 above 0: crisis help at once, before sending, and again on the result; the chart lists every score', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const patientId = await newPatientWithBaseline(page, 'Noor');
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/api/patients/${patientId}/assessments`)) {
      sent.push(request.url());
    }
  });

  await page.goto('/patient/assessments/phq9');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: 'Your PHQ-9' })).toBeVisible();
  await expect(main.getByText('Question 1 of 10', { exact: true })).toBeVisible();
  // Verbatim stem and item, and the attribution.
  const first = question(
    page,
    /Over the last 2 weeks, how often have you been bothered by any of the following problems\?\s*Little interest or pleasure in doing things/,
  );
  await expect(first).toBeVisible();
  await expect(
    main.getByText(
      /Developed by Drs\. Robert L\. Spitzer, Janet B\.W\. Williams, Kurt Kroenke and colleagues/,
    ),
  ).toBeVisible();
  for (const label of ANSWER)
    await expect(first.getByRole('radio', { name: label, exact: true })).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'assess-question');

  // Next without an answer says what to do; the keyboard works: arrows choose, Enter goes on.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(main.getByText('Please choose an answer to go on.')).toBeVisible();
  await first.getByRole('radio', { name: 'Not at all', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(first.getByRole('radio', { name: 'Several days', exact: true })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(main.getByText('Question 2 of 10', { exact: true })).toBeVisible();
  await expect(question(page, /Feeling down, depressed, or hopeless/)).toBeFocused();

  const phq9Items = [
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
  ];
  for (const [index, text] of phq9Items.entries()) await answer(page, text, ANSWER[2], index + 2, 10);

  // Back keeps the answer; a reload keeps every answer and the place.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(
    question(page, /Poor appetite or overeating/).getByLabel(ANSWER[2], { exact: true }),
  ).toBeChecked();
  await page.reload();
  await expect(main.getByText('Question 5 of 10', { exact: true })).toBeVisible();
  await expect(
    question(page, /Poor appetite or overeating/).getByLabel(ANSWER[2], { exact: true }),
  ).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();

  await answer(page, 'Feeling bad about yourself', ANSWER[2], 6, 10);
  await answer(page, 'Trouble concentrating on things', ANSWER[1], 7, 10);
  await answer(page, 'Moving or speaking so slowly', ANSWER[1], 8, 10);

  // Item 9: no help box before an answer; the moment it is above 0, crisis help, before anything is sent.
  await expect(main.getByText('Question 9 of 10', { exact: true })).toBeVisible();
  const crisis = main.getByRole('region', { name: 'Please reach out if you need to' });
  await expect(crisis).toHaveCount(0);
  await question(page, /Thoughts that you would be better off dead or of hurting yourself in some way/)
    .getByLabel('Several days', { exact: true })
    .check();
  await expect(crisis).toBeVisible();
  await expect(crisis.getByRole('link', { name: /Call 988/ })).toHaveAttribute('href', 'tel:988');
  await expect(crisis.getByRole('link', { name: 'Text 988', exact: true })).toHaveAttribute(
    'href',
    'sms:988',
  );
  await expect(crisis.getByRole('link', { name: /911/ })).toHaveAttribute('href', 'tel:911');
  await expect(crisis.getByRole('link', { name: /after-hours line/ })).toHaveAttribute(
    'href',
    /^tel:\+?\d+$/,
  );
  await expect(
    main.getByText('Your care team will be told when you finish, and will reach out'),
  ).toBeVisible();
  expect(sent, 'nothing is sent before the last question').toEqual([]);
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'assess-item9');

  // The person can carry on: the difficulty question, then send.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(main.getByText('Question 10 of 10', { exact: true })).toBeVisible();
  await expect(main.getByText('Help is here whenever you need it')).toBeVisible();
  await question(page, /how difficult have these problems made it for you/)
    .getByLabel('Somewhat difficult')
    .check();
  await page.getByRole('button', { name: 'Send my answers' }).click();

  // The result: crisis help again at the top, the score and band in words, the change since baseline.
  await expect(page).toHaveURL(/\/patient\/assessments\/phq9\/result\/[0-9a-f-]{36}$/);
  await expect(main.getByRole('heading', { level: 1, name: 'Your PHQ-9 result' })).toBeVisible();
  expect(sent).toHaveLength(1);
  const phq9 = await scores(page.request, patientId, 'phq9');
  expect(phq9).toHaveLength(2);
  const taken = phq9.at(-1)!;
  expect(taken.item9Positive).toBe(true);
  expect(taken.total).toBe(1 + 2 * 5 + 1 + 1 + 1);
  const resultCrisis = main.getByRole('region', { name: 'You do not have to go through this alone' });
  await expect(resultCrisis).toBeVisible();
  await expect(resultCrisis).toContainText('Your care team has been alerted and will reach out to you.');
  await expect(resultCrisis.getByRole('link', { name: /Call 988/ })).toHaveAttribute('href', 'tel:988');
  await expect(main.getByText(`${taken.total}`, { exact: true })).toBeVisible();
  await expect(main.getByText('out of 27')).toBeVisible();
  await expect(main).toContainText(`This is in the moderate range (10 to 14).`);
  // The change since baseline in the server's own honest words (here: no change yet, 14 → 14).
  await expect(main).toContainText(await outcomeSummary(page.request, patientId, 'phq9'));
  await expect(main).toContainText(`(${phq9[0]!.total} → ${taken.total})`);
  await expect(main.getByRole('heading', { level: 2, name: 'What happens next' })).toBeVisible();
  await expect(main).toContainText('someone from your care team will contact you soon');
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'assess-result-item9');

  // The chart: every score, the new one included, in the table alternative; no item-level detail.
  await main.getByRole('link', { name: 'See your progress' }).click();
  await expect(page).toHaveURL('/patient/progress');
  await expect(main.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  const chart = main.getByRole('img', { name: 'Your PHQ-9 scores' });
  await expect(chart).toBeVisible();
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'assess-progress');
  expect(await tableTotals(page, 'Mood (PHQ-9)')).toEqual(phq9.map((s) => String(s.total)));
  const phq9Table = main.getByRole('region', { name: 'Mood (PHQ-9)' }).getByRole('table').first();
  await expect(phq9Table.getByRole('columnheader')).toHaveText([
    'Date',
    'Score (of 27)',
    'Range',
    'Change from start',
    'Taken',
  ]);
  await expect(phq9Table).not.toContainText('Item 9');
  await expectNoAxeViolationsLightAndDark(page);

  // Home: the latest score with its trend in words, and the way back to the chart.
  await page.goto('/patient');
  const latest = main.getByRole('region', { name: 'Your latest scores' });
  await expect(latest).toContainText(`${taken.total} out of 27, in the moderate range`);
  await expect(latest).toContainText(`(${phq9[0]!.total} → ${taken.total})`);
  await expect(latest.getByRole('link', { name: 'Your progress' })).toHaveAttribute(
    'href',
    '/patient/progress',
  );
});

test('a GAD-7 without crisis: seven questions, the result in plain words, and the chart with both scores', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const patientId = await newPatientWithBaseline(page, 'Ines');
  const main = page.getByRole('main');

  // A follow-up GAD-7 (Maya's test below follows a real due item from her home page).
  await page.goto('/patient/assessments/gad7?context=follow_up');
  await expect(main.getByRole('heading', { level: 1, name: 'Your GAD-7' })).toBeVisible();
  await expect(main.getByText('Anxiety check-in · follow-up')).toBeVisible();
  const items = [
    'Feeling nervous, anxious or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
  ];
  for (const [index, text] of items.entries()) await answer(page, text, ANSWER[1], index + 1, 7);
  await expect(main.getByText('Question 7 of 7', { exact: true })).toBeVisible();
  await question(page, /Feeling afraid as if something awful might happen/)
    .getByLabel(ANSWER[1], { exact: true })
    .check();
  await expect(main.getByRole('region', { name: /reach out|go through this alone/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Send my answers' }).click();

  await expect(main.getByRole('heading', { level: 1, name: 'Your GAD-7 result' })).toBeVisible();
  const gad7 = await scores(page.request, patientId, 'gad7');
  expect(gad7.at(-1)).toMatchObject({ total: 7, context: 'follow_up' });
  await expect(main.getByText('7', { exact: true })).toBeVisible();
  await expect(main.getByText('out of 21')).toBeVisible();
  await expect(main).toContainText('This is in the mild range (5 to 9).');
  await expect(main).toContainText(await outcomeSummary(page.request, patientId, 'gad7'));
  await expect(main).toContainText('come down 5 points since you started, from 12 to 7');
  await expect(main.getByRole('region', { name: /go through this alone/ })).toHaveCount(0);
  await expect(main).not.toContainText('someone from your care team will contact you soon');
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'assess-result-gad7');

  await main.getByRole('link', { name: 'See your progress' }).click();
  await expect(main.getByRole('img', { name: 'Your GAD-7 scores' })).toBeVisible();
  expect(await tableTotals(page, 'Anxiety (GAD-7)')).toEqual(gad7.map((s) => String(s.total)));
  expect(gad7).toHaveLength(2);
});

test("Maya's home lists her open check-ins with a Start button each, and her chart shows every score and dosed session", async ({
  page,
  browser,
  baseURL,
}) => {
  // Two pages, each checked with axe in both schemes: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  await signInThroughApi(page.request, 'patient');
  const schedule = await json<{ items: DueJson[] }>(
    await page.request.get(`/api/patients/${MAYA_ID}/assessments/schedule`),
  );
  const open = schedule.items.filter((item) => item.status === 'due' || item.status === 'overdue');
  // Today's session opens its before-session check-ins (the seed's last scores are older than 72 h).
  expect(open.map((item) => item.context)).toContain('before_session');

  await page.goto('/patient');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
  await expect(main.getByRole('region', { name: 'Your latest scores' })).toBeVisible();
  const due = main.getByRole('region', { name: 'Check-ins due' });
  if (open.length === 0) {
    await expect(due).toHaveCount(0);
  } else {
    await expect(due.getByRole('listitem')).toHaveCount(open.length);
    for (const item of open) {
      const start = due.getByRole('link', { name: `Start the ${item.label}` });
      await expect(start).toHaveAttribute(
        'href',
        new RegExp(`^/patient/assessments/${item.instrument}\\?context=${item.context}`),
      );
    }
  }
  await expectNoAxeViolationsLightAndDark(page);
  await screenshotBothSchemes(page, 'assess-home');

  await main.getByRole('link', { name: 'Your progress' }).click();
  await expect(main.getByRole('img', { name: 'Your PHQ-9 scores' })).toBeVisible();
  await screenshotBothSchemes(page, 'assess-progress-maya');
  const phq9 = await scores(page.request, MAYA_ID, 'phq9');
  expect(phq9.length).toBeGreaterThanOrEqual(3);
  expect(await tableTotals(page, 'Mood (PHQ-9)')).toEqual(phq9.map((s) => String(s.total)));
  const sessions = await json<{ items: { number: number; dosedAt: string | null; doseMg: number | null }[] }>(
    await page.request.get(`/api/patients/${MAYA_ID}/sessions`),
  );
  const dosed = sessions.items.filter((s) => s.dosedAt !== null);
  if (dosed.length > 0) {
    const sessionTable = main
      .getByRole('region', { name: 'Mood (PHQ-9)' })
      .getByRole('table', { name: 'Sessions on this chart' });
    await expect(sessionTable.getByRole('row')).toHaveCount(dosed.length + 1);
    const firstDose = dosed.sort((a, b) => a.number - b.number)[0]!;
    if (firstDose.doseMg !== null) await expect(sessionTable).toContainText(`${firstDose.doseMg} mg`);
  }
  await expectNoAxeViolationsLightAndDark(page);

  // On a wide screen the bands and lines are named beside the plot.
  const desktop = await browser.newContext({
    baseURL,
    viewport: { width: 1100, height: 900 },
    storageState: await page.context().storageState(),
  });
  const wide = await desktop.newPage();
  const errors = watchConsole(wide, /^$/);
  await wide.goto('/patient/progress');
  await expect(wide.getByRole('img', { name: 'Your PHQ-9 scores' })).toBeVisible();
  await expect(wide.getByRole('img', { name: 'Your PHQ-9 scores' })).toContainText('moderately severe');
  await expectNoAxeViolationsLightAndDark(wide);
  await screenshotBothSchemes(wide, 'assess-progress-maya-desktop');
  await desktop.close();
  expect(errors).toEqual([]);
});
