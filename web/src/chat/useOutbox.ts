// Sending from the staff side: each message gets a client id at once and shows as pending until the
// server answers with its seq (then it joins the transcript). A message that failed for lack of
// connection (or a server fault) stays, marked, and «Повторить» resends it with the same client id,
// so the server stores it once. A refusal (too long, too many, chat ended) gives the text back.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api, isApiError, newCommandId } from '../api';
import { chatKey, updateChat } from './chatApi';
import { withMessage } from './messageLog';

export interface Outgoing {
  clientId: string;
  text: string;
  status: 'sending' | 'failed';
}

const retryable = (err: unknown) => !isApiError(err) || err.status === 0 || err.status >= 500;

export function useOutbox(chatId: string, pseudonym: string) {
  const client = useQueryClient();
  const [outgoing, setOutgoing] = useState<Outgoing[]>([]);
  const [error, setError] = useState<unknown>(null);

  const post = useCallback(
    async (clientId: string, text: string): Promise<boolean> => {
      setOutgoing((list) => [...list.filter((o) => o.clientId !== clientId), { clientId, text, status: 'sending' }]);
      try {
        const { seq, at } = await api.post<{ seq: number; at: string }>(`/api/chats/${chatId}/messages`, { clientId, text });
        updateChat(client, chatId, (v) => withMessage(v, { seq, at, text, from: 'counsellor', pseudonym }));
        setOutgoing((list) => list.filter((o) => o.clientId !== clientId));
        return true;
      } catch (err) {
        setError(err);
        if (retryable(err)) {
          setOutgoing((list) => list.map((o) => (o.clientId === clientId ? { ...o, status: 'failed' } : o)));
          return true;
        }
        setOutgoing((list) => list.filter((o) => o.clientId !== clientId));
        if (isApiError(err, 'chat.ended')) void client.invalidateQueries({ queryKey: chatKey(chatId) });
        return false;
      }
    },
    [chatId, client, pseudonym],
  );

  /** Sends a new message; resolves false if the server refused it (the caller keeps the text). */
  const send = useCallback(
    (text: string) => {
      setError(null);
      return post(newCommandId(), text);
    },
    [post],
  );

  const retry = useCallback(
    (clientId: string) => {
      const found = outgoing.find((o) => o.clientId === clientId);
      setError(null);
      if (found) void post(found.clientId, found.text);
    },
    [outgoing, post],
  );

  return { outgoing, error, send, retry, clearError: () => setError(null) };
}
