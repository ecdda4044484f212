// The caller's number must never reach the counsellor side: every SIP message the counsellors' phones
// received (the phones' SIPp logs them) is searched for the callers' numbers, in any form that ends in
// the same ten digits (89161234567, +79161234567, 79161234567).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Leak {
  /** Messages received by the phones that hold a caller's number, by their first line's method or status. */
  messages: Record<string, number>;
  /** Distinct callers whose number was seen. */
  callers: number;
  example: string | null;
}

export async function callerNumbersAtPhones(phonesDir: string, numbers: string[]): Promise<Leak> {
  const wanted = new Set(numbers.map((n) => n.slice(-10)));
  const log = await readFile(join(phonesDir, 'messages.log'), 'utf8');
  const messages: Record<string, number> = {};
  const callers = new Set<string>();
  let example: string | null = null;
  for (const block of log.split(/^-{10,}.*$/m)) {
    const m = /message received[^\n]*\n+([^\n]*)/.exec(block);
    if (!m) continue;
    const seen = [...block.matchAll(/\d{10,}/g)].map((d) => d[0].slice(-10)).filter((d) => wanted.has(d));
    if (seen.length === 0) continue;
    const kind = m[1]!.startsWith('SIP/2.0') ? m[1]!.split(' ').slice(0, 2).join(' ') : m[1]!.split(' ')[0]!;
    messages[kind] = (messages[kind] ?? 0) + 1;
    for (const d of seen) callers.add(d);
    example ??= block.split('\n').find((l) => wanted.has((/\d{10,}/.exec(l)?.[0] ?? '').slice(-10))) ?? null;
  }
  return { messages, callers: callers.size, example };
}
