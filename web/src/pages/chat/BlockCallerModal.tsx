// «Заблокировать абонента»: the chat's caller (its device key) may not start chats in the service
// for a period (hours or days, at most 90 days) — the reason is required and kept sealed; audited.
import { Button, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useBlockCaller } from '../../chat/chatApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';

const MAX_HOURS = 24 * 90;

interface Props {
  opened: boolean;
  chatId: string;
  serviceId: string;
  onClose: () => void;
}

export function BlockCallerModal({ opened, chatId, serviceId, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('chat.block.title')}>
      {opened && <BlockForm chatId={chatId} serviceId={serviceId} onClose={onClose} />}
    </Modal>
  );
}

type Unit = 'hours' | 'days';

function BlockForm({ chatId, serviceId, onClose }: Omit<Props, 'opened'>) {
  const t = useT();
  const block = useBlockCaller(chatId, serviceId);
  const form = useForm<{ amount: number | string; unit: Unit; reason: string }>({
    initialValues: { amount: 24, unit: 'hours', reason: '' },
    validate: {
      amount: (v, values) => {
        const max = values.unit === 'days' ? MAX_HOURS / 24 : MAX_HOURS;
        return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max ? null : t('common.numberRange', { min: 1, max });
      },
      reason: (v) => {
        const r = v.trim();
        return r.length < 3 ? t('chat.block.reasonShort') : r.length > 1000 ? t('common.tooLong', { max: 1000 }) : null;
      },
    },
  });

  const submit = (v: typeof form.values) =>
    block.mutate(
      { hours: Number(v.amount) * (v.unit === 'days' ? 24 : 1), reason: v.reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('chat.block.done') });
          onClose();
        },
      },
    );

  return (
    <>
      <Text size="sm" mb="md">
        {t('chat.block.text')}
      </Text>
      <ErrorAlert error={block.error} />
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <SimpleGrid cols={2}>
            <NumberInput
              label={t('chat.block.amount')}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              required
              data-autofocus
              {...form.getInputProps('amount')}
            />
            <NativeSelect
              label={t('chat.block.unit')}
              data={[
                { value: 'hours', label: t('chat.block.hours') },
                { value: 'days', label: t('chat.block.days') },
              ]}
              {...form.getInputProps('unit')}
            />
          </SimpleGrid>
          <Textarea label={t('chat.block.reason')} required autosize minRows={2} maxRows={6} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={block.isPending}>
              {t('chat.block.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
