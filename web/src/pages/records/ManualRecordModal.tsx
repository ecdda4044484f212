// A record made by hand for a contact that never came through the line (in person, a letter, an
// email): creates the record and opens its form.
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';
import { recordChannelKey } from '../../records/labels';
import { useCreateRecord } from '../../records/recordsApi';
import { RECORD_CHANNELS, type RecordChannel } from '../../records/vocabulary';
import { recordPath } from './RecordPage';

interface Props {
  opened: boolean;
  serviceId: string;
  onClose: () => void;
}

export function ManualRecordModal({ opened, serviceId, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('manual.title')}>
      {opened && <ManualRecordForm serviceId={serviceId} onClose={onClose} />}
    </Modal>
  );
}

function ManualRecordForm({ serviceId, onClose }: { serviceId: string; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateRecord();
  const form = useForm<{ channel: RecordChannel; arrivedAt: string }>({
    initialValues: { channel: 'in_person', arrivedAt: '' },
    validate: {
      arrivedAt: (v) => {
        if (!v) return null;
        const at = Date.parse(v);
        return Number.isNaN(at) || at > Date.now() + 60_000 ? t('manual.arrivedAtInvalid') : null;
      },
    },
  });

  const submit = (v: typeof form.values) =>
    create.mutate(
      { serviceId, channel: v.channel, ...(v.arrivedAt ? { arrivedAt: new Date(v.arrivedAt).toISOString() } : {}) },
      {
        onSuccess: (view) => {
          onClose();
          void navigate(recordPath(view.id, 'workstation'));
        },
      },
    );

  return (
    <>
      <Text size="sm" mb="md">
        {t('manual.text')}
      </Text>
      <ErrorAlert error={create.error} />
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <NativeSelect
            label={t('manual.channel')}
            data-autofocus
            data={RECORD_CHANNELS.map((c) => ({ value: c, label: t(recordChannelKey(c)) }))}
            {...form.getInputProps('channel')}
          />
          <TextInput
            type="datetime-local"
            label={t('manual.arrivedAt')}
            description={t('manual.arrivedAtHint')}
            maw={260}
            {...form.getInputProps('arrivedAt')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('manual.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
