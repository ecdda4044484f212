// The phone line in Doverie: answers the edge's route requests and events, issues counsellors' phone
// credentials, resyncs with the edge (registrations and dialogs) when it starts, and lets a supervisor
// end a call that is stuck. The edge itself (Kamailio + rtpengine) is started in src/voice/edge.
import { AppError } from '../../errors.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { callKeyOf } from './callIds.js';
import { callByKey, openCalls, recordFacts } from './callFacts.js';
import { reconcile, refreshProfile, takeEvent, type EdgeEvent } from './callEvents.js';
import { routeCall, type RouteAnswer, type RouteRequest } from './callRouting.js';
import { issueCredentials } from './credentials.js';
import { staffIdOfSipUser } from './sipUsers.js';
import type { VoiceDeps } from './voiceDeps.js';

/** What Doverie asks of the edge (Kamailio's JSON-RPC). */
export interface EdgeControl {
  registrations(): Promise<{ user: string; contacts: number }[]>;
  dialogs(): Promise<{ callId: string; hEntry: number; hId: number }[]>;
  endDialog(hEntry: number, hId: number): Promise<void>;
}

export interface PhoneSettings {
  /** Where browsers connect their softphone (ws:// or wss://), and the SIP domain they register in. */
  wsUrl: string;
  realm: string;
  credentialSecret: string;
  credentialTtlSeconds: number;
}

/** How long after a start a call the edge no longer has may still have its end on the way. */
const RESYNC_GRACE_MS = 10_000;

export class VoiceService {
  private sweep: ReturnType<typeof setTimeout> | undefined;
  constructor(
    private readonly deps: VoiceDeps & {
      edge: EdgeControl;
      phone: PhoneSettings;
      onError: (err: unknown, what: string) => void;
    },
  ) {}

  route(req: RouteRequest): Promise<RouteAnswer> {
    return routeCall(this.deps, req);
  }

  event(ev: EdgeEvent): Promise<boolean> {
    return takeEvent(this.deps, ev);
  }

  /** Short-lived credentials for the actor's own phone (the workstation's softphone or a desk phone). */
  credentials(actor: Actor, ttlSeconds?: number) {
    enforce(policy.usePhone(actor), 'voice.disabled');
    const { wsUrl, realm, credentialSecret, credentialTtlSeconds } = this.deps.phone;
    const c = issueCredentials(credentialSecret, actor.userId, this.deps.clock(), ttlSeconds ?? credentialTtlSeconds);
    return { wsUrl, realm, uri: `sip:${c.sipUser}@${realm}`, ...c };
  }

  /**
   * After a start: who is registered now (calls are offered only to counsellors with a phone), and the
   * calls the edge still has are brought in line with their facts. A call the edge no longer has most
   * likely ended while Doverie was away: its events are on their way (the edge re-sends them), so it is
   * closed as ended by the system only if it is still open `graceMs` later.
   */
  async resync(graceMs = RESYNC_GRACE_MS): Promise<void> {
    const regs = await this.deps.edge.registrations();
    const staff = regs.filter((r) => r.contacts > 0).flatMap((r) => staffIdOfSipUser(r.user) ?? []);
    for (const staffId of this.deps.routing.phones.replaceAll(staff)) await refreshProfile(this.deps, staffId);
    const missing = await this.openCallsTheEdgeLacks();
    clearTimeout(this.sweep);
    if (missing.size === 0) return;
    this.sweep = setTimeout(() => {
      this.closeGone(missing).catch((err: unknown) => this.deps.onError(err, 'voice resync failed'));
    }, graceMs);
    this.sweep.unref();
  }

  /** Reconciles the open calls the edge has; returns the ids of those it does not have. */
  private async openCallsTheEdgeLacks(): Promise<Set<string>> {
    const live = new Set((await this.deps.edge.dialogs()).map((d) => callKeyOf(this.deps.pepper, d.callId)));
    const missing = new Set<string>();
    for (const call of await openCalls(this.deps.db)) {
      if (live.has(call.call_key)) await reconcile(this.deps, call);
      else missing.add(call.contact_id);
    }
    return missing;
  }

  private async closeGone(candidates: Set<string>): Promise<void> {
    const stillMissing = await this.openCallsTheEdgeLacks();
    const now = this.deps.clock();
    for (const contactId of candidates) {
      if (!stillMissing.has(contactId)) continue;
      const row = await recordFacts(this.deps.db, contactId, { endedAt: now, endedBy: 'system', outcome: 'failed' });
      if (row) await reconcile(this.deps, row);
    }
  }

  stop(): void {
    clearTimeout(this.sweep);
  }

  /** A supervisor ends a call that is stuck (e.g. its hang-up never reached the edge). */
  async endCall(actor: Actor, contactId: string): Promise<{ ended: boolean }> {
    const call = await this.deps.db.selectFrom('voice_calls').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
    if (!call) throw new AppError('voice.call_not_found');
    enforce(policy.superviseService(actor, call.service_id), 'voice.call_not_found');
    if (call.ended_at) return { ended: false };
    const dialogs = await this.deps.edge.dialogs();
    const dialog = dialogs.find((d) => callKeyOf(this.deps.pepper, d.callId) === call.call_key);
    if (dialog) await this.deps.edge.endDialog(dialog.hEntry, dialog.hId);
    // The edge reports the end too; the facts are the same whichever comes first.
    const row = await recordFacts(this.deps.db, contactId, { endedAt: this.deps.clock(), endedBy: 'system' });
    if (row) await reconcile(this.deps, row);
    return { ended: true };
  }

  async callOf(contactId: string) {
    return this.deps.db.selectFrom('voice_calls').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
  }

  callByCallId(callId: string) {
    return callByKey(this.deps.db, callKeyOf(this.deps.pepper, callId));
  }
}
