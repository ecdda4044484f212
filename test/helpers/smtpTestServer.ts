// A real SMTP server on loopback for the tests of signals sent by e-mail (the smtp-server package):
// it keeps every message it accepted, refuses the recipients a test names (550), and reads a message
// back — subject, text, attachments — with a small MIME reader (enough for what nodemailer writes).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpTestServer {
  /** `smtp://127.0.0.1:<port>`: DOVERIE_SMTP_URL of the server under test. */
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** `reject`: recipients refused at RCPT TO with `550 5.1.1 Mailbox unavailable`. */
export async function startSmtpServer(opts: { reject?: readonly string[] } = {}): Promise<SmtpTestServer> {
  const mails: ReceivedMail[] = [];
  const rejected = new Set((opts.reject ?? []).map((a) => a.toLowerCase()));
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to trust.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejected.has(address.address.toLowerCase())) return callback();
      const err: Error & { responseCode?: number } = new Error('5.1.1 Mailbox unavailable');
      err.responseCode = 550;
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback(null, 'queued as TEST1');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface MimePart {
  headers: Map<string, string>;
  body: Buffer;
  parts: MimePart[];
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_m, _cs: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  return Buffer.from(body, 'latin1');
}

/** Reads a message (headers decoded, bodies decoded, multiparts split). */
export function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const pieces = rest.split(`--${boundary}`).slice(1);
    const parts = pieces.filter((p) => !p.startsWith('--')).map((p) => parseMime(p.replace(/^\r\n/, '').replace(/\r\n$/, '')));
    return { headers, body: Buffer.alloc(0), parts };
  }
  return { headers, body: decodeBody(rest, headers.get('content-transfer-encoding')?.toLowerCase()), parts: [] };
}

const leaves = (p: MimePart): MimePart[] => (p.parts.length === 0 ? [p] : p.parts.flatMap(leaves));

/** A part's file name: plain, RFC 2047 or RFC 2231 (`filename*0*=utf-8''…` continued), as nodemailer writes them. */
function fileName(p: MimePart): string | null {
  const disposition = p.headers.get('content-disposition') ?? '';
  const continued = [...disposition.matchAll(/filename\*(\d+)?\*?=([^;]+)/g)].map((m) => m[2]!.trim().replace(/^"|"$/g, ''));
  if (continued.length > 0) return decodeURIComponent(continued.join('').replace(/^utf-8''/i, ''));
  const plain = /filename="?([^";]+)"?/.exec(disposition)?.[1];
  return plain ? decodeWords(plain) : null;
}

export function readMail(raw: string): {
  subject: string;
  text: string;
  attachments: { filename: string | null; contentType: string; data: Buffer }[];
} {
  const root = parseMime(raw);
  const all = leaves(root);
  const text = all.find((p) => (p.headers.get('content-type') ?? 'text/plain').startsWith('text/plain') && !fileName(p));
  return {
    subject: decodeWords(root.headers.get('subject') ?? ''),
    text: text ? text.body.toString('utf8') : '',
    attachments: all
      .filter((p) => fileName(p) !== null)
      .map((p) => ({ filename: fileName(p), contentType: (p.headers.get('content-type') ?? '').split(';')[0]!.trim(), data: p.body })),
  };
}
