/**
 * Reading through FHIR: read, search, $everything. Every answer is narrowed to what the
 * caller may see (the same policy table as the app), a patient the caller may not reach
 * answers 404 like one that does not exist, and every read of health data is audited.
 */
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import { requireAccess, requireActor, requireRole } from '../platform/access.ts';
import type { PatientPermission } from '../platform/access-policy.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { type AuditEntry, recordAudit } from '../platform/audit.ts';
import type { AuditDetailsFor } from '../platform/audit-events.ts';
import type { Database } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { RequestContext } from '../platform/request-context.ts';
import { reachablePatientIds, visibleStaffIds } from './access-scope.ts';
import { definitionFor, resourceDefinitions } from './mappers/index.ts';
import { toPractitioner } from './mappers/practitioner.ts';
import { toQuestionnaire } from './mappers/questionnaire.ts';
import type { ResourceDefinition, Source } from './mappers/types.ts';
import { FhirError } from './operation-outcome.ts';
import * as repo from './repo.ts';
import { encodeCursor, type ParsedSearch, parseSearch } from './search-params.ts';

/** Where the request came in: the service base (…/fhir/R4) and the URL as asked. */
export type FhirLinks = { base: string; self: string };

type Query = Record<string, string | string[] | undefined>;

export function notFound(type: string, id: string): FhirError {
  return new FhirError('not_found', `${type}/${id} was not found.`);
}

function requireDefinition(type: string): ResourceDefinition {
  const definition = definitionFor(type);
  if (!definition) throw new FhirError('not_found', `The resource type ${type} is not supported here.`);
  return definition;
}

const noSearch: ParsedSearch = parseSearch({}, [], undefined);

/** Decides, once per request, which patients (or staff) each source may return. */
class AccessScope {
  readonly #reachable = new Map<PatientPermission, Promise<string[]>>();
  readonly #granted = new Map<string, Promise<boolean>>();
  #staff: Promise<string[] | null> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly context: RequestContext,
  ) {}

  reachable(permission: PatientPermission): Promise<string[]> {
    let found = this.#reachable.get(permission);
    if (!found) {
      found = reachablePatientIds(this.db, requireActor(this.context), permission, this.context.now());
      this.#reachable.set(permission, found);
    }
    return found;
  }

  /** requireAccess for one named patient (so a refusal is audited), as a yes or no. */
  granted(patientId: string, permission: PatientPermission): Promise<boolean> {
    const key = `${permission}:${patientId}`;
    let found = this.#granted.get(key);
    if (!found) {
      found = repo.isUuid(patientId)
        ? requireAccess(this.db, this.context, patientId, permission).then(
            () => true,
            (error: unknown) => {
              if (error instanceof AppError && error.code === 'not_found') return false;
              throw error;
            },
          )
        : Promise.resolve(false);
      this.#granted.set(key, found);
    }
    return found;
  }

  staff(): Promise<string[] | null> {
    this.#staff ??= visibleStaffIds(this.db, requireActor(this.context), this.context.now());
    return this.#staff;
  }

  /** The owners a source's window is limited to (null: anyone's). */
  async ownersFor(source: Source, search: ParsedSearch): Promise<string[] | null> {
    const access = source.access;
    const named = namedPatients(search);
    if ('anyone' in access) return null;
    if ('admin' in access) {
      requireRole(this.context, ['admin']);
      return named ?? null;
    }
    if ('staffDirectory' in access) {
      const visible = await this.staff();
      const wanted = search.references.practitioner;
      if (!wanted) return visible;
      return visible ? wanted.filter((id) => visible.includes(id)) : wanted;
    }
    if (named) {
      const allowed = await Promise.all(named.map((id) => this.granted(id, access.patient)));
      return named.filter((_, i) => allowed[i]);
    }
    return this.reachable(access.patient);
  }
}

/** The patients a search names through `patient` and/or `subject` (both: those in both lists). */
function namedPatients(search: ParsedSearch): string[] | undefined {
  const { patient, subject } = search.references;
  if (patient && subject) return patient.filter((id) => subject.includes(id));
  return patient ?? subject;
}

type Page = { rows: repo.Keyed[]; total: number; source: Source };

function compareKeys(a: repo.Keyed, b: repo.Keyed): number {
  const byDate = a.sort_at.getTime() - b.sort_at.getTime();
  if (byDate !== 0) return byDate;
  return a.fhir_id < b.fhir_id ? -1 : a.fhir_id > b.fhir_id ? 1 : 0;
}

