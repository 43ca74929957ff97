/**
 * Every registered route under fuzz. The routes come from the app itself (a new route is covered
 * the day it lands) and their shapes from the OpenAPI document the app builds from each route's
 * zod schema. For each route, fast-check sends bad input as a role allowed to call it: wrong
 * types, missing and extra fields, huge and deeply nested values, NUL and lone surrogates,
 * extreme numbers and dates, malformed JSON, other patients' and made-up ids in the path and the
 * body, and "near-valid" bodies with one field broken. Every answer must be below 500 and every
 * refusal the error envelope {"error":{"code","message"}} with a stable code (under /fhir/R4 an
 * OperationOutcome carrying that code); a refused write leaves every table's row count as it was
 * (except the audit trail and the sign-in failure records, which record refusals).
 *
 * FUZZ_RUNS (requests per route, default 20) for a long run, FUZZ_SEED to replay a run (each
 * route draws from its own seed derived from it), FUZZ_ROUTE="POST /api/protocols" to fuzz one
 * route alone (on a fresh database: a failure that needs earlier routes' data needs the full run),
 * FUZZ_LOG=1 to print every request and its status.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { questionnaireResponse } from '../fhir/testing/fhir-helpers.ts';
import { demoIds, inductionProtocol } from '../seed.ts';
import { type SignedIn, signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { accessPolicy } from './access-policy.ts';
import type { RegisteredRoute } from './auth.ts';
import type { Role } from './db/schema.ts';
import { errorStatus } from './errors.ts';

const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 20);
const baseSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const onlyRoute = process.env.FUZZ_ROUTE;

const roles: readonly Role[] = ['patient', 'support', 'clinician', 'nurse', 'coach', 'admin'];
/** Tables that record refusals themselves: a refused request may add rows to them. */
const refusalRecords = new Set(['audit_events', 'auth_failures']);
/**
 * The session timeline keeps a refused dose or too-early retake on the record by design (a
 * `*_refused` event, committed before the 409 goes out); its other rows must not change.
 */
const refusalRows: Record<string, ReturnType<typeof sql<boolean>>> = {
  session_events: sql<boolean>`kind not like '%\_refused'`,
};

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
};
type Parameter = { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: object } };

/** Each FHIR resource type's search parameters, as its CapabilityStatement lists them. */
type FhirSearchParams = Map<string, { name: string; type: string }[]>;

type FuzzRequest = {
  role: Role | null;
  path: string;
  query: string;
  headers: Record<string, string>;
  /** A JSON value to send, a raw body string with its content type, or nothing. */
  body: { json: unknown } | { raw: string; contentType: string } | null;
};

/** What a fuzzed route needs from the data: real ids to put in paths and bodies. */
type Ids = { pool: string[]; ownPatient: string; otherPatient: string };

// ---------- values that break things ----------

const loneSurrogates = fc.constantFrom('\uD800', '\uDFFF', 'a\uDBFFb', '\uDC00\uD800');
const hugeString = fc.integer({ min: 5_000, max: 70_000 }).map((n) => 'x'.repeat(n));
const awkwardStrings = fc.oneof(
  fc.constantFrom('', ' ', '\0', 'a\0b', '\u200B', '\uFEFF', '%00', '..', '../..', '💊'.repeat(300)),
  fc.constantFrom('0000-01-01', '9999-12-31', '2026-02-30', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z'),
  fc.constantFrom('1e999', '-1', 'NaN', 'Infinity', '99999999999999999999', '0x10', 'true', 'null'),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  loneSurrogates,
  hugeString,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);
const awkwardNumbers = fc.oneof(
  fc.constantFrom(0, -0, -1, 5e-324, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 31), 2 ** 31, 0.5, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * Objects or arrays nested far deeper than any schema allows, built only when sent: fast-check's
 * printer (and shrinker) would overflow the stack on the value itself.
 */
class Nested {
  constructor(
    readonly depth: number,
    readonly arrays: boolean,
  ) {}
  text(): string {
    const { depth } = this;
    return this.arrays
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  }
  [fc.toStringMethod](): string {
    return `<${this.depth} nested ${this.arrays ? 'arrays' : 'objects'}>`;
  }
}
/** JSON text of a generated value; JSON.stringify itself runs out of stack on the nested parts. */
function jsonText(value: unknown): string {
  if (value instanceof Nested) return value.text();
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : jsonText(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${fields.map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const deeplyNested = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean())
  .map(([depth, arrays]) => new Nested(depth, arrays));

const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Mostly dates near now, sometimes any well-formed date from year 0 to 9999. */
const anyDate = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
  },
  {
    weight: 1,
    arbitrary: fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    }),
  },
);

