// Adding or changing a canned response: a short title (the menu shows it) and the text (≤ 2000).
import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useCreateCanned, useUpdateCanned } from '../../chat/chatApi';
import type { CannedResponse } from '../../chat/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';

interface Props {
  opened: boolean;
  serviceId: string;
  /** Null: a new one. */
  canned: CannedResponse | null;
  onClose: () => void;
}

export function CannedResponseModal({ opened, serviceId, canned, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={canned ? t('chat.canned.editTitle') : t('chat.canned.addTitle')} size="lg">
      {opened && <CannedForm key={canned?.id ?? 'new'} serviceId={serviceId} canned={canned} onClose={onClose} />}
    </Modal>
  );
}

function CannedForm({ serviceId, canned, onClose }: Omit<Props, 'opened'>) {
  const t = useT();
  const create = useCreateCanned(serviceId);
  const update = useUpdateCanned(serviceId);
  const mutation = canned ? update : create;
  const limit = (max: number) => (v: string) =>
    !v.trim() ? t('common.required') : v.trim().length > max ? t('common.tooLong', { max }) : null;
  const form = useForm({
    initialValues: { title: canned?.title ?? '', body: canned?.body ?? '' },
    validate: { title: limit(100), body: limit(2000) },
  });
  const submit = (v: typeof form.values) => {
    const input = { title: v.title.trim(), body: v.body.trim() };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('common.saved') });
      onClose();
    };
    if (canned) update.mutate({ id: canned.id, version: canned.version, ...input }, { onSuccess });
    else create.mutate(input, { onSuccess });
  };
  return (
    <>
      <ErrorAlert error={mutation.error} />
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <TextInput label={t('chat.canned.titleField')} required data-autofocus {...form.getInputProps('title')} />
          <Textarea label={t('chat.canned.body')} required autosize minRows={3} maxRows={10} {...form.getInputProps('body')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
