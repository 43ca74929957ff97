import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { sendOutcome } from './fhir/operation-outcome.ts';
import { fhirRoutes } from './fhir/routes.ts';
import { adverseEventRoutes } from './modules/adverse-events/routes.ts';
import { alertRoutes } from './modules/alerts/routes.ts';
import { assessmentRoutes } from './modules/assessments/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { candidacyRoutes } from './modules/candidacy/routes.ts';
import { clinicRoutes } from './modules/clinic/routes.ts';
import { consentRoutes } from './modules/consent/routes.ts';
import { dashboardRoutes } from './modules/dashboard/routes.ts';
import { dataRightsRoutes } from './modules/data-rights/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { resolveActor } from './modules/identity/sessions.ts';
import { intakeRoutes } from './modules/intake/routes.ts';
import { outboxRoutes } from './modules/outbox/routes.ts';
import { patientRoutes } from './modules/patients/routes.ts';
import { planRoutes } from './modules/plans/routes.ts';
import { prescriptionRoutes } from './modules/prescriptions/routes.ts';
import { protocolRoutes } from './modules/protocols/routes.ts';
import { screeningRoutes } from './modules/screening/routes.ts';
import { sessionRoutes } from './modules/sessions/routes.ts';
import { staffRoutes } from './modules/staff/routes.ts';
import { testClockRoutes } from './modules/test-clock/routes.ts';
import { titrationRoutes } from './modules/titration/routes.ts';
import type { AppDeps } from './platform/app-deps.ts';
import { forgetRequestDenials, recordAudit } from './platform/audit.ts';
import { isAuditedRefusal, recordRefusal } from './platform/audit-refusals.ts';
import { type RegisteredRoute, registerAuthentication, sessionCookieFor } from './platform/auth.ts';
import type { Config } from './platform/config.ts';
import {
  AppError,
  answerClientError,
  answerFrameworkError,
  frameworkError,
  registerErrorHandling,
} from './platform/errors.ts';
import { registerHttpSecurity } from './platform/http-security.ts';
import { registerDraining } from './platform/lifecycle.ts';
import { serializeError, serializeRequest } from './platform/log-redaction.ts';
import { requestContext } from './platform/request-context.ts';
import { registerStaticWeb } from './platform/static-web.ts';

export type App = FastifyInstance & {
  /** Stops new requests (503) while in-flight ones finish; part of graceful shutdown. */
  startDraining(): void;
  /** Every /api and /fhir route with its declared access, for the authorization matrix test. */
  registeredRoutes: readonly RegisteredRoute[];
};

const noStorePaths = new Set(['/healthz', '/readyz']);
const incomingRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

export type BuildAppOptions = {
  /** Pino options or false; defaults to the configured level with request ids. */
  logger?: FastifyServerOptions['logger'];
};

/**
 * Pino options: request lines with the route pattern and a redacted path (no token, no name in
 * a query), database errors by code and constraint (see platform/log-redaction.ts).
 */
export function loggerOptions(
  config: Config,
  stream?: { write(line: string): void },
): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: { req: serializeRequest, err: serializeError },
    ...(stream ? { stream } : {}),
  };
}

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes "trust the nearest n addresses" (Express's
 * meaning): Fastify 5 on its own refuses a bare number, since it cannot check who the peer is,
 * but an operator who sets a count says the server is reachable only through that many proxies.
 */
function fastifyTrustProxy(setting: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof setting === 'number') {
    const hops = setting;
    return hops === 0 ? false : (_address: string, hop: number) => hop < hops;
  }
  return setting;
}

export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(deps.config),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && incomingRequestId.test(given) ? given : uuidv7();
    },
    // Only TRUST_PROXY makes X-Forwarded-* believed: anyone can send those headers.
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    bodyLimit: 1024 * 1024,
    // Errors the router meets before any route (a malformed %-encoding) answer the envelope too,
    // or under /fhir/ an OperationOutcome, as every FHIR error does.
    frameworkErrors: (error, request, reply) =>
      request.url.startsWith('/fhir/')
        ? sendOutcome(reply, frameworkError(error))
        : answerFrameworkError(error, request, reply),
    clientErrorHandler: answerClientError,
    // Fastify answers 503 during close() on its own; our draining hook adds the error envelope.
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  const draining = registerDraining(app);
  registerHttpSecurity(app, { publicUrl: deps.config.publicUrl });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `Too many requests. Please wait ${Math.ceil(context.ttl / 1000)} seconds and try again.`,
        { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      ),
  });
  const cookie = sessionCookieFor(deps.config.publicUrl);
  const registeredRoutes = registerAuthentication(app, {
    cookie,
    resolveActor: (credentials, request) =>
      resolveActor(deps, credentials, requestContext(request, deps.now), request.method),
    recordRoleDenial: (request, route) =>
      recordAudit(deps.database.db, requestContext(request, deps.now), {
        action: 'E',
        subtype: 'access.denied',
        outcome: 'denied',
        entityType: null,
        details: { route, reasonCode: 'role' },
      }),
  });
  // A refusal by a rule of the service is audited like a refusal by role (platform/audit-refusals.ts).
  app.addHook('onError', async (request, _reply, error) => {
    if (!isAuditedRefusal(error, request.routeOptions.url)) return;
    try {
      await recordRefusal(
        deps.database.db,
        requestContext(request, deps.now),
        error,
        `${request.method} ${request.routeOptions.url}`,
      );
    } catch (auditError) {
      request.log.error({ err: auditError }, 'could not record a refusal in the audit trail');
    }
  });
  app.addHook('onResponse', async (request) => forgetRequestDenials(String(request.id)));

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    const pathname = request.url.split('?')[0] ?? '';
    if (pathname.startsWith('/api/') || pathname.startsWith('/fhir/') || noStorePaths.has(pathname)) {
      reply.header('Cache-Control', 'no-store');
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stillwater API',
        version: '0.1.0',
        description:
          'Care platform for at-home oral ketamine therapy under telehealth supervision. Errors are JSON ' +
          '`{"error":{"code","message","details"?}}` with a stable snake_case code.',
      },
      servers: deps.config.publicUrl ? [{ url: deps.config.publicUrl }] : [],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(healthRoutes, { ...deps, isDraining: draining.isDraining });
  await app.register(clinicRoutes, deps);
  await app.register(identityRoutes, { ...deps, cookie });
  await app.register(outboxRoutes, deps);
  await app.register(staffRoutes, { ...deps, cookie });
  await app.register(patientRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(screeningRoutes, deps);
  await app.register(alertRoutes, deps);
  await app.register(intakeRoutes, { ...deps, cookie });
  await app.register(candidacyRoutes, deps);
  await app.register(consentRoutes, deps);
  await app.register(protocolRoutes, deps);
  await app.register(planRoutes, deps);
  await app.register(prescriptionRoutes, deps);
  await app.register(sessionRoutes, deps);
  await app.register(titrationRoutes, deps);
  await app.register(adverseEventRoutes, deps);
  await app.register(assessmentRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await app.register(fhirRoutes, deps);
  await app.register(dataRightsRoutes, deps);
  if (deps.config.testClock && deps.clock)
    await app.register(testClockRoutes, { ...deps, clock: deps.clock });
  await registerStaticWeb(app, deps.config.webDistDir);

  return Object.assign(app, { startDraining: draining.startDraining, registeredRoutes }) as unknown as App;
}
