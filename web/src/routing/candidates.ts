// Who a waiting or transferred contact can be offered to by hand (assign, transfer): counsellors on
// duty with room on the contact's channel, other than the one who has it.
import type { ContactView, CounsellorView } from './types';

export function candidatesFor(counsellors: readonly CounsellorView[], contact: ContactView, exceptId?: string): CounsellorView[] {
  const text = contact.channel !== 'voice';
  return counsellors.filter(
    (c) => c.staffId !== exceptId && c.staffId !== contact.staffId && c.presence === 'available' && (text ? c.free.text : c.free.voice),
  );
}
