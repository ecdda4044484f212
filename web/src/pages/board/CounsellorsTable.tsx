// Every counsellor of the service who has been on duty: state, contacts in hand and offers, how long
// in this state; a supervisor can change someone's status (e.g. send a "not responding" one offline).
import { Badge, Button, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTable } from '../../components/ListTable';
import { useT } from '../../i18n/I18nProvider';
import { MAIN_ID } from '../../layout/SkipLink';
import { formatDuration } from '../../i18n/format';
import { useSetCounsellorPresence } from '../../routing/boardApi';
import { PRESENCE_COLOUR, presenceKey } from '../../routing/labels';
import { SETTABLE_PRESENCES, type Board } from '../../routing/types';
import { useContactLabels } from './useContactLabels';

export function CounsellorsTable({ board, now }: { board: Board; now: number }) {
  const t = useT();
  const setPresence = useSetCounsellorPresence(board.serviceId);
  const { summary } = useContactLabels(board);

  return (
    <section aria-labelledby="board-counsellors">
      <Title order={2} size="h4" id="board-counsellors" mb="xs">
        {t('board.counsellors')}
      </Title>
      <ErrorAlert error={setPresence.error} />
      {board.counsellors.length === 0 ? (
        <Text>{t('board.counsellorsEmpty')}</Text>
      ) : (
        <ListTable
          columns={[t('board.pseudonym'), t('board.status'), t('board.contacts'), t('board.since')]}
          minWidth={640}
          labelledBy="board-counsellors"
          compact
          actions
        >
          {board.counsellors.map((c) => (
            <Table.Tr key={c.staffId}>
              <Table.Th scope="row" fw={600}>
                {c.pseudonym}
                {c.supervisor && (
                  <Text span size="xs" className="muted">
                    {` (${t('board.supervisor')})`}
                  </Text>
                )}
              </Table.Th>
              <Table.Td>
                <Badge variant="light" color={PRESENCE_COLOUR[c.shown]}>
                  {t(presenceKey(c.shown))}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {c.contacts.map((x) => (
                    <Text key={x.id} size="sm">
                      {summary(x)}
                    </Text>
                  ))}
                  {c.offers.map((o) => (
                    <Text key={o.id} size="sm" className="muted">
                      {`${t('board.offered')}: ${summary(o.contact)}`}
                    </Text>
                  ))}
                  {c.contacts.length + c.offers.length === 0 && '—'}
                </Stack>
              </Table.Td>
              <Table.Td className="countdown">{formatDuration((now - Date.parse(c.since)) / 1000)}</Table.Td>
              <Table.Td>
                {/* Rendered inside <main> (not at the end of <body>), so the open menu is within a landmark. */}
                <Menu position="bottom-end" portalProps={{ target: `#${MAIN_ID}` }}>
                  <Menu.Target>
                    <Button
                      size="compact-sm"
                      variant="default"
                      loading={setPresence.isPending && setPresence.variables.staffId === c.staffId}
                      aria-label={`${t('board.changeStatus')}: ${c.pseudonym}`}
                    >
                      {t('board.changeStatus')}
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {SETTABLE_PRESENCES.filter((p) => p !== c.presence).map((p) => (
                      <Menu.Item
                        key={p}
                        onClick={() =>
                          setPresence.mutate(
                            { staffId: c.staffId, presence: p },
                            { onSuccess: () => notifications.show({ color: 'teal', message: t('board.statusChanged') }) },
                          )
                        }
                      >
                        {t(presenceKey(p))}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </section>
  );
}
