import { roundTo, type Region, type SourceRef } from '@leadmatch/domain';
import type { Label } from './labels.ts';

/** Lists long enough to drown the sentence are cut to this many, with the total stated. */
const LISTED = 3;

export function listZh(items: readonly string[]): string {
  return listZhOf(items, (item) => item);
}

export function listEn(items: readonly string[]): string {
  return listEnOf(items, (item) => item);
}

/** listZh of the items as `describe` words them; only the ones shown are worded. */
export function listZhOf<T>(items: readonly T[], describe: (item: T) => string): string {
  const shown = items.slice(0, LISTED).map(describe).join('、');
  return items.length > LISTED ? `${shown}等 ${items.length} 项` : shown;
}

export function listEnOf<T>(items: readonly T[], describe: (item: T) => string): string {
  const shown = items.slice(0, LISTED).map(describe).join(', ');
  return items.length > LISTED ? `${shown} and ${items.length - LISTED} more` : shown;
}

/** "1 carrier", "2 carriers". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

export const quoteZh = (text: string) => `“${text}”`;
export const quoteEn = (text: string) => `"${text}"`;

export function labelsZh(labels: readonly Label[]): string {
  return labels.map((label) => label.zh).join('、');
}

export function labelsEn(labels: readonly Label[]): string {
  return labels.map((label) => label.en).join(', ');
}

export function formatNumber(value: number): string {
  return String(roundTo(value, 2));
}

export function regionName(region: Region): string {
  const city = region.city !== null && region.city !== region.province ? region.city : '';
  return `${region.province}${city}${region.district ?? ''}`;
}

/** Each source reference once, in the order first cited. */
export function uniqueEvidence(refs: Iterable<SourceRef>): SourceRef[] {
  const unique: SourceRef[] = [];
  const seen = new Map<string, Set<string>>();
  for (const ref of refs) {
    let locators = seen.get(ref.source);
    if (!locators) seen.set(ref.source, (locators = new Set()));
    if (locators.has(ref.locator)) continue;
    locators.add(ref.locator);
    unique.push(ref);
  }
  return unique;
}

export function uniqueTerms(terms: Iterable<string>): string[] {
  return [...new Set(terms)];
}
