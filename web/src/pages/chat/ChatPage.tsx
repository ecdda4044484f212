// A supervisor reads a live chat (`/chats/:chatId`; the server audits the read): facts, the
// transcript as it happens (the page holds `chat:<serviceId>:<chatId>`), «Вмешаться» to write as
// oneself (the child sees the supervisor's pseudonym), and «Заблокировать абонента».
import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../auth/SessionContext';
import { isApiError } from '../../api';
import { LoadFailed, Loading } from '../../components/LoadState';
import { useDialog } from '../../components/useDialog';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { useChatView } from '../../chat/chatApi';
import { ChatComposer } from '../../chat/ChatComposer';
import { ChatFacts } from '../../chat/ChatFacts';
import { ChatTranscript } from '../../chat/ChatTranscript';
import { useChatLive } from '../../chat/useChatLive';
import { useOutbox } from '../../chat/useOutbox';
import { boardPath } from '../board/BoardPickerPage';
import { NotFoundPage } from '../NotFoundPage';
import { BlockCallerModal } from './BlockCallerModal';

export function ChatPage() {
  const { chatId = '' } = useParams();
  const view = useChatView(chatId);
  if (view.isError && isApiError(view.error) && view.error.status === 404) return <NotFoundPage />;
  return <LiveChat key={chatId} chatId={chatId} />;
}

function LiveChat({ chatId }: { chatId: string }) {
  const t = useT();
  const me = useSession();
  const view = useChatView(chatId);
  const v = view.data;
  const { childTyping } = useChatLive(chatId, { subscribeServiceId: v?.chat.serviceId ?? null });
  const outbox = useOutbox(chatId, me.user.pseudonym);
  const [steppingIn, setSteppingIn] = useState(false);
  const dialog = useDialog<{ kind: 'block' }>();
  const supervises = v ? me.permissions.superviseServiceIds.includes(v.chat.serviceId) : false;

  return (
    <>
      <PageTitle>{t('chat.page.title')}</PageTitle>
      {view.isPending && <Loading />}
      {view.isError && !v && <LoadFailed error={view.error} onRetry={() => void view.refetch()} />}
      {v && (
        <Stack gap="md">
          {supervises && (
            <Anchor component={Link} to={boardPath(v.chat.serviceId)}>
              {t('chat.page.backToBoard')}
            </Anchor>
          )}
          <Text size="sm" className="muted">
            {t('chat.page.audited')}
          </Text>
          <Card withBorder padding="md" component="section" aria-labelledby="chat-live">
            <Stack gap="xs">
              <Text id="chat-live" fw={700} component="h2" size="lg">
                {v.chat.holderPseudonym ? t('chat.page.heldBy', { name: v.chat.holderPseudonym }) : t('chat.page.notHeld')}
              </Text>
              <ChatFacts chat={v.chat} childTyping={childTyping} />
              <ChatTranscript
                chatId={chatId}
                messages={v.messages}
                childReadSeq={v.chat.childReadSeq}
                outgoing={outbox.outgoing}
                onRetry={outbox.retry}
                transcriptDeleted={v.chat.transcriptDeleted}
              />
              {v.canWrite && !steppingIn && (
                <Group>
                  <Button onClick={() => setSteppingIn(true)}>{t('chat.page.stepIn')}</Button>
                </Group>
              )}
              {v.canWrite && steppingIn && (
                <>
                  <Alert color="orange" variant="light">
                    {t('chat.page.stepInNote', { name: me.user.pseudonym })}
                  </Alert>
                  <ChatComposer
                    chatId={chatId}
                    serviceId={v.chat.serviceId}
                    send={outbox.send}
                    error={outbox.error}
                    label={t('chat.page.stepInMessage')}
                  />
                </>
              )}
            </Stack>
          </Card>
          {supervises && (
            <Group>
              <Button color="red" variant="light" onClick={() => dialog.open({ kind: 'block' })}>
                {t('chat.block.open')}
              </Button>
            </Group>
          )}
          <BlockCallerModal opened={dialog.is('block')} chatId={chatId} serviceId={v.chat.serviceId} onClose={dialog.close} />
        </Stack>
      )}
    </>
  );
}
