// The waiting contacts in the order the engine offers them (risk first, then wait), with whom each
// is offered to now, and the supervisor's actions: assign to a counsellor, take it oneself, end a stuck call.
import { Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTable } from '../../components/ListTable';
import { useDialog } from '../../components/useDialog';
import { Link } from 'react-router';
import { chatIdOf, chatPath } from '../../chat/chatIds';
import { useT } from '../../i18n/I18nProvider';
import { formatDuration } from '../../i18n/format';
import { useTake } from '../../routing/boardApi';
import { channelKey, RISK_COLOUR, riskKey } from '../../routing/labels';
import type { Board, ContactView } from '../../routing/types';
import { AssignModal } from './AssignModal';
import { EndCallButton } from '../../voice/calls/EndCallButton';
import { useContactLabels } from './useContactLabels';

export function QueueTable({ board, now }: { board: Board; now: number }) {
  const t = useT();
  const take = useTake(board.serviceId);
  const dialog = useDialog<{ kind: 'assign'; contact: ContactView }>();
  const { summary, staffName } = useContactLabels(board);
  const contacts = board.queue.contacts;

  return (
    <section aria-labelledby="board-queue">
      <Title order={2} size="h4" id="board-queue" mb="xs">
        {t('board.queue')}
      </Title>
      <ErrorAlert error={take.error} />
      {contacts.length === 0 ? (
        <Text>{t('board.queueEmpty')}</Text>
      ) : (
        <ListTable
          columns={[t('routing.risk'), t('routing.channel'), t('board.waited'), t('board.offeredTo')]}
          minWidth={640}
          labelledBy="board-queue"
          compact
          actions
        >
          {contacts.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Badge variant="light" color={RISK_COLOUR[c.risk]}>
                  {t(riskKey(c.risk))}
                </Badge>
              </Table.Td>
              <Table.Td>{t(channelKey(c.channel))}</Table.Td>
              <Table.Td className="countdown">{formatDuration((now - Date.parse(c.queuedAt)) / 1000)}</Table.Td>
              <Table.Td>{c.offeredTo ? staffName(c.offeredTo) : '—'}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {c.channel === 'chat' && (
                    <Button
                      component={Link}
                      to={chatPath(chatIdOf(c))}
                      size="compact-sm"
                      variant="light"
                      aria-label={`${t('chat.open')}: ${summary(c)}`}
                    >
                      {t('chat.open')}
                    </Button>
                  )}
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => dialog.open({ kind: 'assign', contact: c })}
                    aria-label={`${t('board.assign')}: ${summary(c)}`}
                  >
                    {t('board.assign')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    loading={take.isPending && take.variables === c.id}
                    onClick={() => take.mutate(c.id, { onSuccess: () => notifications.show({ color: 'teal', message: t('board.taken') }) })}
                    aria-label={`${t('board.take')}: ${summary(c)}`}
                  >
                    {t('board.take')}
                  </Button>
                  <EndCallButton contact={c} label={summary(c)} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <AssignModal opened={dialog.is('assign')} contact={dialog.value?.contact ?? null} board={board} onClose={dialog.close} />
    </section>
  );
}
