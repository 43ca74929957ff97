import type { FastifyRequest } from 'fastify';
import type { Role } from './db/schema.ts';

/** Who is acting: a signed-in user through a session cookie or a personal access token. */
export type Actor = {
  userId: string;
  role: Role;
  displayName: string;
  email: string;
  /** For a patient account, their patient record. */
  patientId: string | null;
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
};

/** What a service needs to know about the request it serves: who, from where, and when. */
export type RequestContext = {
  actor: Actor | null;
  ip: string;
  userAgent: string | null;
  requestId: string;
  now: () => Date;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function requestContext(request: FastifyRequest, now: () => Date): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    actor: request.actor ?? null,
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    requestId: String(request.id),
    now,
  };
}
