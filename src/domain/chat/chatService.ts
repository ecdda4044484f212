// The web chat at work: children start chats (handed to the routing engine as chat contacts), send
// and receive messages over their socket, end and rate them; the chat follows its routing contact.
// Staff operations are in chatStaff.ts; the persistence in chatStore.ts.
import type { Database } from '../../db/database.js';
import { RefreshingCache } from '../../db/refreshingCache.js';
import type { Publisher } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { callerKey } from '../privacy/callerKey.js';
import { receiveContact, callerEvent } from '../routing/live/ingress.js';
import type { RoutingRuntime } from '../routing/live/routingRuntime.js';
import { isTerminal } from '../routing/types.js';
import { deliver, liveOf, type LiveChat } from './chatLive.js';
import { MessageWriter } from './messageWriter.js';
import { followRouting } from './chatSync.js';
import { chatSettingsOf, checkText, isOpenAt, type ChatSettings } from './chatSettings.js';
import {
  activeBlock,
  chatsStartedSince,
  createChat,
  loadChat,
  openChats,
  markEnded,
  setHolders,
  tokenMatches,
  type PreChat,
  type StoredChat,
} from './chatStore.js';

export interface ChatDeps {
  db: Database;
  /** Encryption key for messages at rest. */
  key: Buffer;
  /** HMAC pepper for caller keys. */
  pepper: Buffer;
  routing: RoutingRuntime;
  publish: Publisher;
  clock: () => Date;
  onError?: (err: unknown, what: string) => void;
}

/** After a chat ends, its resume token still opens it this long (to read it and leave feedback). */
export const RESUME_AFTER_END_MS = 60 * 60_000;
const SYNC_EVERY_MS = 1_000;
export const TYPING_EVERY_MS = 2_000;
const SERVICE_FACTS_MS = 5_000;

export interface ServiceChatFacts {
  settings: ChatSettings;
  timeZone: string;
  name: string;
  active: boolean;
}
const SYNC_SOON_MS = 50;
const LOAD_RETRY_MS = 2_000;

export interface StartInput {
  chatId: string;
  serviceId: string;
  token: string;
  deviceToken: string | null;
  preChat: PreChat;
  firstMessage: { clientId: string; text: string } | null;
}

export class ChatService {
  readonly live = new Map<string, LiveChat>();
  /** Messages of every chat are written in batches (group commit). */
  readonly writer: MessageWriter;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private stopped = false;
  private loaded = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly pseudonyms = new Map<string, string | null>();

  constructor(readonly deps: ChatDeps) {
    this.writer = new MessageWriter(deps.db, deps.key);
  }

  /**
   * Starts following routing, and loads the open chats in the background: like the routing writer,
   * it does not hold up the server while the database is unreachable or not migrated (it retries).
   */
  start(): void {
    this.timer = setInterval(() => this.sync(), SYNC_EVERY_MS);
    this.timer.unref();
    void this.loadOpenChats();
  }

  private async loadOpenChats(): Promise<void> {
    try {
      const open = await openChats(this.deps.db);
      await this.loadPseudonyms(open.flatMap((c) => (c.state === 'active' && c.staffId ? [c.staffId] : [])));
      for (const c of open) {
        if (this.live.has(c.id)) continue; // a child's socket came back first
        // An active chat keeps its holder across a restart (the sync confirms it against the engine).
        const holder = c.state === 'active' ? c.staffId : null;
        const pseudonym = holder ? this.knownPseudonym(holder) : null;
        if (!this.live.has(c.id)) this.live.set(c.id, { ...liveOf(c), holder, pseudonym, childGoneSince: this.now() });
      }
      this.loaded = true;
      this.sync();
    } catch (err) {
      if (this.stopped) return;
      this.deps.onError?.(err, 'open chats not loaded; retrying');
      this.retry = setTimeout(() => void this.loadOpenChats(), LOAD_RETRY_MS);
      this.retry.unref();
    }
  }

  /** Open chats are in memory (tests wait for it after a restart). */
  async ready(): Promise<void> {
    while (!this.loaded && !this.stopped) await new Promise((r) => setTimeout(r, 10));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    if (this.soon) clearTimeout(this.soon);
    for (const chat of this.live.values()) for (const link of chat.children) link.close(1001, 'server shutting down');
  }

  private now = () => this.deps.clock().getTime();

  /** A service's chat settings, kept a few seconds (and dropped when the service changes): every message checks its limit. */
  private readonly services = new RefreshingCache<string, ServiceChatFacts | undefined>(
    async (serviceId) => {
      const row = await this.deps.db
        .selectFrom('services')
        .select(['name', 'time_zone', 'settings', 'active'])
        .where('id', '=', serviceId)
        .executeTakeFirst();
      return row && { settings: chatSettingsOf(row.settings), timeZone: row.time_zone, name: row.name, active: row.active };
    },
    SERVICE_FACTS_MS,
    this.now,
    (err) => this.deps.onError?.(err, 'service settings'),
  );

  settingsOf(serviceId: string): Promise<ServiceChatFacts | undefined> {
    return this.services.get(serviceId);
  }

  /** The service's settings changed (or it was switched off): read them again on next use. */
  forgetService(serviceId: string): void {
    this.services.forget(serviceId);
  }

