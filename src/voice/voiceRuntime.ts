// The phone line's life in one Doverie process: the domain service (route requests, events,
// credentials), and — after the HTTP server listens — the SIP edge: rendered from the settings and,
// when managed, started here (Kamailio + rtpengine), then a resync of registrations and dialogs.
// Without telephony configured, or without Kamailio installed, Doverie runs and says so.
import type { Database } from '../db/database.js';
import type { RoutingRuntime } from '../domain/routing/live/routingRuntime.js';
import type { VoiceNumbers } from '../domain/voice/voiceNumbers.js';
import { VoiceService, type EdgeControl } from '../domain/voice/voiceService.js';
import type { VoiceStatus } from '../http/routes/voice.js';
import { startEdge, telephonyBinaries, type RunningEdge } from './edge/edgeProcesses.js';
import { kamailioRpc, type KamailioRpc } from './edge/kamailioRpc.js';
import type { EdgeSettings } from './edge/settings.js';
import { edgeSettingsOf } from './edgeSettings.js';
import { edgeSecret, type VoiceConfig } from './voiceConfig.js';

export interface VoiceRuntimeDeps {
  voice: VoiceConfig | null;
  db: Database;
  routing: RoutingRuntime;
  pepper: Buffer;
  clock: () => Date;
  numbers: VoiceNumbers;
  log: { info(obj: object, msg: string): void; error(obj: unknown, msg: string): void };
}

/** How often Doverie tries again to reach an external edge that did not answer. */
const EDGE_RETRY_MS = 10_000;
/** How long a softphone's credentials last (the workstation asks again well before). */
const CREDENTIAL_TTL_SECONDS = 12 * 3600;

export class VoiceRuntime {
  readonly service: VoiceService | null;
  private rpc: KamailioRpc | null = null;
  private edge: RunningEdge | null = null;
  private state: VoiceStatus;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly deps: VoiceRuntimeDeps) {
    const v = deps.voice;
    this.state = { configured: false, reason: 'not_configured' };
    if (!v) {
      this.service = null;
      return;
    }
    this.state = { configured: false, reason: 'starting' };
    const rpcUrl = `http://${v.sipAddress.includes(':') ? `[${v.sipAddress}]` : v.sipAddress}:${v.wsPort}/RPC`;
    const edge: EdgeControl = {
      registrations: () => this.needRpc().registrations(),
      dialogs: () => this.needRpc().dialogs(),
      endDialog: (hEntry, hId) => this.needRpc().endDialog(hEntry, hId),
      contactsOf: (aor) => this.needRpc().contactsOf(aor),
      removeContact: (aor, address) => this.needRpc().removeContact(aor, address),
      transfer: (req) => this.needRpc().transfer(req),
    };
    this.rpc = kamailioRpc({ url: rpcUrl, token: v.token });
    this.service = new VoiceService({
      db: deps.db,
      routing: deps.routing,
      pepper: deps.pepper,
      clock: deps.clock,
      numbers: deps.numbers,
      settings: { greetingUri: v.greetingUri, holdUri: v.holdUri, greetingSeconds: v.greetingSeconds, holdSeconds: v.holdSeconds },
      edge,
      phone: {
        wsUrl: v.wsUrl,
        realm: v.realm,
        credentialSecret: edgeSecret(deps.pepper, 'sip-credentials'),
        credentialTtlSeconds: CREDENTIAL_TTL_SECONDS,
        transferHost: `${v.sipAddress.includes(':') ? `[${v.sipAddress}]` : v.sipAddress}:${v.sipPort}`,
      },
      onError: (err, what) => deps.log.error({ err }, what),
    });
  }

  status(): VoiceStatus {
    return this.state;
  }

  private needRpc(): KamailioRpc {
    if (!this.rpc) throw new Error('telephony is not configured');
    return this.rpc;
  }

  /** The edge's settings for this Doverie (listening at `selfUrl`). */
  edgeSettings(selfUrl: string): EdgeSettings {
    return edgeSettingsOf(this.deps.voice!, this.deps.pepper, selfUrl);
  }

  /**
   * Starts the edge (when managed) and resyncs with it. A failure is logged and shown in the UI's
   * status; Doverie itself keeps running (chat and the rest do not depend on the phone line).
   */
  async start(selfUrl: string): Promise<void> {
    const v = this.deps.voice;
    if (!v || !this.service) return;
    try {
      if (v.edge === 'managed') {
        const bins = await telephonyBinaries();
        if (!bins.ok) {
          this.state = { configured: false, reason: 'no_binaries' };
          this.deps.log.error({ reason: bins.reason }, 'telephony is on but Kamailio/rtpengine cannot run here');
          return;
        }
        this.edge = await startEdge({ ...this.edgeSettings(selfUrl), kamailioBin: bins.kamailio, rtpengineBin: bins.rtpengine });
      }
      await this.service.resync();
      this.state = { configured: true, reason: null };
      const pids = this.edge ? { kamailioPid: this.edge.pids.kamailio, rtpenginePid: this.edge.pids.rtpengine } : {};
      this.deps.log.info({ edge: v.edge, ...pids }, 'telephony ready');
    } catch (err) {
      this.state = { configured: false, reason: 'edge_failed' };
      this.deps.log.error({ err }, 'the SIP edge did not start');
      // An edge of its own may come up later (or be restarted): Doverie keeps trying.
      if (v.edge === 'external' && !this.stopped) {
        this.retry = setTimeout(() => void this.start(selfUrl), EDGE_RETRY_MS);
        this.retry.unref();
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.service?.stop();
    const edge = this.edge;
    this.edge = null;
    await edge?.stop();
  }
}
