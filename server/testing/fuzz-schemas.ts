/** Route fuzzing: the OpenAPI shapes of a route, and values made from them (valid, near-valid, broken). */
import fc from 'fast-check';
import { questionnaireResponse } from '../fhir/testing/fhir-helpers.ts';
import type { Role } from '../platform/db/schema.ts';
import {
  anyDate,
  anyJson,
  awkwardDates,
  awkwardNumbers,
  awkwardStrings,
  badValue,
  malformedJson,
} from './fuzz-values.ts';

export type JsonSchema = {
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
export type Parameter = {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
};
export type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
export type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: object } };

/** Each FHIR resource type's search parameters, as its CapabilityStatement lists them. */
export type FhirSearchParams = Map<string, { name: string; type: string }[]>;

export type FuzzRequest = {
  role: Role | null;
  path: string;
  query: string;
  headers: Record<string, string>;
  /** A JSON value to send, a raw body string with its content type, or nothing. */
  body: { json: unknown } | { raw: string; contentType: string } | null;
};

/** What a fuzzed route needs from the data: real ids to put in paths and bodies. */
export type Ids = { pool: string[]; ownPatient: string; otherPatient: string };

export function sampleIds(known: Ids): string[] {
  return [known.ownPatient, known.otherPatient, ...known.pool.slice(0, 5)];
}

export class Schemas {
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
export function mutated(example: unknown, depth = 0): fc.Arbitrary<unknown> {
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
export function fhirExamples(known: Ids): unknown[] {
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
