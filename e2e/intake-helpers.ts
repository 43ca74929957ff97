import type { APIRequestContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import type { IntakeAnswers } from '../server/modules/intake/schema.ts';
import { demoIntakeAnswers } from '../server/seed-journeys/index.ts';
import { expect } from './fixtures';

/** Long enough for the patient password rule (15+ characters without two-step verification). */
export const NEW_PATIENT_PASSWORD = 'a quiet morning by the lake';

export interface NewPatient {
  email: string;
  givenName: string;
  familyName: string;
  fullName: string;
}

/** A person nobody has seen before, unique per run so journeys never collide. */
export function newPerson(givenName: string, familyName: string): NewPatient {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return {
    email: `${givenName.toLowerCase()}.${stamp}@example.org`,
    givenName,
    familyName,
    fullName: `${givenName} ${familyName}`,
  };
}

/** Signs a new patient up through the API (cookies are shared with pages using this context). */
export async function signUpThroughApi(request: APIRequestContext, person: NewPatient): Promise<string> {
  const response = await request.post('/api/auth/signup', {
    data: {
      email: person.email,
      password: NEW_PATIENT_PASSWORD,
      givenName: person.givenName,
      familyName: person.familyName,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { user: { patientId: string } };
  return body.user.patientId;
}

/** Saves one intake step through the API, as the signed-in patient. */
export async function saveSectionThroughApi(
  request: APIRequestContext,
  patientId: string,
  section: string,
  answers: Record<string, unknown>,
): Promise<{ crisis: unknown }> {
  const intake = await request.get(`/api/patients/${patientId}/intake`);
  expect(intake.status()).toBe(200);
  const { version } = (await intake.json()) as { version: number };
  const response = await request.put(`/api/patients/${patientId}/intake/sections/${section}`, {
    data: { answers, version },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { crisis: unknown };
}

// ——— filling the intake through its pages ———

export const INTAKE_STEP_TITLES = [
  'About you',
  'Height and weight',
  'Your mental health',
  'Treatments you have tried',
  'Heart and blood pressure',
  'Other health conditions',
  'Alcohol and other substances',
  'Pregnancy',
  'Medicines and supplements',
  'Emergency contact',
  'Your support person',
  'How you have been feeling',
] as const;

/** Answers every yes/no question on the page with "No". */
async function answerNoToEverything(page: Page): Promise<void> {
  const groups = page.getByRole('main').getByRole('group');
  for (const group of await groups.all()) {
    const no = group.getByRole('radio', { name: 'No', exact: true });
    if ((await no.count()) === 1) await no.check();
  }
}

export interface IntakeAnswersForUi {
  medications?: string[];
  /** PHQ-9 item 9 (0–3). */
  item9?: number;
  /** Called on every step once it is filled in, before saving (for axe and screenshots). */
  onStep?: (title: string) => Promise<void>;
}

/** Fills in one step of the intake (the page shows it already) without saving. */
export async function fillIntakeStep(
  page: Page,
  title: string,
  answers: IntakeAnswersForUi = {},
): Promise<void> {
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: title })).toBeVisible();
  switch (title) {
    case 'About you':
      await main.getByLabel('Date of birth').fill('1990-05-17');
      await main.getByLabel('State you live in').selectOption('CO');
      await main.getByLabel('Phone number').fill('+1 555 010 9000');
      break;
    case 'Height and weight':
      await main.getByLabel('Weight', { exact: true }).fill('150');
      await main.getByLabel('Feet').fill('5');
      await main.getByLabel('Inches').fill('7');
      break;
    case 'Treatments you have tried':
      await main.getByLabel('How many different antidepressant medicines have you tried?').fill('2');
      await answerNoToEverything(page);
      await main
        .getByRole('group', { name: 'Have you had talking therapy (psychotherapy)?' })
        .getByLabel('Yes')
        .check();
      break;
    case 'Heart and blood pressure':
      // "No" to high blood pressure and to each heart condition.
      await answerNoToEverything(page);
      await main.getByLabel('Top number (systolic)').fill('118');
      await main.getByLabel('Bottom number (diastolic)').fill('76');
      break;
    case 'Alcohol and other substances':
      await answerNoToEverything(page);
      await main
        .getByRole('group', { name: 'How often do you have a drink containing alcohol?' })
        .getByLabel('Monthly or less')
        .check();
      await main
        .getByRole('group', {
          name: 'How many standard drinks containing alcohol do you have on a typical day?',
        })
        .getByLabel('1 or 2')
        .check();
      await main
        .getByRole('group', { name: 'How often do you have six or more drinks on one occasion?' })
        .getByLabel('Never')
        .check();
      break;
    case 'Medicines and supplements': {
      const medicines = answers.medications ?? [];
      if (medicines.length === 0) {
        await main.getByLabel('I do not take any medicines or supplements').check();
      }
      for (const [index, name] of medicines.entries()) {
        if (index > 0) await main.getByRole('button', { name: 'Add another medicine' }).click();
        await main.getByLabel(`Medicine ${index + 1}: name`).fill(name);
      }
      break;
    }
    case 'Emergency contact':
      await main.getByLabel('Their name').fill('Ana Ruiz');
      await main.getByLabel('How you know them').fill('Sister');
      await main.getByLabel('Their phone number').fill('+1 555 010 9001');
      break;
    case 'Your support person':
      await main.getByLabel('Their name').fill('Sam Ruiz');
      await main.getByLabel('How you know them').fill('Partner');
      await main.getByLabel('Their phone number').fill('+1 555 010 9002');
      break;
    case 'How you have been feeling': {
      const items = main.getByRole('listitem').filter({ has: page.getByRole('group') });
      const count = await items.count();
      for (let index = 0; index < count; index += 1) {
        // PHQ-9 first (9 items), then GAD-7 (7 items): mostly "More than half the days".
        const answer = index === 8 ? (answers.item9 ?? 0) : 2;
        const label = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'][answer]!;
        await items.nth(index).getByLabel(label, { exact: true }).check();
      }
      await main.getByLabel('Very difficult').check();
      break;
    }
    default:
      // About your mental health, other conditions, pregnancy: "No" to each question.
      await answerNoToEverything(page);
  }
}

/** From the first step to the check-and-submit page, saving each step. */
export async function completeIntakeThroughUi(page: Page, answers: IntakeAnswersForUi = {}): Promise<void> {
  for (const [index, title] of INTAKE_STEP_TITLES.entries()) {
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText(`Step ${index + 1} of ${INTAKE_STEP_TITLES.length}`)).toBeVisible();
    await fillIntakeStep(page, title, answers);
    await answers.onStep?.(title);
    const last = index === INTAKE_STEP_TITLES.length - 1;
    await page
      .getByRole('button', { name: last ? 'Save and check your answers' : 'Save and continue' })
      .click();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Check and submit' })).toBeVisible();
}

/** Saves every step and submits, through the API, as the signed-in patient. */
export async function submitIntakeThroughApi(
  request: APIRequestContext,
  patientId: string,
  overrides: Partial<IntakeAnswers> = {},
): Promise<void> {
  // The demo clinic's usual, unremarkable answers (the seed's), with what the journey changes.
  for (const [section, answers] of Object.entries(demoIntakeAnswers(overrides))) {
    await saveSectionThroughApi(request, patientId, section, answers);
  }
  const { version } = (await (await request.get(`/api/patients/${patientId}/intake`)).json()) as {
    version: number;
  };
  const response = await request.post(`/api/patients/${patientId}/intake/submit`, { data: { version } });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * A new applicant, in a request context of their own, signs up and submits the whole intake
 * through the API (the usual answers, with these changes); returns their patient id.
 */
export async function submittedApplicant(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string | undefined,
  person: NewPatient,
  overrides: Partial<IntakeAnswers> = {},
): Promise<string> {
  const applicant = await playwright.request.newContext({ baseURL });
  const patientId = await signUpThroughApi(applicant, person);
  await submitIntakeThroughApi(applicant, patientId, overrides);
  await applicant.dispose();
  return patientId;
}
