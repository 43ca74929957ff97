/** Route fuzzing: whole requests for a route (role, path, query, headers, body), and how to print one. */
import fc from 'fast-check';
import { accessPolicy } from '../platform/access-policy.ts';
import type { RegisteredRoute } from '../platform/auth.ts';
import type { Role } from '../platform/db/schema.ts';
import {
  type FhirSearchParams,
  type FuzzRequest,
  fhirExamples,
  type Ids,
  type OpenApi,
  type Operation,
  type Parameter,
  type Schemas,
} from './fuzz-schemas.ts';
import { awkwardDates, awkwardNumbers, awkwardStrings, Nested } from './fuzz-values.ts';

export const roles: readonly Role[] = ['patient', 'support', 'clinician', 'nurse', 'coach', 'admin'];

export function encodePart(text: string): string {
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`;
    } else out += encodeURIComponent(char);
  }
  return out;
}

/** Roles that may call a route: its declared roles, narrowed by the policy for patient records. */
export function allowedRoles(route: RegisteredRoute): (Role | null)[] {
  const access = route.access;
  if ('public' in access) return [null];
  let allowed = 'roles' in access && access.roles ? [...access.roles] : [...roles];
  if ('patient' in access) allowed = allowed.filter((role) => accessPolicy[role][access.patient]);
  return allowed;
}

/** Good and bad FHIR search values of a parameter's type. */
export function fhirSearchValues(type: string, realIds: fc.Arbitrary<string>) {
  const prefix = fc.constantFrom('', 'ge', 'le', 'gt', 'lt', 'eq');
  const word = fc.stringMatching(/^[a-z][a-z-]{0,11}$/);
  switch (type) {
    case 'date':
      return {
        good: fc
          .tuple(
            prefix,
            fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
          )
          .map(([p, d]) => `${p}${d.toISOString().slice(0, 10)}`),
        bad: fc.tuple(fc.constantFrom('', 'ge', 'zz', 'sa', 'ap'), awkwardDates).map(([p, d]) => `${p}${d}`),
      };
    case 'reference':
      return {
        good: fc.oneof(
          realIds.map((id) => `Patient/${id}`),
          realIds,
        ),
        bad: fc.oneof(
          fc
            .tuple(fc.constantFrom('Patient/', 'Practitioner/', 'Nothing/', ''), awkwardStrings)
            .map(([a, b]) => a + b),
          fc.array(realIds, { minLength: 2, maxLength: 300 }).map((list) => list.join(',')),
        ),
      };
    case 'number':
      return {
        good: fc.integer({ min: 1, max: 200 }).map(String),
        bad: fc.oneof(awkwardNumbers.map(String), awkwardStrings),
      };
    default:
      return {
        good: fc.oneof(
          word,
          fc.tuple(word, word).map(([a, b]) => `${a},${b}`),
          realIds,
        ),
        bad: fc.oneof(
          fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}|${b}`),
          fc.array(realIds, { minLength: 2, maxLength: 300 }).map((list) => list.join(',')),
          awkwardStrings,
        ),
      };
  }
}

