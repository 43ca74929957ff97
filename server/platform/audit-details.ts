import { z } from 'zod';

/**
 * What an audit entry's `details` may hold: facts (ids, codes, counts, flags, times), never
 * clinical values (answers, totals, doses, readings, grades) and never free text (reasons,
 * notes, names, emails, search terms). An administrator reviews the trail without a
 * treatment relationship, so whatever it holds they can read.
 *
 * The rule is an allow-list, enforced three times over:
 * - at compile time, `AuditDetails` admits only the keys below with their value types, so a
 *   call site writing `{ total }` or `{ note }` does not type-check;
 * - at append time, `appendAudit` runs `auditDetailProblems` (keys spread in from a variable,
 *   or a string that is really a sentence, get past the type) and throws: the work rolls back
 *   and the test that walks that path fails;
 * - at read time, the API and FHIR AuditEvent show `auditDetailsForDisplay`, so entries stored
 *   before the rule existed (the chain keeps them byte for byte) show only what passes it.
 *
 * Which of these keys an entry of a given kind may carry is said by its kind in the audit
 * catalogue (audit-events.ts): each kind's details schema is built here from the keys it names,
 * so one key has one shape everywhere, and a kind admits nothing this vocabulary does not.
 *
 * Adding a key is a reviewed change to this file. A key that ever carried a clinical value or
 * free text is retired (`retiredAuditDetailKeys`) and never admitted again, because old entries
 * still hold it and the read filter would show them.
 */

const patterns = {
  id: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  // One token of letters, digits and _ . : + - (no spaces, no @), and not a bare number.
  code: /^(?![\d.]+$)[A-Za-z0-9_][A-Za-z0-9_.:+-]{0,63}$/,
  // A calendar date, or an instant in UTC.
  time: /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z)?$/,
  sha256: /^[0-9a-f]{64}$/,
  // A route pattern as Fastify names it, e.g. "GET /api/patients/:patientId".
  route: /^[A-Z]{3,7} \/[A-Za-z0-9_/:.{}*-]{0,200}$/,
} as const;

type Kinds = {
  id: string;
  ids: readonly string[];
  code: string;
  codes: readonly string[];
  /** A whole number ≥ 0 that counts something the system did (rows returned, sessions ended, a version). */
  count: number;
  flag: boolean;
  time: string;
  sha256: string;
  route: string;
};
type Kind = keyof Kinds;

export const auditDetailRules = {
  // ——— ids ———
  emailChangeId: 'id',
  sourceId: 'id',
  filteredPatientId: 'id',
  intakeId: 'id',
  invitedBy: 'id',
  inviteId: 'id',
  licenceId: 'id',
  planId: 'id',
  prescriptionId: 'id',
  staffUserId: 'id',
  userId: 'id',
  alertedPatientIds: 'ids',
  patientIds: 'ids',
  superseded: 'ids',
  // ——— codes ———
  action: 'code',
  basis: 'code',
  careRole: 'code',
  code: 'code',
  context: 'code',
  decision: 'code',
  factor: 'code',
  format: 'code',
  instrument: 'code',
  key: 'code',
  kind: 'code',
  method: 'code',
  permission: 'code',
  protocolKey: 'code',
  reasonCode: 'code',
  role: 'code',
  scope: 'code',
  section: 'code',
  severity: 'code',
  sort: 'code',
  source: 'code',
  status: 'code',
  via: 'code',
  vitalsCheck: 'code',
  fields: 'codes',
  filters: 'codes',
  flags: 'codes',
  overriddenRuleIds: 'codes',
  reasons: 'codes',
  searchParams: 'codes',
  // ——— counts ———
  checked: 'count',
  cohort: 'count',
  ended: 'count',
  intakeTriage: 'count',
  expiresInDays: 'count',
  firstBrokenSeq: 'count',
  fromVersion: 'count',
  imported: 'count',
  matched: 'count',
  otherSessionsEnded: 'count',
  patientsImported: 'count',
  planVersion: 'count',
  previousRetentionYears: 'count',
  protocolVersion: 'count',
  resources: 'count',
  retentionYears: 'count',
  returned: 'count',
  scoresImported: 'count',
  sessionsEnded: 'count',
  supportUnlinked: 'count',
  tokensRevoked: 'count',
  version: 'count',
  vitalsImported: 'count',
  withContacts: 'count',
  // ——— flags ———
  afterDose: 'flag',
  alertsSkipped: 'flag',
  emailChangeCancelled: 'flag',
  eligible: 'flag',
  followUpRecorded: 'flag',
  intact: 'flag',
  joinedCareTeam: 'flag',
  matchesRecord: 'flag',
  replacedEarlierRequest: 'flag',
  material: 'flag',
  resumePlan: 'flag',
  retake: 'flag',
  searched: 'flag',
  // ——— times ———
  date: 'time',
  dueAt: 'time',
  expiresAt: 'time',
  helpAt: 'time',
  occurredAt: 'time',
  periodFrom: 'time',
  periodTo: 'time',
  retainUntil: 'time',
  scheduledFor: 'time',
  // ——— other shapes ———
  documentHash: 'sha256',
  route: 'route',
} as const satisfies Record<string, Kind>;

