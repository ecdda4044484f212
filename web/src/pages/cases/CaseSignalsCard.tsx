// The signals raised from the case: number (once registered), reason, status; each opens its page.
import { Anchor, Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { SIGNAL_STATUS_COLOUR, signalReasonKey, signalStatusKey } from '../../cases/labels';
import type { CaseView } from '../../cases/types';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { signalPath } from '../signals/signalPaths';

export function CaseSignalsCard({ view, onRaise }: { view: CaseView; onRaise: (() => void) | null }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-signals">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="case-signals">
          {t('case.signals')}
        </Title>
        {onRaise && (
          <Button variant="light" size="xs" onClick={onRaise}>
            {t('signal.raise')}
          </Button>
        )}
      </Group>
      {view.signals.length === 0 ? (
        <Text size="sm">{t('case.signalsEmpty')}</Text>
      ) : (
        <Table aria-labelledby="case-signals" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('signal.number')}</Table.Th>
              <Table.Th scope="col">{t('signal.reasonLabel')}</Table.Th>
              <Table.Th scope="col">{t('signal.statusLabel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.signals.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={signalPath(s.id)}>
                    {s.number ? `№ ${s.number}` : t('signal.draftOf', { time: formatDateTime(s.createdAt) })}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(signalReasonKey(s.reason))}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={SIGNAL_STATUS_COLOUR[s.status]}>
                    {t(signalStatusKey(s.status))}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
