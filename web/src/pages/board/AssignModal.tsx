// A supervisor offers a waiting contact to a chosen counsellor (on duty, with room on its channel).
import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';
import { useAssign } from '../../routing/boardApi';
import { candidatesFor } from '../../routing/candidates';
import type { Board, ContactView } from '../../routing/types';

interface Props {
  opened: boolean;
  contact: ContactView | null;
  board: Board;
  onClose: () => void;
}

export function AssignModal({ opened, contact, board, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('board.assignTitle')}>
      {contact && <AssignForm key={contact.id} contact={contact} board={board} onClose={onClose} />}
    </Modal>
  );
}

function AssignForm({ contact, board, onClose }: { contact: ContactView; board: Board; onClose: () => void }) {
  const t = useT();
  const assign = useAssign(board.serviceId);
  const candidates = candidatesFor(board.counsellors, contact);
  const form = useForm({
    initialValues: { staffId: '' },
    validate: { staffId: (v) => (v ? null : t('transfer.choose')) },
  });
  const submit = ({ staffId }: { staffId: string }) =>
    assign.mutate(
      { contactId: contact.id, staffId },
      {
        onSuccess: () => {
          const name = board.counsellors.find((c) => c.staffId === staffId)?.pseudonym ?? '';
          notifications.show({ color: 'teal', message: t('board.assigned', { name }) });
          onClose();
        },
      },
    );
  return (
    <>
      <Text size="sm" mb="md">
        {t('board.assignText')}
      </Text>
      <ErrorAlert error={assign.error} />
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <NativeSelect
            label={t('transfer.chooseCounsellor')}
            required
            data-autofocus
            description={candidates.length === 0 ? t('transfer.noCounsellors') : undefined}
            data={[{ value: '', label: t('transfer.choose') }, ...candidates.map((c) => ({ value: c.staffId, label: c.pseudonym }))]}
            {...form.getInputProps('staffId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={assign.isPending}>
              {t('board.assign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
