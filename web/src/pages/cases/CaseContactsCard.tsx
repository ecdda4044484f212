// The contacts of the case, and the same caller's other contacts (found by the server through the
// caller key — no number is shown) that the counsellor may confirm as belonging to it.
import { Anchor, Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCandidates, useLinkContact } from '../../cases/casesApi';
import type { CaseContact, CaseView } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { recordChannelKey, RISK_LEVEL_COLOUR, riskLevelKey, typeKey } from '../../records/labels';
import type { ContactType, RecordChannel, RiskLevel } from '../../records/vocabulary';
import { recordPath } from '../records/RecordPage';

function ContactsTable({ label, items, action }: { label: string; items: CaseContact[]; action?: (c: CaseContact) => ReactNode }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  return (
    <Table aria-label={label} verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('record.arrivedAt')}</Table.Th>
          <Table.Th scope="col">{t('record.channel')}</Table.Th>
          <Table.Th scope="col">{t('record.type')}</Table.Th>
          <Table.Th scope="col">{t('record.riskLevel')}</Table.Th>
          {action && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((c) => (
          <Table.Tr key={c.recordId}>
            <Table.Td>
              <Anchor component={Link} to={recordPath(c.recordId)}>
                {formatDateTime(c.arrivedAt)}
              </Anchor>
            </Table.Td>
            <Table.Td>{t(recordChannelKey(c.channel as RecordChannel))}</Table.Td>
            <Table.Td>{c.contactType ? t(typeKey(c.contactType as ContactType)) : '—'}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={RISK_LEVEL_COLOUR[c.riskLevel as RiskLevel]}>
                {t(riskLevelKey(c.riskLevel as RiskLevel))}
              </Badge>
            </Table.Td>
            {action && <Table.Td>{action(c)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function CaseContactsCard({ view, editable }: { view: CaseView; editable: boolean }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const candidates = useCandidates(view.id, editable);
  const link = useLinkContact(view.id);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-contacts">
      <Title order={2} size="h4" id="case-contacts" mb="sm">
        {t('case.contacts')}
      </Title>
      <ContactsTable label={t('case.contacts')} items={view.contacts} />
      {editable && (candidates.data?.length ?? 0) > 0 && (
        <Stack gap="xs" mt="md">
          <Title order={3} size="h5" id="case-candidates">
            {t('case.candidates')}
          </Title>
          <Text size="sm" className="muted">
            {t('case.candidatesHint')}
          </Text>
          <ErrorAlert error={link.error} />
          <ContactsTable
            label={t('case.candidates')}
            items={candidates.data ?? []}
            action={(c) => (
              <Button
                size="xs"
                variant="light"
                loading={link.isPending && link.variables === c.recordId}
                onClick={() => link.mutate(c.recordId)}
                aria-label={t('case.linkContactOf', { time: formatDateTime(c.arrivedAt) })}
              >
                {t('case.linkContact')}
              </Button>
            )}
          />
        </Stack>
      )}
    </Card>
  );
}
