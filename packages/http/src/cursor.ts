import { DomainError } from '@leadmatch/domain';

/** A keyset position: the last item's sort time and id. */
export interface PagePosition {
  at: Date;
  id: string;
}

/** An opaque cursor: base64url of the last item's sort time and id. */
export function encodeCursor({ at, id }: PagePosition): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What toISOString writes for years 0–9999; anything else (a year before 0, or in the far future) is not a cursor this API issued. */
const ISSUED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function issued(time: unknown, id: unknown): PagePosition | null {
  if (typeof time !== 'string' || typeof id !== 'string' || !ISSUED_TIME.test(time) || !UUID.test(id)) return null;
  const at = new Date(time);
  return !Number.isNaN(at.getTime()) && at.toISOString() === time ? { at, id } : null;
}

/** The position a cursor of `encodeCursor` names; a 400 naming `cursor` for anything else. */
export function decodeCursor(text: string): PagePosition {
  let position: PagePosition | null = null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) position = issued(decoded[0], decoded[1]);
  } catch {
    position = null;
  }
  if (position) return position;
  throw new DomainError('validation-failed', 400, 'The cursor is not one this API issued.', [
    { pointer: '/cursor', location: 'querystring', message: 'must be a nextCursor value from a previous page' },
  ]);
}
