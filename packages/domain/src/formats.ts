import { isValidCreditCode } from './credit-code.ts';
import { normalizePhone } from './phone.ts';

/** JSON Schema formats the domain schemas use, for registering with a validator (ajv). */
export const customFormats = {
  'credit-code': (value: string) => isValidCreditCode(value),
  'mobile-phone': (value: string) => normalizePhone(value) !== null,
  /** A file sent as a multipart part (OpenAPI's file upload); the route reads the part itself. */
  binary: () => true,
} as const;

export const formatMessages: Record<keyof typeof customFormats, string> = {
  'credit-code': 'must be an 18-character unified social credit code (统一社会信用代码) with a valid check character',
  'mobile-phone': 'must be a mainland mobile number (11 digits) or an E.164 number such as +85291234567',
  binary: 'must be a file',
};
