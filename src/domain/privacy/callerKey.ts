// The pseudonymous caller key: a keyed HMAC of a caller identifier (phone number, messenger id,
// chat device token). It links repeat contacts without ever storing the identifier itself;
// without the pepper it cannot be reversed by trying all phone numbers.
import { createHmac } from 'node:crypto';

export type IdentifierKind = 'phone' | 'telegram' | 'vk' | 'webchat-device';

/** Russian numbers in any common written form → E.164 (+7XXXXXXXXXX); other numbers keep their digits with '+'. */
export function normalisePhone(raw: string): string | undefined {
  const digits = raw.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  const bare = digits.replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(bare)) return undefined;
  if (bare.length === 11 && (bare.startsWith('8') || bare.startsWith('7')) && !digits.startsWith('+8')) return `+7${bare.slice(1)}`;
  if (bare.length === 10 && bare.startsWith('9')) return `+7${bare}`;
  return `+${bare}`;
}

/**
 * The key the SIP edge (Kamailio) hashes phone numbers with, as text (its HMAC takes a text key): derived
 * from the pepper, so the edge never holds the pepper itself, and a number hashed at the edge gives the
 * same caller key as the same number given to Doverie.
 */
export const phoneKeySecret = (pepper: Buffer): string => createHmac('sha256', pepper).update('sip-edge-phone-key').digest('hex');

export function callerKey(pepper: Buffer, kind: IdentifierKind, identifier: string): string {
  if (kind === 'phone') {
    const e164 = normalisePhone(identifier) ?? identifier.trim();
    return createHmac('sha256', phoneKeySecret(pepper)).update(`phone:${e164}`).digest('base64url');
  }
  return createHmac('sha256', pepper).update(`${kind}:${identifier.trim()}`).digest('base64url');
}
