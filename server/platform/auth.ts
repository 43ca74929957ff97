import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PatientPermission } from './access-policy.ts';
import type { Role } from './db/schema.ts';
import { AppError } from './errors.ts';
import type { Actor } from './request-context.ts';

/**
 * How a route is reached. Every /api and /fhir route declares one in `config.access`;
 * the app refuses to start with a route that does not.
 * - `public`: anyone, signed in or not.
 * - `signedIn`: any signed-in user (the service may narrow it, e.g. to the patient's own record).
 * - `roles`: only these roles (403 for others).
 */
export type RouteAccess =
  | { public: true }
  | { signedIn: true }
  | { roles: readonly Role[] }
  /**
   * A patient's record (`:patientId` in the path): any signed-in user reaches the service,
   * whose requireAccess decides from the policy table with this permission.
   */
  | { patient: PatientPermission; roles?: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export type ActorResolution =
  | { actor: Actor; refreshCookie?: boolean }
  | { actor: null; clearCookie: boolean };

export type ActorResolver = (
  credentials: { sessionToken: string | undefined; bearerToken: string | undefined },
  request: FastifyRequest,
) => Promise<ActorResolution>;

export type SessionCookie = {
  name: string;
  secure: boolean;
};

export function sessionCookieFor(publicUrl: string | undefined): SessionCookie {
  const secure = publicUrl?.startsWith('https://') ?? false;
  // The __Host- prefix pins the cookie to this exact host, over HTTPS, for every path.
  return { name: secure ? '__Host-sw_session' : 'sw_session', secure };
}

export function setSessionCookie(
  reply: FastifyReply,
  cookie: SessionCookie,
  token: string,
  maxAgeSeconds: number,
) {
  reply.setCookie(cookie.name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, cookie: SessionCookie) {
  reply.clearCookie(cookie.name, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookie.secure });
}

function bearerFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

export type RegisteredRoute = { method: string; url: string; access: RouteAccess; hasBody: boolean };

/**
 * Resolves who is calling (session cookie or bearer token) before any handler runs, and
 * enforces each route's declared access. Records every route and its access for the
 * authorization matrix test.
 */
export function registerAuthentication(
  app: FastifyInstance,
  options: {
    cookie: SessionCookie;
    resolveActor: ActorResolver;
    /** Records a refusal by role in the audit trail before the 403 goes out. */
    recordRoleDenial: (request: FastifyRequest, route: string) => Promise<void>;
  },
): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    const isApi = route.url.startsWith('/api/') || route.url.startsWith('/fhir/');
    if (!isApi || route.url.startsWith('/api/docs')) return;
    if (!access)
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no access policy (config.access).`);
    const hasBody = route.schema?.body !== undefined;
    for (const method of methods)
      if (method !== 'HEAD') routes.push({ method, url: route.url, access, hasBody });
  });

  app.addHook('onRequest', async (request, reply) => {
    const sessionToken = request.cookies[options.cookie.name];
    const bearerToken = bearerFrom(request);
    if (sessionToken || bearerToken) {
      const resolution = await options.resolveActor({ sessionToken, bearerToken }, request);
      request.actor = resolution.actor;
      if (resolution.actor === null && resolution.clearCookie) clearSessionCookie(reply, options.cookie);
      if (bearerToken && !resolution.actor) {
        throw new AppError('unauthenticated', 'The access token is not valid (revoked, expired or unknown).');
      }
    }
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    if (!request.actor) throw new AppError('unauthenticated', 'Please sign in.');
    if ('roles' in access && access.roles && !access.roles.includes(request.actor.role)) {
      await options.recordRoleDenial(request, `${request.method} ${request.routeOptions.url}`);
      throw new AppError('forbidden', 'Your role does not allow this.');
    }
  });

  return routes;
}
