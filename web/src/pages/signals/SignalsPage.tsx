// «Сигналы»: the register of a service's signals (Журнал сигналов: outgoing numbers, filters by
// status and year, the agencies' incoming numbers, outcomes) and the signals report for a period.
// A counsellor sees their own signals; supervisors and the head all of the service's (and keep its
// «Адресаты сигналов»); national analysts only the report.
import { Anchor, Group, NativeSelect, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../auth/SessionContext';
import { caseSettingsPath } from '../../cases/caseSettingsApi';
import { signalStatusKey } from '../../cases/labels';
import { useSignals } from '../../cases/signalsApi';
import { SIGNAL_STATUSES, type SignalStatus } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { agenciesPath } from './signalPaths';
import { SignalReportPanel } from './SignalReportPanel';
import { SignalsTable } from './SignalsTable';

export function SignalsPage() {
  const t = useT();
  const me = useSession();
  const duty = me.services.filter((s) => me.permissions.dutyServiceIds.includes(s.id));
  const supervised = me.services.filter((s) => me.permissions.superviseServiceIds.includes(s.id));
  const withReport = supervised.length > 0 || me.permissions.nationalStatistics;
  return (
    <>
      <PageTitle>{t('signals.title')}</PageTitle>
      {duty.length === 0 ? (
        <SignalReportPanel services={[]} />
      ) : (
        <Tabs defaultValue="register" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="register">{t('signals.register')}</Tabs.Tab>
            {withReport && <Tabs.Tab value="report">{t('signals.report')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="register">
            <Register services={duty} />
          </Tabs.Panel>
          {withReport && (
            <Tabs.Panel value="report">
              <SignalReportPanel services={supervised} />
            </Tabs.Panel>
          )}
        </Tabs>
      )}
    </>
  );
}

function Register({ services }: { services: { id: string; name: string; shortName: string | null }[] }) {
  const t = useT();
  const me = useSession();
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [status, setStatus] = useState<SignalStatus | ''>('');
  const [year, setYear] = useState('');
  const validYear = /^\d{4}$/.test(year) ? year : '';
  const signals = useSignals({ serviceId, status, year: validYear });
  const supervises = me.permissions.superviseServiceIds.includes(serviceId);
  return (
    <Stack gap="lg">
      <Group gap="sm" align="flex-end" role="search" aria-label={t('signals.filters')}>
        {services.length > 1 && (
          <NativeSelect
            label={t('journal.service')}
            data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
            value={serviceId}
            onChange={(e) => setServiceId(e.currentTarget.value)}
          />
        )}
        <NativeSelect
          label={t('signal.statusLabel')}
          data={[{ value: '', label: t('journal.any') }, ...SIGNAL_STATUSES.map((s) => ({ value: s, label: t(signalStatusKey(s)) }))]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as SignalStatus | '')}
        />
        <TextInput
          label={t('signals.year')}
          inputMode="numeric"
          maxLength={4}
          w={120}
          value={year}
          onChange={(e) => setYear(e.currentTarget.value)}
        />
      </Group>
      <Group justify="space-between" gap="sm">
        <Text size="sm">{supervises ? t('signals.all') : t('signals.own')}</Text>
        {supervises && (
          <Group gap="md">
            <Anchor component={Link} to={caseSettingsPath(serviceId)} size="sm">
              {t('caseSettings.title')}
            </Anchor>
            <Anchor component={Link} to={agenciesPath(serviceId)} size="sm">
              {t('agencies.title')}
            </Anchor>
          </Group>
        )}
      </Group>
      <ErrorAlert error={signals.error} />
      {signals.isPending && signals.fetchStatus !== 'idle' && <Loading />}
      {signals.data &&
        (signals.data.length === 0 ? (
          <Text>{t('signals.empty')}</Text>
        ) : (
          <SignalsTable items={signals.data} label={t('signals.register')} />
        ))}
    </Stack>
  );
}