  /** A child starts a chat (or retries the start: same chat id and token → the same chat). */
  async startChat(input: StartInput): Promise<{ chatId: string; state: StoredChat['state'] }> {
    const existing = await loadChat(this.deps.db, input.chatId);
    if (existing) {
      if (existing.serviceId !== input.serviceId || !tokenMatches(input.token, existing.resumeHash)) throw new AppError('chat.exists');
      if (existing.state !== 'ended') await this.handIn(existing.id, existing.serviceId, existing.preChat, existing.callerKey);
      return { chatId: existing.id, state: this.live.get(existing.id)?.state ?? existing.state };
    }
    const service = await this.settingsOf(input.serviceId);
    if (!service || !service.active || !service.settings.enabled) throw new AppError('chat.unavailable');
    const now = this.deps.clock();
    if (!isOpenAt(service.settings.hours, service.timeZone, now)) throw new AppError('chat.closed_now');
    const key = input.deviceToken ? callerKey(this.deps.pepper, 'webchat-device', input.deviceToken) : null;
    if (key) {
      const until = await activeBlock(this.deps.db, input.serviceId, key, now);
      if (until) throw new AppError('chat.blocked', { until: until.toISOString() });
      const since = new Date(now.getTime() - 3600_000);
      if ((await chatsStartedSince(this.deps.db, key, since)) >= service.settings.newPerHour) throw new AppError('chat.too_many_chats');
    }
    if (input.firstMessage) checkText(input.firstMessage.text);
    const { chat } = await createChat(
      this.deps.db,
      this.deps.key,
      {
        id: input.chatId,
        serviceId: input.serviceId,
        callerKey: key,
        token: input.token,
        preChat: input.preChat,
        firstMessage: input.firstMessage,
      },
      now,
    );
    if (!this.live.has(chat.id)) this.live.set(chat.id, { ...liveOf(chat), childGoneSince: this.now() });
    if (input.firstMessage) this.live.get(chat.id)!.sent.child.push(this.now());
    await this.handIn(chat.id, chat.serviceId, chat.preChat, chat.callerKey);
    return { chatId: chat.id, state: this.live.get(chat.id)?.state ?? chat.state };
  }

  /** Hands the chat to the routing engine as a chat contact (idempotent: the contact id is the chat id). */
  /** @internal (chatSync.ts) */
  async handIn(chatId: string, serviceId: string, preChat: PreChat, key: string | null): Promise<void> {
    try {
      const result = await receiveContact(
        { routing: this.deps.routing, clock: this.deps.clock, pepper: this.deps.pepper },
        {
          contactId: chatId,
          serviceId,
          channel: 'chat',
          language: 'ru',
          region: preChat.region ?? null,
          skills: [],
          risk: 'unknown',
          caller: null,
          callerKey: key,
        },
      );
      if (result.contact === null && result.state && isTerminal(result.state)) await this.endChat(chatId, 'system');
    } catch (err) {
      // The chat is stored; the routing writer is down or busy. The sync hands it in again.
      if (!(err instanceof AppError && err.code === 'service.unavailable')) throw err;
    }
    this.syncSoon();
  }

  /** The child ends the chat: a waiting contact is abandoned, an active one goes to the counsellor's wrap-up. */
  async childEnd(chatId: string): Promise<void> {
    const chat = this.live.get(chatId);
    if (!chat || chat.state === 'ended') return;
    chat.endingBy = 'child';
    await callerEvent({ routing: this.deps.routing, clock: this.deps.clock, pepper: this.deps.pepper }, chatId, 'callerLeft').catch(
      (err: unknown) => {
        if (err instanceof AppError && err.code === 'routing.contact_not_found') return;
        chat.endingBy = null;
        throw err;
      },
    );
    await this.endChat(chatId, 'child');
  }

  /** An open chat in memory, or chat.ended (callers have found the chat stored; every open one is in memory, an ended one leaves it). */
  openChat(chatId: string): LiveChat {
    const chat = this.live.get(chatId);
    if (!chat) throw new AppError('chat.ended');
    if (chat.state === 'ended') throw new AppError('chat.ended');
    return chat;
  }

  async endChat(chatId: string, by: 'child' | 'counsellor' | 'system'): Promise<void> {
    const chat = this.live.get(chatId);
    if (!chat || chat.state === 'ended') return;
    chat.state = 'ended';
    chat.endedBy = by;
    await markEnded(this.deps.db, chatId, by, this.deps.clock());
    deliver(this.deps.publish, chat, { type: 'ended', by }, { name: 'chat.ended', data: { by } });
    this.live.delete(chatId);
  }

  async pseudonymOf(staffId: string): Promise<string | null> {
    await this.loadPseudonyms([staffId]);
    return this.knownPseudonym(staffId);
  }

  /** A pseudonym read before (loadPseudonyms), or null. */
  knownPseudonym(staffId: string): string | null {
    return this.pseudonyms.get(staffId) ?? null;
  }

  /** The pseudonyms of these counsellors not known yet, in one read. */
  async loadPseudonyms(staffIds: string[]): Promise<void> {
    const unknown = [...new Set(staffIds)].filter((id) => !this.pseudonyms.has(id));
    if (unknown.length === 0) return;
    const rows = await this.deps.db.selectFrom('staff_users').select(['id', 'pseudonym']).where('id', 'in', unknown).execute();
    const found = new Map(rows.map((r) => [r.id, r.pseudonym]));
    for (const id of unknown) this.pseudonyms.set(id, found.get(id) ?? null);
  }

  /** Routing changed: follow it soon (coalesced). */
  syncSoon(): void {
    if (this.soon || this.stopped) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.sync();
    }, SYNC_SOON_MS);
    this.soon.unref();
  }

  private syncing = false;

  /** Follows every open chat's routing contact: accepted, transferred, ended; queue positions; children gone. */
  sync(): void {
    if (this.syncing || this.stopped || !this.loaded || !this.deps.routing.isRunning) return;
    this.syncing = true;
    followRouting(this, this.now())
      .catch((err: unknown) => this.deps.onError?.(err, 'chat sync failed'))
      .finally(() => (this.syncing = false));
  }
}
