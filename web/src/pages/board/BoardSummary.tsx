// The queue at a glance: how many wait (in all and by risk), the longest wait, who is on duty and free.
import { Title } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import { formatDuration } from '../../i18n/format';
import { riskKey } from '../../routing/labels';
import { RISKS, type Board } from '../../routing/types';

export function BoardSummary({ board, now }: { board: Board; now: number }) {
  const t = useT();
  const longest = board.queue.contacts.reduce((m, c) => Math.max(m, (now - Date.parse(c.queuedAt)) / 1000), 0);
  const tiles: [string, string][] = [
    [t('board.waiting'), String(board.queue.waiting)],
    ...[...RISKS].reverse().map((r): [string, string] => [`${t('routing.risk')}: ${t(riskKey(r))}`, String(board.queue.byRisk[r] ?? 0)]),
    [t('board.longestWait'), formatDuration(longest)],
    [t('board.available'), String(board.availableCount)],
    [t('board.free'), String(board.freeCount)],
  ];
  return (
    <section aria-labelledby="board-summary">
      <Title order={2} size="h4" id="board-summary" mb="xs">
        {t('board.summary')}
      </Title>
      <dl className="stat-grid">
        {tiles.map(([label, value]) => (
          <div key={label} className="stat-tile">
            <dt>{label}</dt>
            <dd className="stat-value">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
