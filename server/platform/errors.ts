import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** Every stable error code Stillwater answers with, and the HTTP status it maps to. */
export const errorStatus = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_token: 400,
  /** A NUL character or an unpaired surrogate in a body, path or query. */
  invalid_text: 400,
  /** A malformed %-encoding in the address. */
  invalid_url: 400,
  /** A part of the address (an id in the path) longer than any this server knows. */
  uri_too_long: 414,
  password_too_short: 400,
  password_too_long: 400,
  password_common: 400,
  invalid_credentials: 401,
  mfa_required: 401,
  invalid_mfa_code: 401,
  reauth_required: 401,
  unauthenticated: 401,
  forbidden: 403,
  cross_origin_request: 403,
  mfa_required_for_staff: 403,
  /** A read-only personal access token sent with a request that changes something. */
  token_read_only: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  email_taken: 409,
  /** A dose refused because a safety hold applies; details carry every reason. */
  session_held: 409,
  outside_dose_window: 409,
  retake_too_soon: 409,
  no_hold_to_lift: 409,
  check_in_not_open: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  /** The request's headers are larger than the server reads (Node's limit, 16 KiB by default). */
  headers_too_large: 431,
  request_timeout: 408,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  shutting_down: 503,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Maps Fastify's built-in body errors onto ours, so clients only ever see our codes. `mediaType`
 * is what the surface asks bodies to be sent as (application/json; FHIR's application/fhir+json).
 */
export function fromFastifyBodyError(
  error: FastifyError,
  mediaType = 'application/json',
): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', `Send the request body as ${mediaType}.`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', 'The request body is empty but its content type says JSON.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('invalid_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    default:
      if (error instanceof SyntaxError)
        return new AppError('invalid_json', 'The request body is not valid JSON.');
      return undefined;
  }
}

/** The one place that turns any thrown error into a status and the error envelope. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        const where = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const part = error.validationContext ?? 'body';
        return {
          path: where ? `${part === 'body' ? '' : `${part}.`}${where}` : part,
          message: v.message ?? '',
        };
      });
      const first = issues[0];
      return reply.status(400).send(
        errorBody(
          'invalid_request',
          first ? `${first.path}: ${first.message}` : 'The request is not valid.',
          {
            issues,
          },
        ),
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side.'));
    }
    const appError = error instanceof AppError ? error : fromFastifyBodyError(error);
    if (appError) {
      if (appError.headers) reply.headers(appError.headers);
      return reply.status(appError.status).send(errorBody(appError.code, appError.message, appError.details));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      const clientError = errorForStatus(error.statusCode, error.message);
      return reply.status(clientError.status).send(errorBody(clientError.code, clientError.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side.'));
  });
}

/** The stable code for a bare 4xx status (from Fastify or a plugin); one we have no code for answers 400. */
const codeForStatus: Partial<Record<number, ErrorCode>> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

function errorForStatus(status: number, message: string): AppError {
  return new AppError(codeForStatus[status] ?? 'invalid_request', message);
}

/** What the router refuses before any route runs (a malformed %-encoding, an overlong id), as an AppError. */
export function frameworkError(error: FastifyError): AppError {
  if (error.code === 'FST_ERR_BAD_URL')
    return new AppError('invalid_url', 'The address is not valid: it has a malformed %-encoding.');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return new AppError('uri_too_long', 'The address is not valid: a part of it is far too long.');
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
  return errorForStatus(status, 'The request is not valid.');
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before a route runs, in the envelope with
 * a stable code instead of Fastify's own shape.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const answer = frameworkError(error);
  reply.status(answer.status).send(errorBody(answer.code, answer.message));
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses before Fastify sees it
 * (headers over the size limit, a garbled request line) answers the envelope too, written straight
 * to the socket as Fastify's own handler does, and the connection is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ([431, 'headers_too_large', 'The request headers are too large.'] as const)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'request_timeout', 'The request took too long to arrive.'] as const)
        : ([400, 'invalid_request', 'The request could not be read.'] as const);
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
