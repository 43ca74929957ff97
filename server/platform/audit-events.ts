/**
 * The audit catalogue: every kind of entry the trail can hold, with its action (C/R/U/D/E), the
 * entity it names, a sentence for the people who review the trail, and the schema of its
 * details. `appendAudit` takes only these kinds, a kind's details type comes from its schema (a
 * key the kind does not list is a type error and, spread in from a variable, refused at run
 * time), and the admin audit page lists its filters from here (`GET /api/audit/catalogue`).
 *
 * Details follow the need-to-know rule of audit-details.ts: each kind names keys of that
 * vocabulary (ids, codes, counts, flags, times), so a kind cannot admit an answer, a score, a
 * reason or a note. Adding a kind is a reviewed change to this file; a kind is never renamed,
 * because entries already in the chain keep its name.
 */
import type { z } from 'zod';
import { type AuditDetailKey, type AuditDetailsOf, auditDetailsSchema } from './audit-details.ts';
import type { AuditAction } from './db/schema.ts';

/** The groups the audit page files kinds under, in the order it shows them. */
export const auditGroups = {
  auth: 'Sign-in and accounts',
  access: 'Access and refusals',
  staff: 'Staff and settings',
  patient: 'Patients and care teams',
  intake: 'Intake and candidacy',
  consent: 'Consent',
  plan: 'Plans and prescriptions',
  session: 'Session days',
  alert: 'Alerts and adverse events',
  assessment: 'Assessments and titration',
  records: 'Records, exports and FHIR',
  audit: 'The audit trail',
} as const;
export type AuditGroup = keyof typeof auditGroups;

export type AuditKindSpec<
  Action extends AuditAction | readonly AuditAction[] = AuditAction | readonly AuditAction[],
  Keys extends AuditDetailKey = AuditDetailKey,
> = {
  group: AuditGroup;
  /** The action every entry of this kind records; a list when the call names which one. */
  action: Action;
  /** The entity type entries name unless the call names another (null: none, or the call's). */
  entity: string | null;
  description: string;
  detailKeys: readonly Keys[];
  details: z.ZodType<AuditDetailsOf<Keys>>;
};

function inGroup(group: AuditGroup) {
  return <
    const Action extends AuditAction | readonly AuditAction[],
    const Keys extends AuditDetailKey = never,
  >(
    action: Action,
    entity: string | null,
    description: string,
    detailKeys: readonly Keys[] = [],
  ): AuditKindSpec<Action, Keys> => ({
    group,
    action,
    entity,
    description,
    detailKeys,
    details: auditDetailsSchema(detailKeys),
  });
}

/** Kinds that differ by one code (an alert's kind, a decision), sharing action, entity and details. */
function family<const Prefix extends string, const Member extends string, Spec>(
  prefix: Prefix,
  members: Record<Member, string>,
  spec: (label: string) => Spec,
): { [Key in `${Prefix}.${Member}`]: Spec } {
  return Object.fromEntries(
    Object.entries<string>(members).map(([member, label]) => [`${prefix}.${member}`, spec(label)]),
  ) as { [Key in `${Prefix}.${Member}`]: Spec };
}

const auth = inGroup('auth');
const access = inGroup('access');
const staff = inGroup('staff');
const patient = inGroup('patient');
const intake = inGroup('intake');
const consent = inGroup('consent');
const plan = inGroup('plan');
const session = inGroup('session');
const alert = inGroup('alert');
const assessment = inGroup('assessment');
const records = inGroup('records');
const audit = inGroup('audit');

const accountChanges = ['tokensRevoked', 'emailChangeCancelled'] as const;
const readBasis = ['basis', 'returned'] as const;
const planChange = ['version', 'fields'] as const;

/** What raises an alert, by the alert's kind (the same codes the alerts inbox uses). */
export const auditedAlertKinds = {
  item9_positive: 'PHQ-9 item 9 answered above 0',
  phq9_severe: 'PHQ-9 in the severe range',
  suicidal_intent: 'Current suicidal intent reported at intake',
  recent_suicide_attempt: 'Recent suicide attempt reported at intake',
  session_held: 'A session put on hold',
  help_requested: 'Help requested during a session',
  post_dose_blood_pressure: 'High blood pressure after a dose',
  severe_side_effect: 'A severe side effect reported',
  missed_check_in: 'A session check-in missed',
  missed_check_in_escalated: 'A missed check-in escalated',
  recheck_overdue: 'A post-dose recheck overdue',
  medication_count: 'A medication count that does not add up',
  adverse_event: 'An adverse event reported',
} as const;
export type AuditedAlertKind = keyof typeof auditedAlertKinds;

