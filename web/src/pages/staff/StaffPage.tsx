// «Сотрудники»: staff of the services this person manages, filtered by service; adding, changing,
// disabling/enabling accounts and resetting passwords.
import { Button, Group, Modal, NativeSelect, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useSession } from '../../auth/SessionContext';
import { ConfirmModal } from '../../components/ConfirmModal';
import { LoadFailed, Loading } from '../../components/LoadState';
import { latest, useDialog } from '../../components/useDialog';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import type { Staff, StaffWithPassword } from '../../types';
import { grantableServices } from './grantOptions';
import { DeskPhoneSection } from '../../voice/DeskPhoneSection';
import { useVoiceStatus } from '../../voice/voiceApi';
import { StaffFormModal } from './StaffFormModal';
import { useAccountAction, useStaffList, type AccountAction } from './staffApi';
import { StaffTable } from './StaffTable';
import { TemporaryPasswordModal } from './TemporaryPasswordModal';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; staff: Staff }
  | { kind: 'action'; staff: Staff; action: AccountAction }
  | { kind: 'password'; result: Required<StaffWithPassword> }
  | { kind: 'desk'; staff: Staff };

const CONFIRM = {
  disable: { title: 'staff.disableTitle', text: 'staff.disableText', button: 'staff.disable', danger: true },
  enable: { title: 'staff.enableTitle', text: 'staff.enableText', button: 'staff.enable', danger: false },
  'reset-password': { title: 'staff.resetTitle', text: 'staff.resetText', button: 'staff.resetPassword', danger: true },
} as const;

export function StaffPage() {
  const t = useT();
  const me = useSession();
  const services = grantableServices(me);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const list = useStaffList(serviceId);
  const action = useAccountAction();
  // Desk phones only where the phone line is set up (its edge may still be starting or have failed).
  const voice = useVoiceStatus();
  const phoneLine = voice.data !== undefined && voice.data.reason !== 'not_configured';
  const dialog = useDialog<Dialog>();
  const current = dialog.value;

  const open = (d: Dialog) => {
    action.reset();
    dialog.open(d);
  };
  const showResult = (result: StaffWithPassword) => {
    const { temporaryPassword } = result;
    if (temporaryPassword) dialog.open({ kind: 'password', result: { staff: result.staff, temporaryPassword } });
    else dialog.close();
  };
  const confirm = current?.kind === 'action' ? CONFIRM[current.action] : null;
  const runAction = () => {
    if (current?.kind !== 'action') return;
    action.mutate(
      { id: current.staff.id, action: current.action },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', message: t('common.saved') });
          showResult(result);
        },
      },
    );
  };

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>{t('staff.title')}</PageTitle>
        <Button onClick={() => open({ kind: 'create' })}>{t('staff.add')}</Button>
      </Group>
      {services.length > 1 && (
        <NativeSelect
          label={t('staff.filter')}
          maw={420}
          mb="md"
          value={serviceId ?? ''}
          onChange={(e) => setServiceId(e.currentTarget.value || null)}
          data={[{ value: '', label: t('staff.allServices') }, ...services.map((s) => ({ value: s.id, label: serviceLabel(s) }))]}
        />
      )}
      {list.isPending && <Loading />}
      {list.isError && <LoadFailed error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <Text>{t('staff.empty')}</Text>}
      {list.data && list.data.length > 0 && (
        <StaffTable
          items={list.data}
          onEdit={(staff) => open({ kind: 'edit', staff })}
          onAction={(staff, a) => open({ kind: 'action', staff, action: a })}
          onDeskPhone={phoneLine ? (staff) => open({ kind: 'desk', staff }) : undefined}
        />
      )}
      <StaffFormModal
        opened={dialog.is('create') || dialog.is('edit')}
        staff={current?.kind === 'edit' ? latest(list.data, current.staff) : undefined}
        defaultServiceId={serviceId}
        onCreated={showResult}
        onClose={dialog.close}
      />
      <Modal
        opened={dialog.is('desk')}
        onClose={dialog.close}
        title={current?.kind === 'desk' ? `${t('voice.desk.title')}: ${current.staff.pseudonym} (${current.staff.login})` : ''}
      >
        {current?.kind === 'desk' && <DeskPhoneSection staffId={current.staff.id} />}
      </Modal>
      <TemporaryPasswordModal
        opened={dialog.is('password')}
        result={current?.kind === 'password' ? current.result : null}
        onClose={dialog.close}
      />
      <ConfirmModal
        opened={dialog.is('action')}
        title={confirm ? t(confirm.title) : ''}
        text={current?.kind === 'action' && confirm ? t(confirm.text, { name: `${current.staff.pseudonym} (${current.staff.login})` }) : ''}
        confirmLabel={confirm ? t(confirm.button) : ''}
        danger={confirm?.danger ?? false}
        pending={action.isPending}
        error={action.error}
        onConfirm={runAction}
        onClose={dialog.close}
      />
    </>
  );
}
