// The report's charts (@mantine/charts over recharts): counselling contacts by national report row,
// contacts by hour of day and by weekday (bars), contact types (donut). Each chart is a figure with
// a caption; the same numbers are in the tables below, which is what a screen reader reads.
import { BarChart, DonutChart } from '@mantine/charts';
import { SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import type { ContactReport, ReportTable, ReportTableId } from '../../reports/types';
import { chartValue, useReportFormat } from './reportFormat';

const PALETTE = ['indigo.7', 'teal.8', 'orange.8', 'grape.7', 'blue.8', 'red.8', 'cyan.8', 'yellow.8', 'pink.7', 'green.8', 'gray.7'];

function ChartFigure({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <figure className="report-figure" aria-labelledby={`chart-${id}`}>
      <figcaption id={`chart-${id}`}>
        <Text fw={600} mb="xs">
          {title}
        </Text>
      </figcaption>
      {children}
    </figure>
  );
}

export function ReportCharts({ report }: { report: ContactReport }) {
  const t = useT();
  const f = useReportFormat();
  const table = (id: ReportTableId): ReportTable | undefined => report.tables.find((x) => x.id === id);
  const bars = (id: ReportTableId) => (table(id)?.rows ?? []).map((r) => ({ name: f.label(r.label), n: chartValue(r.n) }));
  const series = [{ name: 'n', label: t('reports.col.n'), color: 'indigo.7' }];
  const rows = table('nationalRow');
  const types = table('contactType');
  const hour = table('hour');
  const weekday = table('weekday');

  return (
    <section aria-labelledby="report-charts">
      <Title order={2} size="h4" id="report-charts" mb="sm">
        {t('reports.charts')}
      </Title>
      {report.suppressed && (
        <Text size="sm" mb="sm">
          {t('reports.chartSuppressed')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        {rows && (
          <ChartFigure id="nationalRow" title={f.label(rows.title)}>
            <BarChart
              h={Math.max(240, rows.rows.length * 30)}
              data={bars('nationalRow')}
              dataKey="name"
              orientation="vertical"
              yAxisProps={{ width: 220 }}
              series={series}
              withTooltip={false}
              withBarValueLabel
            />
          </ChartFigure>
        )}
        {types && (
          <ChartFigure id="contactType" title={f.label(types.title)}>
            <DonutChart
              size={200}
              thickness={36}
              withTooltip={false}
              withLabels
              withLabelsLine
              data={types.rows
                .map((r, i) => ({ name: f.label(r.label), value: chartValue(r.n), color: PALETTE[i % PALETTE.length]! }))
                .filter((d) => d.value > 0)}
            />
          </ChartFigure>
        )}
        {hour && (
          <ChartFigure id="hour" title={f.label(hour.title)}>
            <BarChart h={240} data={bars('hour')} dataKey="name" series={series} withTooltip={false} />
          </ChartFigure>
        )}
        {weekday && (
          <ChartFigure id="weekday" title={f.label(weekday.title)}>
            <BarChart h={240} data={bars('weekday')} dataKey="name" series={series} withTooltip={false} withBarValueLabel />
          </ChartFigure>
        )}
      </SimpleGrid>
    </section>
  );
}
