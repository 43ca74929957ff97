import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ApiError, type ApiResponseEvent, api, isApiError, onApiResponse, request } from './client';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function answerWith(status: number, body: string, contentType = 'application/json') {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return new Response(status === 204 ? null : body, { status, headers: { 'Content-Type': contentType } });
  };
  return calls;
}

describe('api client', () => {
  it('turns the error envelope into an ApiError with code, status and details', async () => {
    answerWith(
      422,
      JSON.stringify({ error: { code: 'dose_above_plan', message: 'Too much.', details: { max: 300 } } }),
    );
    const error = await request('/api/x').catch((caught: unknown) => caught);
    assert.ok(isApiError(error, 'dose_above_plan'));
    assert.equal(error.status, 422);
    assert.equal(error.message, 'Too much.');
    assert.deepEqual(error.details, { max: 300 });
  });

  it('reports a non-envelope failure as unexpected_response with the status', async () => {
    answerWith(502, '<html>Bad gateway</html>', 'text/html');
    const error = await request('/api/x').catch((caught: unknown) => caught);
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'unexpected_response');
    assert.equal(error.status, 502);
  });

  it('reports an unreachable server as network_error with status 0', async () => {
    globalThis.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = await request('/api/x').catch((caught: unknown) => caught);
    assert.ok(isApiError(error, 'network_error'));
    assert.equal(error.status, 0);
  });

  it('sends JSON with idempotency and version headers, and parses the reply', async () => {
    const calls = answerWith(201, JSON.stringify({ id: 'a' }));
    const result = await api.post<{ id: string }>(
      '/api/doses',
      { mg: 100 },
      { idempotencyKey: 'k-1', ifMatch: '"v2"', query: { limit: 5, cursor: undefined } },
    );
    assert.deepEqual(result, { id: 'a' });
    const [call] = calls;
    assert.equal(call?.url, '/api/doses?limit=5');
    assert.equal(call?.init?.method, 'POST');
    assert.equal(call?.init?.body, JSON.stringify({ mg: 100 }));
    const headers = call?.init?.headers as Record<string, string>;
    assert.equal(headers['Content-Type'], 'application/json');
    assert.equal(headers['Idempotency-Key'], 'k-1');
    assert.equal(headers['If-Match'], '"v2"');
  });

  it('returns undefined for 204 and applies parse to successful replies', async () => {
    answerWith(204, '');
    assert.equal(await api.delete('/api/x'), undefined);
    answerWith(200, JSON.stringify({ n: '3' }));
    const parsed = await api.get('/api/x', { parse: (data) => Number((data as { n: string }).n) });
    assert.equal(parsed, 3);
  });

  it('reads how long to wait on 429 from the details, or else from Retry-After', async () => {
    answerWith(
      429,
      JSON.stringify({
        error: { code: 'rate_limited', message: 'Slow down.', details: { retryAfterSeconds: 840 } },
      }),
    );
    const fromDetails = await request('/api/auth/login').catch((caught: unknown) => caught);
    assert.ok(isApiError(fromDetails, 'rate_limited'));
    assert.equal(fromDetails.retryAfterSeconds, 840);

    globalThis.fetch = async () =>
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down.' } }), {
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '120' },
      });
    const fromHeader = await request('/api/auth/login').catch((caught: unknown) => caught);
    assert.ok(isApiError(fromHeader, 'rate_limited'));
    assert.equal(fromHeader.retryAfterSeconds, 120);
  });

  it('tells listeners about every reply from the server, with the error code, but not about network failures', async () => {
    const events: ApiResponseEvent[] = [];
    const stop = onApiResponse((event) => events.push(event));
    try {
      answerWith(200, JSON.stringify({ ok: true }));
      await api.get('/api/auth/me');
      answerWith(401, JSON.stringify({ error: { code: 'unauthenticated', message: 'Signed out.' } }));
      await api.get('/api/auth/me').catch(() => undefined);
      globalThis.fetch = async () => {
        throw new TypeError('Failed to fetch');
      };
      await api.post('/api/auth/logout').catch(() => undefined);
    } finally {
      stop();
    }
    assert.deepEqual(events, [
      { path: '/api/auth/me', method: 'GET', status: 200 },
      { path: '/api/auth/me', method: 'GET', status: 401, code: 'unauthenticated' },
    ]);
  });
});
