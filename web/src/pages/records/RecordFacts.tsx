// The facts of the contact the counsellor does not edit: channel, times, who handled it, status.
import { Badge, Card, Title } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import { formatDuration, useFormatDateTime } from '../../i18n/format';
import { recordChannelKey, RISK_LEVEL_COLOUR, riskLevelKey } from '../../records/labels';
import type { RecordView } from '../../records/types';
import type { MessageKey } from '../../i18n/ru';
import type { ReactNode } from 'react';

export function RecordFacts({ view }: { view: RecordView }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const rows: [MessageKey, ReactNode][] = [
    ['record.channel', t(recordChannelKey(view.channel))],
    ['record.arrivedAt', formatDateTime(view.times.arrivedAt)],
    ['record.waited', formatDuration(view.times.waitSeconds)],
    ['record.talk', formatDuration(view.times.talkSeconds)],
    ['record.counsellor', view.staffPseudonym ?? '—'],
    ['record.status', t(`record.status.${view.status}`)],
    ['record.repeat', view.repeatContact ? t('record.yes') : t('record.no')],
    [
      'record.riskLevel',
      <Badge variant="light" color={RISK_LEVEL_COLOUR[view.riskLevel]} key="risk">
        {t(riskLevelKey(view.riskLevel))}
      </Badge>,
    ],
  ];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="record-facts">
      <Title order={2} size="h4" id="record-facts" mb="sm">
        {t('record.facts')}
      </Title>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="facts-row">
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