export function requestFor(
  route: RegisteredRoute,
  operation: Operation | undefined,
  schemas: Schemas,
  ids: Ids,
  fhirSearch: FhirSearchParams,
) {
  const parameters = operation?.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const realIds = fc.constantFrom(...ids.pool);
  const pathValue = (param: Parameter) =>
    fc.oneof(
      { weight: 4, arbitrary: param.name === 'patientId' ? fc.constantFrom(ids.ownPatient) : realIds },
      { weight: 2, arbitrary: fc.constantFrom(ids.otherPatient, ids.ownPatient) },
      { weight: 2, arbitrary: schemas.valid(param.schema ?? { type: 'string' }).map(String) },
      { weight: 3, arbitrary: awkwardStrings },
    );
  const path = fc
    .tuple(...pathParams.map((param) => pathValue(param).map((value) => [param.name, value] as const)))
    .map((values) => {
      let url = route.url;
      for (const [name, value] of values) url = url.replace(`:${name}`, encodePart(value));
      return url;
    });

  // A FHIR search takes the parameters its CapabilityStatement lists; other routes their schema's.
  // Each is present about half the time with a good value, and (mostly) one of them is broken.
  const searchParams = route.url.startsWith('/fhir/R4/')
    ? fhirSearch.get(route.url.split('/')[3] ?? '')
    : undefined;
  const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const named: { name: string; good: fc.Arbitrary<string>; bad: fc.Arbitrary<string> }[] = searchParams
    ? searchParams.map((p) => {
        const values = fhirSearchValues(p.type, realIds);
        if (p.name !== '_sort') return { name: p.name, ...values };
        const sortable = searchParams.filter((q) => q.type === 'date').map((q) => q.name);
        const good =
          sortable.length > 0 ? fc.constantFrom(...sortable.flatMap((n) => [n, `-${n}`])) : values.good;
        return { name: p.name, good, bad: values.bad };
      })
    : parameters
        .filter((p) => p.in === 'query')
        .map((p) => {
          const schema = schemas.resolve(p.schema ?? { type: 'string' });
          return {
            name: p.name,
            good: schemas.valid(schema).map(asText),
            bad: fc.oneof(schemas.edge(schema).map(asText), awkwardStrings),
          };
        });
  const unknownParam = fc.tuple(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('_format', 'page', 'limit', '__proto__')),
    awkwardStrings,
  );
  const broken: fc.Arbitrary<(readonly [string, string])[]> = fc.oneof(
    { weight: 1, arbitrary: fc.constant<(readonly [string, string])[]>([]) },
    { weight: 1, arbitrary: fc.array(unknownParam, { minLength: 1, maxLength: 2 }) },
    ...(named.length > 0
      ? [{ weight: 4, arbitrary: fc.oneof(...named.map((p) => p.bad.map((v) => [[p.name, v] as const]))) }]
      : []),
  );
  const query = fc
    .tuple(
      fc.tuple(
        ...named.map((p) =>
          fc.option(
            p.good.map((v) => [p.name, v] as const),
            { freq: 2, nil: undefined },
          ),
        ),
      ),
      broken,
    )
    .map(([good, bad]) => {
      const badNames = new Set(bad.map(([name]) => name));
      return [...good.filter((pair) => pair !== undefined && !badNames.has(pair[0])), ...bad]
        .map((pair) => `${encodePart(pair![0])}=${encodePart(pair![1])}`)
        .join('&');
    });

  const headerParams = parameters.filter((p) => p.in === 'header');
  const headers = fc
    .tuple(
      ...headerParams.map(() =>
        fc.option(
          fc.oneof(
            fc.nat({ max: 20 }).map(String),
            fc.constantFrom('', '"1"', '*', 'W/"1"', '-1', '1e999', '99999999999999999999'),
          ),
          { nil: undefined },
        ),
      ),
    )
    .map((values) =>
      Object.fromEntries(
        values.flatMap((value, index) => (value === undefined ? [] : [[headerParams[index]!.name, value]])),
      ),
    );

  const content = operation?.requestBody?.content ?? {};
  const contentType = route.url.startsWith('/fhir/') ? 'application/fhir+json' : 'application/json';
  const bodySchema = Object.values(content)[0]?.schema;
  const body =
    route.method === 'GET' || route.method === 'DELETE'
      ? fc.constant(null)
      : schemas.body(bodySchema, contentType, route.url.startsWith('/fhir/') ? fhirExamples(ids) : []);

  return fc.record({
    role: fc.constantFrom(...allowedRoles(route)),
    path,
    query,
    headers,
    body,
  }) satisfies fc.Arbitrary<FuzzRequest>;
}

/** Long strings shortened, so a failure reads as what was sent rather than 70,000 x's. */
export function shorten(text: string, keep = 60): string {
  return text.length <= keep ? text : `${text.slice(0, keep)}…(${text.length} chars)`;
}

export function describeRequest(route: RegisteredRoute, request: FuzzRequest): string {
  const body =
    request.body === null
      ? 'no body'
      : 'json' in request.body
        ? JSON.stringify(request.body.json, function (this: Record<string, unknown>, key, value) {
            const original = this[key];
            if (original instanceof Nested) return original[fc.toStringMethod]();
            return typeof value === 'string' ? shorten(value) : value;
          })
        : `${request.body.contentType || 'no content type'}: ${JSON.stringify(shorten(request.body.raw))}`;
  const url = `${request.path}${request.query ? `?${request.query}` : ''}`.replace(/[^/?&=]{61,}/g, (part) =>
    shorten(part),
  );
  const headers = Object.keys(request.headers).length > 0 ? ` ${JSON.stringify(request.headers)}` : '';
  return `${route.method} ${url} as ${request.role ?? 'anonymous'}${headers} with ${shorten(body ?? '', 600)}`;
}

// ---------- the test ----------

export function operationOf(doc: OpenApi, route: RegisteredRoute): Operation | undefined {
  return doc.paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
}
