import assert from 'node:assert/strict';
import { totpCode } from '../modules/identity/totp.ts';
import type { Role } from '../platform/db/schema.ts';
import { demoPassword, demoTotpSecret } from '../seed.ts';
import type { TestApp } from './test-app.ts';

export const demoEmails: Record<Role, string> = {
  patient: 'patient@stillwater.example',
  support: 'support@stillwater.example',
  clinician: 'clinician@stillwater.example',
  nurse: 'nurse@stillwater.example',
  coach: 'coach@stillwater.example',
  admin: 'admin@stillwater.example',
};

const staffRoles: readonly Role[] = ['clinician', 'nurse', 'coach', 'admin'];

/** A TOTP code for the demo secret that has not been used yet: moves the clock to a new 30-s step. */
export function freshDemoTotp(t: TestApp): string {
  t.clock.advance(30_000);
  return totpCode(demoTotpSecret, t.clock.now());
}

export type SignedIn = { cookie: string; userId: string; patientId: string | null };

/** Signs a demo account in through the real login route; returns the cookie header to send. */
export async function signInAs(t: TestApp, role: Role, email = demoEmails[role]): Promise<SignedIn> {
  const payload: Record<string, string> = { email, password: demoPassword };
  if (staffRoles.includes(role)) payload.totp = freshDemoTotp(t);
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${res.statusCode} ${res.body}`);
  const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.includes('sw_session='));
  if (!setCookie) throw new Error('no session cookie');
  const user = res.json().user;
  return { cookie: setCookie.split(';')[0]!, userId: user.id, patientId: user.patientId };
}

/** Long enough for the patient password rule (15+ characters without two-step verification). */
export const newPatientPassword = 'a quiet morning by the lake';

/** Signs a new person up through the real sign-up route; returns their cookie header and patient id. */
export async function signUpPatient(
  t: TestApp,
  {
    email,
    givenName = 'Robin',
    familyName = 'Hale',
  }: { email: string; givenName?: string; familyName?: string },
): Promise<{ cookie: string; patientId: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { email, password: newPatientPassword, givenName, familyName },
  });
  assert.equal(res.statusCode, 201, res.body);
  const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.includes('sw_session='));
  if (!setCookie) throw new Error('no session cookie after sign-up');
  return { cookie: setCookie.split(';')[0]!, patientId: res.json().user.patientId as string };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON replies.
export const json = (res: { json: () => unknown }) => res.json() as Record<string, any>;

/** The session cookie a reply sets, if any. */
export function cookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  const header = [res.headers['set-cookie']]
    .flat()
    .find((c) => typeof c === 'string' && c.includes('sw_session'));
  return typeof header === 'string' ? header : undefined;
}

/** POST /api/auth/login with the given body and headers. */
export async function login(t: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, headers });
}
