// The transcript as the staff see it: the messages read over HTTP and those that arrived live,
// merged by their server sequence number (no duplicates, in order), and where the first gap is.
import type { ChatMessage, StaffChatView } from './types.js';

/** Adds `incoming` to `messages`: one entry per seq, ordered by seq. Returns the same array if nothing is new. */
export function mergeMessages(messages: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const known = new Set(messages.map((m) => m.seq));
  const fresh = incoming.filter((m) => !known.has(m.seq) && (known.add(m.seq), true));
  if (fresh.length === 0) return messages as ChatMessage[];
  return [...messages, ...fresh].sort((a, b) => a.seq - b.seq);
}

/**
 * The last seq up to which nothing is missing (seqs start at 1 and have no holes on the server).
 * A transcript whose start was deleted has no messages; then the chat's own last seq counts.
 */
export function contiguousEnd(messages: readonly ChatMessage[]): number {
  let end = 0;
  for (const m of messages) {
    if (m.seq <= end) continue;
    if (m.seq !== end + 1) break;
    end = m.seq;
  }
  return end;
}

/** Whether a live message shows that something before it was missed. */
export const leavesGap = (messages: readonly ChatMessage[], seq: number): boolean => seq > contiguousEnd(messages) + 1;

/** A fresh read (possibly only the messages after some seq) merged into what was held before. */
export function mergeView(previous: StaffChatView | undefined, read: StaffChatView): StaffChatView {
  if (!previous || previous.chat.id !== read.chat.id) return { ...read, messages: mergeMessages([], read.messages) };
  return {
    ...read,
    chat: {
      ...read.chat,
      childReadSeq: Math.max(read.chat.childReadSeq, previous.chat.childReadSeq),
      staffReadSeq: Math.max(read.chat.staffReadSeq, previous.chat.staffReadSeq),
    },
    messages: mergeMessages(previous.messages, read.messages),
  };
}

/** A live message added to the view (lastSeq follows). */
export function withMessage(view: StaffChatView, message: ChatMessage): StaffChatView {
  const messages = mergeMessages(view.messages, [message]);
  if (messages === view.messages) return view;
  return { ...view, chat: { ...view.chat, lastSeq: Math.max(view.chat.lastSeq, message.seq) }, messages };
}
