// Live events of one chat (`chat.*`): the holder hears them on its user topic without subscribing;
// a supervisor reading the chat holds `chat:<serviceId>:<chatId>`. Messages are merged by seq; a
// gap, a state change or a (re)subscription re-reads what is new over HTTP. Returns whether the
// child is typing now (for a few seconds after each notice).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLiveEvent, useLiveTopic } from '../auth/liveEvents';
import { chatKey, updateChat } from './chatApi';
import { leavesGap, withMessage } from './messageLog';
import type { ChatMessage, StaffChatView } from './types';

const TYPING_SHOWN_MS = 4_000;

export const chatTopic = (serviceId: string, chatId: string) => `chat:${serviceId}:${chatId}`;

export function useChatLive(chatId: string, options: { subscribeServiceId?: string | null } = {}): { childTyping: boolean } {
  const client = useQueryClient();
  const [typingUntil, setTypingUntil] = useState(0);
  const [, tick] = useState(0);
  const topic = options.subscribeServiceId ? chatTopic(options.subscribeServiceId, chatId) : null;
  useLiveTopic(topic);

  const refetch = () => void client.invalidateQueries({ queryKey: chatKey(chatId) });

  useLiveEvent((event) => {
    if (event.name === 'realtime.subscribed') {
      if (topic && event.topic === topic) refetch();
      return;
    }
    if (!event.name.startsWith('chat.') || event.data.chatId !== chatId) return;
    switch (event.name) {
      case 'chat.message': {
        const message = event.data.message as ChatMessage;
        const view = client.getQueryData<StaffChatView>(chatKey(chatId));
        if (!view) return;
        if (leavesGap(view.messages, message.seq)) refetch();
        updateChat(client, chatId, (v) => {
          const next = withMessage(v, message);
          return message.from === 'child' ? { ...next, chat: { ...next.chat, childOnline: true } } : next;
        });
        if (message.from === 'child') setTypingUntil(0);
        return;
      }
      case 'chat.typing':
        if (event.data.from === 'child') {
          setTypingUntil(Date.now() + TYPING_SHOWN_MS);
          updateChat(client, chatId, (v) => (v.chat.childOnline ? v : { ...v, chat: { ...v.chat, childOnline: true } }));
        }
        return;
      case 'chat.read': {
        const seq = Number(event.data.seq);
        const field = event.data.by === 'child' ? 'childReadSeq' : 'staffReadSeq';
        updateChat(client, chatId, (v) => (v.chat[field] >= seq ? v : { ...v, chat: { ...v.chat, [field]: seq } }));
        return;
      }
      case 'chat.presence': {
        const childOnline = event.data.childOnline === true;
        updateChat(client, chatId, (v) => (v.chat.childOnline === childOnline ? v : { ...v, chat: { ...v.chat, childOnline } }));
        if (!childOnline) setTypingUntil(0);
        return;
      }
      case 'chat.ended':
        updateChat(client, chatId, (v) => ({
          ...v,
          canWrite: false,
          chat: { ...v.chat, state: 'ended', endedBy: event.data.by as never },
        }));
        refetch();
        return;
      default:
        refetch();
    }
  });

  // Hide the typing notice once its time is up.
  useEffect(() => {
    const left = typingUntil - Date.now();
    if (left <= 0) return;
    const timer = setTimeout(() => tick((n) => n + 1), left + 50);
    return () => clearTimeout(timer);
  }, [typingUntil]);

  return { childTyping: typingUntil > Date.now() };
}
