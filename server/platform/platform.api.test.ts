import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { AppError } from './errors.ts';

describe('platform: health, errors, docs', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      beforeReady: (app) => {
        app.withTypeProvider<ZodTypeProvider>().post(
          '/api/test/readings',
          {
            config: { access: { public: true } },
            schema: {
              body: z.object({
                bloodPressure: z.object({ systolic: z.number().int().max(300, 'must be ≤ 300') }),
              }),
            },
          },
          async (request) => ({ systolic: request.body.bloodPressure.systolic }),
        );
        app.get('/api/test/conflict', { config: { access: { public: true } } }, async () => {
          throw new AppError('conflict', 'This plan changed since you opened it.', { currentVersion: 3 });
        });
        app.get('/api/test/crash', { config: { access: { public: true } } }, async () => {
          throw new Error('relation "secret_table" does not exist');
        });
      },
    });
  });
  after(() => t.close());

  it('GET /healthz answers 200 {"status":"ok"}', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('GET /readyz answers 200 when the database answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('unknown /api paths answer a JSON 404 in the error envelope', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/no-such-thing?x=1' });
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /application\/json/);
      assert.deepEqual(res.json(), {
        error: { code: 'not_found', message: `No route for ${method} /api/no-such-thing.` },
      });
    }
  });

  it('unknown /fhir paths answer JSON 404 too, never the web app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fhir/R4/Nothing' });
    assert.equal(res.statusCode, 404);
    // The FHIR API answers every error as an OperationOutcome carrying the same stable code.
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    assert.equal(res.json().resourceType, 'OperationOutcome');
    assert.equal(res.json().issue[0].details.coding[0].code, 'not_found');
  });

  it('what the router refuses answers the envelope, or under /fhir an OperationOutcome (found by the route fuzz)', async () => {
    const overlong = await t.app.inject({ method: 'GET', url: `/api/protocols/${'x'.repeat(500)}` });
    assert.equal(overlong.statusCode, 414);
    assert.equal(overlong.json().error.code, 'uri_too_long');
    for (const [url, status, code] of [
      ['/fhir/R4/Patient/%ED%A0%80', 400, 'invalid_url'],
      [`/fhir/R4/Patient/${'x'.repeat(500)}`, 414, 'uri_too_long'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, status, url);
      assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
      assert.equal(res.json().resourceType, 'OperationOutcome');
      assert.equal(res.json().issue[0].details.coding[0].code, code);
    }
  });

  it('a schema violation answers 400 invalid_request naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/readings',
      payload: { bloodPressure: { systolic: 301 } },
    });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.error.code, 'invalid_request');
    assert.equal(body.error.message, 'bloodPressure.systolic: must be ≤ 300');
  });

  it('a NUL character in the body answers 400 (PostgreSQL cannot store it)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/readings',
      headers: { 'content-type': 'application/json' },
      payload: '{"bloodPressure":{"systolic":120},"note":"a\\u0000b"}',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_text');
  });

  it('a lone surrogate in the body, a NUL or a malformed %-encoding in the address answer 400 in the envelope', async () => {
    const cases: [string, string, string | undefined, string][] = [
      ['POST', '/api/test/readings', '{"bloodPressure":{"systolic":120},"note":"a\\ud800b"}', 'invalid_text'],
      ['POST', '/api/test/readings', '{"bloodPressure":{"systolic":120},"n\\udc00te":"x"}', 'invalid_text'],
      ['GET', '/api/patients?search=%00', undefined, 'invalid_text'],
      ['GET', '/api/protocols/%00', undefined, 'invalid_text'],
      ['GET', '/api/patients?search=%ED%A0%80', undefined, 'invalid_url'],
      ['GET', '/api/patients/%ZZ/sessions', undefined, 'invalid_url'],
    ];
    for (const [method, url, payload, code] of cases) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        ...(payload ? { payload, headers: { 'content-type': 'application/json' } } : {}),
      });
      assert.equal(res.statusCode, 400, `${method} ${url}: ${res.body}`);
      assert.equal(res.json().error.code, code, `${method} ${url}`);
    }
  });

  it('malformed JSON answers 400 invalid_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/readings',
      headers: { 'content-type': 'application/json' },
      payload: '{"bloodPressure": ',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_json');
  });

  it('a body that is not JSON answers 415 unsupported_media_type', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/readings',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'systolic=120',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'unsupported_media_type');
  });

  it('an AppError maps to its status with code, message and details', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/conflict' });
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json(), {
      error: {
        code: 'conflict',
        message: 'This plan changed since you opened it.',
        details: { currentVersion: 3 },
      },
    });
  });

  it('an unexpected error answers 500 without leaking the stack or SQL', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/crash' });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(res.json(), {
      error: { code: 'internal_error', message: 'Something went wrong on our side.' },
    });
    assert.doesNotMatch(res.body, /secret_table|at |\.ts/);
  });

  it('every reply carries a request id, reusing a well-formed incoming one', async () => {
    const generated = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const given = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'lb-42.abc' },
    });
    assert.equal(given.headers['x-request-id'], 'lb-42.abc');
    const hostile = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'x\n{"forged":true}' },
    });
    assert.notEqual(hostile.headers['x-request-id'], 'x\n{"forged":true}');
  });

  it('serves OpenAPI generated from the route schemas at /api/docs', async () => {
    const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(spec.statusCode, 200);
    const doc = spec.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/healthz']?.get);
    assert.ok(doc.paths['/api/clinic']?.get);
    assert.ok(doc.components.schemas.ClinicProfile);
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html/i);
  });

  it('GET /api/clinic answers the seeded demo clinic', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/clinic' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      name: 'Stillwater Demo Clinic',
      phone: '+1 (555) 010-0100',
      afterHoursPhone: '+1 (555) 010-0199',
      email: 'care@stillwater.example',
      timeZone: 'America/Denver',
    });
  });
});