/** Dates that are not, or barely are: for a field that wants a date or a time. */
const awkwardDates = fc.oneof(
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0001-01-01', '9999-12-31', '2026-02-30'),
  fc.constantFrom(
    '2026-13-01',
    '2026-01-01T25:00:00Z',
    '2026-01-01T12:00:00+14:00',
    '2026-01-01 12:00',
    '1e10',
  ),
  fc.constantFrom(
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '2026-01-01T12:00:00',
    'yesterday',
  ),
  anyDate.map((d) => d.toISOString()),
);

/** A value of the wrong kind, or of the right kind at an extreme. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, {}, [], [null]),
  awkwardStrings,
  awkwardNumbers,
  deeplyNested,
  anyJson,
  fc.array(fc.constant('x'), { minLength: 1_000, maxLength: 5_000 }),
);

const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,]',
    '{"a":1}}',
    "{'a':1}",
    'nul',
    '\u0000',
    '{"a":"\\ud800"}',
    '"\\u0000"',
  ),
  fc.constantFrom('null', '"text"', '123', '[]', 'true', '{"__proto__":{"x":1}}', '{"constructor":{}}'),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.integer({ min: 1_100_000, max: 1_200_000 }).map((n) => `{"a":"${'x'.repeat(n)}"}`),
);

// ---------- values shaped by a route's schema ----------

function sampleIds(known: Ids): string[] {
  return [known.ownPatient, known.otherPatient, ...known.pool.slice(0, 5)];
}

class Schemas {
  constructor(
    private readonly doc: OpenApi,
    private readonly ids: Ids,
  ) {}

  resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    while (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = (this.doc.components?.schemas as Record<string, JsonSchema> | undefined)?.[name] ?? {};
    }
    return current;
  }

  /** A value the schema accepts (roughly: formats and patterns are followed, not guaranteed). */
  valid(raw: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    if (depth > 6) return fc.constant(null);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices?.length) return fc.oneof(...choices.map((c) => this.valid(c, depth + 1)));
    if (schema.allOf?.length) return this.valid(schema.allOf[0]!, depth + 1);
    const types = [schema.type ?? (schema.properties ? 'object' : undefined)].flat();
    if (types.length > 1) return fc.oneof(...types.map((type) => this.valid({ ...schema, type }, depth)));
    switch (types[0]) {
      case 'string':
        return this.validString(schema);
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_000) + (types[0] === 'integer' ? 1 : 0);
        const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1_000) - (types[0] === 'integer' ? 1 : 0);
        return types[0] === 'integer'
          ? fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => this.valid(s, depth + 1)));
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
        return fc.array(this.valid(schema.items ?? {}, depth + 1), { minLength, maxLength });
      }
      case 'object': {
        const properties = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const extra =
          typeof schema.additionalProperties === 'object'
            ? fc.dictionary(
                fc.string({ minLength: 1, maxLength: 12 }),
                this.valid(schema.additionalProperties),
                {
                  maxKeys: 3,
                },
              )
            : fc.constant({});
        const model = Object.fromEntries(
          Object.entries(properties).map(([key, child]) => [key, this.valid(child, depth + 1)]),
        );
        return fc
          .tuple(fc.record(model, { requiredKeys: [...required].filter((k) => k in properties) }), extra)
          .map(([known, more]) => ({ ...more, ...known }));
      }
      default:
        return anyJson;
    }
  }

  private validString(schema: JsonSchema): fc.Arbitrary<string> {
    const realIds = fc.constantFrom(...this.ids.pool);
    switch (schema.format) {
      case 'date-time':
        return anyDate.map((d) => d.toISOString());
      case 'date':
        return anyDate.map((d) => d.toISOString().slice(0, 10));
      case 'email':
        return fc.emailAddress();
      case 'uuid':
        return fc.oneof({ weight: 3, arbitrary: realIds }, { weight: 1, arbitrary: fc.uuid() });
    }
    if (schema.pattern) {
      try {
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => {
          return s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
        });
      } catch {
        // a pattern fast-check cannot invert: fall through to a plain string
      }
    }
    const minLength = schema.minLength ?? 0;
    const maxLength = Math.min(schema.maxLength ?? minLength + 40, minLength + 40);
    return fc.oneof(
      fc.string({ minLength, maxLength }),
      realIds.filter((id) => id.length <= maxLength),
    );
  }

  /** A value the schema accepts except in one place: a field broken, missing or added, deep down. */
  nearValid(raw: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    const properties = Object.entries(schema.properties ?? {});
    if (depth < 4 && properties.length > 0) {
      const valid = this.valid(schema, depth) as fc.Arbitrary<Record<string, unknown>>;
      const required = (schema.required ?? []).filter((key) => schema.properties?.[key]);
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc.oneof(
            ...properties.map(([key, child]) =>
              fc
                .tuple(valid, this.nearValid(child, depth + 1))
                .map(([v, broken]) => ({ ...v, [key]: broken })),
            ),
          ),
        },
        {
          weight: 1,
          arbitrary:
            required.length > 0
              ? fc.tuple(valid, fc.constantFrom(...required)).map(([v, key]) => {
                  const { [key]: _dropped, ...rest } = v;
                  return rest;
                })
              : badValue,
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(valid, fc.string({ maxLength: 20 }), badValue)
            .map(([v, key, extra]) => ({ ...v, [key]: extra })),
        },
      );
    }
    if (depth < 4 && schema.type === 'array' && schema.items) {
      return fc
        .tuple(
          this.valid(schema, depth) as fc.Arbitrary<unknown[]>,
          this.nearValid(schema.items, depth + 1),
          fc.nat(),
        )
        .map(([items, broken, at]) => {
          const copy = [...items];
          copy.splice(items.length === 0 ? 0 : at % items.length, 1, broken);
          return copy;
        });
    }
    return fc.oneof({ weight: 3, arbitrary: this.edge(schema) }, { weight: 1, arbitrary: badValue });
  }

  /** A value of the kind the schema wants, at or just past its limits. */
  edge(schema: JsonSchema): fc.Arbitrary<unknown> {
    const types = [schema.type].flat();
    if (schema.enum) {
      const names = schema.enum.map(String);
      return fc.oneof(
        fc.constantFrom(...names.map((n) => n.toUpperCase()), ...names.map((n) => `${n} `)),
        awkwardStrings,
      );
    }
    if (types.includes('string')) {
      if (schema.format === 'date' || schema.format === 'date-time') return awkwardDates;
      const limits = [schema.minLength, schema.maxLength].filter((n): n is number => n !== undefined);
      return fc.oneof(
        awkwardStrings,
        fc.constantFrom(...sampleIds(this.ids), '00000000-0000-0000-0000-000000000000', 'not-an-id'),
        ...limits.map((n) =>
          fc.constantFrom(Math.max(n - 1, 0), n, n + 1).map((length) => 'y'.repeat(length)),
        ),
      );
    }
    if (types.includes('integer') || types.includes('number')) {
      const limits = [
        schema.minimum,
        schema.maximum,
        schema.exclusiveMinimum,
        schema.exclusiveMaximum,
      ].filter((n): n is number => n !== undefined);
      return fc.oneof(
        awkwardNumbers,
        ...limits.map((n) => fc.constantFrom(n, n - 1, n + 1, n + 5e-324, n - 0.5, n + 0.5, -n)),
      );
    }
    if (types.includes('array')) {
      const many = (schema.maxItems ?? 1_000) + 1;
      return fc.oneof(
        fc.constant([]),
        this.valid(schema.items ?? {}).map((item) => Array(many).fill(item)),
      );
    }
    if (types.includes('boolean')) return fc.constantFrom('true', 1, 0, 'yes', null);
    return badValue;
  }

  /** Any body: near-valid, valid, anything at all, or not JSON. */
  body(
    schema: JsonSchema | undefined,
    contentType: string,
    examples: unknown[],
  ): fc.Arbitrary<FuzzRequest['body']> {
    const json = (value: fc.Arbitrary<unknown>) => value.map((v) => ({ json: v }));
    const fromExamples =
      examples.length > 0
        ? [
            { weight: 8, arbitrary: json(fc.oneof(...examples.map((example) => mutated(example)))) },
            { weight: 1, arbitrary: json(fc.constantFrom(...examples)) },
          ]
        : [];
    const raw = (text: fc.Arbitrary<string>, type: fc.Arbitrary<string>) =>
      fc.tuple(text, type).map(([r, t]) => ({ raw: r, contentType: t }));
    const shaped = schema
      ? [
          { weight: 10, arbitrary: json(this.nearValid(schema)) },
          { weight: 3, arbitrary: json(this.valid(schema)) },
        ]
      : [];
    return fc.oneof(
      ...fromExamples,
      ...shaped,
      { weight: 1, arbitrary: json(badValue) },
      { weight: 1, arbitrary: raw(malformedJson, fc.constant(contentType)) },
      {
        weight: 1,
        arbitrary: raw(
          anyJson.map((v) => JSON.stringify(v)),
          fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', ''),
        ),
      },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
}

// ---------- values shaped like an example (the FHIR routes take resources their schema leaves open) ----------

/** The example with one place broken: a value replaced, a key dropped or added, anywhere inside. */
function mutated(example: unknown, depth = 0): fc.Arbitrary<unknown> {
  const leafBroken = fc.oneof(
    typeof example === 'string' ? awkwardDates : awkwardNumbers,
    typeof example === 'string' ? awkwardStrings : badValue,
    badValue,
  );
  if (depth > 8 || example === null || typeof example !== 'object') return leafBroken;
  const entries = Object.entries(example);
  if (entries.length === 0) return badValue;
  const rebuild = (key: string, value: unknown) =>
    Array.isArray(example)
      ? example.map((item, index) => (String(index) === key ? value : item))
      : { ...example, [key]: value };
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.oneof(
        ...entries.map(([key, child]) => mutated(child, depth + 1).map((broken) => rebuild(key, broken))),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...entries.map(([key]) => key))
        .map((key) =>
          Array.isArray(example)
            ? example.filter((_, index) => String(index) !== key)
            : Object.fromEntries(entries.filter(([k]) => k !== key)),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ maxLength: 12 }), badValue)
        .map(([key, extra]) => (Array.isArray(example) ? [...example, extra] : { ...example, [key]: extra })),
    },
    { weight: 1, arbitrary: badValue },
  );
}

