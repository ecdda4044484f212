// What needs a supervisor now: a high- or imminent-risk contact waiting, nobody on duty, the
// service level below target. A polite live region: an alert is read out when it appears. The
// texts hold no ticking numbers, so an unchanged alert is not announced again on every refresh.
import { Text, Title } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import { useFormatPercent } from '../../i18n/format';
import { riskKey } from '../../routing/labels';
import type { BoardAlert } from '../../routing/types';

export function BoardAlerts({ alerts }: { alerts: BoardAlert[] | undefined }) {
  const t = useT();
  const percent = useFormatPercent();
  const text = (a: BoardAlert) =>
    a.kind === 'risk_waiting'
      ? t('board.alert.risk_waiting', { risk: t(riskKey(a.risk ?? 'high')) })
      : a.kind === 'sl_below_target'
        ? t('board.alert.sl_below_target', { value: percent(a.value ?? null) })
        : t('board.alert.nobody_available');
  return (
    <section aria-labelledby="board-alerts">
      <Title order={2} size="h4" id="board-alerts" mb="xs">
        {t('board.alerts')}
      </Title>
      <div aria-live="polite" data-testid="board-alerts">
        {alerts && alerts.length === 0 && <Text>{t('board.noAlerts')}</Text>}
        {alerts && alerts.length > 0 && (
          <ul className="board-alerts">
            {alerts.map((a) => (
              <li key={`${a.kind}:${a.contactId ?? ''}`} className={a.risk === 'imminent' ? 'alert-critical' : 'alert-warning'}>
                {text(a)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
