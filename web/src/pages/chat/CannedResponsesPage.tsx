// «Готовые ответы чата» of a service (`/board/:serviceId/canned-responses`): its supervisors and
// head list, add, change and delete the phrases counsellors insert in chats. Live: another
// supervisor's change (`canned.changed`) re-reads the list.
import { Anchor, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useLiveEvent } from '../../auth/liveEvents';
import { useSession } from '../../auth/SessionContext';
import { cannedKey, useCannedResponses, useDeleteCanned } from '../../chat/chatApi';
import type { CannedResponse } from '../../chat/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { LoadFailed, Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { useDialog } from '../../components/useDialog';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { boardPath } from '../board/BoardPickerPage';
import { NotFoundPage } from '../NotFoundPage';
import { CannedResponseModal } from './CannedResponseModal';

type Dialog = { kind: 'add' } | { kind: 'edit'; canned: CannedResponse } | { kind: 'delete'; canned: CannedResponse };

export function CannedResponsesPage() {
  const { serviceId = '' } = useParams();
  const me = useSession();
  if (!me.permissions.superviseServiceIds.includes(serviceId)) return <NotFoundPage />;
  return <CannedAdmin key={serviceId} serviceId={serviceId} />;
}

function CannedAdmin({ serviceId }: { serviceId: string }) {
  const t = useT();
  const me = useSession();
  const service = me.services.find((s) => s.id === serviceId);
  const canned = useCannedResponses(serviceId);
  const remove = useDeleteCanned(serviceId);
  const dialog = useDialog<Dialog>();
  const current = dialog.value;
  const client = useQueryClient();
  useLiveEvent((event) => {
    if (event.name === 'canned.changed' && event.data.serviceId === serviceId)
      void client.invalidateQueries({ queryKey: cannedKey(serviceId) });
  });
  const open = (d: Dialog) => {
    remove.reset();
    dialog.open(d);
  };

  return (
    <>
      <PageTitle documentTitle={t('chat.canned.title')}>
        {t('chat.canned.titleOf', { service: service ? serviceLabel(service) : '' })}
      </PageTitle>
      <Group justify="space-between" mb="md">
        <Anchor component={Link} to={boardPath(serviceId)}>
          {t('chat.page.backToBoard')}
        </Anchor>
        <Button onClick={() => open({ kind: 'add' })}>{t('chat.canned.add')}</Button>
      </Group>
      <Text size="sm" mb="md">
        {t('chat.canned.hint')}
      </Text>
      {canned.isPending && <Loading />}
      {canned.isError && <LoadFailed error={canned.error} onRetry={() => void canned.refetch()} />}
      {canned.data && canned.data.length === 0 && <Text>{t('chat.canned.empty')}</Text>}
      {canned.data && canned.data.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('chat.canned.title')} verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('chat.canned.titleField')}</Table.Th>
                  <Table.Th scope="col">{t('chat.canned.body')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {canned.data.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row" fw={600}>
                      {c.title}
                    </Table.Th>
                    <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.body}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => open({ kind: 'edit', canned: c })}
                          aria-label={`${t('common.edit')}: ${c.title}`}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => open({ kind: 'delete', canned: c })}
                          aria-label={`${t('chat.canned.delete')}: ${c.title}`}
                        >
                          {t('chat.canned.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <CannedResponseModal
        opened={dialog.is('add') || dialog.is('edit')}
        serviceId={serviceId}
        canned={current?.kind === 'edit' ? current.canned : null}
        onClose={dialog.close}
      />
      <ConfirmModal
        opened={dialog.is('delete')}
        title={t('chat.canned.deleteTitle')}
        text={current?.kind === 'delete' ? t('chat.canned.deleteText', { title: current.canned.title }) : ''}
        confirmLabel={t('chat.canned.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => current?.kind === 'delete' && remove.mutate(current.canned.id, { onSuccess: dialog.close })}
        onClose={dialog.close}
      />
    </>
  );
}