/** Resources a FHIR client sends: a PHQ-9 for the demo patient and a transaction Bundle with a history. */
function fhirExamples(known: Ids): unknown[] {
  const patient = `Patient/${known.ownPatient}`;
  const phq9 = questionnaireResponse(patient, 'phq9', [1, 1, 0, 0, 0, 0, 0, 0, 0]);
  return [
    phq9,
    questionnaireResponse(`Patient/${known.otherPatient}`, 'gad7', [0, 1, 2, 3, 0, 1, 2]),
    {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:7f0c3d2e-7c39-4f57-9d59-0a5f3f0c8b11',
          resource: {
            resourceType: 'Patient',
            name: [{ family: 'Fuzz', given: ['Fae'] }],
            birthDate: '1985-12-10',
          },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            ...questionnaireResponse(
              'urn:uuid:7f0c3d2e-7c39-4f57-9d59-0a5f3f0c8b11',
              'phq9',
              [1, 1, 1, 0, 0, 0, 0, 0, 0],
            ),
            authored: '2025-06-01T10:00:00Z',
          },
          request: { method: 'POST', url: 'QuestionnaireResponse' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
            subject: { reference: 'urn:uuid:7f0c3d2e-7c39-4f57-9d59-0a5f3f0c8b11' },
            effectiveDateTime: '2025-06-01T10:00:00Z',
            valueQuantity: {
              value: 72,
              unit: 'beats/minute',
              system: 'http://unitsofmeasure.org',
              code: '/min',
            },
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    },
  ];
}

