// baresip's ctrl_tcp protocol: netstrings ("<len>:<json>,") both ways. Commands are
// {"command","params","token"} and get {"response":true,"ok","data","token"}; events arrive as
// {"event":true,"type":"CALL_ESTABLISHED",...} whenever they happen.
import { connect, type Socket } from 'node:net';

export interface BaresipEvent {
  event: true;
  type: string;
  class?: string;
  accountaor?: string;
  direction?: string;
  peeruri?: string;
  id?: string;
  param?: string;
  [key: string]: unknown;
}

interface Response {
  response: true;
  ok: boolean;
  data: string;
  token: string;
}

export class BaresipCtrl {
  readonly events: BaresipEvent[] = [];
  private buffer = Buffer.alloc(0);
  private seq = 0;
  private readonly pending = new Map<string, (r: Response) => void>();
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => {}); // a closed socket fails pending commands via 'close'
    socket.on('close', () => {
      for (const resolve of this.pending.values()) resolve({ response: true, ok: false, data: 'ctrl_tcp connection closed', token: '' });
      this.pending.clear();
      for (const l of [...this.listeners]) l();
    });
  }

  static open(host: string, port: number, timeoutMs = 5000): Promise<BaresipCtrl> {
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const attempt = () => {
        const socket = connect(port, host);
        socket.once('connect', () => {
          socket.removeAllListeners('error');
          resolve(new BaresipCtrl(socket));
        });
        socket.once('error', (err) => {
          socket.destroy();
          if (Date.now() > deadline) reject(new Error(`baresip ctrl_tcp ${host}:${port}: ${err.message}`));
          else setTimeout(attempt, 100);
        });
      };
      attempt();
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const len = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + len + 1) return;
      const json = this.buffer.subarray(colon + 1, colon + 1 + len).toString('utf8');
      this.buffer = this.buffer.subarray(colon + 1 + len + 1);
      const msg = JSON.parse(json) as { response?: boolean; event?: boolean };
      if (msg.response === true) {
        const r = msg as Response;
        this.pending.get(r.token)?.(r);
        this.pending.delete(r.token);
      } else if (msg.event === true) {
        this.events.push(msg as BaresipEvent);
        for (const l of [...this.listeners]) l();
      }
    }
  }

  /** Sends a command (dial, hangup, accept, reginfo, ...); resolves with its text, rejects when not ok. */
  command(command: string, params = '', timeoutMs = 5000): Promise<string> {
    const token = `t${++this.seq}`;
    const json = JSON.stringify({ command, params, token });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new Error(`baresip ${command}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(token, (r) => {
        clearTimeout(timer);
        if (r.ok) resolve(r.data);
        else reject(new Error(`baresip ${command} ${params}: ${r.data}`));
      });
      this.socket.write(`${Buffer.byteLength(json)}:${json},`);
    });
  }

  /** Resolves with the first event (from index `since` on) of one of `types`; rejects on one of `failTypes`. */
  waitEvent(types: string[], timeoutMs = 10_000, since = 0, failTypes: string[] = []): Promise<BaresipEvent> {
    return new Promise((resolve, reject) => {
      let index = since;
      const check = () => {
        for (; index < this.events.length; index++) {
          const e = this.events[index] as BaresipEvent;
          if (types.includes(e.type)) return done(() => resolve(e));
          if (failTypes.includes(e.type)) return done(() => reject(new Error(`baresip: ${e.type} ${e.param ?? ''}`)));
        }
        if (this.socket.destroyed) done(() => reject(new Error(`baresip: ctrl_tcp closed while waiting for ${types.join('/')}`)));
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new Error(`baresip: no ${types.join('/')} event within ${timeoutMs} ms (saw ${this.events.map((e) => e.type).join(', ')})`),
            ),
          ),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
