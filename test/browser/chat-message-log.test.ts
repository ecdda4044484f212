// The staff SPA's transcript merging (web/src/chat/messageLog.ts): messages read over HTTP and
// those that arrived live are one list by seq, without duplicates, in order; a gap is seen.
import { describe, expect, it } from 'vitest';
import { contiguousEnd, leavesGap, mergeMessages, mergeView, withMessage } from '../../web/src/chat/messageLog.js';
import type { ChatMessage, StaffChatView } from '../../web/src/chat/types.js';

const m = (seq: number, text = `m${seq}`): ChatMessage => ({
  seq,
  from: seq % 2 ? 'child' : 'counsellor',
  text,
  at: '2025-01-01T00:00:00Z',
  pseudonym: null,
});
const view = (messages: ChatMessage[], extra: Partial<StaffChatView['chat']> = {}): StaffChatView => ({
  chat: {
    id: 'c1',
    serviceId: 's1',
    state: 'active',
    endedBy: null,
    preChat: {},
    createdAt: '2025-01-01T00:00:00Z',
    endedAt: null,
    contactId: 'c1',
    risk: 'unknown',
    waitedSeconds: 0,
    holderPseudonym: null,
    childOnline: true,
    lastSeq: messages.at(-1)?.seq ?? 0,
    childReadSeq: 0,
    staffReadSeq: 0,
    feedback: null,
    transcriptDeleted: false,
    ...extra,
  },
  messages,
  canWrite: true,
});

describe('the chat transcript merge', () => {
  it('keeps one message per seq, in seq order, whatever the arrival order', () => {
    const merged = mergeMessages([m(1), m(3)], [m(3, 'again'), m(2), m(5), m(4), m(2)]);
    expect(merged.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(merged[2]!.text).toBe('m3');
  });

  it('returns the same list when nothing is new (no re-render)', () => {
    const list = [m(1), m(2)];
    expect(mergeMessages(list, [m(2)])).toBe(list);
    const v = view(list);
    expect(withMessage(v, m(1))).toBe(v);
  });

  it('finds the end of the gapless prefix and whether a live message leaves a gap', () => {
    expect(contiguousEnd([])).toBe(0);
    expect(contiguousEnd([m(1), m(2), m(4)])).toBe(2);
    expect(leavesGap([m(1), m(2)], 3)).toBe(false);
    expect(leavesGap([m(1), m(2)], 4)).toBe(true);
    expect(leavesGap([m(1), m(2)], 2)).toBe(false);
  });

  it('merges a read of what came after into what was held, read marks never going back', () => {
    const held = view([m(1), m(2), m(4)], { childReadSeq: 4 });
    const read = view([m(3), m(4), m(5)], { childReadSeq: 2, lastSeq: 5 });
    const merged: StaffChatView = mergeView(held, read);
    expect(merged.messages.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(merged.chat).toMatchObject({ childReadSeq: 4, lastSeq: 5 });
    expect(withMessage(merged, m(6)).chat.lastSeq).toBe(6);
  });
});
