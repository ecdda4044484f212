// The chat follows its routing contact: accepted (the child hears the pseudonym, the holder is
// stored), transferred (a new holder, or back in a queue), wrap-up or closed (the chat ends), queue
// positions and estimates while waiting, a waiting child gone too long (abandoned), a chat the engine
// does not know handed in again. Runs after routing batches and every second (ChatService.sync).
import { isTerminal } from '../routing/types.js';
import type { ChatService } from './chatService.js';
import { contactNow, deliver, estimateWaitSeconds, queuePositions } from './chatLive.js';
import { loadChat, setHolders } from './chatStore.js';

/** A waiting chat whose child has had no socket open this long has been left (the contact is abandoned). */
export const CHILD_GONE_MS = 120_000;
/** A chat the routing engine does not know (it was down when the chat started) is handed in again after this. */
const REHAND_MS = 3_000;

export async function followRouting(svc: ChatService, now: number): Promise<void> {
  // Nothing to follow: no work at all (the sync runs after every routing batch, chat or not).
  if (svc.live.size === 0) return;
  let waiting = false;
  for (const chat of svc.live.values()) if (chat.state !== 'ended' && chat.holder === null) waiting = true;
  const positions = waiting ? queuePositions(svc.deps.routing) : new Map<string, { position: number; slots: number }>();
  const chats = [...svc.live.values()].map((chat) => ({ chat, c: contactNow(svc.deps.routing, chat.id) }));
  // Counsellors who just took a chat: their pseudonyms in one read, before anyone is told.
  await svc.loadPseudonyms(
    chats.flatMap(({ chat, c }) => (c.state === 'active' && c.staffId && c.staffId !== chat.holder ? [c.staffId] : [])),
  );
  // The children hear of changes at once; the writes they cause go together at the end (the new
  // holders in one statement: a burst of accepts must not queue thousands of writes before the messages).
  const writes: Promise<unknown>[] = [];
  const holders: Parameters<typeof setHolders>[1][number][] = [];
  for (const { chat, c } of chats) {
    chat.contactId = c.contactId;
    chat.offeredTo = c.offeredTo;
    if (c.state === 'unknown') {
      chat.unknownSince ??= now;
      if (chat.state === 'waiting' && now - chat.unknownSince >= REHAND_MS) {
        chat.unknownSince = now;
        writes.push(handInAgain(svc, chat.id));
      }
      continue;
    }
    chat.unknownSince = null;
    if (c.state === 'active' && c.staffId && c.staffId !== chat.holder) {
      chat.holder = c.staffId;
      chat.state = 'active';
      chat.pseudonym = svc.knownPseudonym(c.staffId);
      deliver(
        svc.deps.publish,
        chat,
        { type: 'accepted', pseudonym: chat.pseudonym },
        { name: 'chat.accepted', data: { staffId: c.staffId } },
      );
      holders.push({ chatId: chat.id, staffId: c.staffId, answeredByServiceId: c.answeredByServiceId });
    } else if (c.state === 'wrapup' || isTerminal(c.state)) {
      writes.push(svc.endChat(chat.id, chat.endingBy ?? (chat.state === 'active' ? 'counsellor' : 'system')));
    } else if (c.state === 'queued' || c.state === 'offered') {
      const p = positions.get(c.contactId);
      const estimate = p ? estimateWaitSeconds(p.position, p.slots) : null;
      if (chat.state === 'active' && chat.holder !== null) chat.holder = null; // transferred to a queue
      if (p && (p.position !== chat.position || estimate !== chat.estimatedWaitSeconds)) {
        chat.position = p.position;
        chat.estimatedWaitSeconds = estimate;
        deliver(svc.deps.publish, chat, { type: 'queue', position: p.position, estimatedWaitSeconds: estimate! }, null);
      }
      if (chat.state === 'waiting' && chat.childGoneSince !== null && now - chat.childGoneSince >= CHILD_GONE_MS)
        writes.push(svc.childEnd(chat.id));
    }
  }
  writes.push(setHolders(svc.deps.db, holders));
  const failed = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function handInAgain(svc: ChatService, chatId: string): Promise<void> {
  const stored = await loadChat(svc.deps.db, chatId);
  if (stored) await svc.handIn(chatId, stored.serviceId, stored.preChat, stored.callerKey).catch(() => undefined);
}
