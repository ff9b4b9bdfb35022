import fc from 'fast-check';
import { FORMAT_EDGES, textUnit } from './hostile-values.ts';
import { flattenAllOf, resolveRef, type JsonSchema, type OpenApiDocument } from './openapi-document.ts';

/**
 * fast-check arbitraries for the JSON Schemas of an OpenAPI 3.1 document. The generator covers what the
 * committed openapi.json uses on the request side (types and type unions, enum, const, $ref, allOf,
 * anyOf/oneOf, string lengths, patterns and formats, number bounds, arrays with uniqueItems, objects
 * with required keys and minProperties); an `if`/`then` is not followed, so a generated value may break
 * a conditional bound. Values aim at "valid" but need not be: the fuzz only relies on them being plausible.
 */

const MAX_DEPTH = 12;

function lengthBounds(schema: JsonSchema, spread = 24): { minLength: number; maxLength: number } {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  return { minLength, maxLength: Math.max(minLength, Math.min(max, minLength + spread)) };
}

const codePointLength = (text: string) => [...text].length;

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015) with a correct check character. */
export const creditCode: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100000, max: 999999 }), fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 9, maxLength: 9 }))
  .map(([area, chars]) => {
    const body = `91${area}${chars.join('')}`;
    const sum = [...body].reduce((total, char, i) => total + CREDIT_CODE_CHARSET.indexOf(char) * CREDIT_CODE_WEIGHTS[i]!, 0);
    return `${body}${CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]}`;
  });

const mobilePhone = fc
  .tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom('', '+86 '))
  .map(([prefix, rest, country]) => `${country}${prefix}${String(rest).padStart(9, '0')}`);

/**
 * URLs whose host needs no name resolution (address literals, localhost): a webhook target's name is
 * resolved before it is accepted, and names would make the fuzz wait on DNS, up to 2 s each.
 */
const url = fc.oneof(
  fc.constantFrom('https://93.184.215.14/hooks', 'http://localhost:8080/x', 'https://[::1]/x', 'https://10.0.0.1/hook', 'ftp://1.1.1.1/'),
  fc
    .tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 }), fc.webPath())
    .map(([a, b, c, d, path]) => `https://${a}.${b}.${c}.${d}${path}`),
);

const dateBetween = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true });

function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  const plain = plainFormatArbitrary(format);
  const edges = FORMAT_EDGES[format];
  return plain && edges ? fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...edges) }) : plain;
}

function plainFormatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  switch (format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return dateBetween.map((date) => date.toISOString().slice(0, 10));
    case 'date-time':
      return fc.oneof(
        dateBetween.map((date) => date.toISOString()),
        fc.constant(new Date(Date.now() + 86_400_000).toISOString()),
      );
    case 'email':
      return fc.oneof(fc.emailAddress(), fc.constant('Zhang.Wei@example.com'));
    case 'credit-code':
      return creditCode;
    case 'mobile-phone':
      return mobilePhone;
    case 'uri':
      return url;
    default:
      return undefined;
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const { minLength, maxLength } = lengthBounds(schema);
  const fits = (text: string) => {
    const length = codePointLength(text);
    return length >= minLength && length <= (typeof schema.maxLength === 'number' ? schema.maxLength : Infinity);
  };
  const byFormat = typeof schema.format === 'string' ? formatArbitrary(schema.format) : undefined;
  if (byFormat) return byFormat;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
  if (pattern === '\\S') {
    // "not blank": ordinary text with a non-space character in it.
    return fc
      .string({ unit: textUnit, minLength: Math.max(minLength, 1), maxLength: Math.max(maxLength, 1) })
      .map((text) => (/\S/.test(text) ? text : `字${text.slice(1)}`));
  }
  if (pattern) {
    const matching = fc.stringMatching(new RegExp(pattern));
    // Cut to the length bound when too long; those that still do not fit are kept (rarely), as near-valid values.
    return matching.map((text) => (fits(text) ? text : text.slice(0, maxLength)));
  }
  return fc.string({ unit: textUnit, minLength, maxLength });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const exclusiveMin = num('exclusiveMinimum');
  const exclusiveMax = num('exclusiveMaximum');
  let min = num('minimum') ?? exclusiveMin ?? -1000;
  let max = num('maximum') ?? exclusiveMax ?? min + 5000;
  if (integer) {
    if (exclusiveMin !== undefined && num('minimum') === undefined) min = Math.floor(exclusiveMin) + 1;
    if (exclusiveMax !== undefined && num('maximum') === undefined) max = Math.ceil(exclusiveMax) - 1;
    return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
  }
  const excludeMin = exclusiveMin !== undefined && num('minimum') === undefined;
  const excludeMax = exclusiveMax !== undefined && num('maximum') === undefined;
  const lowInt = Math.ceil(excludeMin ? min + 1e-9 : min);
  const highInt = Math.floor(excludeMax ? max - 1e-9 : max);
  return fc.oneof(
    ...(lowInt <= highInt ? [fc.integer({ min: lowInt, max: Math.min(highInt, lowInt + 100_000) })] : []),
    fc.double({ min, max, minExcluded: excludeMin, maxExcluded: excludeMax, noNaN: true, noDefaultInfinity: true }).filter(
      (value) => !Object.is(value, -0),
    ),
  );
}

