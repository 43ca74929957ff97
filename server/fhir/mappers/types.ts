import type { Patient, Practitioner, Reference, Resource, ResourceType } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import type { PatientPermission } from '../../platform/access-policy.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Keyed, Window } from '../repo.ts';
import type { ParsedSearch, SearchParamSpec } from '../search-params.ts';

type Db = Kysely<Database>;

/**
 * Who may read a source's rows:
 * - `patient`: a patient's record, through the policy table with this permission;
 * - `staffDirectory`: staff see every colleague, patients and support people their care team;
 * - `admin`: administrators only (the audit trail);
 * - `anyone`: any signed-in user (published definitions).
 */
export type SourceAccess =
  | { patient: PatientPermission }
  | { staffDirectory: true }
  | { admin: true }
  | { anyone: true };

export type MapContext = { now: Date };

/**
 * One table (or one kind of row in a table) that yields resources of a type. A type with
 * several sources (Observation: scores and each vital sign) merges their pages by date.
 */
export type Source<Row extends Keyed = Keyed> = {
  access: SourceAccess;
  /** The FHIR id prefix that tells this source's ids apart from the type's other sources. */
  prefix: string;
  /** False when the search's filters (code, category …) rule this source out. */
  applies?: (search: ParsedSearch) => boolean;
  list: (db: Db, window: Window, search: ParsedSearch) => Promise<Row[]>;
  count: (db: Db, window: Window, search: ParsedSearch) => Promise<number>;
  /** Maps a page of rows (in order) to resources; may load what they reference in one query. */
  toResources: (db: Db, rows: Row[], context: MapContext) => Promise<Resource[]>;
};

/** Erases a source's row type so sources of different tables sit in one list. */
export function source<Row extends Keyed>(definition: Source<Row>): Source {
  return definition as unknown as Source;
}

export type ResourceDefinition = {
  type: ResourceType;
  /** Shown in the CapabilityStatement. */
  documentation: string;
  searchParams: SearchParamSpec[];
  /** The date search parameter, also the `_sort` key. */
  dateParam?: string;
  sources: Source[];
  /** Resources defined in code, not stored (the questionnaires). */
  fixed?: () => Resource[];
  /** Filters fixed resources by a parsed search. */
  matchesFixed?: (resource: Resource, search: ParsedSearch) => boolean;
};

export const patientRef = (patientId: string, display?: string): Reference<Patient> => ({
  reference: `Patient/${patientId}`,
  ...(display ? { display } : {}),
});

export const practitionerRef = (userId: string, display?: string | null): Reference<Practitioner> => ({
  reference: `Practitioner/${userId}`,
  ...(display ? { display } : {}),
});

export const iso = (date: Date | null | undefined): string | undefined => date?.toISOString();

/** Drops keys whose value is undefined or an empty array (FHIR forbids empty arrays). */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[key] = v;
  }
  return out as T;
}
