// Care plans of the service (frequent callers first offered to a preferred counsellor): the list,
// and removing a plan.
import { Button, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ConfirmModal } from '../../components/ConfirmModal';
import { LoadFailed, Loading } from '../../components/LoadState';
import { useDialog } from '../../components/useDialog';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { useCarePlans, useDeleteCarePlan } from '../../routing/boardApi';
import type { CarePlan } from '../../routing/types';

export function CarePlansPanel({ serviceId }: { serviceId: string }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const plans = useCarePlans(serviceId);
  const remove = useDeleteCarePlan(serviceId);
  const dialog = useDialog<{ kind: 'delete'; plan: CarePlan }>();
  const current = dialog.value;
  const open = (plan: CarePlan) => {
    remove.reset();
    dialog.open({ kind: 'delete', plan });
  };

  return (
    <section aria-labelledby="board-care">
      <Title order={2} size="h4" id="board-care" mb="xs">
        {t('care.title')}
      </Title>
      <Text size="sm" className="muted" mb="sm">
        {t('care.text')}
      </Text>
      {plans.isPending && <Loading />}
      {plans.isError && <LoadFailed error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.data && plans.data.length === 0 && <Text>{t('care.empty')}</Text>}
      {plans.data && plans.data.length > 0 && (
        <Paper withBorder radius="md">
          <Table aria-labelledby="board-care" verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('care.counsellor')}</Table.Th>
                <Table.Th scope="col">{t('care.created')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.preferredPseudonym}</Table.Td>
                  <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => open(p)}
                      aria-label={`${t('care.delete')}: ${p.preferredPseudonym}, ${formatDateTime(p.createdAt)}`}
                    >
                      {t('care.delete')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <ConfirmModal
        opened={dialog.is('delete')}
        title={t('care.deleteTitle')}
        text={current ? t('care.deleteText', { name: current.plan.preferredPseudonym }) : ''}
        confirmLabel={t('care.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          current &&
          remove.mutate(current.plan.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('care.deleted') });
              dialog.close();
            },
          })
        }
        onClose={dialog.close}
      />
    </section>
  );
}
