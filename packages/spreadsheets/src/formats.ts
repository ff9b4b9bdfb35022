export type TableFormat = 'xlsx' | 'csv';

export const MEDIA_TYPES: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * The format an `Accept` header prefers (by q-value, then by order): .csv only when text/csv comes
 * before the xlsx media type or alone; .xlsx otherwise, the format desks open by default.
 */
export function formatForAccept(accept: string | undefined): TableFormat {
  const ranked = (accept ?? '')
    .split(',')
    .map((part, order) => {
      const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const q = Number(parameters.find((parameter) => parameter.startsWith('q='))?.slice(2) ?? 1);
      return { type, q: Number.isFinite(q) ? q : 0, order };
    })
    .filter(({ type, q }) => q > 0 && (type === 'text/csv' || type === MEDIA_TYPES.xlsx))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.type === 'text/csv' ? 'csv' : 'xlsx';
}

/** A file name's format from its extension, or undefined for anything else. */
export function formatOfFileName(name: string): TableFormat | undefined {
  const extension = name.toLowerCase().split('.').at(-1);
  return extension === 'xlsx' || extension === 'csv' ? extension : undefined;
}
