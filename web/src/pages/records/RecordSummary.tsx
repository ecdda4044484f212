// A finalized record, read-only: every field as the counsellor left it.
import { Card, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';
import {
  actionKey,
  ageGroupKey,
  callerKey,
  genderKey,
  heardKey,
  languageName,
  localityKey,
  reasonLabel,
  typeKey,
  vulnerableKey,
  type ReasonEntry,
} from '../../records/labels';
import type { EditableFields } from '../../records/types';
import { ageGroupOf } from '../../records/vocabulary';

export function RecordSummary({ values, index }: { values: EditableFields; index: Map<string, ReasonEntry> }) {
  const t = useT();
  const [locale] = useLocale();
  const none = t('record.notGiven');
  const list = (items: string[]) => (items.length > 0 ? items.join('; ') : none);
  const counselling = values.contactType === 'counselling';
  const rows: [MessageKey, ReactNode][] = [['record.type', values.contactType ? t(typeKey(values.contactType)) : none]];
  if (counselling)
    rows.push(
      ['record.callerType', values.callerType ? t(callerKey(values.callerType)) : none],
      ['record.gender', values.childGender ? t(genderKey(values.childGender)) : none],
      ['record.age', values.childAge === null ? none : `${values.childAge} (${t(ageGroupKey(ageGroupOf(values.childAge)))})`],
      ['record.locality', values.localityType ? t(localityKey(values.localityType)) : none],
      ['record.region', values.region || none],
      ['record.vulnerableLabel', list(values.vulnerable.map((v) => t(vulnerableKey(v))))],
      ['record.heardFrom', values.heardFrom ? t(heardKey(values.heardFrom)) : none],
      ['record.language', values.language ? languageName(values.language, locale) : none],
      ['record.reasons', list(values.reasons.map((r) => reasonLabel(index, r, locale)))],
      ['record.actions', list(values.actions.map((a) => t(actionKey(a))))],
    );
  if (counselling && values.actions.includes('referred') && values.referral) rows.push(['record.referral', values.referral]);
  rows.push(['record.summary', <span className="pre-line">{values.summary || none}</span>]);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="record-summary">
      <Title order={2} size="h4" id="record-summary" mb="sm">
        {t('record.title')}
      </Title>
      <dl className="facts" data-testid="record-summary">
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
