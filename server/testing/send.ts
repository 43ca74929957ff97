import type { InjectOptions } from 'fastify';
import type { TestApp } from './test-app.ts';

/** One request through the real app as a signed-in person (their session cookie header). */
export function send(
  t: TestApp,
  cookie: string,
  method: NonNullable<InjectOptions['method']>,
  url: string,
  payload?: InjectOptions['payload'],
) {
  return t.app.inject({ method, url, headers: { cookie }, payload });
}
