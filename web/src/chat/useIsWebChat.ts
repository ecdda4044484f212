// Whether a contact is a web chat with a transcript here. A contact of channel `chat` may also come
// from another chat system through the channel ingress: the server then knows no such chat (404),
// and the contact is handled as any other (ended with the routing «Завершить»).
import { isApiError } from '../api';
import type { ContactView } from '../routing/types';
import { useChatView } from './chatApi';
import { chatIdOf } from './chatIds';

export function useIsWebChat(contact: ContactView): boolean {
  const view = useChatView(contact.channel === 'chat' ? chatIdOf(contact) : null);
  return contact.channel === 'chat' && !(view.isError && isApiError(view.error, 'chat.not_found'));
}
