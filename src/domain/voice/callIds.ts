// How Doverie knows a call without keeping what the edge knows it by: the SIP Call-ID (which can carry
// the trunk's addresses) only ever as a keyed hash, and the call's routing contact id derived from it,
// so a route request asked again (a retry, a restart) finds the same contact.
import { createHmac } from 'node:crypto';

const mac = (pepper: Buffer, what: string, value: string) => createHmac('sha256', pepper).update(`${what}:${value}`).digest();

export const callKeyOf = (pepper: Buffer, callId: string): string => mac(pepper, 'sip-call', callId).toString('base64url');

/** A UUID (version 8, RFC 9562: application-defined) derived from the Call-ID. */
export function contactIdOfCall(pepper: Buffer, callId: string): string {
  const b = mac(pepper, 'sip-contact', callId).subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The edge's event ids are built from Call-IDs too: only their hash is kept. */
export const eventKeyOf = (pepper: Buffer, id: string): string => mac(pepper, 'sip-event', id).toString('base64url');
