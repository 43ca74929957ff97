import type { InjectOptions } from 'fastify';
import type { TestApp } from './test-app.ts';

type Method = NonNullable<InjectOptions['method']>;

/** One request through the real app as a signed-in person (their session cookie header). */
export function send(
  t: TestApp,
  cookie: string,
  method: Method,
  url: string,
  payload?: InjectOptions['payload'],
) {
  return t.app.inject({ method, url, headers: { cookie }, payload });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
type Json = Record<string, any>;

/** A request as someone (or, with a null cookie, nobody), answered as its status and JSON body. */
export async function sendForJson(
  t: TestApp,
  cookie: string | null,
  method: Method,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    payload,
  });
  return { status: res.statusCode, body: res.body ? (res.json() as Json) : {} };
}

/** A request as a signed-in person, with the If-Match header of an edit to a versioned record when given. */
export function sendAs(
  t: TestApp,
  who: { cookie: string },
  method: Method,
  url: string,
  payload?: object,
  ifMatch?: string,
) {
  return t.app.inject({
    method,
    url,
    headers: { cookie: who.cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    ...(payload ? { payload } : {}),
  });
}
