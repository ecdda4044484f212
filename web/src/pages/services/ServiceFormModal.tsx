// Creating a service or changing one: names, region, time zone, routing and web-chat settings.
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { Service } from '../../types';
import { ChatSettingsFields } from './ChatSettingsFields';
import { RoutingSettingsFields } from './RoutingSettingsFields';
import { initialValues, toInput, validation, type Values } from './serviceFormValues';
import { useCreateService, useUpdateService } from './servicesApi';
import { timeZoneOptions } from './timeZones';

interface Props {
  opened: boolean;
  /** Undefined → create a service; otherwise edit this one. */
  service?: Service | undefined;
  onClose: () => void;
}

export function ServiceFormModal({ opened, service, onClose }: Props) {
  const t = useT();
  const title = service ? t('services.editTitle', { name: service.shortName ?? service.name }) : t('services.createTitle');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <ServiceForm key={service?.id ?? 'new'} service={service} onClose={onClose} />
    </Modal>
  );
}

function ServiceForm({ service, onClose }: Omit<Props, 'opened'>) {
  const t = useT();
  const [locale] = useLocale();
  const create = useCreateService();
  const update = useUpdateService();
  const mutation = service ? update : create;
  const zones = useMemo(() => timeZoneOptions(locale, service?.timeZone), [locale, service?.timeZone]);

  const form = useForm<Values>({
    initialValues: initialValues(service),
    validate: validation(t),
  });

  const submit = (values: Values) => {
    const input = toInput(values);
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: service ? t('common.saved') : t('services.created') });
      onClose();
    };
    if (service) update.mutate({ id: service.id, version: service.version, ...input }, { onSuccess });
    else create.mutate(input, { onSuccess });
  };

  return (
    <>
      <ErrorAlert error={mutation.error} />
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <TextInput label={t('services.name')} required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('services.shortName')} {...form.getInputProps('shortName')} />
            <TextInput label={t('services.region')} required {...form.getInputProps('region')} />
          </SimpleGrid>
          <NativeSelect label={t('services.timeZone')} required {...form.getInputProps('timeZone')}>
            <optgroup label={t('services.timeZoneRussia')}>
              {zones.russia.map((z) => (
                <option key={z.value} value={z.value}>
                  {z.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('services.timeZoneOther')}>
              {zones.other.map((z) => (
                <option key={z.value} value={z.value}>
                  {z.label}
                </option>
              ))}
            </optgroup>
          </NativeSelect>
          <RoutingSettingsFields form={form} serviceId={service?.id} />
          <ChatSettingsFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {service ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
