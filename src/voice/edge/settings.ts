// The SIP edge's settings (Kamailio + rtpengine), validated before anything is rendered or started.
// Every value ends up inside kamailio.cfg, so strings are held to character sets that cannot break
// the file: no quotes, backslashes, '$' (Kamailio's variable marker), spaces or line breaks.
import { isIP } from 'node:net';
import { z } from 'zod';

const port = z.number().int().min(1).max(65535);

/** An IPv4 or IPv6 literal, never the unspecified address (rtpengine puts it into SDP). */
const ipAddress = z
  .string()
  .refine((v) => isIP(v) !== 0, 'must be an IPv4 or IPv6 address')
  .refine((v) => v !== '0.0.0.0' && v !== '::', 'must be a concrete address, not 0.0.0.0 or ::');

/** base64, base64url, hex or similar: 16..512 characters that are safe inside a cfg string and an HTTP header. */
const secret = z.string().regex(/^[A-Za-z0-9._~+/=-]{16,512}$/, 'must be 16..512 characters of A-Z a-z 0-9 . _ ~ + / = -');

const path = z.string().regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path of A-Z a-z 0-9 . _ / -');

const hostName = z
  .string()
  .max(253)
  .refine(
    (v) => isIP(v) !== 0 || /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(v),
    {
      message: 'must be a host name or an IP address',
    },
  );

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[A-Za-z0-9.:[\]_~%/-]+$/, 'must be an http(s) URL without query, spaces or quotes')
  .transform((v) => v.replace(/\/+$/, ''));

export const edgeSettingsSchema = z
  .object({
    /** Kamailio's runtime folder: the rendered cfg, the ctl socket, the topos database. */
    runDir: path,
    /** The address Kamailio and rtpengine bind and announce. */
    sipAddress: ipAddress,
    sipPort: port.default(5060),
    /** Plain WebSocket and JSON-RPC (/RPC) listener. */
    wsPort: port.default(8080),
    /** Production: SIP over TLS and WSS on one port, with a certificate and its key (PEM). */
    tls: z.object({ port, certFile: path, keyFile: path }).strict().optional(),
    /** The SIP domain counsellors register in (the realm of their credentials). */
    realm: hostName,
    rtpengine: z
      .object({
        ngPort: port,
        portMin: port.default(30000),
        portMax: port.default(30999),
        /** How long rtpengine keeps a deleted call (late packets, retransmissions); seconds. */
        deleteDelaySeconds: z.number().int().min(0).max(300).default(30),
      })
      .strict()
      .refine((r) => r.portMax - r.portMin >= 10, 'portMax must be at least 10 above portMin'),
    /** Where Kamailio reaches Doverie: POST {doverieUrl}/api/voice/route and /api/voice/events. */
    doverieUrl: httpUrl,
    edgeToken: secret,
    callerKeySecret: secret,
    ephemeralSecret: secret,
    /** The operator's SIP trunk: only INVITEs from these addresses may call the helpline numbers. */
    trunkAddresses: z.array(ipAddress).min(1).max(64),
    /** Who may use JSON-RPC (with the bearer token as well). */
    rpcAllowFrom: z.array(ipAddress).min(1).max(64),
    maxInviteLifetimeSeconds: z.number().int().min(30).max(3600).default(300),
    dialogTimeoutSeconds: z
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(4 * 3600),
    /** How long topos keeps a call's original headers; at least the dialog timeout (default: it + 10 min). */
    toposExpireSeconds: z
      .number()
      .int()
      .min(60)
      .max(8 * 24 * 3600)
      .optional(),
    kamailioBin: path.default('/usr/sbin/kamailio'),
    rtpengineBin: path.default('/usr/bin/rtpengine'),
  })
  .strict()
  .transform((s) => ({ ...s, toposExpireSeconds: s.toposExpireSeconds ?? s.dialogTimeoutSeconds + 600 }))
  .superRefine((s, ctx) => {
    if (s.toposExpireSeconds < s.dialogTimeoutSeconds) {
      ctx.addIssue({ code: 'custom', path: ['toposExpireSeconds'], message: 'must not be shorter than dialogTimeoutSeconds' });
    }
    const listeners: [string, number][] = [
      ['sipPort', s.sipPort],
      ['wsPort', s.wsPort],
      ['rtpengine.ngPort', s.rtpengine.ngPort],
    ];
    if (s.tls) listeners.push(['tls.port', s.tls.port]);
    const seen = new Map<number, string>();
    for (const [name, p] of listeners) {
      const other = seen.get(p);
      if (other) ctx.addIssue({ code: 'custom', path: name.split('.'), message: `port ${p} is also ${other}` });
      seen.set(p, name);
      if (p >= s.rtpengine.portMin && p <= s.rtpengine.portMax) {
        ctx.addIssue({ code: 'custom', path: name.split('.'), message: `port ${p} is inside rtpengine's media port range` });
      }
    }
  });

export type EdgeSettingsInput = z.input<typeof edgeSettingsSchema>;
export type EdgeSettings = z.output<typeof edgeSettingsSchema>;

export class EdgeSettingsError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid SIP edge settings: ${issues.join('; ')}`);
  }
}

/** Validates and fills the defaults; throws EdgeSettingsError listing every problem (never a secret's value). */
export function parseEdgeSettings(input: EdgeSettingsInput | EdgeSettings): EdgeSettings {
  const r = edgeSettingsSchema.safeParse(input);
  if (r.success) return r.data;
  throw new EdgeSettingsError(r.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`));
}
