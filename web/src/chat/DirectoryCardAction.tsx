// «Отправить карточку службы»: the directory search in a dialog (starting from the child's pre-chat
// age and region); «Отправить» posts the service's card to the chat as the counsellor's message. The
// card keeps its client id until the server has it, so a retry after a lost answer is stored once.
import { Button, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, isApiError, newCommandId } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { DirectorySearch } from '../directory/DirectorySearch';
import { useT } from '../i18n/I18nProvider';
import { useReferralFilters } from '../records/useReferralFilters';
import { chatKey, updateChat } from './chatApi';
import { withMessage } from './messageLog';
import type { PreChat } from './types';

interface Props {
  chatId: string;
  preChat: PreChat;
  pseudonym: string;
}

export function DirectoryCardAction({ chatId, preChat, pseudonym }: Props) {
  const t = useT();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The card being sent and its client id: the same card again (a retry) reuses the id.
  const pending = useRef<{ serviceId: string; clientId: string } | null>(null);
  const initial = useReferralFilters(preChat.age, preChat.region);

  const send = async (serviceId: string, name: string) => {
    if (pending.current?.serviceId !== serviceId) pending.current = { serviceId, clientId: newCommandId() };
    const { clientId } = pending.current;
    setSending(true);
    setError(null);
    try {
      const sent = await api.post<{ seq: number; at: string; text: string }>(`/api/chats/${chatId}/directory-card`, {
        directoryServiceId: serviceId,
        clientId,
      });
      pending.current = null;
      updateChat(client, chatId, (v) => withMessage(v, { seq: sent.seq, at: sent.at, text: sent.text, from: 'counsellor', pseudonym }));
      setOpen(false);
      notifications.show({ color: 'teal', message: t('chatCard.sent', { name }) });
    } catch (err) {
      // Refused for good (not a lost answer): the next try is a new message.
      if (isApiError(err) && err.status > 0 && err.status < 500) pending.current = null;
      if (isApiError(err, 'chat.ended')) void client.invalidateQueries({ queryKey: chatKey(chatId) });
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('chatCard.open')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('chatCard.dialogTitle')} size="xl">
        <ErrorAlert error={error} />
        <DirectorySearch
          headingLevel={3}
          initial={initial}
          renderActions={(card) => (
            <Button
              size="xs"
              loading={sending && pending.current?.serviceId === card.id}
              disabled={sending}
              aria-label={`${t('chatCard.send')}: ${card.name}`}
              onClick={() => void send(card.id, card.name)}
            >
              {t('chatCard.send')}
            </Button>
          )}
        />
      </Modal>
    </>
  );
}
