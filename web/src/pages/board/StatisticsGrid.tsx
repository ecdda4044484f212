// The statistics as labelled figures, each with its definition written out under it.
import { useT } from '../../i18n/I18nProvider';
import { formatDuration, useFormatPercent } from '../../i18n/format';
import type { MessageKey } from '../../i18n/ru';
import type { ServiceStatistics } from '../../routing/types';

export function StatisticsGrid({ stats }: { stats: ServiceStatistics }) {
  const t = useT();
  const percent = useFormatPercent();
  const params = { short: stats.shortAbandonSeconds, sl: stats.slSeconds };
  const figures: [MessageKey, MessageKey, string][] = [
    ['stats.offered', 'stats.offeredDef', String(stats.offered)],
    ['stats.answered', 'stats.answeredDef', String(stats.answered)],
    ['stats.answeredByPartner', 'stats.answeredByPartnerDef', String(stats.answeredByPartner)],
    ['stats.abandoned', 'stats.abandonedDef', String(stats.abandoned)],
    ['stats.shortAbandoned', 'stats.shortAbandonedDef', String(stats.shortAbandoned)],
    ['stats.serviceLevel', 'stats.serviceLevelDef', percent(stats.serviceLevel)],
    ['stats.asa', 'stats.asaDef', formatDuration(stats.asaSeconds)],
    ['stats.p90', 'stats.p90Def', formatDuration(stats.p90WaitSeconds)],
    ['stats.aht', 'stats.ahtDef', formatDuration(stats.ahtSeconds)],
    ['stats.occupancy', 'stats.occupancyDef', percent(stats.occupancy)],
  ];
  return (
    <dl className="stat-grid" data-testid="statistics">
      {figures.map(([label, definition, value]) => (
        <div key={label} className="stat-tile">
          <dt>{t(label, params)}</dt>
          <dd className="stat-value">{value}</dd>
          <dd className="stat-definition">{t(definition, params)}</dd>
        </div>
      ))}
    </dl>
  );
}
