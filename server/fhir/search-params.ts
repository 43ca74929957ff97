/**
 * FHIR search parameters, parsed strictly: a parameter the resource type does not support is
 * a 400 naming it, never silently ignored (a client that thinks it filtered must not get the
 * whole caseload). Pure: no I/O, no clock.
 */
import { earliestYear, isInDateRange, latestYear } from '../platform/http-schemas.ts';
import { FhirError } from './operation-outcome.ts';

export type SearchParamType = 'reference' | 'token' | 'date' | 'uri';

export type SearchParamSpec = {
  name: string;
  type: SearchParamType;
  documentation: string;
  /** reference parameters: the resource type they point at. */
  target?: string;
  /**
   * token parameters bound to a required FHIR value set: every code of it. A code outside it is
   * a 400; a code in it that no stored resource can have (CarePlan `revoked`) finds nothing.
   */
  codes?: readonly string[];
};

export type Token = { system?: string; code: string };
/** A half-open range [from, to). */
export type DateRange = { from?: Date; to?: Date };
export type Cursor = { at: string; id: string };

export type ParsedSearch = {
  references: Record<string, string[]>;
  tokens: Record<string, Token[]>;
  uris: Record<string, string[]>;
  date: DateRange | undefined;
  ids: string[] | undefined;
  count: number;
  order: 'asc' | 'desc';
  cursor: Cursor | undefined;
};

export const defaultCount = 20;
export const maxCount = 200;
/** At most this many comma-separated alternatives in one parameter, each at most maxValueLength. */
export const maxAlternatives = 50;
export const maxValueLength = 256;

/** Parameters every search accepts. `_cursor` is the opaque paging token our next links carry. */
export const commonParams = ['_id', '_count', '_sort', '_cursor', '_format'] as const;

const idPattern = /^[A-Za-z0-9\-.]{1,64}$/;

function bad(message: string, expression?: string): FhirError {
  return new FhirError('invalid_request', message, [{ message, ...(expression ? { expression } : {}) }]);
}

function single(name: string, value: string | string[]): string {
  if (Array.isArray(value)) {
    if (value.length !== 1)
      throw bad(`${name}: give this parameter once (separate alternatives with commas)`);
    return value[0]!;
  }
  return value;
}

function parseReference(spec: SearchParamSpec, raw: string): string {
  const target = spec.target ?? 'Patient';
  const match = /^(?:.*\/)?([A-Za-z]+)\/([^/]+)$/.exec(raw);
  if (match) {
    if (match[1] !== target) throw bad(`${spec.name}: only ${target} references are supported`, spec.name);
    return match[2]!;
  }
  if (!idPattern.test(raw)) throw bad(`${spec.name}: "${raw}" is not a ${target} id`, spec.name);
  return raw;
}

function parseToken(spec: SearchParamSpec, raw: string): Token {
  const bar = raw.indexOf('|');
  const system = bar < 0 ? '' : raw.slice(0, bar);
  const code = bar < 0 ? raw : raw.slice(bar + 1);
  if (spec.codes && !spec.codes.includes(code)) {
    throw bad(`${spec.name}: "${code}" is not one of ${spec.codes.join(', ')}`, spec.name);
  }
  return system ? { system, code } : { code };
}

