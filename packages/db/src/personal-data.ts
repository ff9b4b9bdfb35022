import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Which column a sealed value belongs to; bound into the seal, so a value cannot be moved to another column. */
export type PersonalField =
  | 'contact_name'
  | 'contact_phone'
  | 'contact_email'
  | 'idempotent_response'
  | 'lead_notes'
  | 'close_note'
  | 'follow_up_note'
  | 'history_note'
  | 'staff_name'
  | 'staff_email'
  | 'webhook_secret';

/**
 * Seals contact data at rest (AES-256-GCM, a random 12-byte IV per value) and keys the phone hash
 * used for lookup and dedup (HMAC-SHA256). Both keys are derived from PII_KEY with HKDF.
 */
export interface PersonalData {
  seal(field: PersonalField, text: string): string;
  open(field: PersonalField, sealed: string): string;
  /** A keyed hash of an E.164 number: equal numbers, equal hashes; useless without the key. */
  phoneHash(e164: string): string;
}

/** Seals a value that may be absent: null stays null. */
export function sealNullable(personalData: PersonalData, field: PersonalField, text: string | null): string | null {
  return text === null ? null : personalData.seal(field, text);
}

/** Opens a sealed column, or passes on the plaintext of a row written before sealing (sealed at the next boot). */
export function openNullable(personalData: PersonalData, field: PersonalField, sealed: string | null, legacyPlaintext: string | null = null): string | null {
  return sealed === null ? legacyPlaintext : personalData.open(field, sealed);
}

/**
 * The envelope is `v1.<iv>.<ciphertext>.<tag>` (base64url). The version names the envelope format
 * and key derivation; rotating PII_KEY would need a second version naming the new key.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

function deriveKey(piiKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', piiKey, Buffer.alloc(0), `leadmatch/${VERSION}/${purpose}`, KEY_BYTES));
}

export function personalDataFor(piiKey: Buffer): PersonalData {
  if (piiKey.length !== KEY_BYTES) throw new Error(`the personal-data key must be ${KEY_BYTES} bytes`);
  const sealKey = deriveKey(piiKey, 'seal');
  const hashKey = deriveKey(piiKey, 'phone-hash');
  return {
    seal(field, text) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv).setAAD(Buffer.from(field));
      const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(field, sealed) {
      const [version, iv, ciphertext, tag] = sealed.split('.');
      if (version !== VERSION || iv === undefined || ciphertext === undefined || tag === undefined) {
        throw new Error(`not a sealed value of version ${VERSION}`);
      }
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      // A short tag would be accepted by Node and make forgeries cheap.
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new Error('a sealed value with a malformed IV or tag');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, ivBytes, { authTagLength: TAG_BYTES })
        .setAAD(Buffer.from(field))
        .setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
    phoneHash(e164) {
      return `${VERSION}.${createHmac('sha256', hashKey).update(e164).digest('base64url')}`;
    },
  };
}
