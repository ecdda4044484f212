// «Адресаты сигналов» of a service (`/signals/agencies/:serviceId`): the agencies its signals can go to
// that the referral directory lacks. Its supervisors and head (policy.manageSignalAgencies) list,
// add, change and switch them off and on; a switched-off agency stays on signals already sent but is
// no longer offered in the signal form. Every change carries the version it was made on.
import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useSession } from '../../auth/SessionContext';
import { useChangeAgency } from '../../cases/agenciesApi';
import { agencyTypeKey } from '../../cases/labels';
import { useAddresseeChoices } from '../../cases/signalsApi';
import type { Agency } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTable } from '../../components/ListTable';
import { LoadFailed, Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { useDialog } from '../../components/useDialog';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { NotFoundPage } from '../NotFoundPage';
import { AgencyModal } from './AgencyModal';

type Dialog = { kind: 'add' } | { kind: 'edit'; agency: Agency };

export function SignalAgenciesPage() {
  const { serviceId = '' } = useParams();
  const me = useSession();
  if (!me.permissions.superviseServiceIds.includes(serviceId)) return <NotFoundPage />;
  return <AgenciesAdmin key={serviceId} serviceId={serviceId} />;
}

function AgenciesAdmin({ serviceId }: { serviceId: string }) {
  const t = useT();
  const me = useSession();
  const service = me.services.find((s) => s.id === serviceId);
  const choices = useAddresseeChoices(serviceId);
  const change = useChangeAgency(serviceId);
  const dialog = useDialog<Dialog>();
  const current = dialog.value;
  const agencies = choices.data?.agencies;

  return (
    <>
      <PageTitle documentTitle={t('agencies.title')}>{t('agencies.titleOf', { service: service ? serviceLabel(service) : '' })}</PageTitle>
      <Group justify="space-between" mb="md">
        <Anchor component={Link} to="/signals">
          {t('signal.toRegister')}
        </Anchor>
        <Button onClick={() => dialog.open({ kind: 'add' })}>{t('agencies.add')}</Button>
      </Group>
      <Text size="sm" mb="md">
        {t('agencies.hint', { n: choices.data?.directory.length ?? 0 })}
      </Text>
      <ErrorAlert error={change.error} />
      {choices.isPending && <Loading />}
      {choices.isError && <LoadFailed error={choices.error} onRetry={() => void choices.refetch()} />}
      {agencies && agencies.length === 0 && <Text>{t('agencies.empty')}</Text>}
      {agencies && agencies.length > 0 && (
        <ListTable
          columns={[t('agencies.name'), t('agencies.type'), t('agencies.contacts'), t('agencies.state')]}
          minWidth={720}
          label={t('agencies.title')}
          actions
        >
          {agencies.map((a) => (
            <Table.Tr key={a.id} data-testid="agency-row">
              <Table.Th scope="row" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {a.name}
              </Table.Th>
              <Table.Td>{t(agencyTypeKey(a.agencyType))}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{[a.email, a.fax, a.phone].filter(Boolean).join(', ') || '—'}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={a.active ? 'teal' : 'gray'}>
                  {a.active ? t('agencies.active') : t('agencies.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => dialog.open({ kind: 'edit', agency: a })}
                    aria-label={`${t('common.edit')}: ${a.name}`}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color={a.active ? 'red' : 'teal'}
                    loading={change.isPending && change.variables?.id === a.id}
                    onClick={() => change.mutate({ id: a.id, version: a.version, active: !a.active })}
                    aria-label={`${a.active ? t('agencies.deactivate') : t('agencies.activate')}: ${a.name}`}
                  >
                    {a.active ? t('agencies.deactivate') : t('agencies.activate')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <AgencyModal
        opened={dialog.opened}
        serviceId={serviceId}
        agency={current?.kind === 'edit' ? current.agency : null}
        onClose={dialog.close}
      />
    </>
  );
}
