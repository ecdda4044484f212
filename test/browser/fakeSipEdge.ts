// A stand-in for the SIP edge in the softphone's browser test, on one loopback port: Kamailio's
// JSON-RPC (/RPC, answered with empty results, so that Doverie's start-up resync succeeds) and the
// WebSocket the browser registers over. In 'close' mode every WebSocket is dropped at once (no SIP
// server there); in 'sip' mode it is a tiny registrar (Digest against the credentials Doverie issued)
// and a caller that sends INVITEs, answers BYE, and answers re-INVITEs as the test says.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  checkDigest,
  cseqMethod,
  digestUsername,
  header,
  message,
  parseSip,
  reply,
  tagOf,
  token,
  uriOf,
  type SipMessage,
} from './sipWire.js';

export interface SentInvite {
  callId: string;
  /** The softphone's responses to the INVITE, in order (180, 200 or 486 …). */
  statuses: number[];
  /** The SDP of its 200 OK, once it answered. */
  answerSdp: string | null;
  /** Hangs up from the caller's side; resolves with the softphone's answer to the BYE. */
  bye(): void;
}

export class FakeSipEdge {
  mode: 'close' | 'sip' = 'close';
  /** The WebSocket subprotocols browsers asked for, one entry per connection attempt. */
  readonly upgrades: string[] = [];
  /** Every SIP message the softphone sent. */
  readonly received: SipMessage[] = [];
  /** Auth usernames whose REGISTER carried a valid Digest for the password Doverie issued. */
  readonly registeredAs: string[] = [];
  /** What a re-INVITE (hold, unhold) gets: a status, and the SDP answer for a 200. */
  onReinvite: (sdp: string) => Promise<{ status: number; sdp?: string }> = async () => ({ status: 488 });
  /** Auth usernames of REGISTERs whose 200 OK is being held back (see holdRegisters). */
  readonly heldRegisters: string[] = [];
  private registerGate: Promise<void> | null = null;
  private ws: WebSocket | null = null;
  private readonly invites = new Map<
    string,
    SentInvite & { uri: string; fromTag: string; branch: string; toTag: string; contact: string }
  >();

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    private readonly passwordOf: (username: string) => string | undefined,
  ) {}

  static async start(passwordOf: (username: string) => string | undefined): Promise<FakeSipEdge> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const id = (JSON.parse(body || '{}') as { id?: number }).id ?? null;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', result: null, id }));
      });
    });
    const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) });
    const edge = new FakeSipEdge(server, wss, passwordOf);
    server.on('upgrade', (req, socket, head) => edge.upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return edge;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.upgrades.push(String(req.headers['sec-websocket-protocol'] ?? ''));
    if (this.mode === 'close') {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.ws = ws;
      ws.on('message', (data) => void this.take(parseSip(String(data))));
    });
  }

  private send(text: string): void {
    this.ws?.send(text);
  }

  private async take(m: SipMessage): Promise<void> {
    this.received.push(m);
    if (m.status !== undefined) return this.response(m);
    const toTag = tagOf(header(m, 'to')) || token();
    switch (m.method) {
      case 'REGISTER':
        return this.register(m, toTag);
      case 'BYE':
      case 'OPTIONS':
        return this.send(reply(m, 200, 'OK', toTag));
      case 'INVITE': {
        const answer = await this.onReinvite(m.body);
        const extra = [`Contact: <sip:edge@127.0.0.1:${this.port};transport=ws>`];
        return this.send(reply(m, answer.status, answer.status === 200 ? 'OK' : 'Not Acceptable Here', toTag, extra, answer.sdp ?? ''));
      }
      default:
        return; // ACK and the like need no answer
    }
  }

  private async register(m: SipMessage, toTag: string): Promise<void> {
    const authorization = header(m, 'authorization');
    if (!authorization) {
      const challenge = `WWW-Authenticate: Digest realm="127.0.0.1", nonce="${token()}", qop="auth", algorithm=MD5`;
      return this.send(reply(m, 401, 'Unauthorized', toTag, [challenge]));
    }
    const username = digestUsername(authorization);
    // The test reads the issued password off the page's HTTP response, which may land a moment later.
    for (let i = 0; i < 30 && this.passwordOf(username) === undefined; i++) await new Promise((r) => setTimeout(r, 100));
    if (!checkDigest(authorization, 'REGISTER', this.passwordOf(username))) return this.send(reply(m, 403, 'Forbidden', toTag));
    if (this.registerGate) {
      this.heldRegisters.push(username);
      await this.registerGate;
    }
    this.registeredAs.push(username);
    this.send(reply(m, 200, 'OK', toTag, [`Contact: ${header(m, 'contact')}`]));
  }

  /**
   * Until the returned function is called, an authenticated REGISTER is challenged as usual but its
   * 200 OK waits: the softphone has a registration in progress (as with a slow registrar).
   */
  holdRegisters(): () => void {
    let release!: () => void;
    this.registerGate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.registerGate = null;
      release();
    };
  }

  /** Rings the softphone's user with an anonymous call offering `sdp`. */
  invite(user: string, sdp: string): SentInvite {
    const callId = token();
    const sent = {
      callId,
      statuses: [] as number[],
      answerSdp: null as string | null,
      uri: `sip:${user}@127.0.0.1`,
      fromTag: token(),
      branch: `z9hG4bK${token()}`,
      toTag: '',
      contact: '',
      bye: () => this.bye(callId),
    };
    this.invites.set(callId, sent);
    this.send(message([`INVITE ${sent.uri} SIP/2.0`, ...this.dialogHeaders(sent, sent.branch, '1 INVITE', false)], sdp));
    return sent;
  }

  private dialogHeaders(
    c: { callId: string; uri: string; fromTag: string; toTag: string },
    branch: string,
    cseq: string,
    withToTag = true,
  ) {
    return [
      `Via: SIP/2.0/WS 127.0.0.1:${this.port};branch=${branch}`,
      'Max-Forwards: 70',
      `From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=${c.fromTag}`,
      `To: <${c.uri}>${withToTag && c.toTag ? `;tag=${c.toTag}` : ''}`,
      `Call-ID: ${c.callId}`,
      `CSeq: ${cseq}`,
      `Contact: <sip:edge@127.0.0.1:${this.port};transport=ws>`,
    ];
  }

  private response(m: SipMessage): void {
    const call = this.invites.get(header(m, 'call-id'));
    if (!call || cseqMethod(m) !== 'INVITE' || m.status! < 180) return;
    if (call.statuses.at(-1) !== m.status) call.statuses.push(m.status!);
    if (m.status! < 200) return;
    call.toTag = tagOf(header(m, 'to'));
    if (m.status === 200) {
      call.answerSdp = m.body;
      call.contact = uriOf(header(m, 'contact'));
      this.send(message([`ACK ${call.contact} SIP/2.0`, ...this.dialogHeaders(call, `z9hG4bK${token()}`, '1 ACK')]));
    } else {
      this.send(message([`ACK ${call.uri} SIP/2.0`, ...this.dialogHeaders(call, call.branch, '1 ACK')]));
    }
  }

  private bye(callId: string): void {
    const call = this.invites.get(callId)!;
    this.send(message([`BYE ${call.contact} SIP/2.0`, ...this.dialogHeaders(call, `z9hG4bK${token()}`, '2 BYE')]));
  }

  /** The requests of one method the softphone sent (e.g. BYE), optionally for one call. */
  requests(method: string, callId?: string): SipMessage[] {
    return this.received.filter((m) => m.method === method && (callId === undefined || header(m, 'call-id') === callId));
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
