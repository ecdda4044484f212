// «Мониторинг» of one service: risk alerts (RiskAlerts), overdue signals, alerts, the queue by risk, contacts in
// progress (a chat opens live), counsellors and their state, statistics, care plans and chat blocks. Live: the page holds the
// `board:<id>` topic and re-reads the board on `routing.board` events (at most every 500 ms) and the care plans on `routing.care_plans`;
// timers tick on the server's clock.
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useLiveEvent, useLiveTopic } from '../../auth/liveEvents';
import { useSession } from '../../auth/SessionContext';
import { LoadFailed, Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { carePlansKey, useBoard } from '../../routing/boardApi';
import { useNow, useThrottled } from '../../routing/time';
import { ChatBlocksPanel } from '../chat/ChatBlocksPanel';
import { NotFoundPage } from '../NotFoundPage';
import { OverdueSignals } from '../signals/OverdueSignals';
import { BoardAlerts } from './BoardAlerts';
import { boardPath } from './BoardPickerPage';
import { BoardSummary } from './BoardSummary';
import { CarePlansPanel } from './CarePlansPanel';
import { CounsellorsTable } from './CounsellorsTable';
import { HandlingTable } from './HandlingTable';
import { QueueTable } from './QueueTable';
import { RiskAlerts } from './RiskAlerts';
import { StatisticsPanel } from './StatisticsPanel';

const REFETCH_AT_MOST_EVERY_MS = 500;
/** Statistics read the event log: a heavier query, refreshed less often than the board. */
const STATISTICS_AT_MOST_EVERY_MS = 5_000;

export function BoardPage() {
  const { serviceId = '' } = useParams();
  const me = useSession();
  if (!me.permissions.superviseServiceIds.includes(serviceId)) return <NotFoundPage />;
  return <ServiceBoard key={serviceId} serviceId={serviceId} />;
}

function ServiceBoard({ serviceId }: { serviceId: string }) {
  const t = useT();
  const me = useSession();
  const supervised = me.services.filter((s) => me.permissions.superviseServiceIds.includes(s.id));
  const service = supervised.find((s) => s.id === serviceId);
  const board = useBoard(serviceId);
  const queryClient = useQueryClient();
  const refetch = useThrottled(() => void board.refetch(), REFETCH_AT_MOST_EVERY_MS);
  const refetchStatistics = useThrottled(
    () => void queryClient.invalidateQueries({ queryKey: ['routing', 'statistics', serviceId] }),
    STATISTICS_AT_MOST_EVERY_MS,
  );
  useLiveTopic(`board:${serviceId}`);
  useLiveEvent((event) => {
    // Changes between the board's first read and the subscription would otherwise be missed.
    if (event.name === 'realtime.subscribed') {
      if (event.topic === `board:${serviceId}`) void board.refetch();
      return;
    }
    if (event.data.serviceId !== serviceId) return;
    if (event.name === 'routing.care_plans') void queryClient.invalidateQueries({ queryKey: carePlansKey(serviceId) });
    if (event.name !== 'routing.board') return;
    refetch();
    refetchStatistics();
  });
  // On the server's clock: the board's answers stamp it (see noteServerClock).
  const at = useNow();
  const data = board.data;

  return (
    <>
      <PageTitle documentTitle={t('board.title')}>{t('board.titleOf', { service: service ? serviceLabel(service) : '' })}</PageTitle>
      {supervised.length > 1 && (
        <Group gap="sm" mb="md" component="nav" aria-label={t('board.otherServices')}>
          <Text size="sm">{t('board.otherServices')}:</Text>
          {supervised
            .filter((s) => s.id !== serviceId)
            .map((s) => (
              <Anchor key={s.id} component={Link} to={boardPath(s.id)} size="sm">
                {serviceLabel(s)}
              </Anchor>
            ))}
        </Group>
      )}
      <Stack gap="xl">
        <RiskAlerts serviceId={serviceId} />
        <OverdueSignals serviceId={serviceId} />
        <BoardAlerts alerts={data?.alerts} />
        {board.isPending && <Loading />}
        {board.isError && !data && <LoadFailed error={board.error} onRetry={() => void board.refetch()} />}
        {data && (
          <>
            <BoardSummary board={data} now={at} />
            <QueueTable board={data} now={at} />
            <HandlingTable board={data} now={at} />
            <CounsellorsTable board={data} now={at} />
          </>
        )}
        <StatisticsPanel serviceId={serviceId} />
        <CarePlansPanel serviceId={serviceId} />
        <ChatBlocksPanel serviceId={serviceId} />
      </Stack>
    </>
  );
}
