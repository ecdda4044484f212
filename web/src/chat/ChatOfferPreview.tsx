// On the offer card of a chat: the child's answers before the chat and what it has written so far,
// so the counsellor knows what they accept. The server lets the counsellor the chat is offered to read it.
import { Stack } from '@mantine/core';
import type { ContactView } from '../routing/types';
import { useChatView } from './chatApi';
import { chatIdOf } from './chatIds';
import { PreChatAnswers } from './ChatFacts';
import { ChatTranscript } from './ChatTranscript';

export function ChatOfferPreview({ contact }: { contact: ContactView }) {
  const chatId = chatIdOf(contact);
  const view = useChatView(chatId);
  const v = view.data;
  if (!v) return null;
  return (
    <Stack gap="xs" data-testid="offer-chat-preview">
      <PreChatAnswers chat={v.chat} />
      <ChatTranscript chatId={chatId} messages={v.messages} childReadSeq={v.chat.childReadSeq} />
    </Stack>
  );
}
