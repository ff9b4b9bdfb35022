/**
 * A mainland mobile number, bare or with +86, standing alone: letters and digits around it would make
 * it part of something else (a UUID, a timestamp).
 */
const MOBILE_NUMBER = /(?<![0-9A-Za-z])(?:\+?86)?1[3-9]\d{9}(?![0-9A-Za-z])/;

/** Contact names the test fixtures use (single characters and common words left out: they occur elsewhere). */
export const FIXTURE_CONTACT_NAMES = ['张伟', '欧阳娜娜', '王芳', '陈静', '李雷', '李四', '王五', 'Li Na'];

/** The log lines that show a mobile number or a contact name unmasked. */
export function personalDataLeaks(lines: readonly string[], names: readonly string[] = FIXTURE_CONTACT_NAMES): string[] {
  return lines.filter((line) => MOBILE_NUMBER.test(line) || names.some((name) => line.includes(name)));
}