export const auditEvents = {
  // ——— sign-in and accounts ———
  'auth.signup': auth('C', 'Patient', 'A patient created an account'),
  'auth.login': auth('E', 'Session', 'Signed in', ['factor']),
  'auth.login.failed': auth('E', null, 'A sign-in failed (wrong password, unknown or disabled account)', [
    'reasonCode',
  ]),
  'auth.login.throttled': auth('E', null, 'A sign-in refused after too many failed attempts'),
  'auth.mfa.failed': auth('E', null, 'A wrong two-step verification code', ['reasonCode']),
  'auth.mfa.throttled': auth('E', null, 'Two-step verification refused after too many wrong codes'),
  'auth.reauth': auth('E', 'Session', 'Confirmed their password before a sensitive change'),
  'auth.reauth.failed': auth('E', null, 'A wrong password when confirming a sensitive change', [
    'reasonCode',
  ]),
  'auth.logout': auth('E', 'Session', 'Signed out, or was signed out (idle, expired)', ['reasonCode']),
  'auth.session.end': auth('E', 'Session', 'Ended one of their signed-in sessions'),
  'auth.session.end_others': auth('E', 'User', 'Ended all their other signed-in sessions', ['ended']),
  'auth.mfa.enrol': auth('U', 'User', 'Turned on two-step verification'),
  'auth.mfa.recovery_codes': auth('U', 'User', 'Made new two-step recovery codes'),
  'auth.mfa.disable': auth('U', 'User', 'Turned off two-step verification'),
  'auth.email.change.request': auth('E', 'User', 'Asked to change their email address', [
    'emailChangeId',
    'replacedEarlierRequest',
    'reasonCode',
  ]),
  'auth.email.change': auth('U', 'User', 'Confirmed a new email address', ['emailChangeId']),
  'auth.email.change.cancel': auth('E', 'User', 'Cancelled an email change', ['emailChangeId', 'via']),
  'auth.password.change': auth('U', 'User', 'Changed their password', [
    'otherSessionsEnded',
    ...accountChanges,
  ]),
  'auth.password.change.failed': auth('E', null, 'A wrong current password when changing it', ['reasonCode']),
  'auth.password.reset.request': auth('E', 'User', 'Asked for a password reset link', ['reasonCode']),
  'auth.password.reset': auth('U', 'User', 'Set a new password from a reset link', accountChanges),
  'auth.token.create': auth('C', 'AccessToken', 'Made a personal access token', ['scope', 'expiresInDays']),
  'auth.token.revoke': auth('D', 'AccessToken', 'Revoked a personal access token'),

  // ——— access and refusals ———
  'access.denied': access(
    ['R', 'U', 'E'],
    'Patient',
    'Refused: the role, the care-team assignment or the token does not allow this',
    ['permission', 'route', 'reasonCode', 'method', 'action'],
  ),
  'request.refused': access(
    'E',
    null,
    'Refused by a rule of the service (a conflict, a stale version, a step out of order)',
    ['route', 'code'],
  ),
  'access.break_glass': access('E', 'BreakGlassGrant', 'Took emergency (break-glass) access to a patient', [
    'expiresAt',
  ]),
  'access.break_glass.review': access('U', 'BreakGlassGrant', 'Reviewed an emergency access'),

  // ——— staff and settings ———
  'staff.invite': staff('C', 'Invite', 'Invited a member of staff', ['role']),
  'staff.invite.accept': staff('C', 'User', 'Accepted a staff invitation', ['inviteId', 'invitedBy']),
  'staff.update': staff('U', 'User', "Changed a staff member's profile", ['fields']),
  'staff.licence.add': staff('C', 'StaffLicence', 'Added a state licence', ['userId']),
  'staff.licence.remove': staff('D', 'StaffLicence', 'Removed a state licence', ['userId']),
  'staff.intake_team.add': staff('C', 'User', 'Added a member of staff to the intake team', ['role']),
  'staff.intake_team.remove': staff('D', 'User', 'Took a member of staff off the intake team', ['role']),
  'staff.disable': staff('U', 'User', 'Disabled a staff account', ['sessionsEnded', ...accountChanges]),
  'staff.enable': staff('U', 'User', 'Enabled a staff account again', ['sessionsEnded', ...accountChanges]),
  'protocol.create': staff('C', 'Protocol', 'Published a new treatment protocol', ['key', 'version']),
  'protocol.update': staff('U', 'Protocol', "Changed a protocol's safety defaults", [
    'key',
    'fromVersion',
    ...planChange,
  ]),
  'settings.screening.update': staff('U', 'ScreeningSettings', 'Changed the screening settings', planChange),
  'settings.record_retention': staff('U', 'RecordRetentionSettings', 'Changed how long records are kept', [
    'version',
    'previousRetentionYears',
    'retentionYears',
  ]),
  'dashboard.attention': staff('R', 'Dashboard', 'Opened the needs-attention dashboard'),

  // ——— patients and care teams ———
  'patient.list': patient('R', 'Patient', 'Listed or searched patients', [
    'returned',
    'sort',
    'searched',
    'patientIds',
  ]),
  'patient.profile.read': patient('R', 'Patient', "Opened a patient's profile", ['basis']),
  'patient.care_team.read': patient('R', 'CareTeam', "Looked at a patient's care team", ['basis']),
  'patient.care_team.assign': patient('C', 'CareTeam', 'Assigned a member of staff to a care team', [
    'staffUserId',
    'role',
  ]),
  'patient.care_team.remove': patient('D', 'CareTeam', 'Took a member of staff off a care team', [
    'staffUserId',
  ]),
  'patient.care_team.take_on': patient('E', 'CareTeamTakeOn', 'Joined a care team to act on an alert', [
    'via',
    'sourceId',
    'careRole',
  ]),
  'patient.care_team.take_on.review': patient('U', 'CareTeamTakeOn', 'Reviewed a care-team take-on'),
  'support.people': patient('R', 'Patient', 'A support person listed the patients who invited them', [
    'returned',
    'patientIds',
  ]),

  // ——— intake and candidacy ———
  'intake.read': intake('R', 'Intake', "Read a patient's intake", ['basis']),
  'intake.section.save': intake('U', 'Intake', 'Saved a step of the intake', ['section']),
  'intake.submit': intake('U', 'Intake', 'Submitted the intake for review', ['eligible', 'flags']),
  'candidacy.queue.read': intake('R', null, 'Opened the candidacy review queue', [
    'returned',
    'intakeTriage',
  ]),
  'candidacy.review.start': intake('E', 'Intake', 'Started reviewing a candidate', [
    'joinedCareTeam',
    'licenceId',
  ]),
  ...family(
    'candidacy',
    { approved: 'approved', declined: 'declined', more_info: 'asked for more information' },
    (label) => intake('C', 'CandidacyDecision', `Decided a candidacy: ${label}`, ['intakeId', 'licenceId']),
  ),
  'candidacy.override': intake('E', 'CandidacyDecision', 'Approved over screening flags', [
    'overriddenRuleIds',
  ]),
  'candidacy.read': intake('R', 'CandidacyDecision', "Read a patient's candidacy decisions"),

  // ——— consent ———
  'consent.document.publish': consent('C', 'ConsentDocument', 'Published a consent document version', [
    'version',
    'material',
  ]),
  'consent.sign': consent('C', 'Consent', 'Signed informed consent', ['version', 'documentHash']),
  'consent.read': consent('R', 'Consent', "Read a patient's signed consents"),
  'consent.download': consent('R', 'Consent', 'Downloaded a signed consent'),

  // ——— plans and prescriptions ———
  'plan.create': plan('C', 'TreatmentPlan', 'Wrote a treatment plan from a protocol', [
    'protocolKey',
    'protocolVersion',
  ]),
  'plan.update': plan('U', 'TreatmentPlan', 'Changed a treatment plan', planChange),
  ...family(
    'plan.status',
    { draft: 'draft', active: 'active', paused: 'paused', completed: 'completed' },
    (label) => plan('U', 'TreatmentPlan', `Changed a plan's status to ${label}`, planChange),
  ),
  'plan.pause.safety': plan('U', 'TreatmentPlan', 'Paused a plan for safety', planChange),
  'plan.resume.review': plan('U', 'TreatmentPlan', 'Resumed a plan after a review', planChange),
  'plan.dose.titrate': plan('U', 'TreatmentPlan', "Changed a plan's dose (titration)", planChange),
  'plan.read': plan('R', 'TreatmentPlan', "Read a patient's treatment plans", readBasis),
  'plan.versions.read': plan('R', 'TreatmentPlan', "Read a plan's version history", readBasis),
  'prescription.create': plan('C', 'Prescription', 'Wrote a prescription', ['planId', 'licenceId']),
  'prescription.read': plan('R', 'Prescription', "Read a patient's prescriptions", readBasis),
  'prescription.receipt': plan('U', 'Prescription', 'Recorded the medication received', ['matchesRecord']),
  'medication_count.report': plan('C', 'MedicationCountEntry', 'Reported a medication count', [
    'matchesRecord',
  ]),
  'medication_count.read': plan('R', 'MedicationCountEntry', "Read a patient's medication counts", readBasis),

  // ——— session days ———
  'session.schedule': session('C', 'DosingSession', 'Scheduled a dosing session', ['scheduledFor', 'planId']),
  'session.list': session('R', 'DosingSession', "Listed a patient's sessions", readBasis),
  'session.read': session('R', 'DosingSession', 'Opened a session', ['basis']),
  'session.board': session('R', 'DosingSession', "Opened the day's session board", ['date', 'returned']),
  'session.prepare': session('U', 'DosingSession', 'Completed the session checklist and intention'),
  'session.reading': session('C', 'DosingSession', 'Recorded a blood pressure and heart rate reading', [
    'code',
    'retake',
    'vitalsCheck',
  ]),
  'session.hold_lift': session('U', 'DosingSession', 'Lifted a blood pressure hold', ['vitalsCheck']),
  ...family('session.readiness', { cleared: 'cleared', held: 'held' }, (label) =>
    session('E', 'DosingSession', `Checked readiness: ${label}`, ['reasons']),
  ),
  'session.support_code': session('U', 'DosingSession', 'Made a code for the support person', ['expiresAt']),
  'session.support_confirm': session('U', 'DosingSession', 'The support person confirmed they are there', [
    'via',
  ]),
  'session.dose': session('C', 'DosingSession', 'Recorded a dose taken (or a dose refused)', [
    'code',
    'reasons',
    'planVersion',
  ]),
  'session.live_monitor_join': session('U', 'DosingSession', 'Joined a session as the live monitor'),
  'session.hard_moment': session('C', 'DosingSession', 'Marked a hard moment during a session', [
    'occurredAt',
    'afterDose',
  ]),
  'session.check_in': session('C', 'DosingSession', 'Answered an in-session check-in (or was refused)', [
    'code',
  ]),
  'session.recheck': session('C', 'DosingSession', 'Recorded the post-dose recheck'),
  'session.missed': session('U', 'DosingSession', 'A scheduled session was marked missed'),
  'session.support_watch.help_seen': session('R', 'DosingSession', 'The support person saw a help request', [
    'via',
    'helpAt',
  ]),

  // ——— alerts and adverse events ———
  ...family('alert.raise', auditedAlertKinds, (label) =>
    alert('C', 'Alert', `Alert raised: ${label}`, ['severity', 'dueAt']),
  ),
  'alert.list': alert('R', 'Alert', 'Opened the alerts inbox', [
    'status',
    'returned',
    'intakeTriage',
    'withContacts',
  ]),
  'alert.read': alert('R', 'Alert', "Read a patient's alerts", readBasis),
  'alert.acknowledge': alert('U', 'Alert', 'Acknowledged an alert', ['kind', 'basis', 'followUpRecorded']),
  'alert.resolve': alert('U', 'Alert', 'Resolved an alert', ['kind', 'basis', 'followUpRecorded', 'via']),
  'adverse_event.report': alert('C', 'AdverseEvent', 'Reported an adverse event'),
  'adverse_event.read': alert('R', 'AdverseEvent', "Read a patient's adverse events", readBasis),
  'adverse_event.review': alert('U', 'AdverseEvent', 'Reviewed an adverse event', ['resumePlan']),

  // ——— assessments and titration ———
  ...family('assessment', { phq9: 'PHQ-9', gad7: 'GAD-7' }, (label) =>
    assessment('C', 'Assessment', `Recorded a ${label}`, ['context', 'source', 'alertsSkipped']),
  ),
  'assessment.read': assessment('R', 'Assessment', "Read a patient's assessments", [
    'basis',
    'instrument',
    'returned',
  ]),
  'report.outcomes': assessment('R', 'Report', 'Ran the outcomes report', [
    'instrument',
    'periodFrom',
    'periodTo',
    'cohort',
  ]),
  'titration.suggest': assessment('C', 'TitrationSuggestion', 'A titration suggestion was made', [
    'action',
    'superseded',
  ]),
  'titration.queue': assessment('R', 'TitrationSuggestion', 'Opened the titration queue', ['returned']),
  'titration.read': assessment(
    'R',
    'TitrationSuggestion',
    "Read a patient's titration suggestions",
    readBasis,
  ),
  'titration.decide': assessment('U', 'TitrationSuggestion', 'Decided a titration suggestion', ['decision']),

  // ——— records, exports and FHIR ———
  'patient.export': records('E', 'Patient', "Exported a patient's record", ['format', 'resources']),
  'patient.closure.request': records('C', 'ClosureRequest', 'Asked for their account to be closed'),
  'patient.closure.list': records('R', 'ClosureRequest', 'Listed account closure requests', [
    'status',
    'returned',
  ]),
  'patient.closure.close': records('U', 'ClosureRequest', 'Closed an account', [
    'retentionYears',
    'retainUntil',
    'sessionsEnded',
    'tokensRevoked',
    'supportUnlinked',
  ]),
  'patient.closure.decline': records('U', 'ClosureRequest', 'Declined an account closure request', [
    'retentionYears',
    'retainUntil',
    'sessionsEnded',
    'tokensRevoked',
    'supportUnlinked',
  ]),
  'fhir.read': records('R', null, 'Read a FHIR resource', ['returned']),
  'fhir.search': records('R', null, 'Searched FHIR resources', ['searchParams', 'matched', 'returned']),
  'fhir.everything': records('R', 'Patient', "Read a patient's whole record over FHIR", ['returned']),
  'fhir.import': records('C', 'Bundle', 'Imported a FHIR bundle', [
    'patientsImported',
    'scoresImported',
    'vitalsImported',
    'alertedPatientIds',
  ]),
  'patient.import': records('C', 'Patient', 'A patient was imported from FHIR', ['source']),
  'vitals.import': records('C', 'Vitals', 'Vital signs were imported from FHIR', ['imported']),

  // ——— the audit trail ———
  'audit.read': audit('R', 'AuditEvent', 'Looked at the audit trail', [
    'filters',
    'filteredPatientId',
    'returned',
  ]),
  'audit.verify': audit('E', 'AuditEvent', "Checked the trail's hash chain", [
    'intact',
    'checked',
    'firstBrokenSeq',
  ]),
} as const;

