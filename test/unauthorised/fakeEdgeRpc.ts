// A stand-in for Kamailio's JSON-RPC (/RPC) on a loopback port, for the routes that reach the SIP
// edge (a supervisor ending a stuck call): it lists the dialogs a test gives it, records which ones
// Doverie ended, and can play dead (the connection dropped) to show what an unreachable edge answers.
import { createServer, type Server } from 'node:http';
import type { TestApp } from '../helpers/testApp.js';

export interface FakeDialog {
  callId: string;
  hEntry: number;
  hId: number;
}

export class FakeEdgeRpc {
  /** The edge's live dialogs (dlg.list). */
  readonly dialogs: FakeDialog[] = [];
  /** The Call-IDs of the dialogs Doverie ended (dlg.end_dlg), in order. */
  readonly ended: string[] = [];
  /** Every method Doverie called, with the bearer token it sent. */
  readonly calls: { method: string; authorization: string | undefined }[] = [];
  /** 'down': every connection is dropped without an answer (Kamailio not running). */
  mode: 'up' | 'down' = 'up';
  private nextH = 1;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeEdgeRpc> {
    const server = createServer();
    const edge = new FakeEdgeRpc(server);
    server.on('request', (req, res) => {
      if (edge.mode === 'down') {
        req.socket.destroy();
        return;
      }
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const rpc = JSON.parse(body || '{}') as { method?: string; params?: unknown[]; id?: number };
        edge.calls.push({ method: rpc.method ?? '', authorization: req.headers.authorization });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', result: edge.answer(rpc), id: rpc.id ?? null }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return edge;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  /** A call the edge holds a dialog for (so ending it goes through the edge). */
  addDialog(callId: string): void {
    this.dialogs.push({ callId, hEntry: this.nextH, hId: this.nextH++ });
  }

  private answer(rpc: { method?: string; params?: unknown[] }): unknown {
    if (rpc.method === 'dlg.list')
      return this.dialogs.map((d) => ({ 'call-id': d.callId, state: 4, h_entry: d.hEntry, h_id: d.hId, start_ts: 0 }));
    if (rpc.method === 'dlg.end_dlg') {
      const [hEntry, hId] = rpc.params ?? [];
      const i = this.dialogs.findIndex((d) => d.hEntry === hEntry && d.hId === hId);
      if (i >= 0) this.ended.push(this.dialogs.splice(i, 1)[0]!.callId);
      return null;
    }
    if (rpc.method === 'ul.dump') return { Domains: [] };
    return null;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Which fake edge a test app talks to (the cases find it from the app they are given). */
const edges = new WeakMap<TestApp, FakeEdgeRpc>();
export const attachEdge = (t: TestApp, edge: FakeEdgeRpc) => edges.set(t, edge);
export function edgeOf(t: TestApp): FakeEdgeRpc {
  const e = edges.get(t);
  if (!e) throw new Error('this test app has no fake SIP edge attached');
  return e;
}
