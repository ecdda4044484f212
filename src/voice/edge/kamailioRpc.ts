// A small JSON-RPC client for Kamailio's /RPC (jsonrpcs over xhttp): readiness, registrations,
// dialogs, ending a stale call, and the edge's /transfer. Every request carries the edge's bearer token
// and has a timeout. Each goes on a connection of its own: Kamailio closes the connection after every
// answer (set_reply_close) without saying so, and a pooled keep-alive connection (fetch's) would now and
// then send the next request down a socket the edge is closing ("other side closed").
import { request as httpRequest } from 'node:http';

export interface KamailioRpcOptions {
  /** e.g. http://127.0.0.1:8080/RPC */
  url: string;
  token: string;
  timeoutMs?: number;
}

export interface Registration {
  user: string;
  contacts: number;
}

export interface EdgeDialog {
  callId: string;
  /** 1 unconfirmed, 2 early, 3 answered (no ACK yet), 4 confirmed */
  state: number;
  hEntry: number;
  hId: number;
  /** unix seconds; 0 when not answered */
  startTs: number;
  /** the Doverie target (counsellor's SIP user or queue URI) of the call, or '' */
  target: string;
  /** the dialog's tags: the caller's (From) and the answering side's (To) */
  fromTag: string;
  toTag: string;
  /** the caller's INVITE allowed REFER: the call can be transferred (POST /transfer) */
  referable: boolean;
}

/** What the edge needs to move an answered call: the dialog and where the caller's side is to call. */
export interface TransferRequest {
  callId: string;
  fromTag: string;
  toTag: string;
  referTo: string;
}

export class KamailioRpcError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface KamailioRpc {
  call(method: string, params?: (string | number)[]): Promise<Json>;
  version(): Promise<string>;
  registrations(): Promise<Registration[]>;
  dialogs(): Promise<EdgeDialog[]>;
  endDialog(hEntry: number, hId: number): Promise<void>;
  /** The contact addresses registered for an AoR (none when it has none). */
  contactsOf(aor: string): Promise<string[]>;
  removeContact(aor: string, address: string): Promise<void>;
  /** The caller's side is referred to `referTo` and the counsellor's side hung up (the edge's /transfer: queued there, 202). */
  transfer(req: TransferRequest): Promise<void>;
}

/** POSTs JSON on a fresh connection (Connection: close); the answer's status and text. */
function postJson(url: URL, token: string, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
          connection: 'close',
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export function kamailioRpc(options: KamailioRpcOptions): KamailioRpc {
  let nextId = 1;
  const timeoutMs = options.timeoutMs ?? 3000;
  const post = async (what: string, url: URL, body: string) => {
    try {
      return await postJson(url, options.token, body, timeoutMs);
    } catch (e) {
      throw new KamailioRpcError(`${what}: Kamailio unreachable (${(e as Error).message})`);
    }
  };

  async function call(method: string, params: (string | number)[] = []): Promise<Json> {
    const id = nextId++;
    const response = await post(method, new URL(options.url), JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    const text = response.text;
    if (response.status !== 200) throw new KamailioRpcError(`${method}: HTTP ${response.status} ${text.slice(0, 200)}`, response.status);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new KamailioRpcError(`${method}: the answer is not JSON`);
    }
    if (!isObject(body)) throw new KamailioRpcError(`${method}: unexpected answer`);
    if (isObject(body.error))
      throw new KamailioRpcError(`${method}: ${String(body.error.message ?? 'error')} (${String(body.error.code)})`);
    return body.result ?? null;
  }

  return {
    call,
    async version() {
      const r = await call('core.version');
      return typeof r === 'string' ? r : JSON.stringify(r);
    },
    async registrations() {
      return parseUlDump(await call('ul.dump'));
    },
    async dialogs() {
      return parseDlgList(await call('dlg.list'));
    },
    async endDialog(hEntry, hId) {
      await call('dlg.end_dlg', [hEntry, hId]);
    },
    async contactsOf(aor) {
      let result: Json;
      try {
        result = await call('ul.lookup', ['location', aor]);
      } catch (err) {
        // An AoR with nothing registered is "not found" (an error 500 with that message).
        if (err instanceof KamailioRpcError && /AOR not found/i.test(err.message)) return [];
        throw err;
      }
      return parseUlLookup(result);
    },
    async removeContact(aor, address) {
      await call('ul.rm_contact', ['location', aor, address]);
    },
    async transfer(req) {
      const response = await post('transfer', new URL('/transfer', options.url), JSON.stringify(req));
      if (response.status !== 202) throw new KamailioRpcError(`transfer: HTTP ${response.status}`, response.status);
    },
  };
}

/** ul.dump → one entry per AoR of the "location" table with its contact count. */
export function parseUlDump(result: Json): Registration[] {
  const out: Registration[] = [];
  const domains = isObject(result) && Array.isArray(result.Domains) ? result.Domains : [];
  for (const d of domains) {
    const domain = isObject(d) && isObject(d.Domain) ? d.Domain : null;
    if (!domain || domain.Domain !== 'location' || !Array.isArray(domain.AoRs)) continue;
    for (const a of domain.AoRs) {
      const info = isObject(a) && isObject(a.Info) ? a.Info : null;
      if (!info || typeof info.AoR !== 'string') continue;
      out.push({ user: info.AoR, contacts: Array.isArray(info.Contacts) ? info.Contacts.length : 0 });
    }
  }
  return out;
}

/** ul.lookup → the contact addresses of the AoR. */
export function parseUlLookup(result: Json): string[] {
  const contacts = isObject(result) && Array.isArray(result.Contacts) ? result.Contacts : [];
  return contacts.flatMap((c) => {
    const contact = isObject(c) && isObject(c.Contact) ? c.Contact : null;
    return contact && typeof contact.Address === 'string' ? [contact.Address] : [];
  });
}

/** dlg.list → the dialogs with what Doverie needs to match and end them. Ended dialogs (state 5), which
 *  Kamailio keeps listed for a few seconds, are left out. */
export function parseDlgList(result: Json): EdgeDialog[] {
  const list = Array.isArray(result) ? result : [];
  const num = (v: Json | undefined) => (typeof v === 'number' ? v : Number(v ?? 0) || 0);
  return list
    .filter(isObject)
    .map((d) => {
      const vars = Array.isArray(d.variables) ? d.variables.filter(isObject) : [];
      const variable = (name: string) => {
        const v = vars.find((x) => typeof x[name] === 'string')?.[name];
        return typeof v === 'string' ? v : '';
      };
      const tag = (side: Json | undefined) => (isObject(side) && typeof side.tag === 'string' ? side.tag : '');
      return {
        callId: String(d['call-id'] ?? ''),
        state: num(d.state),
        hEntry: num(d.h_entry),
        hId: num(d.h_id),
        startTs: num(d.start_ts),
        target: variable('target'),
        fromTag: tag(d.caller),
        toTag: tag(d.callee),
        referable: variable('refer') === '1',
      };
    })
    .filter((d) => d.state !== 5);
}
