import fc from 'fast-check';

/**
 * Text and numbers for the fuzz files: ordinary text, the unusual texts a format allows, the
 * characters and numbers the API must refuse with a 4xx (issue 14), and how they go into a URL.
 */

const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** One code point of ordinary text: ASCII, common CJK, some punctuation, an emoji and a CJK extension B character. */
export const textUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ASCII) },
  { weight: 3, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCodePoint(code)) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '-', '_', '.', '（', '）', '😀', '𠀀', 'é', '\t') },
);

/**
 * Texts a format's definition (RFC 3339, RFC 4122 as ajv reads them …) allows but that are unusual:
 * a leap second, an offset that crosses year 0000 or 9999, a `urn:uuid:` prefix. They pass validation
 * unless the API narrows the format; either way they must not make a 5xx.
 */
export const FORMAT_EDGES: Record<string, string[]> = {
  uuid: [
    'urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    '6BA7B810-9DAD-11D1-80B4-00C04FD430C8',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
  ],
  'date-time': [
    '2026-12-31T23:59:60Z',
    '2026-06-30T15:59:60-08:00',
    '2026-12-31T23:59:59+08',
    '2026-12-31T23:59:59+0800',
    '2026-12-31t23:59:59z',
    '2026-12-31 23:59:59Z',
    '2026-12-31T23:59:59.123456789Z',
    '2026-12-31T23:59:59-00:00',
    '0000-01-01T00:00:00Z',
    '0000-01-01T00:00:00+01:00',
    '9999-12-31T23:59:59.999Z',
    '9999-12-31T23:59:59-14:00',
    '2024-02-29T00:00:00Z',
  ],
  date: ['0000-01-01', '9999-12-31', '2024-02-29', '1970-01-01'],
  email: ['a@b', `${'x'.repeat(64)}@example.com`, 'a.b+c@xn--fsq.com', '"quoted"@example.com'],
  // No names to resolve (see schema-arbitraries.ts' `url`): user:pass and the bad port are refused before any lookup.
  uri: ['http://[::1]/', 'http://0x7f.1/', 'http://user:pass@example.com/', 'javascript:alert(1)', 'http://a:99999/', 'https://1.1.1.1/%zz', 'https://[2606:4700::1111]/x?y#z'],
};

/**
 * Characters the API refuses wherever they appear (issue 14): NUL, the other C0 controls except tab,
 * line feed and carriage return, DEL, the C1 controls, and lone UTF-16 surrogates.
 */
export const REFUSED_CHARACTERS = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u000e', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f', '\ud800', '\udbff', '\udc00', '\udfff',
];

/** Whether `text` holds a character of REFUSED_CHARACTERS' classes. */
export function holdsRefused(text: string): boolean {
  return holdsControl(text) || holdsLoneSurrogate(text);
}

/** A control character other than tab, CR and LF: what stays refused once a URL is decoded. */
export const holdsControl = (text: string) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(text);
/**
 * A lone surrogate has no UTF-8 form: percent-encoded as generalised UTF-8 it does not decode, so a path
 * holding one is a 400 and a query key or value holding one is kept as it was sent, percent-escapes
 * and all (what it held then never reaches the app decoded).
 */
export const holdsLoneSurrogate = (text: string) => /[\uD800-\uDFFF]/u.test(text);

/** Text holding at least one refused character, among ordinary text. */
export const refusedText: fc.Arbitrary<string> = fc
  .tuple(fc.string({ unit: textUnit, maxLength: 12 }), fc.array(fc.constantFrom(...REFUSED_CHARACTERS), { minLength: 1, maxLength: 3 }), fc.string({ unit: textUnit, maxLength: 12 }))
  .map(([before, refused, after]) => `${before}${refused.join('')}${after}`)
  // A lone high surrogate next to a lone low one makes a pair, which is no longer refused.
  .filter((text) => holdsRefused(text));

/** Unusual text the API may store: BOM, line separators, RTL marks, combining marks, astral characters. */
export const oddButStorableText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\ufeff', '\u2028\u2029', '\u202eabc', 'e\u0301', '𠀀😀', '\r\n\t', ' ', '', '   ', '\\', '"', "'; drop table leads; --", '%00', '${x}', '<script>'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/**
 * Numbers as raw JSON text: out of double range (parsed as ±Infinity, `refused`), and finite ones at or
 * past what integers, Postgres columns and doubles hold.
 */
export const NON_FINITE_JSON = ['1e309', '-1e309', '0.1e999999', '1E400'];
export const EXTREME_JSON_NUMBERS = [
  '1e308', '-1e308', '1.7976931348623157e308', '9007199254740993', '-9007199254740993', '2147483648', '-2147483649', '-1', '-0', '0', '0.5', '5e-324', '1e-400', '1e21', '123456789012345678901234567890',
];

/** Bodies that would set a property of Object.prototype if parsed carelessly. */
export const POLLUTING = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"a":{"__proto__":{"polluted":"yes"}}}',
];

/** Sent as they are, not encoded: percent-escapes that decode to nothing valid. */
export const BROKEN_ESCAPES = ['%E0%A4%A', '%zz', '%', '%ED%A0%80', '%FF%FE'];

/** Encodes text for a URL path segment or query value; a lone surrogate becomes its generalised UTF-8 (WTF-8) bytes. */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}
