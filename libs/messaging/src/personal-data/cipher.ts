import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The encryption of one personal field with its person's key: AES-256-GCM, a fresh 96-bit IV per
 * value, the person's id as additional data (a value moved to another person's event does not
 * open), written as `enc:v1:` and base64url(iv | tag | ciphertext) so that it stays a string
 * in the event's JSON.
 */
const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export function newPersonalDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function sealValue(key: Buffer, subjectId: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Raised for a sealed value that does not open with the key it names: forged or corrupted. */
export class SealedValueInvalid extends Error {}

export function openValue(key: Buffer, subjectId: string, sealed: string): string {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SealedValueInvalid('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(subjectId, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedValueInvalid('sealed value does not open with its person’s key');
  }
}
