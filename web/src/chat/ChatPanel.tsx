// The chat of a contact in the counsellor's hands, on the workstation: facts, transcript, composer,
// «Завершить чат» (the contact then goes to wrap-up; its record is the contact's «Запись»). What
// arrives is marked read while the panel is on screen and the tab visible. «Отправить карточку
// службы» sends a directory entry's card as a message.
import { Alert, Button, Group, Stack } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/SessionContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadFailed, Loading } from '../components/LoadState';
import { useT } from '../i18n/I18nProvider';
import type { ContactView } from '../routing/types';
import { markChatRead, useChatView, useEndChat } from './chatApi';
import { chatIdOf } from './chatIds';
import { ChatComposer } from './ChatComposer';
import { ChatFacts } from './ChatFacts';
import { ChatTranscript } from './ChatTranscript';
import { DirectoryCardAction } from './DirectoryCardAction';
import { useChatLive } from './useChatLive';
import { useOutbox } from './useOutbox';

export function ChatPanel({ contact }: { contact: ContactView }) {
  const t = useT();
  const me = useSession();
  const chatId = chatIdOf(contact);
  const view = useChatView(chatId);
  const { childTyping } = useChatLive(chatId);
  const outbox = useOutbox(chatId, me.user.pseudonym);
  const end = useEndChat(chatId);
  const v = view.data;
  const visible = usePageVisible();
  const readSent = useRef(0);

  const lastChildSeq = v?.messages.reduce((max, m) => (m.from === 'child' ? Math.max(max, m.seq) : max), 0) ?? 0;
  const canWrite = v?.canWrite === true;
  useEffect(() => {
    if (!v || !canWrite || !visible) return;
    const seq = Math.max(lastChildSeq, 0);
    if (seq === 0 || seq <= Math.max(readSent.current, v.chat.staffReadSeq)) return;
    readSent.current = seq;
    void markChatRead(chatId, seq);
  }, [v, canWrite, visible, lastChildSeq, chatId]);

  if (view.isPending) return <Loading />;
  if (!v) return <LoadFailed error={view.error} onRetry={() => void view.refetch()} />;
  const active = v.chat.state !== 'ended' && contact.state === 'active';

  return (
    <Stack gap="xs" data-testid={`chat-panel-${chatId}`}>
      <ChatFacts chat={v.chat} childTyping={childTyping} />
      <ChatTranscript
        chatId={chatId}
        messages={v.messages}
        childReadSeq={v.chat.childReadSeq}
        outgoing={outbox.outgoing}
        onRetry={outbox.retry}
        transcriptDeleted={v.chat.transcriptDeleted}
      />
      {active && canWrite && <ChatComposer chatId={chatId} serviceId={v.chat.serviceId} send={outbox.send} error={outbox.error} />}
      {v.chat.state === 'ended' && (
        <Alert color="gray" variant="light">
          {t('chat.endedNote')}
        </Alert>
      )}
      {active && canWrite && (
        <Group>
          <DirectoryCardAction chatId={chatId} preChat={v.chat.preChat} pseudonym={me.user.pseudonym} />
          <Button color="red" variant="light" onClick={() => end.mutate()} loading={end.isPending}>
            {t('chat.end')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={end.error} />
    </Stack>
  );
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}
