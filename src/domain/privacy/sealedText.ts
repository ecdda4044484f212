// Free text at rest (summaries, messages, notes): AES-256-GCM with a random 96-bit nonce per value.
// Format: "v1." + base64url(nonce | ciphertext | tag). The version prefix lets the key or the
// algorithm change later without guessing. An optional context (e.g. the record id) is bound as
// associated data, so a sealed value copied onto another row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const NONCE = 12;
const TAG = 16;

export function seal(key: Buffer, plaintext: string, context = ''): string {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
}

export class SealedTextError extends Error {}

export function open(key: Buffer, sealed: string, context = ''): string {
  const [version, payload] = sealed.split('.', 2);
  if (version !== VERSION || !payload) throw new SealedTextError('unknown sealed text format');
  const raw = Buffer.from(payload, 'base64url');
  if (raw.length < NONCE + TAG) throw new SealedTextError('sealed text too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.length - TAG));
  try {
    return Buffer.concat([decipher.update(raw.subarray(NONCE, raw.length - TAG)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedTextError('sealed text does not open with this key and context');
  }
}
