// The counsellors' desk phones: one SIPp UAS answers for all of them (every registration's Contact points
// at it), and each counsellor registers with the credentials Doverie issued, one short SIPp run each.
import { join } from 'node:path';
import type { Netns } from '../../test/voice/harness/netns.js';
import { pooled } from '../chat/http.js';
import { PHONES_ADDRESS, PHONES_PORT, REGISTER_PORT, RING_MS, SIP_PORT } from './options.js';
import type { PhoneCredentials } from './people.js';
import { errorLines, startSipp, type Sipp } from './sipp.js';

/** How many registering SIPps run at once (each on its own port from REGISTER_PORT). */
const PARALLEL = 8;

export function startPhones(ns: Netns, dir: string): Promise<Sipp> {
  return startSipp(ns, {
    scenario: 'counsellor_uas',
    dir: join(dir, 'phones'),
    address: PHONES_ADDRESS,
    port: PHONES_PORT,
    mediaPort: 17000,
    pauseMs: RING_MS,
    // what the phones receive is checked for the callers' numbers (bench/voice/anonymity.ts)
    trace: true,
  });
}

/** Registers every phone; throws with SIPp's unexpected messages when one did not get its 200. */
export async function registerPhones(ns: Netns, dir: string, credentials: PhoneCredentials[]): Promise<void> {
  // SIPp binds several media ports from -mp on: each slot gets its own ten.
  const slots = Array.from({ length: PARALLEL }, (_, i) => i);
  const failures: string[] = [];
  await pooled(
    credentials.map((c, i) => ({ c, i })),
    PARALLEL,
    async ({ c, i }) => {
      const slot = slots.pop()!;
      try {
        const regDir = join(dir, 'register', String(i));
        const sipp = await startSipp(ns, {
          scenario: 'register_uac',
          dir: regDir,
          address: PHONES_ADDRESS,
          port: REGISTER_PORT + slot,
          mediaPort: 19000 + slot * 10,
          remote: `${ns.nsAddress}:${SIP_PORT}`,
          keys: { user: c.sipUser, contact: `${PHONES_ADDRESS}:${PHONES_PORT}` },
          auth: { username: c.username, password: c.password },
          calls: 1,
          timeoutS: 20,
        });
        const { code } = await sipp.done;
        if (code !== 0) failures.push(`phone ${i}: SIPp exit ${code}\n${errorLines(regDir, 8).join('\n')}`);
      } finally {
        slots.push(slot);
      }
    },
  );
  if (failures.length > 0) throw new Error(`${failures.length} phones did not register:\n${failures.slice(0, 3).join('\n')}`);
}
