import type { TSchema } from 'typebox';

/**
 * Names for the OpenAPI document. A schema named here is written once, under `components.schemas`,
 * and every route that uses it refers to it there; generated clients get a type of that name.
 *
 * The name is kept in this registry, keyed by the schema object, never in the schema itself: Ajv and
 * fast-json-stringify see exactly the schema they saw before, so a named schema may appear any number
 * of times within one route (an `$id` may not: Ajv refuses a second schema with the same `$id`).
 */
const names = new WeakMap<object, string>();
/** The named object schemas by their `properties`, so the copies TypeBox and `Nullable` make are known too. */
const byProperties = new WeakMap<object, TSchema>();
const schemasByName = new Map<string, TSchema>();

/** Gives `schema` a name in the OpenAPI document; returns the schema itself, unchanged. */
export function Named<S extends TSchema>(name: string, schema: S): S {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error(`schema name ${name} is not PascalCase`);
  const id = (schema as { $id?: unknown }).$id;
  if (id !== undefined && id !== name) throw new Error(`schema ${String(id)} would be named ${name}: name it by its $id`);
  const earlier = schemasByName.get(name);
  if (earlier && earlier !== schema) throw new Error(`two schemas are named ${name}`);
  schemasByName.set(name, schema);
  names.set(schema, name);
  const properties = (schema as { properties?: unknown }).properties;
  if (typeof properties === 'object' && properties !== null) byProperties.set(properties, schema);
  return schema;
}

export interface SchemaName {
  name: string;
  /** The named schema itself. */
  schema: TSchema;
  /** True when the schema met is `Nullable(schema)`: the named schema, or null. */
  nullable: boolean;
  /** `x-` annotations the copy adds, such as `x-examples` for a request body. */
  extensions: Record<string, unknown>;
}

const typesOf = (type: unknown): unknown[] => (Array.isArray(type) ? type : [type ?? 'object']);

/** True when `copy` is `original` with `null` added to it. */
function addsNull(copy: unknown, original: unknown): boolean {
  const [types, originalTypes] = [typesOf(copy), typesOf(original)];
  return (
    !originalTypes.includes('null') &&
    types.length === originalTypes.length + 1 &&
    types.includes('null') &&
    originalTypes.every((type) => types.includes(type))
  );
}

/**
 * The name of `node`: a named schema, or a copy of one that differs by nothing but the copy itself —
 * `Type.Optional(schema)` (the same keywords, the very same objects), `Nullable(schema)` (the same,
 * with `null` added to its type) or `{ ...schema, 'x-examples': … }` (the same, with `x-` annotations).
 */
export function schemaNameOf(node: unknown): SchemaName | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const name = names.get(node);
  if (name) return { name, schema: node as TSchema, nullable: false, extensions: {} };
  const properties = (node as { properties?: unknown }).properties;
  const schema = typeof properties === 'object' && properties !== null ? byProperties.get(properties) : undefined;
  if (!schema) return undefined;
  const copy = node as Record<string, unknown>;
  const original = schema as Record<string, unknown>;
  if (Object.keys(original).some((key) => !Object.hasOwn(copy, key))) return undefined;
  const found: SchemaName = { name: names.get(schema)!, schema, nullable: false, extensions: {} };
  for (const [key, value] of Object.entries(copy)) {
    if (!Object.hasOwn(original, key)) {
      if (!key.startsWith('x-')) return undefined;
      found.extensions[key] = value;
    } else if (value !== original[key]) {
      if (key !== 'type' || !addsNull(value, original.type)) return undefined;
      found.nullable = true;
    }
  }
  return found;
}
