import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, type GbtLevel } from '@leadmatch/domain';
import { GBT_DIR, parseStandard, STANDARD_FILE } from './store/gbt-seed.ts';
import { SEEDS_DIR } from './store/seed-files.ts';

let levels: ReadonlyMap<string, GbtLevel> | undefined;

/** Every code of GB/T 4754-2017 with its level, read once from the seed's copy of the standard. */
function standardLevels(): ReadonlyMap<string, GbtLevel> {
  levels ??= new Map(parseStandard(readFileSync(join(SEEDS_DIR, GBT_DIR, STANDARD_FILE), 'utf8')).map((row) => [row.code, row.level]));
  return levels;
}

/**
 * Refuses a registered industry code that is not a class (小类) of GB/T 4754-2017, naming the field.
 * The standard has 1,382 classes; the transcription this service carries lacks one, which is then refused too.
 */
export function assertIndustryClass(code: string | null | undefined, pointer = '/industryCode'): void {
  if (code === null || code === undefined) return;
  const level = standardLevels().get(code);
  if (level === 'class') return;
  const message = level
    ? `"${code}" is a GB/T 4754-2017 ${level}, not a class (小类): give the four-digit class`
    : `"${code}" is not a GB/T 4754-2017 class (GET /v1/industries?level=class lists them)`;
  throw new DomainError('invalid-industry-code', 422, 'The registered industry code is not a GB/T 4754-2017 class.', [
    { pointer, location: 'body', message },
  ]);
}
