// «Службы» (admin): every service of the network, adding, changing and deactivating one. A service's
// head (when the route lets heads in) sees only their own services and changes them, nothing more.
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ConfirmModal } from '../../components/ConfirmModal';
import { LoadFailed, Loading } from '../../components/LoadState';
import { latest, useDialog } from '../../components/useDialog';
import { useSession } from '../../auth/SessionContext';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import type { Service } from '../../types';
import { ServiceFormModal } from './ServiceFormModal';
import { useServices, useUpdateService } from './servicesApi';
import { ServicesTable } from './ServicesTable';

type Dialog = { kind: 'create' } | { kind: 'edit'; service: Service } | { kind: 'deactivate'; service: Service };

export function ServicesPage() {
  const t = useT();
  const admin = useSession().permissions.manageServices;
  const services = useServices();
  const update = useUpdateService();
  const dialog = useDialog<Dialog>();
  const current = dialog.value;
  const open = (d: Dialog) => {
    update.reset();
    dialog.open(d);
  };
  const setActive = (service: Service, active: boolean) =>
    update.mutate(
      { id: service.id, version: service.version, active },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('common.saved') });
          dialog.close();
        },
        onError: (err) => {
          if (active) notifications.show({ color: 'red', message: err.message });
        },
      },
    );

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>{t('services.title')}</PageTitle>
        {admin && <Button onClick={() => open({ kind: 'create' })}>{t('services.add')}</Button>}
      </Group>
      {services.isPending && <Loading />}
      {services.isError && <LoadFailed error={services.error} onRetry={() => void services.refetch()} />}
      {services.data && services.data.length === 0 && <Text>{t('services.empty')}</Text>}
      {services.data && services.data.length > 0 && (
        <ServicesTable
          items={services.data}
          onEdit={(service) => open({ kind: 'edit', service })}
          onDeactivate={admin ? (service) => open({ kind: 'deactivate', service }) : undefined}
          onActivate={admin ? (service) => setActive(service, true) : undefined}
          activatingId={update.isPending && update.variables.active ? update.variables.id : undefined}
        />
      )}
      <ServiceFormModal
        opened={dialog.is('create') || dialog.is('edit')}
        service={current?.kind === 'edit' ? latest(services.data, current.service) : undefined}
        onClose={dialog.close}
      />
      <ConfirmModal
        opened={dialog.is('deactivate')}
        title={t('services.deactivateTitle')}
        text={current?.kind === 'deactivate' ? t('services.deactivateText', { name: current.service.name }) : ''}
        confirmLabel={t('services.deactivate')}
        danger
        pending={update.isPending}
        error={update.error}
        onConfirm={() => current?.kind === 'deactivate' && setActive(current.service, false)}
        onClose={dialog.close}
      />
    </>
  );
}
