// Just enough SIP on the wire for the softphone's browser test: parse a message, answer a request,
// and check an HTTP-Digest (MD5, qop=auth) response as a registrar does.
import { createHash, randomBytes } from 'node:crypto';

export interface SipMessage {
  /** 'REGISTER', 'INVITE', … for a request; undefined for a response. */
  method?: string;
  uri?: string;
  status?: number;
  /** Header values by lower-case name, in order (Via may repeat). */
  headers: Map<string, string[]>;
  body: string;
}

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
};

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const [start = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const response = /^SIP\/2\.0 (\d{3})/.exec(start);
  if (response) return { status: Number(response[1]), headers, body };
  const [method, uri] = start.split(' ');
  return { method, uri, headers, body };
}

export const header = (m: SipMessage, name: string): string => m.headers.get(name)?.[0] ?? '';
export const cseqMethod = (m: SipMessage): string => header(m, 'cseq').split(/\s+/)[1] ?? '';
export const tagOf = (nameAddr: string): string => /;tag=([^;>\s]+)/.exec(nameAddr)?.[1] ?? '';
export const uriOf = (nameAddr: string): string => /<([^>]+)>/.exec(nameAddr)?.[1] ?? nameAddr.split(';')[0]!;
export const token = (): string => randomBytes(8).toString('hex');

/** A response to `req`: its Via, From, Call-ID and CSeq; To with `toTag` added if it has none. */
export function reply(req: SipMessage, status: number, reason: string, toTag: string, extra: string[] = [], body = ''): string {
  const to = header(req, 'to');
  const lines = [
    `SIP/2.0 ${status} ${reason}`,
    ...(req.headers.get('via') ?? []).map((v) => `Via: ${v}`),
    `From: ${header(req, 'from')}`,
    `To: ${tagOf(to) ? to : `${to};tag=${toTag}`}`,
    `Call-ID: ${header(req, 'call-id')}`,
    `CSeq: ${header(req, 'cseq')}`,
    ...extra,
  ];
  return message(lines, body);
}

/** Start line and headers, then Content-Length and the body (SDP and SIP here are ASCII). */
export function message(lines: string[], body = '', contentType = 'application/sdp'): string {
  const withBody = body ? [...lines, `Content-Type: ${contentType}`] : lines;
  return `${[...withBody, `Content-Length: ${Buffer.byteLength(body)}`].join('\r\n')}\r\n\r\n${body}`;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function digestParams(authorization: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, k, quoted, bare] of authorization.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g))
    out[k!] = quoted ?? bare ?? '';
  return out;
}

export const digestUsername = (authorization: string): string => digestParams(authorization).username ?? '';

/** Whether a Digest Authorization header's response proves `secret`. */
export function checkDigest(authorization: string, method: string, secret: string | undefined): boolean {
  const p = digestParams(authorization);
  if (secret === undefined) return false;
  const username = p.username ?? '';
  const ha1 = md5(`${username}:${p.realm}:${secret}`);
  const ha2 = md5(`${method}:${p.uri}`);
  const expected = p.qop ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
  return expected === p.response;
}
