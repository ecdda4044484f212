// Ids that are the same on every install and every save: UUIDv5 (RFC 9562) of a name, so the seeded
// taxonomy has the same ids everywhere (exports from two installs agree), and the rows an entry's
// editor writes (its phones, hours, areas…) keep their ids from one save to the next.
import { createHash } from 'node:crypto';

/** Doverie's namespace for names hashed into UUIDs. */
export const DOVERIE_NAMESPACE = '5b1c2f0e-7a43-4c8e-9d1f-2e6a8b3c4d5e';

const hex = (id: string) => id.replace(/-/g, '');
const format = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

export function uuidV5(name: string, namespace = DOVERIE_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(hex(namespace), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  return format(hash.subarray(0, 16).toString('hex'));
}

/**
 * The id of the index-th row of a kind that an entry's editor writes under a service: the same
 * name-based UUID for the kind, its last four hex digits the position, so the rows sort by id in the
 * order the editor gave them (phones: the first is the one a referral keeps).
 */
export function positionalId(serviceId: string, kind: string, index: number): string {
  const base = uuidV5(`${serviceId.toLowerCase()}:${kind}`);
  return base.slice(0, 32) + index.toString(16).padStart(4, '0');
}
