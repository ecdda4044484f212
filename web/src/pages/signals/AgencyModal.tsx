// Adding or changing an agency of the service's list: its name, what kind of agency it is (the
// report counts signals by it) and how to reach it (e-mail sends the letter by itself; fax, phone
// and post are sent by a person). The server has the last word on each field: a 400 request.invalid
// names the fields it refused (`/email`, …), and each is shown by its field in the UI language.
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { isApiError } from '../../api';
import { useAddAgency, useChangeAgency, type AgencyInput } from '../../cases/agenciesApi';
import { agencyTypeKey } from '../../cases/labels';
import { AGENCY_TYPES, type Agency, type AgencyType } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';

interface Props {
  opened: boolean;
  serviceId: string;
  /** Null: a new one. */
  agency: Agency | null;
  onClose: () => void;
}

type Values = { name: string; agencyType: AgencyType | ''; email: string; fax: string; phone: string };
type Field = keyof Values;

/** What the server says of a field it refused, in the UI language. */
const FIELD_PROBLEM: Record<Field, MessageKey> = {
  name: 'agencies.nameInvalid',
  agencyType: 'agencies.typeRequired',
  email: 'agencies.emailInvalid',
  fax: 'agencies.contactInvalid',
  phone: 'agencies.contactInvalid',
};

/** The fields named by a 400 request.invalid (`{ issues: [{ path: '/email' }] }`); empty for any other error. */
function refusedFields(err: unknown): Field[] {
  if (!isApiError(err, 'request.invalid') || !Array.isArray(err.details?.issues)) return [];
  const paths = (err.details.issues as { path?: unknown }[]).map((i) => (typeof i.path === 'string' ? i.path.replace(/^\//, '') : ''));
  return paths.filter((p): p is Field => p in FIELD_PROBLEM);
}

export function AgencyModal({ opened, serviceId, agency, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={agency ? t('agencies.editTitle') : t('agencies.addTitle')} size="lg">
      {opened && <AgencyForm key={agency?.id ?? 'new'} serviceId={serviceId} agency={agency} onClose={onClose} />}
    </Modal>
  );
}

function AgencyForm({ serviceId, agency, onClose }: Omit<Props, 'opened'>) {
  const t = useT();
  const add = useAddAgency(serviceId);
  const change = useChangeAgency(serviceId);
  const mutation = agency ? change : add;
  const limit = (max: number, required: boolean) => (v: string) =>
    required && !v.trim() ? t('common.required') : v.trim().length > max ? t('common.tooLong', { max }) : null;
  const form = useForm<Values>({
    initialValues: {
      name: agency?.name ?? '',
      agencyType: agency?.agencyType ?? '',
      email: agency?.email ?? '',
      fax: agency?.fax ?? '',
      phone: agency?.phone ?? '',
    },
    validate: {
      name: limit(300, true),
      agencyType: (v) => (v ? null : t('agencies.typeRequired')),
      // Only the obvious here; the server checks the address itself and says so by the field.
      email: (v) => (v.trim() && !/^[^\s@]+@[^\s@]+$/.test(v.trim()) ? t('agencies.emailInvalid') : limit(200, false)(v)),
      fax: limit(50, false),
      phone: limit(50, false),
    },
  });

  // The server's refusals by field, shown where the person fixes them (and the keyboard put on the first).
  const refused = refusedFields(mutation.error);
  useEffect(() => {
    if (refused.length === 0) return;
    form.setErrors(Object.fromEntries(refused.map((f) => [f, t(FIELD_PROBLEM[f])])));
    focusFirstInvalid(null, null);
    // Only a new refusal sets the errors, not the person's typing since.
  }, [mutation.error]);

  const submit = (v: Values) => {
    const optional = (s: string) => (s.trim() ? s.trim() : null);
    const input: AgencyInput = {
      name: v.name.trim(),
      agencyType: v.agencyType as AgencyType,
      email: optional(v.email),
      fax: optional(v.fax),
      phone: optional(v.phone),
    };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('common.saved') });
      onClose();
    };
    if (agency) change.mutate({ id: agency.id, version: agency.version, ...input }, { onSuccess });
    else add.mutate(input, { onSuccess });
  };

  return (
    <>
      {refused.length === 0 && <ErrorAlert error={mutation.error} />}
      <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          <TextInput label={t('agencies.name')} required maxLength={300} data-autofocus {...form.getInputProps('name')} />
          <NativeSelect
            label={t('agencies.type')}
            description={t('agencies.typeHint')}
            required
            data={[{ value: '', label: t('signal.choose') }, ...AGENCY_TYPES.map((a) => ({ value: a, label: t(agencyTypeKey(a)) }))]}
            {...form.getInputProps('agencyType')}
          />
          <TextInput
            label={t('agencies.email')}
            description={t('agencies.emailHint')}
            inputMode="email"
            maxLength={200}
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('agencies.fax')} type="tel" maxLength={50} autoComplete="off" {...form.getInputProps('fax')} />
            <TextInput label={t('agencies.phone')} type="tel" maxLength={50} autoComplete="off" {...form.getInputProps('phone')} />
          </SimpleGrid>
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
