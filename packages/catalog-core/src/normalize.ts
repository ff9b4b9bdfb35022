import { toSimplified } from '@leadmatch/domain';

/** Trimmed, NFKC (full-width letters and digits become ASCII), mainland Simplified, lower case. */
export function normalize(text: string): string {
  return toSimplified(text.trim().normalize('NFKC')).toLowerCase();
}
