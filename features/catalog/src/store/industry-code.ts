import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@leadmatch/domain';
import { GBT_DIR, parseStandard, STANDARD_FILE } from './gbt-seed.ts';
import { SEEDS_DIR } from './seed-files.ts';

let classes: ReadonlySet<string> | undefined;

/** The classes (小类) of GB/T 4754-2017, read once from the seed's copy of the standard. */
function standardClasses(): ReadonlySet<string> {
  classes ??= new Set(
    parseStandard(readFileSync(join(SEEDS_DIR, GBT_DIR, STANDARD_FILE), 'utf8'))
      .filter((row) => row.level === 'class')
      .map((row) => row.code),
  );
  return classes;
}

/**
 * Refuses a registered industry code that is not a class (小类) of GB/T 4754-2017, naming the field.
 * The standard has 1,382 classes; the transcription this service carries lacks one, which is then refused too.
 */
export function assertIndustryClass(code: string | null | undefined, pointer = '/industryCode'): void {
  if (code === null || code === undefined || standardClasses().has(code)) return;
  throw new DomainError('invalid-industry-code', 422, 'The registered industry code is not a GB/T 4754-2017 class.', [
    { pointer, location: 'body', message: `"${code}" is not a GB/T 4754-2017 class (小类); GET /v1/industries?level=class lists them` },
  ]);
}