/** Sends raw bytes to a listening server and reads the whole answer (the server closes). */
function rawRequest(port: number, bytes: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
    });
  });
}

describe('platform: what Node refuses before Fastify reads the request', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp({ seed: false });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  after(() => t.close());

  it('headers over the size limit answer 431 headers_too_large in the envelope', async () => {
    const res = await rawRequest(
      port,
      `GET /api/clinic HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    assert.equal(res.status, 431);
    assert.deepEqual(JSON.parse(res.body), {
      error: { code: 'headers_too_large', message: 'The request headers are too large.' },
    });
  });

  it('a garbled request line answers 400 invalid_request in the envelope', async () => {
    const res = await rawRequest(port, 'NOT A REQUEST\r\n\r\n');
    assert.equal(res.status, 400);
    assert.equal(JSON.parse(res.body).error.code, 'invalid_request');
  });
});

describe('platform: without demo data', () => {
  it('GET /api/clinic answers 404 not_found when no clinic is set up', async () => {
    const t = await startTestApp({ seed: false });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/clinic' });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.code, 'not_found');
    } finally {
      await t.close();
    }
  });
});

describe('platform: readiness when the database is gone', () => {
  it('GET /readyz answers 503 unavailable once the database stops answering', async () => {
    const t = await startTestApp();
    try {
      await t.deps.database.close();
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, 'unavailable');
      const live = await t.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(live.statusCode, 200);
    } finally {
      await t.app.close();
    }
  });
});

describe('platform: serving the web app', () => {
  let t: TestApp;
  before(async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'stillwater-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><title>Stillwater</title><div id="root"></div>',
    );
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ env: { WEB_DIST_DIR: dist } });
  });
  after(() => t.close());

  it('serves index.html at / without caching', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Stillwater<\/title>/);
    assert.equal(res.headers['cache-control'], 'no-cache');
  });

  it('answers client routes with index.html so deep links work', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/patient/sessions/today?tab=1' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /<div id="root">/);
  });

  it('caches hashed assets for a year', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('does not cache unhashed files', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-cache');
  });

  it('a missing file answers 404, not the app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/missing-999.js' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });
});

describe('platform: graceful shutdown', () => {
  it('lets in-flight requests finish and answers 503 to new ones while draining', async () => {
    let markStarted!: () => void;
    let releaseSlow!: () => void;
    const slowStarted = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const testApp = await startTestApp({
      beforeReady: (app) => {
        app.get('/api/test/slow', { config: { access: { public: true } } }, async () => {
          markStarted();
          await new Promise<void>((resolve) => {
            releaseSlow = resolve;
          });
          return { finished: true };
        });
      },
    });
    const inFlight = testApp.app.inject({ method: 'GET', url: '/api/test/slow' }).then((res) => res);
    await slowStarted;
    testApp.app.startDraining();
    const refused = await testApp.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.json().error.code, 'shutting_down');
    const ready = await testApp.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    releaseSlow();
    const finished = await inFlight;
    assert.equal(finished.statusCode, 200);
    assert.deepEqual(finished.json(), { finished: true });
    await testApp.close();
  });
});
