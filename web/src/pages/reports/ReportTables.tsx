// Every table of the report: value, count, share of its base, and where the table covers all
// contacts, how many of them were counselling; reasons show their section.
import { Paper, Table, Text, Title } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import type { ReportTable } from '../../reports/types';
import { useReportFormat } from './reportFormat';

function OneTable({ table }: { table: ReportTable }) {
  const t = useT();
  const f = useReportFormat();
  const withCounselling = table.rows.some((r) => r.counselling !== undefined);
  const withCategory = table.rows.some((r) => r.category !== undefined);
  const titleId = `report-table-${table.id}`;
  return (
    <section aria-labelledby={titleId}>
      <Title order={3} size="h5" id={titleId} mb="xs">
        {f.label(table.title)}
      </Title>
      {table.rows.length === 0 ? (
        <Text size="sm">{t('reports.noRows')}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={480}>
            <Table aria-labelledby={titleId} verticalSpacing={4} striped data-testid={`report-table-${table.id}`}>
              <Table.Thead>
                <Table.Tr>
                  {withCategory && <Table.Th scope="col">{t('reports.col.category')}</Table.Th>}
                  <Table.Th scope="col">{t('reports.col.value')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('reports.col.n')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('reports.col.share')}
                  </Table.Th>
                  {withCounselling && (
                    <Table.Th scope="col" ta="right">
                      {t('reports.col.counselling')}
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.rows.map((r) => (
                  <Table.Tr key={r.key}>
                    {withCategory && <Table.Td>{r.category ? f.label(r.category.label) : ''}</Table.Td>}
                    <Table.Th scope="row" fw={400}>
                      {f.label(r.label)}
                    </Table.Th>
                    <Table.Td ta="right" className="countdown">
                      {f.count(r.n)}
                    </Table.Td>
                    <Table.Td ta="right" className="countdown">
                      {f.share(r.share)}
                    </Table.Td>
                    {withCounselling && (
                      <Table.Td ta="right" className="countdown">
                        {f.count(r.counselling)}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </section>
  );
}

export function ReportTables({ tables }: { tables: ReportTable[] }) {
  const t = useT();
  return (
    <section aria-labelledby="report-tables">
      <Title order={2} size="h4" id="report-tables" mb="sm">
        {t('reports.tables')}
      </Title>
      <div className="report-tables">
        {tables.map((table) => (
          <OneTable key={table.id} table={table} />
        ))}
      </div>
    </section>
  );
}
