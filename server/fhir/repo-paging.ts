/**
 * How every searchable FHIR source is paged: keyset paging on (date truncated to milliseconds,
 * FHIR id) so a next link is stable while rows are added, and a count of all matches for
 * Bundle.total. The sources themselves are in repo-directory.ts and repo-records.ts.
 */
import { type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Db } from '../platform/db/schema.ts';
import type { Cursor, DateRange } from './search-params.ts';

/** How one source is keyed: its date, its primary key, the FHIR id prefix, and whose it is. */
export type SortKey = {
  at: RawBuilder<unknown>;
  pk: RawBuilder<unknown>;
  prefix: string;
  /** The patient (or, for the staff directory, the staff member) a row belongs to. */
  owner: RawBuilder<unknown> | null;
  filter?: RawBuilder<SqlBool>;
};

export type Window = {
  /** Only rows of these owners; null: no restriction (already checked by the caller). */
  owners: readonly string[] | null;
  /** Only these primary keys (from `_id` or a read). */
  pks?: readonly string[];
  date?: DateRange;
  after?: Cursor;
  order: 'asc' | 'desc';
  limit: number;
};

export type Keyed = { sort_at: Date; fhir_id: string; owner_id: string | null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);

function idExpression(key: SortKey): RawBuilder<string> {
  return sql<string>`(${sql.lit(key.prefix)} || ${key.pk}::text) collate "C"`;
}

function atExpression(key: SortKey): RawBuilder<Date> {
  return sql<Date>`date_trunc('milliseconds', ${key.at})`;
}

function keyColumns(key: SortKey) {
  return [
    atExpression(key).as('sort_at'),
    idExpression(key).as('fhir_id'),
    (key.owner ? sql<string | null>`${key.owner}::text` : sql<string | null>`null::text`).as('owner_id'),
  ];
}

function inList(expression: RawBuilder<unknown>, values: readonly string[]): RawBuilder<SqlBool> {
  const valid = values.filter(isUuid);
  if (valid.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${expression} in (${sql.join(valid.map((v) => sql`${v}::uuid`))})`;
}

/** Everything a window selects, without the cursor (which counting ignores). */
function scopeCondition(key: SortKey, w: Window): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [];
  if (key.filter) parts.push(key.filter);
  if (w.owners !== null) parts.push(key.owner ? inList(key.owner, w.owners) : sql<SqlBool>`false`);
  if (w.pks) parts.push(inList(key.pk, w.pks));
  if (w.date?.from) parts.push(sql<SqlBool>`${key.at} >= ${w.date.from}`);
  if (w.date?.to) parts.push(sql<SqlBool>`${key.at} < ${w.date.to}`);
  if (parts.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

function windowCondition(key: SortKey, w: Window): RawBuilder<SqlBool> {
  const scope = scopeCondition(key, w);
  if (!w.after) return scope;
  const op = sql.raw(w.order === 'desc' ? '<' : '>');
  return sql<SqlBool>`(${scope} and (${atExpression(key)}, ${idExpression(key)}) ${op} (${new Date(w.after.at)}::timestamptz, ${w.after.id} collate "C"))`;
}

function windowOrder(key: SortKey, w: Window): RawBuilder<unknown> {
  const direction = sql.raw(w.order === 'desc' ? 'desc' : 'asc');
  return sql`${atExpression(key)} ${direction}, ${idExpression(key)} ${direction}`;
}

/** The key of a source whose rows are one table's rows, each with its primary key `id` as FHIR id. */
export function tableKey<T extends keyof Database & string>(
  table: T,
  at: string,
  owner: string,
  filter?: RawBuilder<SqlBool>,
): SortKey {
  return {
    at: sql.ref(`${table}.${at}`),
    pk: sql.ref(`${table}.id`),
    prefix: '',
    owner: sql.ref(`${table}.${owner}`),
    ...(filter ? { filter } : {}),
  };
}

const countAll = sql<number>`count(*)::int`.as('n');

/** A status filter; undefined: any status; empty (only codes we never store): nothing. */
export function statusIn(
  column: RawBuilder<unknown>,
  statuses: readonly string[] | undefined,
): RawBuilder<SqlBool> {
  if (statuses === undefined) return sql<SqlBool>`true`;
  if (statuses.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${column} in (${sql.join([...statuses])})`;
}

/** One page of a source: its key columns selected, the window applied, in the window's order. */
export function pageOf<TB extends keyof Database, O>(
  query: SelectQueryBuilder<Database, TB, O>,
  key: SortKey,
  w: Window,
  extra?: RawBuilder<SqlBool>,
) {
  return query
    .select(keyColumns(key))
    .where(windowCondition(key, w))
    .$if(extra !== undefined, (q) => q.where(extra!))
    .orderBy(windowOrder(key, w))
    .limit(w.limit)
    .execute();
}

/** How many rows of `table` the window selects, ignoring its cursor and limit (Bundle.total). */
export async function countOf(
  db: Db,
  table: keyof Database,
  key: SortKey,
  w: Window,
  extra?: RawBuilder<SqlBool>,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(countAll)
    .where(scopeCondition(key, w))
    .$if(extra !== undefined, (q) => q.where(extra!))
    .executeTakeFirstOrThrow();
  return row.n;
}