const datePattern =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The instant range a FHIR date value covers at its own precision, as [start, end). */
export function dateValueRange(value: string): { start: Date; end: Date } | undefined {
  const m = datePattern.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  if (h !== undefined && zone === undefined) return undefined; // a time needs a zone (FHIR dateTime)
  const year = Number(y);
  // Outside these years no stored date can lie, and Date.UTC reads years 0–99 as 1900–1999.
  if (year < earliestYear || year > latestYear) return undefined;
  if (mo === undefined)
    return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
  const month = Number(mo) - 1;
  if (month < 0 || month > 11) return undefined;
  if (d === undefined) {
    return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
  }
  const day = Number(d);
  const startOfDay = new Date(Date.UTC(year, month, day));
  if (startOfDay.getUTCMonth() !== month) return undefined;
  if (h === undefined) return { start: startOfDay, end: new Date(Date.UTC(year, month, day + 1)) };
  const start = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}.${(ms ?? '0').padEnd(3, '0')}${zone}`);
  if (Number.isNaN(start.getTime())) return undefined;
  const step = ms !== undefined ? 1 : s !== undefined ? 1000 : 60_000;
  return { start, end: new Date(start.getTime() + step) };
}

function narrow(range: DateRange, from?: Date, to?: Date): DateRange {
  return {
    from: from && (!range.from || from > range.from) ? from : range.from,
    to: to && (!range.to || to < range.to) ? to : range.to,
  };
}

function parseDate(name: string, raw: string, range: DateRange): DateRange {
  const match = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.*)$/.exec(raw)!;
  const prefix = match[1] ?? 'eq';
  const span = dateValueRange(match[2]!);
  if (!span) {
    throw bad(
      `${name}: "${raw}" is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD, or a date-time with a time zone) from ${earliestYear} to ${latestYear}`,
      name,
    );
  }
  switch (prefix) {
    case 'eq':
      return narrow(range, span.start, span.end);
    case 'ge':
      return narrow(range, span.start);
    case 'gt':
      return narrow(range, span.end);
    case 'le':
      return narrow(range, undefined, span.end);
    case 'lt':
      return narrow(range, undefined, span.start);
    default:
      throw bad(`${name}: the prefix "${prefix}" is not supported; use eq, ge, gt, le or lt`, name);
  }
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      isInDateRange(Date.parse(at)) &&
      idPattern.test(id)
    )
      return { at, id };
  } catch {
    // fall through
  }
  throw bad('_cursor: not a paging token this server issued (follow the next link as given)', '_cursor');
}

/**
 * Parses a query string for one resource type. `dateParam` names the type's date parameter,
 * which is also the only sort key (`_sort=date` oldest first, `_sort=-date` newest first, the
 * default).
 */
export function parseSearch(
  query: Record<string, string | string[] | undefined>,
  specs: readonly SearchParamSpec[],
  dateParam: string | undefined,
): ParsedSearch {
  const parsed: ParsedSearch = {
    references: {},
    tokens: {},
    uris: {},
    date: undefined,
    ids: undefined,
    count: defaultCount,
    order: 'desc',
    cursor: undefined,
  };
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (name === '_format') {
      const format = single(name, value);
      if (!/json/i.test(format)) throw bad('_format: only JSON is served', name);
      continue;
    }
    if (name === '_count') {
      const text = single(name, value);
      const count = Number(text);
      if (!/^\d+$/.test(text) || count < 1 || count > maxCount) {
        throw bad(`_count: must be a whole number from 1 to ${maxCount}`, name);
      }
      parsed.count = count;
      continue;
    }
    if (name === '_sort') {
      const sort = single(name, value);
      if (!dateParam || (sort !== dateParam && sort !== `-${dateParam}`)) {
        throw bad(
          dateParam
            ? `_sort: sort by ${dateParam} (oldest first) or -${dateParam} (newest first)`
            : '_sort: this resource type has no sort order to choose',
          name,
        );
      }
      parsed.order = sort.startsWith('-') ? 'desc' : 'asc';
      continue;
    }
    if (name === '_cursor') {
      parsed.cursor = decodeCursor(single(name, value));
      continue;
    }
    if (name === '_id') {
      const ids = single(name, value).split(',');
      if (ids.length > maxAlternatives) throw bad(`_id: give at most ${maxAlternatives} ids`, name);
      for (const id of ids) if (!idPattern.test(id)) throw bad(`_id: "${id}" is not a FHIR id`, name);
      parsed.ids = ids;
      continue;
    }
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      const known = [...specs.map((s) => s.name), ...commonParams].join(', ');
      throw bad(`${name}: this search parameter is not supported here (supported: ${known})`, name);
    }
    if (spec.type === 'date') {
      for (const raw of [value].flat()) parsed.date = parseDate(name, raw, parsed.date ?? {});
      continue;
    }
    const values = single(name, value).split(',');
    if (values.some((v) => v === '')) throw bad(`${name}: a value is empty`, name);
    if (values.length > maxAlternatives) throw bad(`${name}: give at most ${maxAlternatives} values`, name);
    if (values.some((v) => v.length > maxValueLength)) {
      throw bad(`${name}: a value is longer than ${maxValueLength} characters`, name);
    }
    if (spec.type === 'reference') parsed.references[name] = values.map((v) => parseReference(spec, v));
    else if (spec.type === 'token') parsed.tokens[name] = values.map((v) => parseToken(spec, v));
    else parsed.uris[name] = values;
  }
  return parsed;
}

/** Whether a token search value matches a coding (no system in the search matches any system). */
export function tokenMatches(tokens: readonly Token[] | undefined, system: string, code: string): boolean {
  if (!tokens) return true;
  return tokens.some((t) => t.code === code && (t.system === undefined || t.system === system));
}
