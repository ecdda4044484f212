// A small JSON-RPC client for Kamailio's /RPC (jsonrpcs over xhttp): readiness, registrations,
// dialogs, ending a stale call. Every request carries the edge's bearer token and has a timeout.

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
}

export function kamailioRpc(options: KamailioRpcOptions): KamailioRpc {
  let nextId = 1;
  const timeoutMs = options.timeoutMs ?? 3000;

  async function call(method: string, params: (string | number)[] = []): Promise<Json> {
    const id = nextId++;
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ jsonrpc: '2.0', method, params, id }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new KamailioRpcError(`${method}: Kamailio unreachable (${(e as Error).name})`);
    }
    const text = await response.text();
    if (!response.ok) throw new KamailioRpcError(`${method}: HTTP ${response.status}`, response.status);
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

/** dlg.list → the dialogs with what Doverie needs to match and end them. Ended dialogs (state 5), which
 *  Kamailio keeps listed for a few seconds, are left out. */
export function parseDlgList(result: Json): EdgeDialog[] {
  const list = Array.isArray(result) ? result : [];
  const num = (v: Json | undefined) => (typeof v === 'number' ? v : Number(v ?? 0) || 0);
  return list
    .filter(isObject)
    .map((d) => {
      const vars = Array.isArray(d.variables) ? d.variables.filter(isObject) : [];
      const target = vars.find((x) => typeof x.target === 'string')?.target;
      return {
        callId: String(d['call-id'] ?? ''),
        state: num(d.state),
        hEntry: num(d.h_entry),
        hId: num(d.h_id),
        startTs: num(d.start_ts),
        target: typeof target === 'string' ? target : '',
      };
    })
    .filter((d) => d.state !== 5);
}
