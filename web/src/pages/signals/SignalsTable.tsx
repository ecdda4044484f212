// Rows of the register (and of the overdue list): outgoing number and day, status with what is
// overdue, urgency, reason, the agencies with their incoming numbers, the outcome. The number opens
// the signal.
import { Anchor, Badge, Group, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { outcomeKey, overdueKey, SIGNAL_STATUS_COLOUR, signalReasonKey, signalStatusKey, urgencyKey } from '../../cases/labels';
import type { SignalSummary } from '../../cases/types';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { useFormatDay } from '../cases/CaseTasksCard';
import { signalPath } from './signalPaths';

export function SignalsTable({ items, label }: { items: SignalSummary[]; label: string }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const formatDay = useFormatDay();
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label={label} verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('signal.number')}</Table.Th>
              <Table.Th scope="col">{t('signal.registeredOn')}</Table.Th>
              <Table.Th scope="col">{t('signal.statusLabel')}</Table.Th>
              <Table.Th scope="col">{t('signal.urgencyLabel')}</Table.Th>
              <Table.Th scope="col">{t('signal.reasonLabel')}</Table.Th>
              <Table.Th scope="col">{t('signal.addressees')}</Table.Th>
              <Table.Th scope="col">{t('signal.outcomeLabel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id} data-testid="signal-row">
                <Table.Td>
                  <Anchor component={Link} to={signalPath(s.id)}>
                    {s.number ? `№ ${s.number}` : t('signal.draftOf', { time: formatDateTime(s.createdAt) })}
                  </Anchor>
                </Table.Td>
                <Table.Td>{s.registeredOn ? formatDay(s.registeredOn) : '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color={SIGNAL_STATUS_COLOUR[s.status]}>
                      {t(signalStatusKey(s.status))}
                    </Badge>
                    {s.sentWithoutApproval && !s.reviewedAt && (
                      <Badge variant="light" color="orange">
                        {t('signal.unreviewedShort')}
                      </Badge>
                    )}
                    {s.overdue.map((k) => (
                      <Badge key={k} color="red" variant="filled">
                        {t(overdueKey(k))}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{t(urgencyKey(s.urgency))}</Table.Td>
                <Table.Td>{t(signalReasonKey(s.reason))}</Table.Td>
                <Table.Td>
                  {s.addressees.map((a) => (
                    <Text key={a.id} size="sm">
                      {a.name}
                      {a.incomingNumber && (
                        <Text span size="xs" className="muted">
                          {' '}
                          ({t('signal.incomingShort', { number: a.incomingNumber })})
                        </Text>
                      )}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>{s.outcome ? t(outcomeKey(s.outcome)) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
