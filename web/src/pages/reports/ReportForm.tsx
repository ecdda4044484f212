// The report's parameters: scope (service; region and the whole network for national analysts),
// the service or region, and the period in whole days.
import { Button, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import type { ReportParams, ReportScope } from '../../reports/types';
import type { ServiceSummary } from '../../types';

interface Props {
  scopes: ReportScope[];
  services: ServiceSummary[];
  initial: ReportParams;
  onSubmit: (params: ReportParams) => void;
}

export function ReportForm({ scopes, services, initial, onSubmit }: Props) {
  const t = useT();
  const form = useForm({
    initialValues: {
      scope: initial.scope,
      serviceId: initial.serviceId ?? services[0]?.id ?? '',
      region: initial.region ?? '',
      from: initial.from,
      to: initial.to,
    },
    validate: {
      region: (v, values) => (values.scope === 'region' && !v.trim() ? t('common.required') : null),
      serviceId: (v, values) => (values.scope === 'service' && !v ? t('common.required') : null),
      from: (v) => (v ? null : t('common.required')),
      to: (v, values) => (!v ? t('common.required') : values.from && v < values.from ? t('reports.rangeInvalid') : null),
    },
  });
  const scope = form.values.scope;

  return (
    <form
      noValidate
      aria-label={t('reports.params')}
      onSubmit={form.onSubmit(
        (v) =>
          onSubmit({ scope: v.scope, from: v.from, to: v.to, serviceId: v.serviceId || undefined, region: v.region.trim() || undefined }),
        focusFirstInvalid,
      )}
    >
      <Stack gap="sm">
        {scopes.length > 1 && (
          <Group gap="sm">
            <Text id="report-scope">{t('reports.scope')}</Text>
            <SegmentedControl
              aria-labelledby="report-scope"
              value={scope}
              onChange={(v) => form.setFieldValue('scope', v as ReportScope)}
              data={scopes.map((s) => ({ value: s, label: t(`reports.scope.${s}`) }))}
            />
          </Group>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {scope === 'service' && (
            <NativeSelect
              label={t('reports.service')}
              data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
              {...form.getInputProps('serviceId')}
            />
          )}
          {scope === 'region' && (
            <TextInput
              label={t('reports.region')}
              description={t('reports.regionHint')}
              required
              maxLength={200}
              {...form.getInputProps('region')}
            />
          )}
          <TextInput type="date" label={t('reports.from')} required {...form.getInputProps('from')} />
          <TextInput type="date" label={t('reports.to')} required {...form.getInputProps('to')} />
        </SimpleGrid>
        <Group>
          <Button type="submit">{t('reports.show')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
