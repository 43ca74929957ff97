/**
 * Who may do what to a patient's record: one table, read by requireAccess and by the
 * authorization matrix test. A permission missing from a role's row is denied.
 */
import type { Role } from './db/schema.ts';

export const patientPermissions = [
  /** Name, date of birth, state, stage of the journey. */
  'patient.profile.read',
  'patient.profile.write',
  /** The care team's names, credentials and licences. */
  'patient.care_team.read',
  /** Full intake and screening answers. */
  'patient.intake.read',
  'patient.intake.write',
  /** Plans, prescriptions and doses. */
  'patient.treatment.read',
  'patient.treatment.write',
  /** Writing and changing plans, prescriptions and dose decisions (prescribers only). */
  'patient.treatment.prescribe',
  /** PHQ-9 / GAD-7 scores. */
  'patient.assessments.read',
  'patient.assessments.write',
  /** The session-day view a support person sees: schedule, checklist, help. */
  'patient.session_day.read',
  'patient.session_day.write',
  /** Journal entries shared with the team, coaching notes, goals. */
  'patient.integration.read',
  'patient.integration.write',
  /** Safety alerts raised about the patient (item 9, holds, help requests …). */
  'patient.alerts.read',
  'patient.alerts.write',
  /** Candidacy decisions on the patient's intake (prescribers only). */
  'patient.candidacy.decide',
  /** The clinical side of candidacy decisions: the clinical note, overridden rules, the justification. */
  'patient.candidacy.read',
  /** Informed consent: reading what was signed, and signing. */
  'patient.consent.read',
  'patient.consent.sign',
  /** Assign or remove care-team members (an administrative act, no health data). */
  'patient.care_team.manage',
] as const;

export type PatientPermission = (typeof patientPermissions)[number];

/**
 * How a role reaches a patient: `self` (their own record), `support` (a patient who invited
 * them), `care_team` (assigned, or through an active break-glass grant).
 */
export type AccessBasis = 'self' | 'support' | 'care_team';

type RolePolicy = Partial<Record<PatientPermission, AccessBasis>>;

const clinicalTeam: RolePolicy = {
  'patient.profile.read': 'care_team',
  'patient.profile.write': 'care_team',
  'patient.care_team.read': 'care_team',
  'patient.intake.read': 'care_team',
  'patient.treatment.read': 'care_team',
  'patient.treatment.write': 'care_team',
  'patient.assessments.read': 'care_team',
  'patient.assessments.write': 'care_team',
  'patient.session_day.read': 'care_team',
  'patient.session_day.write': 'care_team',
  'patient.integration.read': 'care_team',
  'patient.integration.write': 'care_team',
  'patient.alerts.read': 'care_team',
  'patient.alerts.write': 'care_team',
  'patient.candidacy.read': 'care_team',
  'patient.consent.read': 'care_team',
};

export const accessPolicy: Record<Role, RolePolicy> = {
  patient: {
    'patient.profile.read': 'self',
    'patient.profile.write': 'self',
    'patient.care_team.read': 'self',
    'patient.intake.read': 'self',
    'patient.intake.write': 'self',
    'patient.treatment.read': 'self',
    'patient.assessments.read': 'self',
    'patient.assessments.write': 'self',
    'patient.session_day.read': 'self',
    'patient.session_day.write': 'self',
    'patient.integration.read': 'self',
    'patient.integration.write': 'self',
    'patient.consent.read': 'self',
    'patient.consent.sign': 'self',
  },
  support: {
    'patient.care_team.read': 'support',
    'patient.session_day.read': 'support',
    'patient.session_day.write': 'support',
  },
  clinician: {
    ...clinicalTeam,
    'patient.intake.write': 'care_team',
    'patient.candidacy.decide': 'care_team',
    'patient.treatment.prescribe': 'care_team',
  },
  nurse: clinicalTeam,
  // Coaches work with integration: no prescriptions, no full intake, no scores.
  coach: {
    'patient.profile.read': 'care_team',
    'patient.care_team.read': 'care_team',
    'patient.session_day.read': 'care_team',
    'patient.integration.read': 'care_team',
    'patient.integration.write': 'care_team',
  },
  // Admins run the clinic, not the care: health data only through break-glass (below).
  admin: { 'patient.care_team.manage': 'care_team' },
};

/** Roles that may open an unassigned patient's chart for a limited time with a typed reason. */
export const breakGlassRoles: readonly Role[] = ['clinician', 'admin'];

/** What a break-glass grant opens: the role's own care-team permissions, reading only for admins. */
export const breakGlassPolicy: Record<Role, RolePolicy> = {
  patient: {},
  support: {},
  clinician: accessPolicy.clinician,
  nurse: {},
  coach: {},
  admin: {
    'patient.profile.read': 'care_team',
    'patient.care_team.read': 'care_team',
    'patient.intake.read': 'care_team',
    'patient.treatment.read': 'care_team',
    'patient.assessments.read': 'care_team',
    'patient.session_day.read': 'care_team',
    'patient.integration.read': 'care_team',
    'patient.alerts.read': 'care_team',
    'patient.consent.read': 'care_team',
  },
};

export const breakGlassMinutes = 60;

/** The care-team permissions that come from an assignment (admins manage every patient's team). */
export function needsAssignment(role: Role, permission: PatientPermission): boolean {
  return !(role === 'admin' && permission === 'patient.care_team.manage');
}

/**
 * Whether a role's policy grants a permission at all (on its own basis). Views use it to decide
 * which fields of a record a role sees: a reply never carries what the permission would not.
 */
export function roleMaySee(role: Role, permission: PatientPermission): boolean {
  return accessPolicy[role][permission] !== undefined;
}
