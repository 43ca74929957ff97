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

/** A string PostgreSQL can store as text: no NUL, no lone surrogate. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isValidText(value: string): boolean {
  return !value.includes('\0') && !loneSurrogate.test(value);
}

function invalidText(where: string) {
  return new AppError(
    'invalid_text',
    `${where}: text must not contain NUL characters (\\u0000) or unpaired surrogates.`,
    { path: where },
  );
}

/** The path (`note`, `items[2].name`) of the first key or string that is not valid text, or null. */
export function findInvalidText(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, 'body']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (!isValidText(item)) return path;
    } else if (Array.isArray(item)) {
      for (const [index, child] of item.entries()) stack.push([child, `${path}[${index}]`]);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path === 'body' ? key : `${path}.${key}`;
        if (!isValidText(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

/**
 * CSRF defence and security headers. A browser can be tricked into sending a cookie with a
 * cross-site form or fetch; such requests are refused because they are not JSON (415) or
 * come from another origin (403). Bearer-token clients carry no ambient credential.
 */
export function registerHttpSecurity(app: FastifyInstance, options: { publicUrl: string | undefined }): void {
  // Only JSON is parsed: a cross-site <form> can send text/plain, which must never be accepted.
  app.removeContentTypeParser('text/plain');
  // PostgreSQL cannot store a NUL character in text, and a lone UTF-16 surrogate is not text at
  // all (one driver refuses it, the other silently stores U+FFFD): both are refused up front,
  // in the body, the path and the query, with one code.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    /^application\/([a-z.+-]+\+)?json$/i,
    { parseAs: 'string' },
    (request, body, done) => {
      parseJson(request, body as string, (error, value) => {
        if (error) return done(error, undefined);
        const bad = findInvalidText(value);
        if (bad !== null) return done(invalidText(bad), undefined);
        done(null, value);
      });
    },
  );

  app.addHook('onRequest', async (request) => {
    if (!isApiPath(request.url)) return;
    let decoded: string;
    try {
      decoded = decodeURIComponent(request.url.replaceAll('+', ' '));
    } catch {
      throw new AppError('invalid_url', 'The address is not valid: it has a malformed %-encoding.');
    }
    if (!isValidText(decoded)) throw invalidText('the address');
  });

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
