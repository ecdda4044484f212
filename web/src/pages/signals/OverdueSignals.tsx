// Overdue signals — an agency has not acknowledged in time, its outcome is late, or an urgent send
// still awaits a supervisor's review — until someone handles them. On the supervisor's board (one
// service) and on the head's home page (every service they supervise). Each service's board topic
// announces every change of its signals and, once, each signal that has become overdue.
import { Card, Text, Title } from '@mantine/core';
import { useLiveEvent, useLiveTopic } from '../../auth/liveEvents';
import { useSession } from '../../auth/SessionContext';
import { useOverdueSignals } from '../../cases/signalsApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { SignalsTable } from './SignalsTable';

/** Keeps the socket on one service's board topic while shown. */
function BoardTopic({ serviceId }: { serviceId: string }) {
  useLiveTopic(`board:${serviceId}`);
  return null;
}

export function OverdueSignals({ serviceId }: { serviceId: string | null }) {
  const t = useT();
  const { permissions } = useSession();
  const overdue = useOverdueSignals(serviceId);
  const boards = serviceId ? [serviceId] : permissions.superviseServiceIds;
  useLiveEvent((event) => {
    if (event.name === 'signal.updated' || event.name === 'signal.overdue') void overdue.refetch();
  });
  const items = overdue.data ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="overdue-signals">
      {boards.map((id) => (
        <BoardTopic key={id} serviceId={id} />
      ))}
      <Title order={2} size="h4" id="overdue-signals" mb="sm">
        {t('signal.overdueTitle')}
        {items.length > 0 && ` (${items.length})`}
      </Title>
      <ErrorAlert error={overdue.error} />
      {overdue.data &&
        (items.length === 0 ? (
          <Text size="sm">{t('signal.overdueNone')}</Text>
        ) : (
          <div data-testid="overdue-signals">
            <SignalsTable items={items} label={t('signal.overdueTitle')} />
          </div>
        ))}
    </Card>
  );
}
