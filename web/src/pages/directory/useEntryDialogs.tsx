// What a head can do with directory entries, wherever cards are shown: «Добавить запись», and on an
// editable card «Изменить», «Проверено сегодня» and «Удалить» (with a confirmation). The buttons
// appear only on cards the server marked editable; the dialogs are rendered once per page.
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useDialog } from '../../components/useDialog';
import { useSession } from '../../auth/SessionContext';
import { editableServices } from '../../directory/access';
import { useDeleteEntry, useVerifyEntry } from '../../directory/directoryApi';
import type { DirectoryCard } from '../../directory/types';
import { useT } from '../../i18n/I18nProvider';
import { EntryFormModal } from './EntryFormModal';

type Dialog = { kind: 'create' } | { kind: 'edit'; card: DirectoryCard } | { kind: 'delete'; card: DirectoryCard };

export function useEntryDialogs({ onDeleted }: { onDeleted?: () => void } = {}) {
  const t = useT();
  const me = useSession();
  const services = editableServices(me);
  const dialog = useDialog<Dialog>();
  const current = dialog.value;
  const remove = useDeleteEntry();
  const verify = useVerifyEntry();

  const actions = (card: DirectoryCard) =>
    card.editable ? (
      <>
        <Button
          size="xs"
          variant="default"
          onClick={() => dialog.open({ kind: 'edit', card })}
          aria-label={t('directory.editOf', { name: card.name })}
        >
          {t('common.edit')}
        </Button>
        <Button
          size="xs"
          variant="default"
          loading={verify.isPending && verify.variables === card.id}
          aria-label={t('directory.verifyOf', { name: card.name })}
          onClick={() =>
            verify.mutate(card.id, {
              onSuccess: () => notifications.show({ color: 'teal', message: t('directory.verified', { name: card.name }) }),
              onError: (err) => notifications.show({ color: 'red', message: err.message }),
            })
          }
        >
          {t('directory.verify')}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          aria-label={t('directory.deleteOf', { name: card.name })}
          onClick={() => {
            remove.reset();
            dialog.open({ kind: 'delete', card });
          }}
        >
          {t('directory.delete')}
        </Button>
      </>
    ) : null;

  const dialogs = (
    <>
      <EntryFormModal
        opened={dialog.is('create') || dialog.is('edit')}
        entryId={current?.kind === 'edit' ? current.card.id : null}
        services={services}
        onClose={dialog.close}
      />
      <ConfirmModal
        opened={dialog.is('delete')}
        title={t('directory.deleteTitle')}
        text={current?.kind === 'delete' ? t('directory.deleteText', { name: current.card.name }) : ''}
        confirmLabel={t('directory.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          current?.kind === 'delete' &&
          remove.mutate(current.card.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('directory.deleted') });
              dialog.close();
              onDeleted?.();
            },
          })
        }
        onClose={dialog.close}
      />
    </>
  );

  return { canCreate: services.length > 0, openCreate: () => dialog.open({ kind: 'create' }), actions, dialogs };
}
