/**
 * The one way the web app talks to the Stillwater API.
 *
 * Every non-2xx reply is turned into an `ApiError` carrying the server's stable snake_case `code`
 * (from the `{"error":{"code","message","details"?}}` envelope) and the HTTP status, so screens
 * can branch on `error.code` instead of parsing messages. Responses can be validated by passing
 * a `parse` function (a Zod schema's `.parse` once the shared schemas land).
 */

export interface ApiErrorEnvelope {
  error: {
    code: string;
    message: string;
    details?: unknown;
  };
}

/** Codes the client itself produces when the server never gave a usable answer. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** Stable snake_case code from the server (e.g. `invalid_credentials`), or a `ClientErrorCode`. */
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the request never reached the server. */
    readonly status: number,
    readonly details?: unknown,
    /** For 429: how long to wait, from `details.retryAfterSeconds` or the `Retry-After` header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export function isApiError(value: unknown, code?: string): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}

/** What a screen-independent listener learns about every reply that reached the server. */
export interface ApiResponseEvent {
  path: string;
  method: HttpMethod;
  status: number;
  /** The error code for non-2xx replies with the standard envelope. */
  code?: string;
}

type ApiResponseListener = (event: ApiResponseEvent) => void;
const responseListeners = new Set<ApiResponseListener>();

/**
 * Subscribes to every reply from the server. The session layer uses it to track API activity
 * (the server ends sessions after 30 idle minutes) and to notice a session that has ended.
 * Returns the unsubscribe function.
 */
export function onApiResponse(listener: ApiResponseListener): () => void {
  responseListeners.add(listener);
  return () => {
    responseListeners.delete(listener);
  };
}

function notifyResponse(event: ApiResponseEvent): void {
  for (const listener of responseListeners) {
    try {
      listener(event);
    } catch {
      // A listener's failure must never turn a good reply into an error for the caller.
    }
  }
}

function readRetryAfterSeconds(response: Response, details: unknown): number | undefined {
  if (typeof details === 'object' && details !== null && 'retryAfterSeconds' in details) {
    const value = (details as { retryAfterSeconds: unknown }).retryAfterSeconds;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  const header = response.headers.get('Retry-After');
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<T> {
  method?: HttpMethod;
  /** Serialised as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** For creates that must never happen twice (doses, assessments, messages, payments). */
  idempotencyKey?: string;
  /** For edits of versioned records: the ETag the edit is based on. */
  ifMatch?: string;
  /** Validates and types the JSON body of a successful reply. */
  parse?: (data: unknown) => T;
}

function isErrorEnvelope(value: unknown): value is ApiErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function buildUrl(path: string, query: RequestOptions<unknown>['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  if (!search) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(
      'unexpected_response',
      'The server sent a reply we could not read. Please try again.',
      response.status,
    );
  }
}

export async function request<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;

  const method = options.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(
      'network_error',
      'We could not reach Stillwater. Check your connection and try again.',
      0,
    );
  }

  if (!response.ok) {
    let data: unknown;
    try {
      data = await readJson(response);
    } catch {
      data = undefined;
    }
    if (isErrorEnvelope(data)) {
      notifyResponse({ path, method, status: response.status, code: data.error.code });
      throw new ApiError(
        data.error.code,
        data.error.message,
        response.status,
        data.error.details,
        response.status === 429 ? readRetryAfterSeconds(response, data.error.details) : undefined,
      );
    }
    notifyResponse({ path, method, status: response.status });
    throw new ApiError(
      'unexpected_response',
      `The server answered with status ${response.status}. Please try again.`,
      response.status,
    );
  }

  notifyResponse({ path, method, status: response.status });
  if (response.status === 204) return undefined as T;
  const data = await readJson(response);
  return options.parse ? options.parse(data) : (data as T);
}

type BodylessOptions<T> = Omit<RequestOptions<T>, 'method' | 'body'>;

export const api = {
  get: <T = unknown>(path: string, options?: BodylessOptions<T>) =>
    request<T>(path, { ...options, method: 'GET' }),
  post: <T = unknown>(path: string, body?: unknown, options?: BodylessOptions<T>) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T = unknown>(path: string, body?: unknown, options?: BodylessOptions<T>) =>
    request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T = unknown>(path: string, body?: unknown, options?: BodylessOptions<T>) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = unknown>(path: string, options?: BodylessOptions<T>) =>
    request<T>(path, { ...options, method: 'DELETE' }),
};
