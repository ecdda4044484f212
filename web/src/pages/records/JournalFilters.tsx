// The journal's filters: service (if several), period, channel, type, reason, risk, counsellor
// (for supervisors), region, caller type, age group, status. Applied on «Показать».
import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { serviceLabel } from '../../components/roleLabel';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { ageGroupKey, callerKey, labelOf, recordChannelKey, riskLevelKey, typeKey } from '../../records/labels';
import type { JournalFilters as Filters } from '../../records/recordsApi';
import type { Classification } from '../../records/types';
import { AGE_GROUPS, CALLER_TYPES, CONTACT_TYPES, RECORD_CHANNELS, RISK_LEVELS } from '../../records/vocabulary';
import type { ServiceSummary } from '../../types';

export type FilterValues = Omit<Filters, 'serviceId' | 'from' | 'to'> & { serviceId: string; fromDate: string; toDate: string };

export const emptyFilters = (serviceId: string): FilterValues => ({
  serviceId,
  fromDate: '',
  toDate: '',
  channel: '',
  type: '',
  reason: '',
  risk: '',
  staffId: '',
  region: '',
  callerType: '',
  ageGroup: '',
  status: '',
});

/** Days as the API takes them: local days of the service, both ends included. */
export function toApiFilters(v: FilterValues): Filters {
  const { fromDate, toDate, ...rest } = v;
  return { ...rest, from: fromDate, to: toDate };
}

interface Props {
  services: ServiceSummary[];
  classification: Classification | undefined;
  counsellors: { id: string; pseudonym: string }[] | null;
  initial: FilterValues;
  onApply: (values: FilterValues) => void;
}

export function JournalFilters({ services, classification, counsellors, initial, onApply }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const form = useForm<FilterValues>({ initialValues: initial });
  const any = { value: '', label: t('journal.any') };
  const select = <T extends string>(values: readonly T[], key: (v: T) => Parameters<typeof t>[0]) => [
    any,
    ...values.map((v) => ({ value: v, label: t(key(v)) })),
  ];

  return (
    <form
      noValidate
      aria-label={t('journal.filters')}
      onSubmit={form.onSubmit((v) => onApply(v))}
      onReset={() => {
        const cleared = emptyFilters(form.values.serviceId);
        form.setValues(cleared);
        onApply(cleared);
      }}
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm">
        {services.length > 1 && (
          <NativeSelect
            label={t('journal.service')}
            data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
            {...form.getInputProps('serviceId')}
          />
        )}
        <TextInput type="date" label={t('journal.from')} {...form.getInputProps('fromDate')} />
        <TextInput type="date" label={t('journal.to')} {...form.getInputProps('toDate')} />
        <NativeSelect label={t('record.channel')} data={select(RECORD_CHANNELS, recordChannelKey)} {...form.getInputProps('channel')} />
        <NativeSelect label={t('record.type')} data={select(CONTACT_TYPES, typeKey)} {...form.getInputProps('type')} />
        <NativeSelect
          label={t('journal.reason')}
          data={[
            any,
            ...(classification?.categories ?? []).map((c) => ({
              group: labelOf(c, locale),
              items: c.codes.map((code) => ({ value: code.code, label: labelOf(code, locale) })),
            })),
          ]}
          {...form.getInputProps('reason')}
        />
        <NativeSelect label={t('record.riskLevel')} data={select(RISK_LEVELS, riskLevelKey)} {...form.getInputProps('risk')} />
        {counsellors && (
          <NativeSelect
            label={t('record.counsellor')}
            data={[any, ...counsellors.map((c) => ({ value: c.id, label: c.pseudonym }))]}
            {...form.getInputProps('staffId')}
          />
        )}
        <TextInput label={t('record.region')} maxLength={100} {...form.getInputProps('region')} />
        <NativeSelect label={t('record.callerType')} data={select(CALLER_TYPES, callerKey)} {...form.getInputProps('callerType')} />
        <NativeSelect label={t('journal.ageGroup')} data={select(AGE_GROUPS, ageGroupKey)} {...form.getInputProps('ageGroup')} />
        <NativeSelect
          label={t('record.status')}
          data={select(['open', 'draft', 'final', 'void'] as const, (s) => `record.status.${s}`)}
          {...form.getInputProps('status')}
        />
      </SimpleGrid>
      <Group gap="sm" mt="md">
        <Button type="submit">{t('journal.apply')}</Button>
        <Button type="reset" variant="default">
          {t('journal.reset')}
        </Button>
      </Group>
    </form>
  );
}
