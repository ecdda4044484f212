// How Doverie knows a call without keeping what the edge knows it by: the SIP Call-ID (which can carry
// the trunk's addresses) only ever as a keyed hash, and the call's routing contact id derived from it,
// so a route request asked again (a retry, a restart) finds the same contact.
import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (pepper: Buffer, what: string, value: string) => createHmac('sha256', pepper).update(`${what}:${value}`).digest();

export const callKeyOf = (pepper: Buffer, callId: string): string => mac(pepper, 'sip-call', callId).toString('base64url');

const uuidOfHex = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

/** A UUID (version 8, RFC 9562: application-defined) derived from the Call-ID. */
export function contactIdOfCall(pepper: Buffer, callId: string): string {
  const b = mac(pepper, 'sip-contact', callId).subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return uuidOfHex(b.toString('hex'));
}

const transferSignature = (pepper: Buffer, hex: string) => mac(pepper, 'sip-transfer', hex).subarray(0, 12).toString('base64url');

/**
 * The user part of the URI a transferred caller's side is referred to (and calls): the contact the
 * transfer made, signed, so that nobody can make up a call into a counsellor's hands.
 */
export function transferUserOf(pepper: Buffer, contactId: string): string {
  const hex = contactId.replaceAll('-', '').toLowerCase();
  return `xfer-${hex}-${transferSignature(pepper, hex)}`;
}

/** The contact a transfer URI's user names, or null when it is no transfer user or its signature is wrong. */
export function contactOfTransferUser(pepper: Buffer, user: string): string | null {
  const m = /^xfer-([0-9a-f]{32})-([A-Za-z0-9_-]{16})$/.exec(user);
  if (!m) return null;
  const expected = Buffer.from(transferSignature(pepper, m[1]!));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? uuidOfHex(m[1]!) : null;
}

/** The edge's event ids are built from Call-IDs too: only their hash is kept. */
export const eventKeyOf = (pepper: Buffer, id: string): string => mac(pepper, 'sip-event', id).toString('base64url');
