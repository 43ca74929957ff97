/**
 * POST /fhir/R4/QuestionnaireResponse: a PHQ-9 or GAD-7 written through FHIR is validated,
 * then scored and stored by recordScore — the one path the app uses — so the total, the
 * alerts (item 9, severe PHQ-9) and the dose hold they start are exactly the app's.
 */
import type { OperationOutcome, QuestionnaireResponse } from '@medplum/fhirtypes';
import { crisisResources } from '../modules/alerts/service.ts';
import { recordScore } from '../modules/assessments/service.ts';
import { requireAccess, requireActor } from '../platform/access.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { AppError } from '../platform/errors.ts';
import type { RequestContext } from '../platform/request-context.ts';
import { toQuestionnaireResponse } from './mappers/questionnaire-response.ts';
import { FhirError } from './operation-outcome.ts';
import { readQuestionnaireResponse } from './questionnaire-response-input.ts';
import * as repo from './repo.ts';

/** How far back an authored time may lie: older scores are history, for the import. */
export const maxAuthoredAgeDays = 7;
const clockSkewMs = 5 * 60_000;

export type CreatedResponse = {
  resource: QuestionnaireResponse;
  created: boolean;
  /** Shown at once when item 9 is above 0 (the app shows the same). */
  crisis: OperationOutcome | null;
};

export async function createQuestionnaireResponse(
  deps: AppDeps,
  context: RequestContext,
  body: unknown,
  options: { idempotencyKey?: string | undefined } = {},
): Promise<CreatedResponse> {
  requireActor(context);
  const db = deps.database.db;
  const { value, issues } = readQuestionnaireResponse(body, 'QuestionnaireResponse');
  if (issues.some((i) => i.expression === 'QuestionnaireResponse.resourceType')) {
    throw new FhirError('invalid_request', 'Send a QuestionnaireResponse resource.', issues);
  }
  if (!value) {
    throw new FhirError(
      'unprocessable',
      `The QuestionnaireResponse was not stored: ${issues.length} problem${issues.length === 1 ? '' : 's'}.`,
      issues,
    );
  }
  const match = /^(?:.*\/)?Patient\/([^/]+)$/.exec(value.subject);
  if (!match) {
    throw new FhirError('unprocessable', 'The subject must be a Patient.', [
      { expression: 'QuestionnaireResponse.subject', message: 'must reference Patient/{id}' },
    ]);
  }
  const patientId = match[1]!;
  const notFound = new FhirError('not_found', `Patient/${patientId} was not found.`, [
    { expression: 'QuestionnaireResponse.subject', message: `Patient/${patientId} was not found` },
  ]);
  if (!repo.isUuid(patientId)) throw notFound;
  try {
    await requireAccess(db, context, patientId, 'patient.assessments.write');
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound;
    throw error;
  }

  const now = context.now();
  const takenAt = value.authored ?? now;
  if (takenAt.getTime() > now.getTime() + clockSkewMs) {
    throw new FhirError('unprocessable', 'The response is dated in the future.', [
      { expression: 'QuestionnaireResponse.authored', message: 'must not be in the future' },
    ]);
  }
  if (takenAt.getTime() < now.getTime() - maxAuthoredAgeDays * 86_400_000) {
    throw new FhirError('unprocessable', 'The response is too old to be taken as a current score.', [
      {
        expression: 'QuestionnaireResponse.authored',
        message: `must be within the last ${maxAuthoredAgeDays} days; older scores are history (the clinic's import)`,
      },
    ]);
  }
  const key = options.idempotencyKey ?? (value.identifier ? `fhir:${value.identifier}` : null);

  const { id, created, result } = await db.transaction().execute((trx) =>
    recordScore(trx, context, {
      patientId,
      instrument: value.instrument,
      answers: value.answers,
      difficulty: value.difficulty,
      context: 'ad_hoc',
      sessionId: null,
      source: 'fhir',
      takenAt,
      idempotencyKey: key ? key.slice(0, 100) : null,
    }),
  );
  const [row] = await repo.listAssessments(db, { owners: null, pks: [id], order: 'desc', limit: 1 }, '', [
    'phq9',
    'gad7',
  ]);
  let crisis: OperationOutcome | null = null;
  if (result.item9Positive) {
    const help = await crisisResources(deps);
    crisis = {
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'information', code: 'informational', diagnostics: help.message },
        ...help.resources.map((r) => ({
          severity: 'information' as const,
          code: 'informational' as const,
          diagnostics: `${r.label} (${r.href})`,
        })),
      ],
    };
  }
  return { resource: toQuestionnaireResponse(row!), created, crisis };
}
