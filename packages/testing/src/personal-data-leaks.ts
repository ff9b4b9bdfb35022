/**
 * A mainland mobile number, bare or with +86, standing alone: letters and digits around it would make
 * it part of something else (a UUID, a hash, an epoch timestamp), and a decimal point with digits
 * around it would make it the fraction of a number (a response time).
 */
const MOBILE_NUMBER = /(?<![0-9A-Za-z]|\d\.)(?:\+?86)?1[3-9]\d{9}(?![0-9A-Za-z]|\.\d)/;

/** Contact names the test fixtures use (single characters and common words left out: they occur elsewhere). */
export const FIXTURE_CONTACT_NAMES = ['张伟', '欧阳娜娜', '王芳', '陈静', '李雷', '李四', '王五', 'Li Na'];

/** The log lines that show a mobile number or a contact name unmasked. */
export function personalDataLeaks(lines: readonly string[], names: readonly string[] = FIXTURE_CONTACT_NAMES): string[] {
  return lines.filter((line) => MOBILE_NUMBER.test(line) || names.some((name) => line.includes(name)));
}

const SHOWN_LEAKS = 5;

/**
 * Throws, naming the source and the first offending lines, when any line leaks. Meant for teardowns,
 * where tap refuses assertions (the test has ended) but fails the test on a thrown error.
 */
export function assertNoPersonalDataLeaks(lines: readonly string[], source: string): void {
  const leaks = personalDataLeaks(lines);
  if (leaks.length === 0) return;
  const shown = leaks.slice(0, SHOWN_LEAKS).join('\n');
  throw new Error(`${leaks.length} log line(s) of ${source} show a phone number or contact name unmasked:\n${shown}`);
}
