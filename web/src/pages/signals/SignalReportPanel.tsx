// The signals report for a period: how many were registered, to which kinds of agency, for what
// reasons, how urgent, with what outcomes. Counts only; in the network's view counts of 1–4 show as «<5».
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useSignalReport, type SignalReportParams } from '../../cases/signalsApi';
import type { ReportRow } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { monthSoFar } from '../../components/serviceDays';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { ServiceSummary } from '../../types';

function RowsTable({ title, rows }: { title: string; rows: ReportRow[] }) {
  const t = useT();
  const [locale] = useLocale();
  const id = `signal-report-${title.replace(/\W+/g, '-')}`;
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={2} size="h5" mb="xs" id={id}>
        {title}
      </Title>
      <Table aria-labelledby={id} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('signal.reportKind')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('signal.reportCount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.label[locale]}</Table.Td>
              <Table.Td ta="right">{r.n}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** `services`: those whose report the person may see; none: the network's (national roles). */
export function SignalReportPanel({ services }: { services: ServiceSummary[] }) {
  const t = useT();
  const [form, setForm] = useState({ serviceId: services[0]?.id ?? '', ...monthSoFar(services[0]) });
  const [params, setParams] = useState<SignalReportParams | null>(null);
  const report = useSignalReport(params);
  return (
    <Stack gap="md">
      <form
        noValidate
        aria-label={t('signal.reportForm')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!form.from || !form.to) return;
          setParams(
            services.length > 0
              ? { scope: 'service', serviceId: form.serviceId, from: form.from, to: form.to }
              : { scope: 'network', from: form.from, to: form.to },
          );
        }}
      >
        <Group gap="sm" align="flex-end">
          {services.length > 1 && (
            <NativeSelect
              label={t('journal.service')}
              data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
              value={form.serviceId}
              onChange={(e) => setForm({ ...form, serviceId: e.currentTarget.value })}
            />
          )}
          <TextInput
            type="date"
            label={t('journal.from')}
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('journal.to')}
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.currentTarget.value })}
          />
          <Button type="submit">{t('signal.reportShow')}</Button>
        </Group>
      </form>
      <ErrorAlert error={report.error} />
      {report.isPending && params && <Loading />}
      {report.data && (
        <>
          <Text role="status" data-testid="signal-report-total">
            {t('signal.reportTotal', { n: report.data.total })}
            {report.data.suppressed && ` ${t('signal.reportSuppressed')}`}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <RowsTable title={t('signal.reportByAgency')} rows={report.data.byAddresseeType} />
            <RowsTable title={t('signal.reportByReason')} rows={report.data.byReason} />
            <RowsTable title={t('signal.reportByUrgency')} rows={report.data.byUrgency} />
            <RowsTable title={t('signal.reportByOutcome')} rows={report.data.byOutcome} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