/**
 * Keys older entries used for clinical values or free text. They stay out of the allow-list
 * for good: a unit test holds the two lists apart.
 */
export const retiredAuditDetailKeys = [
  'after',
  'alerts',
  'alertsRaised',
  'answer',
  'before',
  'by',
  'changeNote',
  'changes',
  'count',
  'counts',
  'dea',
  'doseMg',
  'drug',
  'effect',
  'email',
  'expected',
  'filter',
  'followUp',
  'from',
  'fromDoseMg',
  'grade',
  'justification',
  'licence',
  'name',
  'note',
  'notes',
  'pausedFor',
  'prescribed',
  'quantity',
  'query',
  'reason',
  'received',
  'refills',
  'search',
  'sideEffects',
  'strengthMg',
  'suggested',
  'suggestedDoseMg',
  'to',
  'toDoseMg',
  'total',
  'vitals',
] as const;

type Rules = typeof auditDetailRules;

/** The only shape an audit entry's details can take (see the file comment). */
export type AuditDetails = { [Key in keyof Rules]?: Kinds[Rules[Key]] | null };

const maxListLength = 1000;

function fitsPattern(kind: keyof typeof patterns, value: unknown): boolean {
  return typeof value === 'string' && patterns[kind].test(value);
}

function fits(kind: Kind, value: unknown): boolean {
  if (value === null) return true;
  switch (kind) {
    case 'count':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'flag':
      return typeof value === 'boolean';
    case 'ids':
    case 'codes':
      return (
        Array.isArray(value) &&
        value.length <= maxListLength &&
        value.every((item) => fitsPattern(kind === 'ids' ? 'id' : 'code', item))
      );
    default:
      return fitsPattern(kind, value);
  }
}

function ruleFor(key: string): Kind | undefined {
  return Object.hasOwn(auditDetailRules, key) ? auditDetailRules[key as keyof Rules] : undefined;
}

/**
 * What is wrong with these details, one line per key, naming the key and the rule but never
 * the value (the message may reach a log). Empty when they pass.
 */
export function auditDetailProblems(details: unknown): string[] {
  if (details === undefined) return [];
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    return ['details must be an object'];
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined) continue;
    const kind = ruleFor(key);
    if (!kind) problems.push(`${key}: not an allowed audit detail`);
    else if (!fits(kind, value)) problems.push(`${key}: must be ${kind}`);
  }
  return problems;
}

/** A programming error: a call site tried to put something other than facts in the trail. */
export class AuditDetailsError extends Error {
  constructor(
    readonly subtype: string,
    readonly problems: string[],
  ) {
    super(`Audit entry ${subtype} breaks the audit details rule: ${problems.join('; ')}`);
    this.name = 'AuditDetailsError';
  }
}

/** Throws AuditDetailsError unless the details pass the rule. */
export function assertAuditDetails(subtype: string, details: unknown): void {
  const problems = auditDetailProblems(details);
  if (problems.length > 0) throw new AuditDetailsError(subtype, problems);
}

/**
 * The part of stored details that passes the rule, for showing (API, FHIR). Entries written
 * before the rule may hold answers, totals or free text; those keys are left out here while
 * the stored row, and so its hash, stays as it is.
 */
export function auditDetailsForDisplay(details: unknown): AuditDetails {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return {};
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    const kind = ruleFor(key);
    if (kind && value !== undefined && fits(kind, value)) shown[key] = value;
  }
  return shown as AuditDetails;
}

/** A key of the details vocabulary. */
export type AuditDetailKey = keyof Rules;

/** The details an entry of a kind naming these keys may carry, each with its vocabulary shape. */
export type AuditDetailsOf<Keys extends AuditDetailKey> = { [Key in Keys]?: Kinds[Rules[Key]] | null };

const idSchema = z.string().regex(patterns.id);
const codeSchema = z.string().regex(patterns.code);
const factSchemas: { [K in Kind]: z.ZodType<Kinds[K]> } = {
  id: idSchema,
  ids: z.array(idSchema).max(maxListLength),
  code: codeSchema,
  codes: z.array(codeSchema).max(maxListLength),
  count: z.int().min(0),
  flag: z.boolean(),
  time: z.string().regex(patterns.time),
  sha256: z.string().regex(patterns.sha256),
  route: z.string().regex(patterns.route),
};

/**
 * The details schema of an audit kind: exactly these keys, each optional, null or the shape the
 * vocabulary gives it; any other key is refused (strict).
 */
export function auditDetailsSchema<const Keys extends AuditDetailKey>(
  keys: readonly Keys[],
): z.ZodType<AuditDetailsOf<Keys>> {
  const shape = Object.fromEntries(
    keys.map((key) => [key, factSchemas[auditDetailRules[key]].nullable().optional()]),
  );
  return z.strictObject(shape) as unknown as z.ZodType<AuditDetailsOf<Keys>>;
}

/** The rule a vocabulary key follows (id, code, count …), for showing the catalogue. */
export function auditDetailRule(key: AuditDetailKey): Kind {
  return auditDetailRules[key];
}
