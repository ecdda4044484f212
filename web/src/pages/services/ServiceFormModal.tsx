// Creating a service or changing one: names, region, time zone, contact-distribution settings.
import { Button, Fieldset, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useLocale, useT, type Translate } from '../../i18n/I18nProvider';
import type { Service } from '../../types';
import { useCreateService, useUpdateService, type ServiceInput } from './servicesApi';
import { timeZoneOptions } from './timeZones';

const LIMITS = {
  offerTimeoutSeconds: { min: 5, max: 120, fallback: 20 },
  wrapUpSeconds: { min: 0, max: 1800, fallback: 60 },
  chatCapacity: { min: 1, max: 10, fallback: 2 },
} as const;
type SettingName = keyof typeof LIMITS;

interface Values {
  name: string;
  shortName: string;
  region: string;
  timeZone: string;
  settings: Record<SettingName, number | string>;
}

const text = (t: Translate, max: number, required: boolean) => (v: string) =>
  !v.trim() ? (required ? t('common.required') : null) : v.trim().length > max ? t('common.tooLong', { max }) : null;

const whole = (t: Translate, name: SettingName) => (v: number | string) => {
  const { min, max } = LIMITS[name];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : t('common.numberRange', { min, max });
};

function initialValues(service?: Service): Values {
  const setting = (name: SettingName) => service?.settings[name] ?? LIMITS[name].fallback;
  return {
    name: service?.name ?? '',
    shortName: service?.shortName ?? '',
    region: service?.region ?? '',
    timeZone: service?.timeZone ?? 'Europe/Moscow',
    settings: {
      offerTimeoutSeconds: setting('offerTimeoutSeconds'),
      wrapUpSeconds: setting('wrapUpSeconds'),
      chatCapacity: setting('chatCapacity'),
    },
  };
}

function toInput(v: Values): ServiceInput {
  return {
    name: v.name.trim(),
    shortName: v.shortName.trim() || null,
    region: v.region.trim(),
    timeZone: v.timeZone,
    settings: {
      offerTimeoutSeconds: Number(v.settings.offerTimeoutSeconds),
      wrapUpSeconds: Number(v.settings.wrapUpSeconds),
      chatCapacity: Number(v.settings.chatCapacity),
    },
  };
}

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
    validate: {
      name: text(t, 300, true),
      shortName: text(t, 100, false),
      region: text(t, 200, true),
      settings: {
        offerTimeoutSeconds: whole(t, 'offerTimeoutSeconds'),
        wrapUpSeconds: whole(t, 'wrapUpSeconds'),
        chatCapacity: whole(t, 'chatCapacity'),
      },
    },
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

  const number = (name: SettingName, label: string) => (
    <NumberInput
      label={label}
      min={LIMITS[name].min}
      max={LIMITS[name].max}
      allowDecimal={false}
      allowNegative={false}
      required
      {...form.getInputProps(`settings.${name}`)}
    />
  );

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
          <Fieldset legend={t('services.settings')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {number('offerTimeoutSeconds', t('services.offerTimeout'))}
              {number('wrapUpSeconds', t('services.wrapUp'))}
              {number('chatCapacity', t('services.chatCapacity'))}
            </SimpleGrid>
          </Fieldset>
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
