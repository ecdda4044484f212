// The phone line's settings, from the environment (validated with the rest at boot). Telephony is off
// unless DOVERIE_VOICE=on; then Doverie renders the SIP edge's configuration and — when the edge is
// "managed" — starts Kamailio and rtpengine itself. Secrets the edge needs are derived from the pepper.
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const ip = z.string().refine((v) => isIP(v) !== 0, 'an IP address');
const sipUri = z.string().regex(/^sips?:[\w.!~*'()&=+$,;?/-]+@[\w.-]+(:\d{1,5})?$/, 'a SIP URI like sip:greeting@127.0.0.1:5090');

export const voiceEnvSchema = z.object({
  DOVERIE_VOICE: z.enum(['on', 'off']).default('off'),
  /** Bearer token the edge uses for /api/voice/route and /api/voice/events (and Doverie for the edge's JSON-RPC). */
  DOVERIE_VOICE_TOKEN: z
    .string()
    .regex(/^[\w-]{32,256}$/, 'at least 32 letters, digits, - or _')
    .optional(),
  DOVERIE_SIP_EDGE: z.enum(['managed', 'external']).default('managed'),
  DOVERIE_SIP_ADDRESS: ip.default('127.0.0.1'),
  DOVERIE_SIP_PORT: port.default(5060),
  DOVERIE_SIP_WS_PORT: port.default(5066),
  DOVERIE_SIP_REALM: z
    .string()
    .regex(/^[\w.-]{1,253}$/, 'a host name or IP')
    .optional(),
  DOVERIE_SIP_WS_URL: z.url({ protocol: /^wss?$/ }).optional(),
  DOVERIE_SIP_TRUNKS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    )
    .pipe(z.array(ip)),
  DOVERIE_RTP_PORTS: z
    .string()
    .regex(/^\d{4,5}-\d{4,5}$/, 'a range like 30000-30999')
    .default('30000-30999'),
  DOVERIE_RTPENGINE_NG_PORT: port.default(2223),
  DOVERIE_SIP_RUN_DIR: z.string().min(1).optional(),
  /** Doverie's base URL as the edge reaches it (default: this server's own address). */
  DOVERIE_VOICE_EDGE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DOVERIE_VOICE_GREETING_URI: sipUri.optional(),
  DOVERIE_VOICE_HOLD_URI: sipUri.optional(),
  DOVERIE_VOICE_GREETING_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  DOVERIE_VOICE_HOLD_SECONDS: z.coerce.number().int().min(2).max(60).default(5),
});

export interface VoiceConfig {
  token: string;
  edge: 'managed' | 'external';
  sipAddress: string;
  sipPort: number;
  wsPort: number;
  realm: string;
  wsUrl: string;
  trunkAddresses: string[];
  rtpPorts: { min: number; max: number };
  ngPort: number;
  runDir: string;
  edgeUrl: string | undefined;
  greetingUri: string | null;
  holdUri: string | null;
  greetingSeconds: number;
  holdSeconds: number;
}

/** The voice part of the configuration, or the problems with it. */
export function voiceConfigOf(env: Record<string, string>, dataDir: string): { voice: VoiceConfig | null; problems: string[] } {
  const parsed = voiceEnvSchema.safeParse(env);
  if (!parsed.success) return { voice: null, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  if (e.DOVERIE_VOICE === 'off') return { voice: null, problems: [] };
  const problems: string[] = [];
  if (!e.DOVERIE_VOICE_TOKEN) problems.push('DOVERIE_VOICE_TOKEN: required when DOVERIE_VOICE=on');
  if (e.DOVERIE_SIP_TRUNKS.length === 0)
    problems.push("DOVERIE_SIP_TRUNKS: required when DOVERIE_VOICE=on (the operator trunk's addresses)");
  const [min, max] = e.DOVERIE_RTP_PORTS.split('-').map(Number) as [number, number];
  if (!(min < max && max <= 65535)) problems.push('DOVERIE_RTP_PORTS: the first port must be below the second');
  if (problems.length > 0) return { voice: null, problems };
  const realm = e.DOVERIE_SIP_REALM ?? e.DOVERIE_SIP_ADDRESS;
  return {
    problems,
    voice: {
      token: e.DOVERIE_VOICE_TOKEN!,
      edge: e.DOVERIE_SIP_EDGE,
      sipAddress: e.DOVERIE_SIP_ADDRESS,
      sipPort: e.DOVERIE_SIP_PORT,
      wsPort: e.DOVERIE_SIP_WS_PORT,
      realm,
      wsUrl: e.DOVERIE_SIP_WS_URL ?? `ws://${e.DOVERIE_SIP_ADDRESS}:${e.DOVERIE_SIP_WS_PORT}`,
      trunkAddresses: e.DOVERIE_SIP_TRUNKS,
      rtpPorts: { min, max },
      ngPort: e.DOVERIE_RTPENGINE_NG_PORT,
      runDir: e.DOVERIE_SIP_RUN_DIR ?? join(dataDir, 'sip'),
      edgeUrl: e.DOVERIE_VOICE_EDGE_URL?.replace(/\/$/, ''),
      greetingUri: e.DOVERIE_VOICE_GREETING_URI ?? null,
      holdUri: e.DOVERIE_VOICE_HOLD_URI ?? null,
      greetingSeconds: e.DOVERIE_VOICE_GREETING_SECONDS,
      holdSeconds: e.DOVERIE_VOICE_HOLD_SECONDS,
    },
  };
}

/** Secrets the edge holds, derived from the pepper (the edge never holds the pepper itself). */
export const edgeSecret = (pepper: Buffer, what: 'sip-credentials'): string => createHmac('sha256', pepper).update(what).digest('hex');
