import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { FastifyReply } from 'fastify';
import { AppError, type ErrorCode } from '../platform/errors.ts';
import { fhirJson, systems } from './constants.ts';

/** The FHIR issue type that matches each of Stillwater's error codes. */
const issueTypeFor: Partial<Record<ErrorCode, OperationOutcomeIssue['code']>> = {
  invalid_request: 'invalid',
  invalid_json: 'structure',
  invalid_text: 'value',
  invalid_url: 'value',
  uri_too_long: 'too-long',
  unauthenticated: 'login',
  forbidden: 'forbidden',
  cross_origin_request: 'security',
  not_found: 'not-found',
  method_not_allowed: 'not-supported',
  conflict: 'conflict',
  precondition_failed: 'conflict',
  payload_too_large: 'too-costly',
  unsupported_media_type: 'not-supported',
  unprocessable: 'processing',
  rate_limited: 'throttled',
  internal_error: 'exception',
  shutting_down: 'transient',
  unavailable: 'transient',
};

/** One problem inside a resource: `expression` is a FHIRPath like `Bundle.entry[3].resource.item[8]`. */
export type FhirIssue = {
  expression?: string;
  message: string;
  severity?: 'error' | 'warning' | 'information';
};

/** An error answered as an OperationOutcome: the status and code of AppError, with FHIR issues. */
export class FhirError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly issues: FhirIssue[] = [],
  ) {
    super(code, message, issues.length > 0 ? { issues } : undefined);
  }
}

function codeFromStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 415) return 'unsupported_media_type';
  if (status === 422) return 'unprocessable';
  if (status >= 500) return 'internal_error';
  return 'invalid_request';
}

/**
 * Turns any error body Stillwater would send into an OperationOutcome. The stable snake_case
 * code travels in `issue.details.coding` so clients (and the authorization matrix) can act on it.
 */
export function operationOutcome(
  code: string,
  message: string,
  issues: readonly FhirIssue[] = [],
): OperationOutcome {
  const type = issueTypeFor[code as ErrorCode] ?? 'processing';
  const details = { coding: [{ system: systems.local('error-code'), code }], text: message };
  if (issues.length === 0) {
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: type, details, diagnostics: message }],
    };
  }
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity: issue.severity ?? 'error',
      code: type,
      details: { coding: details.coding, text: issue.message },
      diagnostics:
        issue.expression && !issue.message.startsWith(issue.expression)
          ? `${issue.expression}: ${issue.message}`
          : issue.message,
      ...(issue.expression ? { expression: [issue.expression] } : {}),
    })),
  };
}

/** The issues an AppError carries in its details (`{issues: [{path|expression, message}]}`), if any. */
function issuesOf(error: AppError): FhirIssue[] {
  if (error instanceof FhirError) return error.issues;
  const list = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const issue = item as { path?: unknown; expression?: unknown; message?: unknown };
    if (typeof issue.message !== 'string') return [];
    const where = typeof issue.expression === 'string' ? issue.expression : issue.path;
    return [{ message: issue.message, ...(typeof where === 'string' && where ? { expression: where } : {}) }];
  });
}

export function outcomeForError(error: AppError): { status: number; body: OperationOutcome } {
  return { status: error.status, body: operationOutcome(error.code, error.message, issuesOf(error)) };
}

/** Answers an error as an OperationOutcome in application/fhir+json, with its headers (Retry-After…). */
export function sendOutcome(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.headers) reply.headers(error.headers);
  const { status, body } = outcomeForError(error);
  return reply.status(status).type(fhirJson).send(body);
}

/** Converts a plain Stillwater error envelope (for errors raised outside the FHIR layer). */
export function outcomeForStatus(status: number, message: string): OperationOutcome {
  return operationOutcome(codeFromStatus(status), message);
}
