import type { Role } from '../api/auth';

/** Where each role lands after signing in, and where a wrong-role visit is sent back to. */
export const ROLE_HOME: Record<Role, string> = {
  patient: '/patient',
  support: '/support',
  clinician: '/clinician',
  nurse: '/nurse',
  coach: '/coach',
  admin: '/admin',
};

export const ROLE_LABEL: Record<Role, string> = {
  patient: 'Patient',
  support: 'Support person',
  clinician: 'Clinician',
  nurse: 'Nurse',
  coach: 'Integration coach',
  admin: 'Administrator',
};

export const STAFF_ROLES: readonly Role[] = ['clinician', 'nurse', 'coach', 'admin'];

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/**
 * A `next` address from the query string is followed only when it is a path inside this app:
 * "/settings" yes; "//evil.example", "https://…" or "javascript:…" never.
 */
export function safeNextPath(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/signin')) return null;
  return next;
}

/** The first path segment decides which role a page belongs to ("/admin/audit" → admin). */
export function canVisit(role: Role, path: string): boolean {
  const section = path.split(/[/?#]/)[1] ?? '';
  const owner = (Object.keys(ROLE_HOME) as Role[]).find(
    (candidate) => ROLE_HOME[candidate] === `/${section}`,
  );
  return owner === undefined || owner === role;
}
