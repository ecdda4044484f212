// «Блокировки чата» on the board: the callers blocked from the service's chat now, until when, why
// and by whom, with «Снять». Live: `chat.blocks_changed` on the board's topic re-reads the list.
import { Anchor, Button, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useLiveEvent } from '../../auth/liveEvents';
import { blocksKey, useChatBlocks, useLiftBlock } from '../../chat/chatApi';
import { cannedAdminPath, chatPath } from '../../chat/chatIds';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTable } from '../../components/ListTable';
import { LoadFailed } from '../../components/LoadState';
import { useFormatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';

export function ChatBlocksPanel({ serviceId }: { serviceId: string }) {
  const t = useT();
  const blocks = useChatBlocks(serviceId);
  const lift = useLiftBlock(serviceId);
  const client = useQueryClient();
  const dateTime = useFormatDateTime();
  useLiveEvent((event) => {
    if (event.name === 'chat.blocks_changed' && event.data.serviceId === serviceId)
      void client.invalidateQueries({ queryKey: blocksKey(serviceId) });
  });
  const items = blocks.data ?? [];

  return (
    <section aria-labelledby="board-chat-blocks">
      <Title order={2} size="h4" id="board-chat-blocks" mb="xs">
        {t('chat.blocks.title')}
      </Title>
      <Anchor component={Link} to={cannedAdminPath(serviceId)} size="sm" display="inline-block" mb="xs">
        {t('chat.canned.manage')}
      </Anchor>
      <ErrorAlert error={lift.error} />
      {blocks.isError && <LoadFailed error={blocks.error} onRetry={() => void blocks.refetch()} />}
      {blocks.isSuccess && items.length === 0 && <Text>{t('chat.blocks.empty')}</Text>}
      {items.length > 0 && (
        <ListTable
          columns={[t('chat.blocks.until'), t('chat.blocks.reason'), t('chat.blocks.by')]}
          minWidth={640}
          labelledBy="board-chat-blocks"
          compact
          testId="chat-blocks"
          actions
        >
          {items.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>{dateTime(b.blockedUntil)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{b.reason}</Table.Td>
              <Table.Td>
                {b.createdBy ?? '—'}
                {b.chatId && (
                  <>
                    {' · '}
                    <Anchor component={Link} to={chatPath(b.chatId)} size="sm">
                      {t('chat.blocks.chat')}
                    </Anchor>
                  </>
                )}
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="default"
                  loading={lift.isPending && lift.variables === b.id}
                  onClick={() => lift.mutate(b.id)}
                  aria-label={t('chat.blocks.liftOf', { until: dateTime(b.blockedUntil) })}
                >
                  {t('chat.blocks.lift')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </section>
  );
}
