// The staff pages' list tables in one layout: a bordered, horizontally scrolling, striped table with
// column headers (and a last, visually hidden «Действия» header when rows carry buttons). The rows
// are the caller's `Table.Tr`s.
import { Paper, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

export interface ListTableProps {
  /** The column headers, in order (without the actions column). */
  columns: readonly ReactNode[];
  /** Whether the rows end with an actions cell (its header is for screen readers only). */
  actions?: boolean;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** The table's accessible name: its own label, or the id of the heading that names it. */
  label?: string;
  labelledBy?: string;
  /** Tighter rows (the live board). */
  compact?: boolean;
  highlightOnHover?: boolean;
  testId?: string;
  children: ReactNode;
}

export function ListTable({
  columns,
  actions = false,
  minWidth,
  label,
  labelledBy,
  compact = false,
  highlightOnHover,
  testId,
  children,
}: ListTableProps) {
  const t = useT();
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={minWidth}>
        <Table
          aria-label={label}
          aria-labelledby={labelledBy}
          striped
          highlightOnHover={highlightOnHover}
          verticalSpacing={compact ? 'xs' : 'sm'}
          data-testid={testId}
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((c, i) => (
                <Table.Th scope="col" key={i}>
                  {c}
                </Table.Th>
              ))}
              {actions && (
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
