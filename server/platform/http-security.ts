import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const jsonTypes = /^application\/(json|fhir\+json|json-patch\+json)\s*(;|$)/i;

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/fhir/');
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/** The origins this server answers as: its PUBLIC_URL, or the Host the request came to. */
function allowedOrigins(request: FastifyRequest, publicUrl: string | undefined): string[] {
  const origins = [`${request.protocol}://${request.host}`];
  if (publicUrl) origins.push(new URL(publicUrl).origin);
  return origins;
}

/**
 * CSRF defence and security headers. A browser can be tricked into sending a cookie with a
 * cross-site form or fetch; such requests are refused because they are not JSON (415) or
 * come from another origin (403). Bearer-token clients carry no ambient credential.
 */
export function registerHttpSecurity(app: FastifyInstance, options: { publicUrl: string | undefined }): void {
  // Only JSON is parsed: a cross-site <form> can send text/plain, which must never be accepted.
  app.removeContentTypeParser('text/plain');
  // PostgreSQL cannot store a NUL character in text, so it is refused up front with a 400.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    /^application\/([a-z.+-]+\+)?json$/i,
    { parseAs: 'string' },
    (request, body, done) => {
      if (typeof body === 'string' && /\\u0000|\0/i.test(body)) {
        done(new AppError('invalid_request', 'Text must not contain NUL characters (\\u0000).'), undefined);
        return;
      }
      parseJson(request, body as string, done);
    },
  );

  app.addHook('onRequest', async (request) => {
    if (!stateChanging.has(request.method) || !isApiPath(request.url)) return;
    const contentType = request.headers['content-type'];
    if ((contentType !== undefined || hasBody(request)) && !jsonTypes.test(contentType ?? '')) {
      throw new AppError('unsupported_media_type', 'Send the request body as application/json.');
    }
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      throw new AppError('cross_origin_request', 'This request came from another site and was refused.');
    }
    const origin = request.headers.origin;
    if (typeof origin === 'string' && !allowedOrigins(request, options.publicUrl).includes(origin)) {
      throw new AppError('cross_origin_request', 'This request came from another site and was refused.');
    }
  });

  app.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('Content-Security-Policy', contentSecurityPolicy);
    }
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=(), payment=()');
    if (request.protocol === 'https') {
      reply.header('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    }
  });
}