/** Maps rows of several sources to resources, keeping their order. */
async function mapRows(
  db: Kysely<Database>,
  taken: { row: repo.Keyed; source: Source }[],
  now: Date,
): Promise<Resource[]> {
  const resources = new Map<repo.Keyed, Resource>();
  const bySource = new Map<Source, repo.Keyed[]>();
  for (const { row, source } of taken) bySource.set(source, [...(bySource.get(source) ?? []), row]);
  for (const [source, rows] of bySource) {
    const mapped = await source.toResources(db, rows, { now });
    rows.forEach((row, i) => {
      resources.set(row, mapped[i]!);
    });
  }
  return taken.map(({ row }) => resources.get(row)!);
}

function searchBundle(
  resources: readonly Resource[],
  total: number,
  links: FhirLinks,
  next: string | undefined,
): Bundle {
  const link: BundleLink[] = [{ relation: 'self', url: links.self }];
  if (next) link.push({ relation: 'next', url: next });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link,
    entry: resources.map(
      (resource): BundleEntry => ({
        fullUrl: `${links.base}/${resource.resourceType}/${resource.id}`,
        resource,
        search: { mode: 'match' },
      }),
    ),
  };
}

function nextLink(links: FhirLinks, type: string, query: Query, cursor: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (name === '_cursor' || value === undefined) continue;
    for (const v of [value].flat()) params.append(name, v);
  }
  params.set('_cursor', cursor);
  return `${links.base}/${type}?${params.toString()}`;
}

/** Audit entries for resources read: one per patient whose data was returned. */
function readAudit(
  subtype: 'fhir.read' | 'fhir.search',
  type: string,
  taken: readonly { row: repo.Keyed; source: Source }[],
  details: AuditDetailsFor<'fhir.search'>,
  entityId?: string,
): AuditEntry[] {
  const byPatient = new Map<string, number>();
  for (const { row, source } of taken) {
    if ('patient' in source.access && row.owner_id) {
      byPatient.set(row.owner_id, (byPatient.get(row.owner_id) ?? 0) + 1);
    }
  }
  if (byPatient.size === 0) {
    return [{ action: 'R', subtype, entityType: type, details: { ...details, returned: taken.length } }];
  }
  return [...byPatient].map(([patientId, returned]) => ({
    action: 'R' as const,
    subtype,
    patientId,
    entityType: type,
    ...(entityId ? { entityId } : {}),
    details: { ...details, returned },
  }));
}

/** Which parameters a search used, not their values (those may be a name or a birth date). */
function searchParamNames(query: Query): string[] {
  return Object.keys(query).filter((name) => query[name] !== undefined);
}

export async function searchResources(
  deps: AppDeps,
  context: RequestContext,
  type: string,
  query: Query,
  links: FhirLinks,
): Promise<Bundle> {
  requireActor(context);
  const definition = requireDefinition(type);
  const search = parseSearch(query, definition.searchParams, definition.dateParam);
  const db = deps.database.db;

  if (definition.fixed) {
    const matches = definition.fixed().filter((r) => definition.matchesFixed?.(r, search) ?? true);
    return searchBundle(matches.slice(0, search.count), matches.length, links, undefined);
  }

  const scope = new AccessScope(db, context);
  const sources = definition.sources.filter((s) => s.applies?.(search) ?? true);
  const pages: Page[] = await Promise.all(
    sources.map(async (source): Promise<Page> => {
      const owners = await scope.ownersFor(source, search);
      if (owners && owners.length === 0) return { rows: [], total: 0, source };
      const pks = search.ids
        ?.filter((id) => id.startsWith(source.prefix))
        .map((id) => id.slice(source.prefix.length));
      const window: repo.Window = {
        owners,
        ...(pks ? { pks } : {}),
        ...(search.date ? { date: search.date } : {}),
        ...(search.cursor ? { after: search.cursor } : {}),
        order: search.order,
        limit: search.count + 1,
      };
      const [rows, total] = await Promise.all([
        source.list(db, window, search),
        source.count(db, window, search),
      ]);
      return { rows, total, source };
    }),
  );

  const merged = pages
    .flatMap((page) => page.rows.map((row) => ({ row, source: page.source })))
    .sort((a, b) => (search.order === 'asc' ? 1 : -1) * compareKeys(a.row, b.row));
  const taken = merged.slice(0, search.count);
  const last = taken.at(-1);
  const next =
    merged.length > search.count && last
      ? nextLink(
          links,
          type,
          query,
          encodeCursor({ at: last.row.sort_at.toISOString(), id: last.row.fhir_id }),
        )
      : undefined;
  const resources = await mapRows(db, taken, context.now());
  const total = pages.reduce((sum, page) => sum + page.total, 0);
  await recordAudit(
    db,
    context,
    ...readAudit('fhir.search', type, taken, { searchParams: searchParamNames(query), matched: total }),
  );
  return searchBundle(resources, total, links, next);
}

