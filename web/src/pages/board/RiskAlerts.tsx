// Risk alerts of the service, at the top of the live board: a contact whose screener reached
// imminent (or high) risk. A new one sounds the offer tone and is read out (role="alert" list);
// «Принято» acknowledges it for every supervisor of the service.
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { useLiveEvent } from '../../auth/liveEvents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { useFormatTime } from '../../i18n/format';
import { riskLevelKey } from '../../records/labels';
import { useAcknowledgeAlert, useRiskAlerts } from '../../records/recordsApi';
import { playOfferTone } from '../../routing/offerAlert';
import { recordPath } from '../records/RecordPage';

export function RiskAlerts({ serviceId }: { serviceId: string }) {
  const t = useT();
  const formatTime = useFormatTime();
  const alerts = useRiskAlerts(serviceId);
  const acknowledge = useAcknowledgeAlert(serviceId);

  useLiveEvent((event) => {
    if (!event.name.startsWith('risk.') || (event.data.serviceId !== undefined && event.data.serviceId !== serviceId)) return;
    if (event.name === 'risk.alert') playOfferTone();
    void alerts.refetch();
  });

  const items = alerts.data ?? [];
  return (
    <section aria-labelledby="board-risk-alerts">
      <Title order={2} size="h4" id="board-risk-alerts" mb="xs">
        {t('riskAlerts.title')}
      </Title>
      <ErrorAlert error={acknowledge.error ?? alerts.error} />
      <div aria-live="assertive" data-testid="risk-alerts">
        {alerts.data && items.length === 0 && <Text>{t('riskAlerts.none')}</Text>}
        {items.length > 0 && (
          <ul className="board-alerts">
            {items.map((a) => {
              const level = t(riskLevelKey(a.level));
              const time = formatTime(a.raisedAt);
              return (
                <li key={a.id} className={a.level === 'imminent' ? 'alert-critical' : 'alert-warning'}>
                  <Group justify="space-between" gap="sm">
                    <Stack gap={2}>
                      <span>{t('riskAlerts.text', { level, counsellor: a.counsellorPseudonym ?? t('riskAlerts.someone'), time })}</span>
                      <Anchor component={Link} to={recordPath(a.recordId, 'journal')} size="sm" className="alert-link">
                        {t('riskAlerts.open')}
                      </Anchor>
                    </Stack>
                    <Button
                      color="red"
                      loading={acknowledge.isPending && acknowledge.variables === a.id}
                      aria-label={t('riskAlerts.acknowledgeFor', { level, time })}
                      onClick={() =>
                        acknowledge.mutate(a.id, {
                          onSuccess: () => notifications.show({ color: 'teal', message: t('riskAlerts.acknowledged') }),
                        })
                      }
                    >
                      {t('riskAlerts.acknowledge')}
                    </Button>
                  </Group>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
