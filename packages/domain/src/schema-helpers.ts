import { Type, type Static, type TProperties, type TSchema } from 'typebox';

export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** Adds `null` to a schema's type, so validation errors stay about the value rather than a union. */
export function Nullable<S extends TSchema>(schema: S) {
  const json = schema as unknown as { type?: string | string[] };
  const types = Array.isArray(json.type) ? json.type : [json.type ?? 'object'];
  return Type.Unsafe<Static<S> | null>({ ...schema, type: [...types, 'null'] });
}

/** A string with at least one visible character. */
export function Text(maxLength: number, options: Record<string, unknown> = {}) {
  return Type.String({ minLength: 1, maxLength, pattern: '\\S', ...options });
}

/** One `if unit is U then area ≤ max(U)` branch per unit. */
export function maximumPerUnit(field: string, maxByUnit: Record<string, number>) {
  return {
    allOf: Object.entries(maxByUnit).map(([unit, maximum]) => ({
      if: { properties: { unit: { const: unit } }, required: ['unit'] },
      then: { properties: { [field]: { maximum } } },
    })),
  };
}

/** Object options that accept no properties beyond those listed. */
export const closed = { additionalProperties: false } as const;

/** An object that accepts no properties beyond those listed. */
export function Closed<P extends TProperties>(properties: P, options: Record<string, unknown> = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** An array of at most `maxItems` items. */
export function List<S extends TSchema>(items: S, maxItems: number, options: Record<string, unknown> = {}) {
  return Type.Array(items, { maxItems, ...options });
}
