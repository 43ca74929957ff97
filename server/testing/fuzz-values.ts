/** Route fuzzing (server/platform/route-fuzz.api.test.ts): values that break things, whatever the route. */
import fc from 'fast-check';

// ---------- values that break things ----------

export const loneSurrogates = fc.constantFrom('\uD800', '\uDFFF', 'a\uDBFFb', '\uDC00\uD800');
export const hugeString = fc.integer({ min: 5_000, max: 70_000 }).map((n) => 'x'.repeat(n));
export const awkwardStrings = fc.oneof(
  fc.constantFrom('', ' ', '\0', 'a\0b', '\u200B', '\uFEFF', '%00', '..', '../..', '💊'.repeat(300)),
  fc.constantFrom('0000-01-01', '9999-12-31', '2026-02-30', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z'),
  fc.constantFrom('1e999', '-1', 'NaN', 'Infinity', '99999999999999999999', '0x10', 'true', 'null'),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  loneSurrogates,
  hugeString,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);
export const awkwardNumbers = fc.oneof(
  fc.constantFrom(0, -0, -1, 5e-324, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 31), 2 ** 31, 0.5, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * Objects or arrays nested far deeper than any schema allows, built only when sent: fast-check's
 * printer (and shrinker) would overflow the stack on the value itself.
 */
export class Nested {
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
export function jsonText(value: unknown): string {
  if (value instanceof Nested) return value.text();
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : jsonText(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${fields.map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const deeplyNested = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean())
  .map(([depth, arrays]) => new Nested(depth, arrays));

export const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Mostly dates near now, sometimes any well-formed date from year 0 to 9999. */
export const anyDate = fc.oneof(
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
export const awkwardDates = fc.oneof(
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
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, {}, [], [null]),
  awkwardStrings,
  awkwardNumbers,
  deeplyNested,
  anyJson,
  fc.array(fc.constant('x'), { minLength: 1_000, maxLength: 5_000 }),
);

export const malformedJson = fc.oneof(
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