// ---------- requests ----------

/** Percent-encodes a path or query part; a lone surrogate goes out as its (invalid) UTF-8 bytes. */
function encodePart(text: string): string {
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
function allowedRoles(route: RegisteredRoute): (Role | null)[] {
  const access = route.access;
  if ('public' in access) return [null];
  let allowed = 'roles' in access && access.roles ? [...access.roles] : [...roles];
  if ('patient' in access) allowed = allowed.filter((role) => accessPolicy[role][access.patient]);
  return allowed;
}

/** Good and bad FHIR search values of a parameter's type. */
function fhirSearchValues(type: string, realIds: fc.Arbitrary<string>) {
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

function requestFor(
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
function shorten(text: string, keep = 60): string {
  return text.length <= keep ? text : `${text.slice(0, keep)}…(${text.length} chars)`;
}

function describeRequest(route: RegisteredRoute, request: FuzzRequest): string {
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

describe('every route under fuzz', () => {
  let t: TestApp;
  let doc: OpenApi;
  let schemas: Schemas;
  let countRows: () => Promise<Record<string, number>>;
  let ids: Ids;
  let fhirSearch: FhirSearchParams;
  const signedIn = new Map<Role, SignedIn>();

  before(async () => {
    t = await startTestApp();
    for (const role of roles) signedIn.set(role, await signInAs(t, role));
    const db = t.deps.database.db;
    const tables = (
      await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
    ).rows
      .map((r) => r.name)
      .filter((name) => !refusalRecords.has(name));
    assert.ok(tables.includes('patients') && tables.length > 30, `found tables: ${tables.join(', ')}`);
    const counting = sql.join(
      tables.map((name) => {
        const kept = refusalRows[name] ?? sql<boolean>`true`;
        return sql`select ${name} as name, count(*)::int as n from ${sql.table(name)} where ${kept}`;
      }),
      sql` union all `,
    );
    countRows = async () =>
      Object.fromEntries(
        (await sql<{ name: string; n: number }>`${counting}`.execute(db)).rows.map((r) => [r.name, r.n]),
      );
    const withIds = (
      await sql<{ name: string }>`
        select table_name as name from information_schema.columns
        where table_schema = current_schema() and column_name = 'id' order by table_name`.execute(db)
    ).rows.map((r) => r.name);
    const pool = new Set<string>([...Object.values(demoIds), inductionProtocol.key]);
    for (const name of withIds) {
      const rows = await sql<{
        id: string;
      }>`select id::text as id from ${sql.table(name)} order by id limit 3`.execute(db);
      for (const row of rows.rows) pool.add(row.id);
    }
    ids = { pool: [...pool], ownPatient: demoIds.patient, otherPatient: demoIds.unassignedPatient };
    doc = t.app.swagger() as unknown as OpenApi;
    const metadata = (await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' })).json() as {
      rest: { resource: { type: string; searchParam?: { name: string; type: string }[] }[] }[];
    };
    fhirSearch = new Map(metadata.rest[0]!.resource.map((r) => [r.type, r.searchParam ?? []]));
    schemas = new Schemas(doc, ids);
  });
  after(() => t?.close());

  async function send(route: RegisteredRoute, request: FuzzRequest) {
    const headers: Record<string, string> = { ...request.headers };
    if (request.role) headers.cookie = signedIn.get(request.role)!.cookie;
    let payload: string | undefined;
    if (request.body && 'json' in request.body) {
      headers['content-type'] = route.url.startsWith('/fhir/') ? 'application/fhir+json' : 'application/json';
      payload = jsonText(request.body.json);
    } else if (request.body) {
      if (request.body.contentType) headers['content-type'] = request.body.contentType;
      payload = request.body.raw;
    }
    return t.app.inject({
      method: route.method as 'GET',
      url: `${request.path}${request.query ? `?${request.query}` : ''}`,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
  }

  function assertErrorShape(route: RegisteredRoute, status: number, text: string, where: string) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      assert.fail(`${where}: ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    let code: unknown;
    if (route.url.startsWith('/fhir/')) {
      const outcome = body as {
        resourceType?: string;
        issue?: { details?: { coding?: { code?: string }[] } }[];
      };
      assert.equal(outcome.resourceType, 'OperationOutcome', `${where}: ${status} ${text.slice(0, 300)}`);
      assert.ok(Array.isArray(outcome.issue) && outcome.issue.length > 0, `${where}: no issues`);
      code = outcome.issue[0]?.details?.coding?.[0]?.code;
    } else {
      const envelope = body as { error?: { code?: unknown; message?: unknown } };
      assert.ok(
        typeof envelope.error?.message === 'string' && envelope.error.message.length > 0,
        `${where}: ${status} without the error envelope: ${text.slice(0, 300)}`,
      );
      code = envelope.error.code;
    }
    assert.ok(
      typeof code === 'string' && code in errorStatus,
      `${where}: ${status} with an unknown code ${String(code)}`,
    );
    assert.equal(
      errorStatus[code as keyof typeof errorStatus],
      status,
      `${where}: ${code} answered ${status}`,
    );
  }

  /** Signs a role in again if a fuzzed request ended its session (sign-out, password change…). */
  async function keepSignedIn(role: Role) {
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: signedIn.get(role)!.cookie },
    });
    if (me.statusCode !== 401) return;
    try {
      signedIn.set(role, await signInAs(t, role));
    } catch {
      // Refused sign-ins (a fuzzed re-authentication) throttle the account for a quarter hour.
      t.clock.advanceMinutes(16);
      signedIn.set(role, await signInAs(t, role));
    }
  }

  it('the app registers routes and documents their shapes', () => {
    assert.ok(t.app.registeredRoutes.length >= 100, `found ${t.app.registeredRoutes.length} routes`);
    const undocumented = t.app.registeredRoutes.filter((r) => !operationOf(doc, r) && r.url !== '/fhir/R4');
    assert.deepEqual(
      undocumented.map((r) => `${r.method} ${r.url}`),
      [],
    );
  });

  it('every route: never a 5xx, always the error envelope, and a refused write changes nothing', async (ctx) => {
    // Routes that sign people in or out, or change staff accounts, go last: the others need the demo sessions.
    // Routes that sign people out go after the others, which need the demo sessions; then the
    // staff routes, which may disable demo accounts; and very last the sign-in route, since failed
    // sign-ins from one address throttle sign-in for everyone.
    const order = (r: RegisteredRoute) =>
      r.url === '/api/auth/login'
        ? 3
        : r.url.startsWith('/api/staff')
          ? 2
          : r.url.startsWith('/api/auth/') || r.url.startsWith('/api/invites')
            ? 1
            : 0;
    const routes = [...t.app.registeredRoutes]
      .filter((r) => !onlyRoute || `${r.method} ${r.url}` === onlyRoute)
      .sort((a, b) => order(a) - order(b));
    assert.ok(routes.length > 0, `no route matches FUZZ_ROUTE=${onlyRoute}`);
    const failures: string[] = [];
    ctx.diagnostic(`seed ${baseSeed}, ${runsPerRoute} requests per route, ${routes.length} routes`);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const isWrite = route.method !== 'GET';
      const started = Date.now();
      let failure = '';
      try {
        await fc.assert(
          fc.asyncProperty(
            requestFor(route, operationOf(doc, route), schemas, ids, fhirSearch),
            async (request) => {
              const where = describeRequest(route, request);
              try {
                const before = isWrite ? await countRows() : undefined;
                const res = await send(route, request);
                if (process.env.FUZZ_LOG) ctx.diagnostic(`${res.statusCode} ${where.slice(0, 300)}`);
                assert.ok(
                  res.statusCode < 500,
                  `${where}: answered ${res.statusCode} ${res.body.slice(0, 300)}`,
                );
                if (res.statusCode >= 400) {
                  assertErrorShape(route, res.statusCode, res.body, where);
                  if (before)
                    assert.deepEqual(
                      await countRows(),
                      before,
                      `${where}: refused with ${res.statusCode} but changed rows`,
                    );
                }
                if (request.role && res.statusCode === 401) await keepSignedIn(request.role);
              } catch (error) {
                // A crash in the test itself (not a broken promise of the server) keeps its stack.
                failure =
                  error instanceof assert.AssertionError
                    ? error.message
                    : `${where}: ${(error as Error).stack}`;
                throw error;
              }
            },
          ),
          { numRuns: runsPerRoute, seed: seedFor(key), endOnFailure: true },
        );
      } catch (error) {
        const reason = failure || String((error as Error).stack);
        failures.push(`${reason}\n  replay: FUZZ_SEED=${baseSeed} FUZZ_ROUTE="${key}"`);
      }
      ctx.diagnostic(`${key}: ${Date.now() - started} ms`);
    }
    if (failures.length > 0)
      assert.fail(`${failures.length} route(s) failed (seed ${baseSeed}):\n\n${failures.join('\n\n')}`);
  });
});

/** Each route's own seed from the run's seed, so one route replays alone (FUZZ_ROUTE) as in the full run. */
function seedFor(key: string): number {
  let hash = baseSeed;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function operationOf(doc: OpenApi, route: RegisteredRoute): Operation | undefined {
  return doc.paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
}
