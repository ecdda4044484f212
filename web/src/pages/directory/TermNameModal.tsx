// The name of a taxonomy term, new or renamed: one field, checked before it is sent.
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';

export const TERM_NAME_MAX = 200;

interface Props {
  opened: boolean;
  title: string;
  initial: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (name: string) => void;
  onClose: () => void;
}

export function TermNameModal({ opened, title, ...rest }: Props) {
  return (
    <Modal opened={opened} onClose={rest.onClose} title={title}>
      <TermNameForm key={`${title}:${rest.initial}`} {...rest} />
    </Modal>
  );
}

function TermNameForm({ initial, submitLabel, pending, error, onSubmit, onClose }: Omit<Props, 'opened' | 'title'>) {
  const t = useT();
  const form = useForm({
    initialValues: { name: initial },
    validate: {
      name: (v: string) =>
        !v.trim() ? t('common.required') : v.trim().length > TERM_NAME_MAX ? t('common.tooLong', { max: TERM_NAME_MAX }) : null,
    },
  });
  return (
    <>
      <ErrorAlert error={error} />
      <form noValidate onSubmit={form.onSubmit((v) => onSubmit(v.name.trim()), focusFirstInvalid)}>
        <Stack>
          <TextInput label={t('directory.terms.name')} required data-autofocus maxLength={TERM_NAME_MAX} {...form.getInputProps('name')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
