// Handing a contact on: to the supervisor on duty, back to the service's queue, or (for a
// supervisor, who sees the live board) to a chosen counsellor or to themselves (taking it). The note
// travels with the contact. A call on the phone line moves too (the edge refers the caller's side),
// where the caller's side accepts it; otherwise the server says so and the call stays.
import { Button, Group, Modal, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';
import { useBoard } from '../../routing/boardApi';
import { useTransfer } from '../../routing/routingApi';
import { candidatesFor } from '../../routing/candidates';
import type { ContactView, TransferTarget } from '../../routing/types';

const NOTE_MAX = 2000;

interface Props {
  opened: boolean;
  contact: ContactView | null;
  onClose: () => void;
}

export function TransferModal({ opened, contact, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('transfer.title')}>
      {contact && <TransferForm key={contact.id} contact={contact} onClose={onClose} />}
    </Modal>
  );
}

type Kind = TransferTarget['kind'] | 'me';

function TransferForm({ contact, onClose }: { contact: ContactView; onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const supervises = me.permissions.superviseServiceIds.includes(contact.serviceId);
  const board = useBoard(supervises ? contact.serviceId : null);
  const colleagues = candidatesFor(board.data?.counsellors ?? [], contact, me.user.id);
  const transfer = useTransfer();
  const form = useForm<{ kind: Kind; staffId: string; note: string }>({
    initialValues: { kind: 'supervisor', staffId: '', note: '' },
    validate: {
      staffId: (v, values) => (values.kind === 'counsellor' && !v ? t('transfer.choose') : null),
      note: (v) => (v.trim().length > NOTE_MAX ? t('common.tooLong', { max: NOTE_MAX }) : null),
    },
  });

  const submit = (v: typeof form.values) => {
    const target: TransferTarget =
      v.kind === 'me'
        ? { kind: 'counsellor', staffId: me.user.id }
        : v.kind === 'counsellor'
          ? { kind: 'counsellor', staffId: v.staffId }
          : v.kind === 'queue'
            ? { kind: 'queue', serviceId: contact.serviceId }
            : { kind: 'supervisor' };
    transfer.mutate(
      { contactId: contact.id, target, note: v.note.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('transfer.done') });
          onClose();
        },
      },
    );
  };

  return (
    <>
      <ErrorAlert error={transfer.error} />
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <Radio.Group label={t('transfer.to')} {...form.getInputProps('kind')}>
            <Stack gap="xs" mt="xs">
              <Radio value="supervisor" label={t('transfer.supervisor')} data-autofocus />
              <Radio value="queue" label={t('transfer.queue')} />
              {supervises && <Radio value="counsellor" label={t('transfer.counsellor')} />}
              {supervises && contact.staffId !== me.user.id && <Radio value="me" label={t('transfer.me')} />}
            </Stack>
          </Radio.Group>
          {contact.channel === 'voice' && (
            <Text size="sm" c="dimmed">
              {t('transfer.voiceHint')}
            </Text>
          )}
          {supervises && form.values.kind === 'counsellor' && (
            <NativeSelect
              label={t('transfer.chooseCounsellor')}
              required
              description={colleagues.length === 0 && board.isSuccess ? t('transfer.noCounsellors') : undefined}
              data={[{ value: '', label: t('transfer.choose') }, ...colleagues.map((c) => ({ value: c.staffId, label: c.pseudonym }))]}
              {...form.getInputProps('staffId')}
            />
          )}
          <Textarea
            label={t('transfer.note')}
            description={t('transfer.noteHint')}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={transfer.isPending}>
              {t('transfer.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
