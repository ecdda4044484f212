// A supervisor makes a care plan from a contact: the caller's next contacts are first offered to a
// chosen counsellor of the service. The dialog says in plain words what a plan does; the server
// refuses a contact without a known caller (e.g. an offline one) with its own message.
import { Button, Group, List, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';
import { useCarePlanSeconds, useCreateCarePlan } from '../../routing/boardApi';
import type { Board, ContactView } from '../../routing/types';
import { useContactLabels } from './useContactLabels';

interface Props {
  opened: boolean;
  contact: ContactView | null;
  board: Board;
  onClose: () => void;
}

export function CarePlanModal({ opened, contact, board, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('care.createTitle')} size="lg">
      {contact && <CarePlanForm key={contact.id} contact={contact} board={board} onClose={onClose} />}
    </Modal>
  );
}

function CarePlanForm({ contact, board, onClose }: { contact: ContactView; board: Board; onClose: () => void }) {
  const t = useT();
  const create = useCreateCarePlan(board.serviceId);
  const seconds = useCarePlanSeconds(board.serviceId);
  const { summary } = useContactLabels(board);
  // Counsellors of this service (not partners' who happen to be on the board).
  const counsellors = board.counsellors.filter((c) => c.serviceId === board.serviceId);
  const handledBy = counsellors.some((c) => c.staffId === contact.staffId) ? (contact.staffId ?? '') : '';
  const form = useForm({
    initialValues: { staffId: handledBy },
    validate: { staffId: (v) => (v ? null : t('care.choose')) },
  });
  const submit = ({ staffId }: { staffId: string }) =>
    create.mutate(
      { contactId: contact.id, preferredStaffId: staffId },
      {
        onSuccess: (plan) => {
          notifications.show({ color: 'teal', message: t('care.done', { name: plan.preferredPseudonym }) });
          onClose();
        },
      },
    );
  const time = seconds.data !== undefined ? t('care.seconds', { seconds: seconds.data }) : t('care.serviceTime');

  return (
    <>
      <Text fw={600} mb="xs">
        {t('care.contact', { summary: summary(contact) })}
      </Text>
      <List size="sm" spacing={4} mb="md">
        <List.Item>{t('care.explainFirst', { time })}</List.Item>
        <List.Item>{t('care.explainOthers')}</List.Item>
        <List.Item>{t('care.explainRisk')}</List.Item>
        <List.Item>{t('care.explainPrivacy')}</List.Item>
      </List>
      <ErrorAlert error={create.error} />
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <NativeSelect
            label={t('care.counsellor')}
            required
            data-autofocus
            description={counsellors.length === 0 ? t('care.noCounsellors') : t('care.counsellorHint')}
            data={[{ value: '', label: t('care.choose') }, ...counsellors.map((c) => ({ value: c.staffId, label: c.pseudonym }))]}
            {...form.getInputProps('staffId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('care.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
