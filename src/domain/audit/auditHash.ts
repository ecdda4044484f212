// The hash that links one audit row to the one before it in its chain.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  chain: string;
  seq: number;
  at: Date;
  actorId: string | null;
  serviceId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

export function auditHash(f: HashedFields): string {
  const content = canonicalJson({ ...f, at: f.at.toISOString() });
  return createHash('sha256').update(content).digest('hex');
}
