// Operating statistics of the service over a window: the last 15 minutes, today (in the service's
// time zone), or a chosen period of up to 31 days. Definitions as in src/domain/routing/metrics.ts.
import { Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { useStatistics } from '../../routing/boardApi';
import type { StatisticsWindow } from '../../routing/types';
import { CustomRangeForm } from './CustomRangeForm';
import { StatisticsGrid } from './StatisticsGrid';

type Mode = StatisticsWindow['window'];

export function StatisticsPanel({ serviceId }: { serviceId: string }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [mode, setMode] = useState<Mode>('15m');
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const w: StatisticsWindow | null = mode === 'custom' ? (range ? { window: 'custom', ...range } : null) : { window: mode };
  const stats = useStatistics(serviceId, w);

  return (
    <section aria-labelledby="board-stats">
      <Title order={2} size="h4" id="board-stats" mb="xs">
        {t('stats.title')}
      </Title>
      <Group gap="sm" mb="sm">
        <Text id="board-stats-window">{t('stats.window')}</Text>
        <SegmentedControl
          aria-labelledby="board-stats-window"
          value={mode}
          onChange={(v) => setMode(v as Mode)}
          data={[
            { value: '15m', label: t('stats.window15m') },
            { value: 'today', label: t('stats.windowToday') },
            { value: 'custom', label: t('stats.windowCustom') },
          ]}
        />
      </Group>
      {mode === 'custom' && <CustomRangeForm onSubmit={setRange} />}
      <ErrorAlert error={stats.error} />
      {stats.isLoading && <Loading />}
      {stats.data && w && (
        <>
          <Text size="sm" className="muted" mb="xs">
            {t('stats.range', {
              from: formatDateTime(new Date(stats.data.from).toISOString()),
              to: formatDateTime(new Date(stats.data.to).toISOString()),
            })}
          </Text>
          <StatisticsGrid stats={stats.data} />
        </>
      )}
    </section>
  );
}
