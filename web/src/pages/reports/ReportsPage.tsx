// «Отчёты»: the statistics report of a service (its supervisors and head), of a region or of the
// whole network (national analysts), for a chosen period: the summary line, totals, routing
// metrics, charts and tables, and the XLSX export of the same numbers.
import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';
import { PageTitle } from '../../layout/PageTitle';
import { useReport } from '../../reports/reportsApi';
import type { ContactReport, ReportParams, ReportScope } from '../../reports/types';
import { ReportCharts } from './ReportCharts';
import { ReportExport } from './ReportExport';
import { monthSoFar } from '../../components/serviceDays';
import { ReportForm } from './ReportForm';
import { useReportFormat } from './reportFormat';
import { ReportTables } from './ReportTables';

export function ReportsPage() {
  const t = useT();
  const me = useSession();
  const national = me.permissions.nationalStatistics;
  const services = national ? me.services : me.services.filter((s) => me.permissions.superviseServiceIds.includes(s.id));
  const scopes: ReportScope[] = [
    ...(services.length > 0 ? (['service'] as const) : []),
    ...(national ? (['region', 'network'] as const) : []),
  ];
  const [params, setParams] = useState<ReportParams | null>(() =>
    scopes[0] === 'service' ? { scope: 'service', serviceId: services[0]!.id, ...monthSoFar(services[0]) } : null,
  );
  const report = useReport(params);
  const initial: ReportParams = params ?? { scope: scopes[0] ?? 'network', ...monthSoFar(services[0]) };

  return (
    <>
      <PageTitle>{t('reports.title')}</PageTitle>
      <Stack gap="xl">
        <ReportForm scopes={scopes} services={services} initial={initial} onSubmit={setParams} />
        <ErrorAlert error={report.error} />
        {report.isFetching && !report.data && <Loading />}
        {report.data && params && <ReportView report={report.data} params={params} />}
      </Stack>
    </>
  );
}

const TOTALS = ['all', 'counselling', 'nonCounselling', 'missed', 'repeatCounselling'] as const;

function ReportView({ report, params }: { report: ContactReport; params: ReportParams }) {
  const t = useT();
  const f = useReportFormat();
  const r = report.routing;
  const routing: [MessageKey, string][] = [
    ['reports.routing.offered', f.count(r.offered)],
    ['reports.routing.answered', f.count(r.answered)],
    ['reports.routing.abandoned', f.count(r.abandoned)],
    ['reports.routing.serviceLevel', f.share(r.serviceLevel)],
    ['reports.routing.asa', f.seconds(r.asaSeconds)],
    ['reports.routing.abandonmentRate', f.share(r.abandonmentRate)],
    ['reports.routing.aht', f.seconds(r.ahtSeconds)],
  ];
  return (
    <Stack gap="xl" data-testid="report">
      <section aria-labelledby="report-title">
        <Title order={2} size="h3" id="report-title" mb="xs">
          {f.label(report.title)}
        </Title>
        <Text className="report-summary" data-testid="report-summary">
          {f.label(report.summary)}
        </Text>
        {report.suppressed && (
          <Text size="sm" mt="xs">
            {t('reports.suppressedNote')}
          </Text>
        )}
        <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
          <ReportExport params={params} />
        </div>
      </section>
      <section aria-labelledby="report-totals">
        <Title order={2} size="h4" id="report-totals" mb="xs">
          {t('reports.totals')}
        </Title>
        <dl className="stat-grid">
          {TOTALS.map((k) => (
            <div key={k} className="stat-tile">
              <dt>{t(`reports.total.${k}`)}</dt>
              <dd className="stat-value">{f.count(report.totals[k])}</dd>
            </div>
          ))}
          <div className="stat-tile">
            <dt>{t('reports.total.referrals')}</dt>
            <dd className="stat-value" data-testid="report-referrals">
              {f.count(report.referrals.total)}
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="report-routing">
        <Title order={2} size="h4" id="report-routing" mb="xs">
          {t('reports.routing')}
        </Title>
        <dl className="stat-grid">
          {routing.map(([label, value]) => (
            <div key={label} className="stat-tile">
              <dt>{t(label)}</dt>
              <dd className="stat-value">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ReportCharts report={report} />
      <ReportTables tables={report.tables} />
    </Stack>
  );
}
