// The phone line in Doverie: answers the edge's route requests and events, issues counsellors' phone
// credentials, resyncs with the edge (registrations and dialogs) when it starts, and lets a supervisor
// end a call that is stuck. The edge itself (Kamailio + rtpengine) is started in src/voice/edge.
import { AppError, isAppError } from '../../errors.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { actOnContact, enforceHandles, type CommandMeta, type ContactCommand } from '../routing/live/routingCommands.js';
import { callerEvent } from '../routing/live/ingress.js';
import { callKeyOf, transferUserOf } from './callIds.js';
import { callByKey, openCalls, recordFacts } from './callFacts.js';
import { reconcile, refreshProfile, takeEvent, type EdgeEvent } from './callEvents.js';
import { routeCall, type RouteAnswer, type RouteRequest } from './callRouting.js';
import { issueCredentials } from './credentials.js';
import { sipUserOf, staffIdOfSipUser } from './sipUsers.js';
import type { VoiceDeps } from './voiceDeps.js';

/** What Doverie asks of the edge (Kamailio's JSON-RPC). */
export interface EdgeControl {
  registrations(): Promise<{ user: string; contacts: number }[]>;
  /** The edge's dialogs; `referable`: the caller's side accepts a REFER (a transfer). */
  dialogs(): Promise<{ callId: string; hEntry: number; hId: number; state: number; fromTag: string; toTag: string; referable: boolean }[]>;
  endDialog(hEntry: number, hId: number): Promise<void>;
  contactsOf(aor: string): Promise<string[]>;
  removeContact(aor: string, address: string): Promise<void>;
  transfer(req: { callId: string; fromTag: string; toTag: string; referTo: string }): Promise<void>;
}

export interface PhoneSettings {
  /** Where browsers connect their softphone (ws:// or wss://), and the SIP domain they register in. */
  wsUrl: string;
  realm: string;
  credentialSecret: string;
  credentialTtlSeconds: number;
  /** host:port a transferred caller's side calls again (the edge's SIP address, as the trunk reaches it). */
  transferHost: string;
}

/** A browser's contact (JsSIP's made-up host); a desk phone's is a real address. */
const BROWSER_CONTACT = /@[^;>]*\.invalid(?=[:;>]|$)/i;

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

  /**
   * A transfer of a contact that is a call on the line (null when it is not: the engine alone moves it).
   * The call moves only if the caller's side accepts a REFER (its INVITE allowed it): the engine makes the
   * transfer's contact (offered to its target), then the edge refers the caller's side to that contact's
   * URI and hangs up the counsellor's side; the caller's side calls again and is routed to the target.
   */
  async transfer(
    actor: Actor,
    contactId: string,
    what: Extract<ContactCommand, { type: 'transfer' }>,
    meta: CommandMeta,
  ): Promise<Awaited<ReturnType<typeof actOnContact>> | null> {
    const call = await this.deps.db.selectFrom('voice_calls').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
    if (!call) return null;
    enforceHandles(this.deps.routing.engine, actor, contactId);
    // Moved already (a retry of the same command) or not in a counsellor's hands: the engine answers.
    if (call.ended_at || this.deps.routing.engine.state.contacts.get(contactId)?.state !== 'active') {
      return actOnContact(this.deps, actor, contactId, what, meta);
    }
    const dialogs = await this.deps.edge.dialogs().catch((err: unknown) => {
      this.deps.onError(err, 'voice transfer: the edge did not list its calls');
      throw new AppError('voice.edge_unavailable');
    });
    const dialog = dialogs.find((d) => callKeyOf(this.deps.pepper, d.callId) === call.call_key && d.state === 4);
    if (!dialog) throw new AppError('voice.call_not_found');
    if (!dialog.referable) throw new AppError('voice.transfer_unsupported');
    const result = await actOnContact(this.deps, actor, contactId, what, meta);
    const referTo = `sip:${transferUserOf(this.deps.pepper, what.newContactId)}@${this.deps.phone.transferHost}`;
    try {
      await this.deps.edge.transfer({ callId: dialog.callId, fromTag: dialog.fromTag, toTag: dialog.toTag, referTo });
    } catch (err) {
      // The call stays where it was; the transfer's contact, which no call will reach, is withdrawn.
      this.deps.onError(err, 'voice transfer failed');
      await callerEvent(this.deps, what.newContactId, 'callerLeft').catch((e: unknown) => {
        if (!isAppError(e)) throw e;
      });
      throw new AppError('voice.transfer_failed');
    }
    return result;
  }

  /**
   * A desk phone's credentials were replaced or revoked: its registrations are dropped at the edge now
   * (the workstation's softphone, registered to the same AoR from a browser — a `.invalid` contact host —
   * stays). Without a phone left, the counsellor is no longer rung.
   */
  async dropDeskPhone(staffId: string): Promise<number> {
    const aor = sipUserOf(staffId);
    const contacts = await this.deps.edge.contactsOf(aor);
    const desk = contacts.filter((address) => !BROWSER_CONTACT.test(address));
    for (const address of desk) await this.deps.edge.removeContact(aor, address);
    if (desk.length > 0 && desk.length === contacts.length && this.deps.routing.phones.set(staffId, false)) {
      await refreshProfile(this.deps, staffId);
    }
    return desk.length;
  }

  async callOf(contactId: string) {
    return this.deps.db.selectFrom('voice_calls').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
  }

  callByCallId(callId: string) {
    return callByKey(this.deps.db, callKeyOf(this.deps.pepper, callId));
  }
}
