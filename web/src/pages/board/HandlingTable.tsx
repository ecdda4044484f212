// Contacts of the service in progress: who has each, talk or wrap-up, for how long; a supervisor
// can transfer one (to a chosen counsellor, the supervisor on duty or back to the queue) and make
// a care plan from one (the caller's next contacts go first to a chosen counsellor), and end a stuck call.
import { Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { ListTable } from '../../components/ListTable';
import { useDialog } from '../../components/useDialog';
import { Link } from 'react-router';
import { chatIdOf, chatPath } from '../../chat/chatIds';
import { useT } from '../../i18n/I18nProvider';
import { formatDuration } from '../../i18n/format';
import { channelKey, RISK_COLOUR, riskKey, stateKey } from '../../routing/labels';
import type { Board, ContactView } from '../../routing/types';
import { TransferModal } from '../workstation/TransferModal';
import { CarePlanModal } from './CarePlanModal';
import { EndCallButton } from '../../voice/calls/EndCallButton';
import { useContactLabels } from './useContactLabels';

export function HandlingTable({ board, now }: { board: Board; now: number }) {
  const t = useT();
  const dialog = useDialog<{ kind: 'transfer' | 'care'; contact: ContactView }>();
  const current = dialog.value;
  const { summary, staffName } = useContactLabels(board);
  const contacts = board.handling;

  return (
    <section aria-labelledby="board-handling">
      <Title order={2} size="h4" id="board-handling" mb="xs">
        {t('board.handling')}
      </Title>
      {contacts.length === 0 ? (
        <Text>{t('board.handlingEmpty')}</Text>
      ) : (
        <ListTable
          columns={[t('routing.risk'), t('routing.channel'), t('board.counsellor'), t('board.state'), t('board.duration')]}
          minWidth={640}
          labelledBy="board-handling"
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
              <Table.Td>{c.staffId ? staffName(c.staffId) : '—'}</Table.Td>
              <Table.Td>{t(stateKey(c.state))}</Table.Td>
              <Table.Td className="countdown">{c.acceptedAt ? formatDuration((now - Date.parse(c.acceptedAt)) / 1000) : '—'}</Table.Td>
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
                  {c.state === 'active' && (
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => dialog.open({ kind: 'transfer', contact: c })}
                      aria-label={`${t('ws.transfer')}: ${summary(c)}`}
                    >
                      {t('ws.transfer')}
                    </Button>
                  )}
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => dialog.open({ kind: 'care', contact: c })}
                    aria-label={`${t('care.createTitle')}: ${summary(c)}`}
                  >
                    {t('care.createTitle')}
                  </Button>
                  <EndCallButton contact={c} label={summary(c)} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <TransferModal
        opened={dialog.is('transfer')}
        contact={current?.kind === 'transfer' ? current.contact : null}
        onClose={dialog.close}
      />
      <CarePlanModal
        opened={dialog.is('care')}
        contact={current?.kind === 'care' ? current.contact : null}
        board={board}
        onClose={dialog.close}
      />
    </section>
  );
}
