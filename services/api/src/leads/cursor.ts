import type { LeadCursor } from '@leadmatch/db';
import { DomainError } from '@leadmatch/domain';

/** An opaque cursor: base64url of the last lead's update time and id. */
export function encodeCursor(cursor: LeadCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt.toISOString(), cursor.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(text: string): LeadCursor {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(updatedAt);
    if (typeof id === 'string' && UUID.test(id) && !Number.isNaN(date.getTime())) return { updatedAt: date, id };
  } catch {
    /* falls through to the problem below */
  }
  throw new DomainError('validation-failed', 400, 'The cursor is not one this API issued.', [
    { pointer: '/cursor', location: 'querystring', message: 'must be a nextCursor value from a previous page' },
  ]);
}