export type AuditEvents = typeof auditEvents;
export type AuditKind = keyof AuditEvents;

type SpecOf<Kind extends AuditKind> = AuditEvents[Kind];
/** The details an entry of this kind may carry (from its schema). */
export type AuditDetailsFor<Kind extends AuditKind> =
  SpecOf<Kind> extends AuditKindSpec<infer _Action, infer Keys> ? AuditDetailsOf<Keys> : never;
/** The actions an entry of this kind may record. */
export type AuditActionFor<Kind extends AuditKind> = SpecOf<Kind>['action'] extends readonly (infer A)[]
  ? A
  : SpecOf<Kind>['action'];

/** The kinds that always record this action (e.g. every read kind: `AuditKindWith<'R'>`). */
export type AuditKindWith<Action extends AuditAction> = {
  [K in AuditKind]: AuditEvents[K]['action'] extends Action ? K : never;
}[AuditKind];

export function isAuditKind(subtype: string): subtype is AuditKind {
  return Object.hasOwn(auditEvents, subtype);
}

/** The spec of a listed kind (widened, for code that handles any kind). */
export function auditKindSpec(kind: AuditKind): AuditKindSpec {
  return auditEvents[kind] as AuditKindSpec;
}

/** The audit kind for raising an alert of this kind; an alert kind the catalogue does not list throws. */
export function alertRaisedKind(alertKind: string): `alert.raise.${AuditedAlertKind}` {
  const kind = `alert.raise.${alertKind}`;
  if (!isAuditKind(kind)) throw new AuditKindError(kind);
  return kind as `alert.raise.${AuditedAlertKind}`;
}

/** A programming error: a call site tried to record a kind the catalogue does not list. */
export class AuditKindError extends Error {
  constructor(readonly subtype: string) {
    super(`Audit kind ${subtype} is not in the audit catalogue (server/platform/audit-events.ts)`);
    this.name = 'AuditKindError';
  }
}

/** The catalogue as the admin audit page reads it: groups in order, each with its kinds. */
export function auditCatalogue() {
  return Object.entries(auditGroups).map(([group, label]) => ({
    group,
    label,
    kinds: Object.entries(auditEvents)
      .filter(([, spec]) => spec.group === group)
      .map(([kind, spec]) => ({
        kind,
        actions: [spec.action].flat() as AuditAction[],
        entity: spec.entity,
        description: spec.description,
        details: [...spec.detailKeys] as string[],
      })),
  }));
}
