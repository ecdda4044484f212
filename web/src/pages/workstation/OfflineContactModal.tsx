// Recording an offline contact: a call or message taken on a line not connected to Doverie. It
// opens in the author's hands and goes through the same engine and records as any other contact.
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { focusLater } from '../../components/focusLater';
import { useT } from '../../i18n/I18nProvider';
import { channelKey, riskKey } from '../../routing/labels';
import { useRecordOfflineContact } from '../../routing/routingApi';
import { CHANNELS, RISKS, type Channel, type Risk } from '../../routing/types';

const LANGUAGE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})?$/;

interface Props {
  opened: boolean;
  serviceId: string;
  onClose: () => void;
}

export function OfflineContactModal({ opened, serviceId, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('offline.title')}>
      {opened && <OfflineContactForm serviceId={serviceId} onClose={onClose} />}
    </Modal>
  );
}

function OfflineContactForm({ serviceId, onClose }: { serviceId: string; onClose: () => void }) {
  const t = useT();
  const record = useRecordOfflineContact();
  const form = useForm<{ channel: Channel; risk: Risk; language: string }>({
    initialValues: { channel: 'voice', risk: 'unknown', language: '' },
    validate: {
      language: (v) => (v.trim() && (v.trim().length > 10 || !LANGUAGE.test(v.trim())) ? t('offline.languageInvalid') : null),
    },
  });

  const submit = (v: typeof form.values) =>
    record.mutate(
      { serviceId, channel: v.channel, risk: v.risk, language: v.language.trim().toLowerCase() || null },
      {
        onSuccess: ({ contact }) => {
          notifications.show({ color: 'teal', message: t('offline.done') });
          onClose();
          setTimeout(() => focusLater(`contact-${contact.id}`, 'ws-contacts'), 100);
        },
      },
    );

  return (
    <>
      <Text size="sm" mb="md">
        {t('offline.text')}
      </Text>
      <ErrorAlert error={record.error} />
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('routing.channel')}
              data-autofocus
              data={CHANNELS.map((c) => ({ value: c, label: t(channelKey(c)) }))}
              {...form.getInputProps('channel')}
            />
            <NativeSelect
              label={t('offline.risk')}
              data={RISKS.map((r) => ({ value: r, label: t(riskKey(r)) }))}
              {...form.getInputProps('risk')}
            />
          </SimpleGrid>
          <TextInput label={t('offline.language')} description={t('offline.languageHint')} maw={240} {...form.getInputProps('language')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('offline.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
