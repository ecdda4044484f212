// A stand-in for Doverie's two edge endpoints: records every request (path, Authorization header,
// raw body) and answers from the test's handlers.
import { createServer, type IncomingMessage } from 'node:http';

export interface Recorded {
  path: string;
  authorization: string | undefined;
  raw: string;
  body: Record<string, unknown>;
  /** The status this request was answered with. */
  status: number;
}

export interface Answer {
  status: number;
  body?: unknown;
}

export interface RecordingServer {
  url: string;
  routes: Recorded[];
  events: Recorded[];
  /** Events answered 200, in arrival order. */
  accepted(): Record<string, unknown>[];
  onRoute: (body: Record<string, unknown>) => Answer | Promise<Answer>;
  onEvent: (body: Record<string, unknown>) => Answer | Promise<Answer>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let b = '';
    req.on('data', (c: Buffer) => (b += c.toString('utf8')));
    req.on('end', () => resolve(b));
  });

export async function recordingServer(host = '127.0.0.1'): Promise<RecordingServer> {
  const rec: RecordingServer = {
    url: '',
    routes: [],
    events: [],
    accepted: () => rec.events.filter((e) => e.status === 200).map((e) => e.body),
    onRoute: () => ({ status: 200, body: { action: 'reject', code: 480, reason: 'No counsellor' } }),
    onEvent: () => ({ status: 200, body: { ok: true } }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = { unparsable: raw };
    }
    const path = req.url ?? '';
    const handler = path === '/api/voice/route' ? rec.onRoute : path === '/api/voice/events' ? rec.onEvent : null;
    const answer = handler ? await handler(body) : { status: 404 };
    const entry: Recorded = { path, authorization: req.headers.authorization, raw, body, status: answer.status };
    if (path === '/api/voice/route') rec.routes.push(entry);
    else if (path === '/api/voice/events') rec.events.push(entry);
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  rec.url = `http://${host}:${(server.address() as { port: number }).port}`;
  return rec;
}
