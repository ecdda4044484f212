// The chat load generator's HTTP side: one JSON request over a bounded keep-alive pool, a runner
// with a bounded number of tasks in flight, and how a refused answer is counted.
import http from 'node:http';

export interface Reply {
  status: number;
  body: string;
}

export function request(
  agent: http.Agent,
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const all =
    payload === undefined
      ? headers
      : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) };
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: base.hostname, port: base.port, method, path, headers: all }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function pooled<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** `status code` of a refused answer, e.g. `429 chat.too_many_chats`. */
export function errorKey(r: Reply): string {
  try {
    return `${r.status} ${(JSON.parse(r.body) as { code?: string }).code ?? ''}`.trim();
  } catch {
    return String(r.status);
  }
}

export const tally = (into: Record<string, number>, key: string) => void (into[key] = (into[key] ?? 0) + 1);