export async function readResource(
  deps: AppDeps,
  context: RequestContext,
  type: string,
  id: string,
): Promise<Resource> {
  requireActor(context);
  const definition = requireDefinition(type);
  if (definition.fixed) {
    const found = definition.fixed().find((r) => r.id === id);
    if (!found) throw notFound(type, id);
    return found;
  }
  const db = deps.database.db;
  const candidates = definition.sources
    .filter((s) => id.startsWith(s.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  for (const source of candidates) {
    const pk = id.slice(source.prefix.length);
    if (!repo.isUuid(pk)) continue;
    const [row] = await source.list(db, { owners: null, pks: [pk], order: 'desc', limit: 1 }, noSearch);
    if (!row) continue;
    const access = source.access;
    if ('admin' in access) requireRole(context, ['admin']);
    if ('staffDirectory' in access) {
      const visible = await new AccessScope(db, context).staff();
      if (visible && !visible.includes(row.owner_id ?? '')) throw notFound(type, id);
    }
    if ('patient' in access) {
      const granted = await new AccessScope(db, context).granted(row.owner_id ?? '', access.patient);
      if (!granted) throw notFound(type, id);
    }
    const [resource] = await source.toResources(db, [row], { now: context.now() });
    await recordAudit(db, context, ...readAudit('fhir.read', type, [{ row, source }], {}, id));
    return resource!;
  }
  throw notFound(type, id);
}

/** Every row of one patient in a source, oldest first, paged through so nothing is cut off. */
async function allOfPatient(db: Kysely<Database>, source: Source, patientId: string): Promise<repo.Keyed[]> {
  const rows: repo.Keyed[] = [];
  let after: repo.Window['after'];
  for (;;) {
    const page = await source.list(
      db,
      { owners: [patientId], order: 'asc', limit: 500, ...(after ? { after } : {}) },
      noSearch,
    );
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < 500 || !last) return rows;
    after = { at: last.sort_at.toISOString(), id: last.fhir_id };
  }
}

function referencedPractitioners(resources: readonly Resource[]): string[] {
  const ids = new Set<string>();
  const text = JSON.stringify(resources);
  for (const match of text.matchAll(/"reference":"Practitioner\/([0-9a-f-]{36})"/g)) ids.add(match[1]!);
  return [...ids];
}

/**
 * A patient's whole record as resources: every patient source the filter admits, the staff it
 * names and the questionnaires its responses answer. No access check: callers decide first.
 */
export async function patientRecord(
  db: Kysely<Database>,
  patientId: string,
  admit: (source: Source, definition: ResourceDefinition) => Promise<boolean>,
  options: { now: Date; includeStaff: boolean },
): Promise<{ resources: Resource[]; taken: { row: repo.Keyed; source: Source }[] }> {
  const taken: { row: repo.Keyed; source: Source }[] = [];
  for (const definition of resourceDefinitions) {
    for (const source of definition.sources) {
      if (!('patient' in source.access) || !(await admit(source, definition))) continue;
      for (const row of await allOfPatient(db, source, patientId)) taken.push({ row, source });
    }
  }
  const resources = await mapRows(db, taken, options.now);
  if (options.includeStaff) {
    const staffIds = referencedPractitioners(resources);
    if (staffIds.length > 0) {
      const staff = await repo.listPractitioners(db, {
        owners: null,
        pks: staffIds,
        order: 'asc',
        limit: staffIds.length,
      });
      const licences = await repo.licencesOf(db, staffIds);
      resources.push(
        ...staff.map((row) =>
          toPractitioner(
            row,
            licences.filter((l) => l.user_id === row.id),
          ),
        ),
      );
    }
  }
  const used = new Set(
    resources.flatMap((r) => (r.resourceType === 'QuestionnaireResponse' ? [r.questionnaire ?? ''] : [])),
  );
  for (const id of ['phq9', 'gad7'] as const) {
    const questionnaire = toQuestionnaire(id);
    if (used.has(questionnaire.url ?? '')) resources.push(questionnaire);
  }
  return { resources, taken };
}

/** Patient/{id}/$everything: the patient and everything of theirs the caller may read. */
export async function patientEverything(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  links: FhirLinks,
): Promise<Bundle> {
  requireActor(context);
  const db = deps.database.db;
  const scope = new AccessScope(db, context);
  if (!(await scope.granted(patientId, 'patient.profile.read'))) throw notFound('Patient', patientId);
  const { resources, taken } = await patientRecord(
    db,
    patientId,
    async (source) =>
      'patient' in source.access && (await scope.reachable(source.access.patient)).includes(patientId),
    // The staff a record names (prescriber, care team) are shown to whoever may read the record.
    { now: context.now(), includeStaff: true },
  );
  await recordAudit(db, context, {
    action: 'R',
    subtype: 'fhir.everything',
    patientId,
    entityType: 'Patient',
    entityId: patientId,
    details: { returned: taken.length },
  });
  return searchBundle(resources, resources.length, links, undefined);
}
