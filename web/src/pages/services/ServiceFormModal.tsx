// Creating a service or changing one: names, region, time zone, routing and web-chat settings, and
// (for an existing service) its phone numbers: saved first, so a number another service has stops the
// save with nothing changed, the server's message on the field.
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef } from 'react';
import { isApiError } from '../../api';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { focusLater } from '../../components/focusLater';
import { LoadFailed, Loading } from '../../components/LoadState';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { Service } from '../../types';
import { useSetVoiceNumbers, useVoiceNumbers } from '../../voice/calls/callsApi';
import { ChatSettingsFields } from './ChatSettingsFields';
import { RoutingSettingsFields } from './RoutingSettingsFields';
import { initialValues, sameNumbers, toInput, validation, voiceNumberLines, type Values } from './serviceFormValues';
import { useCreateService, useUpdateService } from './servicesApi';
import { timeZoneOptions } from './timeZones';
import { VOICE_NUMBERS_FIELD_ID, VoiceNumbersFields } from './VoiceNumbersFields';

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

/** An existing service's form waits for its phone numbers (they are part of what is edited). */
function ServiceForm({ service, onClose }: Omit<Props, 'opened'>) {
  const numbers = useVoiceNumbers(service?.id);
  if (!service) return <ServiceFormBody onClose={onClose} />;
  if (numbers.isError) return <LoadFailed error={numbers.error} onRetry={() => void numbers.refetch()} />;
  if (!numbers.data) return <Loading />;
  return <ServiceFormBody service={service} numbers={numbers.data} onClose={onClose} />;
}

function ServiceFormBody({ service, numbers = [], onClose }: Omit<Props, 'opened'> & { numbers?: string[] }) {
  const t = useT();
  const [locale] = useLocale();
  const me = useSession();
  const create = useCreateService();
  const update = useUpdateService();
  const setNumbers = useSetVoiceNumbers(service?.id ?? '');
  const mutation = service ? update : create;
  const zones = useMemo(() => timeZoneOptions(locale, service?.timeZone), [locale, service?.timeZone]);
  // Only the deployment admin sets the numbers the trunk dials; a head sees them.
  const numbersEditable = me.permissions.manageServices;

  const form = useForm<Values>({
    initialValues: initialValues(service, numbers),
    validate: validation(t),
  });
  // Shown after the numbers loaded, the form came too late for the dialog's own first focus.
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!formRef.current?.contains(document.activeElement)) nameRef.current?.focus();
  }, []);

  /** Saves changed numbers; false (and the reason on the field, or above the form) if refused. */
  const saveNumbers = async (values: Values): Promise<boolean> => {
    const wanted = voiceNumberLines(values.voiceNumbers);
    if (!service || !numbersEditable || sameNumbers(wanted, numbers)) return true;
    try {
      await setNumbers.mutateAsync(wanted);
      return true;
    } catch (err) {
      if (isApiError(err, 'voice.number_taken')) {
        form.setFieldError('voiceNumbers', err.message);
        focusLater(VOICE_NUMBERS_FIELD_ID);
      }
      return false;
    }
  };

  const submit = async (values: Values) => {
    update.reset();
    if (!(await saveNumbers(values))) return;
    const input = toInput(values);
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: service ? t('common.saved') : t('services.created') });
      onClose();
    };
    if (service) update.mutate({ id: service.id, version: service.version, ...input }, { onSuccess });
    else create.mutate(input, { onSuccess });
  };
  const numbersError = isApiError(setNumbers.error, 'voice.number_taken') ? null : setNumbers.error;

  return (
    <>
      <ErrorAlert error={mutation.error ?? numbersError} />
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => void submit(values), focusFirstInvalid)}>
        <Stack>
          <TextInput ref={nameRef} label={t('services.name')} required data-autofocus {...form.getInputProps('name')} />
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
          {service && <VoiceNumbersFields form={form} numbers={numbers} editable={numbersEditable} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending || setNumbers.isPending}>
              {service ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
