// The journal's rows. Each row opens its record: by its link (the first cell, reachable with Tab
// and Enter) or by a click anywhere on the row.
import { Anchor, Badge, Paper, Table } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import {
  ageGroupKey,
  callerKey,
  recordChannelKey,
  reasonLabel,
  RISK_LEVEL_COLOUR,
  riskLevelKey,
  typeKey,
  type ReasonEntry,
} from '../../records/labels';
import type { JournalItem } from '../../records/types';
import { recordPath } from './RecordPage';

interface Props {
  items: JournalItem[];
  index: Map<string, ReasonEntry>;
  withCounsellor: boolean;
}

export function JournalTable({ items, index, withCounsellor }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const formatDateTime = useFormatDateTime();
  const navigate = useNavigate();
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label={t('journal.tableLabel')} verticalSpacing="xs" striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('record.arrivedAt')}</Table.Th>
              <Table.Th scope="col">{t('record.channel')}</Table.Th>
              <Table.Th scope="col">{t('record.type')}</Table.Th>
              <Table.Th scope="col">{t('record.callerType')}</Table.Th>
              <Table.Th scope="col">{t('journal.ageGroup')}</Table.Th>
              <Table.Th scope="col">{t('record.reasons')}</Table.Th>
              <Table.Th scope="col">{t('record.riskLevel')}</Table.Th>
              {withCounsellor && <Table.Th scope="col">{t('record.counsellor')}</Table.Th>}
              <Table.Th scope="col">{t('record.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => {
              const when = formatDateTime(r.arrivedAt);
              return (
                <Table.Tr key={r.id} className="clickable-row" onClick={() => void navigate(recordPath(r.id, 'journal'))}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={recordPath(r.id, 'journal')}
                      aria-label={t('journal.openRecord', { time: when })}
                      onClick={(e) => e.stopPropagation()}
                    >
                      {when}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(recordChannelKey(r.channel))}</Table.Td>
                  <Table.Td>{r.contactType ? t(typeKey(r.contactType)) : t('journal.noType')}</Table.Td>
                  <Table.Td>{r.callerType ? t(callerKey(r.callerType)) : '—'}</Table.Td>
                  <Table.Td>{r.ageGroup ? t(ageGroupKey(r.ageGroup)) : '—'}</Table.Td>
                  <Table.Td>{r.reasons.length > 0 ? r.reasons.map((c) => reasonLabel(index, c, locale)).join('; ') : '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={RISK_LEVEL_COLOUR[r.riskLevel]}>
                      {t(riskLevelKey(r.riskLevel))}
                    </Badge>
                  </Table.Td>
                  {withCounsellor && <Table.Td>{r.staffPseudonym ?? '—'}</Table.Td>}
                  <Table.Td>{t(`record.status.${r.status}`)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
