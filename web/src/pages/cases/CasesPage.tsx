// «Случаи»: the cases of a service — a counsellor's own, all for its supervisors and head — by status.
// The list holds no personal data (only which fields are filled); a case opens on its own page.
import { Anchor, Badge, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../auth/SessionContext';
import { useCases } from '../../cases/casesApi';
import { caseSettingsPath } from '../../cases/caseSettingsApi';
import { CASE_STATUS_COLOUR, caseStatusKey, fieldKey } from '../../cases/labels';
import { CASE_STATUSES, type CaseStatus } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { PageTitle } from '../../layout/PageTitle';
import { casePath } from './OpenCaseModal';

export function CasesPage() {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const me = useSession();
  const services = me.services.filter((s) => me.permissions.dutyServiceIds.includes(s.id));
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const cases = useCases(serviceId, status);
  const supervises = me.permissions.superviseServiceIds.includes(serviceId);

  return (
    <>
      <PageTitle>{t('cases.title')}</PageTitle>
      <Stack gap="lg">
        <Group gap="sm" align="flex-end" role="search" aria-label={t('cases.filters')}>
          {services.length > 1 && (
            <NativeSelect
              label={t('journal.service')}
              data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
              value={serviceId}
              onChange={(e) => setServiceId(e.currentTarget.value)}
            />
          )}
          <NativeSelect
            label={t('case.statusLabel')}
            data={[{ value: '', label: t('journal.any') }, ...CASE_STATUSES.map((s) => ({ value: s, label: t(caseStatusKey(s)) }))]}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as CaseStatus | '')}
          />
        </Group>
        <Group justify="space-between" gap="sm">
          <Text size="sm">{supervises ? t('cases.all') : t('cases.own')}</Text>
          {/* The head sets them; supervisors see them read-only (counsellors too, but have no use for the link). */}
          {supervises && (
            <Anchor component={Link} to={caseSettingsPath(serviceId)} size="sm">
              {t('caseSettings.title')}
            </Anchor>
          )}
        </Group>
        <ErrorAlert error={cases.error} />
        {cases.isPending && cases.fetchStatus !== 'idle' && <Loading />}
        {cases.data &&
          (cases.data.length === 0 ? (
            <Text>{t('cases.empty')}</Text>
          ) : (
            <Paper withBorder radius="md">
              <Table.ScrollContainer minWidth={700}>
                <Table aria-label={t('cases.tableLabel')} verticalSpacing="xs" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('case.openedAt')}</Table.Th>
                      <Table.Th scope="col">{t('case.basis')}</Table.Th>
                      <Table.Th scope="col">{t('case.statusLabel')}</Table.Th>
                      <Table.Th scope="col">{t('case.assignee')}</Table.Th>
                      <Table.Th scope="col">{t('cases.filled')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {cases.data.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={casePath(c.id)}
                            aria-label={t('cases.openCase', { time: formatDateTime(c.createdAt) })}
                          >
                            {formatDateTime(c.createdAt)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{t(`case.basis.${c.basis.kind}`)}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={CASE_STATUS_COLOUR[c.status]}>
                            {t(caseStatusKey(c.status))}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{c.assigneePseudonym ?? '—'}</Table.Td>
                        <Table.Td>{c.filledFields.length > 0 ? c.filledFields.map((f) => t(fieldKey(f))).join(', ') : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          ))}
      </Stack>
    </>
  );
}
