import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const SEPARATORS = /[\s-]/g;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Accepts a mainland mobile number (11 digits, optionally +86) or any valid E.164 number.
 * Returns the number in E.164, or null when it is neither.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(SEPARATORS, '');
  if (MAINLAND_MOBILE.test(compact)) return `+86${compact}`;
  if (!compact.startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(compact);
  if (!parsed?.isValid()) return null;
  if (parsed.country === 'CN' && !MAINLAND_MOBILE.test(parsed.nationalNumber)) return null;
  return parsed.number;
}

/** 138****5678 for a mainland number; otherwise keeps the first 3 and last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.startsWith('+86') ? phone.slice(3) : phone;
  if (digits.length === 11 && MAINLAND_MOBILE.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 5) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/** 张** / J*** S***: keeps the first character of each word. */
export function maskName(name: string): string {
  return [...name.trim()].length <= 1
    ? '*'
    : name
        .trim()
        .split(/\s+/)
        .map((word) => {
          const chars = [...word];
          return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
        })
        .join(' ');
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