function objectArbitrary(context: Context, schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(((schema.required as string[] | undefined) ?? []).filter((key) => key in properties));
  const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, schemaArbitrary(context, value, depth + 1, key)]));
  const record = fc.record(model, { requiredKeys: [...required] }) as fc.Arbitrary<Record<string, unknown>>;
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  return minProperties > required.size && Object.keys(properties).length >= minProperties
    ? record.filter((value) => Object.keys(value).length >= minProperties)
    : record;
}

function arrayArbitrary(context: Context, schema: JsonSchema, depth: number, name: string | undefined): fc.Arbitrary<unknown[]> {
  const items = schemaArbitrary(context, (schema.items ?? {}) as JsonSchema, depth + 1, name);
  const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maxLength = Math.max(minLength, Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : Infinity, minLength + 3));
  return schema.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
    : fc.array(items, { minLength, maxLength });
}

function typedArbitrary(context: Context, schema: JsonSchema, type: string, depth: number, name: string | undefined): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(context, schema, depth, name);
    case 'object':
      return objectArbitrary(context, schema, depth);
    default:
      throw new Error(`schema type ${type} has no generator`);
  }
}

/**
 * Values for a property that the schema alone cannot make valid (a reference to an object that must
 * exist, say): given the property's name (array items get their array's) and its schema, an
 * arbitrary to use instead, or undefined for the schema's own.
 */
export type Hint = (name: string, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

interface Context {
  doc: OpenApiDocument;
  hint: Hint | undefined;
}

/** Values (meant to be) valid against `schema`, a schema of `doc`. */
export function valueArbitrary(doc: OpenApiDocument, schema: JsonSchema, hint?: Hint): fc.Arbitrary<unknown> {
  return schemaArbitrary({ doc, hint }, schema, 0, undefined);
}

function schemaArbitrary(context: Context, given: JsonSchema, depth: number, name: string | undefined): fc.Arbitrary<unknown> {
  const { doc } = context;
  if (depth > MAX_DEPTH) return fc.constant(null);
  const schema = flattenAllOf(doc, resolveRef(doc, given));
  const hinted = name === undefined || schema.type === 'array' ? undefined : context.hint?.(name, schema);
  if (hinted) return hinted;
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    return fc.oneof(...branches.map((branch) => schemaArbitrary(context, { ...rest, ...resolveRef(doc, branch) }, depth + 1, name)));
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length === 0) {
    if (schema.properties) return objectArbitrary(context, schema, depth);
    if (schema.items) return arrayArbitrary(context, schema, depth, name);
    return fc.jsonValue({ maxDepth: 2 });
  }
  // A nullable type is mostly the non-null one: null is one value, the other type has many.
  return fc.oneof(...types.map((type) => ({ weight: type === 'null' ? 1 : 4, arbitrary: typedArbitrary(context, schema, type, depth, name) })));
}
