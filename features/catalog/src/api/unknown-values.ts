/** JSON pointers of every null inside a value: what the catalog does not know. */
export function unknownValues(value: unknown, path = ''): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownValues(item, `${path}/${i}`));
  if (typeof value === 'object' && value !== undefined) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => unknownValues(item, `${path}/${key}`));
  }
  return [];
}
