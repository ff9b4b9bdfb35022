import type { GbtLevel } from '@leadmatch/domain';

const GBT_CODE = /^[A-T](\d{2}|\d{3}|\d{4})?$/;
const LEVEL_BY_LENGTH: Record<number, GbtLevel> = { 1: 'section', 3: 'division', 4: 'group', 5: 'class' };

/** A GB/T 4754-2017 code (section letter, then 2, 3 or 4 digits), as opposed to a focus code. */
export function isGbtCode(code: string): boolean {
  return GBT_CODE.test(code);
}

/** The level and parent a GB/T code's shape implies: C3441 is a class under the group C344. */
export function gbtShape(code: string): { level: GbtLevel; parent: string | null } {
  const level = LEVEL_BY_LENGTH[code.length]!;
  const parent = code.length === 1 ? null : code.length === 3 ? code[0]! : code.slice(0, -1);
  return { level, parent };
}
