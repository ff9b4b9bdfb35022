import { maskEmail, maskName, maskPhone } from './phone.ts';

const PHONE_KEYS = ['phone', 'contactPhone', 'contact_phone'];
const NAME_KEYS = ['contactName', 'contact_name'];
const EMAIL_KEYS = ['email', 'contactEmail', 'contact_email'];

/** Every place a contact's name, phone or e-mail could sit in a log line, at any of the first levels. */
const personalPaths = ['contact.name', 'contact.phone', 'contact.email', ...PHONE_KEYS, ...NAME_KEYS, ...EMAIL_KEYS].flatMap(
  (path) => [path, `*.${path}`, `*.*.${path}`],
);

function mask(value: unknown, path: string[]): unknown {
  if (path.at(-1) === 'authorization') return '[redacted]';
  if (typeof value !== 'string') return value === undefined || value === null ? value : '[masked]';
  const key = path.at(-1) ?? '';
  if (PHONE_KEYS.includes(key)) return maskPhone(value);
  if (EMAIL_KEYS.includes(key)) return maskEmail(value);
  return maskName(value);
}

/** pino's `redact` option for every process: personal data masked, credentials removed. */
export const logRedaction = {
  paths: [...personalPaths, 'req.headers.authorization', 'headers.authorization'],
  censor: mask,
};
