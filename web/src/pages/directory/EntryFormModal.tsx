// Creating a directory entry or changing one: organisation and service names, description, phones,
// address, hours, regions served, taxonomy terms, ages and cost, contacts, what to say when
// referring, the date it was last checked. Checked here first (messages by the fields, focus on
// the first); what the server refuses is shown above the form.
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef, useState } from 'react';
import { isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { LoadFailed, Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { useCreateEntry, useEntry, useRegions, useTerms, useUpdateEntry } from '../../directory/directoryApi';
import { termTree } from '../../directory/termTree';
import type { Entry } from '../../directory/types';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { ServiceSummary } from '../../types';
import { initialValues, MAX, toInput, validation, type Values } from './entryFormValues';
import { PhoneFields } from './PhoneFields';
import { ScheduleFields } from './ScheduleFields';
import { serverFieldErrors } from './serverFieldErrors';

interface Props {
  opened: boolean;
  /** Null: a new entry. */
  entryId: string | null;
  /** The services whose directory the user may add to (a new entry's owner is chosen among them). */
  services: ServiceSummary[];
  onClose: () => void;
}

export function EntryFormModal({ opened, entryId, services, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={entryId ? t('directory.form.editTitle') : t('directory.form.createTitle')} size="xl">
      {entryId ? (
        <ExistingEntryForm key={entryId} id={entryId} services={services} onClose={onClose} />
      ) : (
        <EntryForm services={services} onClose={onClose} />
      )}
    </Modal>
  );
}

type FormProps = Omit<Props, 'opened' | 'entryId'> & { entry?: Entry; onReload?: () => void };

/**
 * The form starts from the entry as read when the dialog opened (not an older cached copy) and
 * saves against that version; after someone else's change it starts again from the new one only
 * when asked, so nobody overwrites a change they have not seen.
 */
function ExistingEntryForm({ id, ...props }: FormProps & { id: string }) {
  const entry = useEntry(id);
  const [readAfter, setReadAfter] = useState(Date.now);
  if (entry.isError) return <LoadFailed error={entry.error} onRetry={() => void entry.refetch()} />;
  if (!entry.data || entry.dataUpdatedAt < readAfter) return <Loading />;
  const reload = () => {
    setReadAfter(Date.now());
    void entry.refetch();
  };
  return <EntryForm key={readAfter} {...props} entry={entry.data} onReload={reload} />;
}

function EntryForm({ entry: current, services, onClose, onReload }: FormProps) {
  // The version being edited: a background refetch must not change what the save is based on.
  const [entry] = useState(current);
  const t = useT();
  const [locale] = useLocale();
  const create = useCreateEntry();
  const update = useUpdateEntry();
  const mutation = entry ? update : create;
  const terms = useTerms();
  const regions = useRegions();
  const form = useForm<Values>({ initialValues: initialValues(entry, services[0]?.id ?? ''), validate: validation(t) });
  const formRef = useRef<HTMLFormElement>(null);

  const tree = useMemo(() => termTree(terms.data ?? [], locale), [terms.data, locale]);
  const depth = useMemo(() => new Map(tree.map((n) => [n.id, n.depth])), [tree]);
  const regionOptions = useMemo(() => {
    const list = (regions.data ?? []).map((r) => ({ value: r.code, label: r.name }));
    return list.some((r) => r.value === 'RU') ? list : [{ value: 'RU', label: t('directory.wholeCountry') }, ...list];
  }, [regions.data, t]);

  const submit = (values: Values) => {
    const input = toInput(values);
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: entry ? t('common.saved') : t('directory.form.created') });
      onClose();
    };
    // The server's objections go on their fields too, and the first of them gets the focus.
    const onError = (err: Error) => {
      const errors = serverFieldErrors(err, t);
      if (Object.keys(errors).length === 0) return;
      form.setErrors(errors);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    };
    if (entry) update.mutate({ id: entry.id, updatedAt: entry.updatedAt, input }, { onSuccess, onError });
    else create.mutate({ tenantId: values.tenantId, input }, { onSuccess, onError });
  };

  return (
    <>
      {isApiError(mutation.error, 'directory.conflict') ? (
        <Alert color="red" variant="light" role="alert" mb="md">
          <Stack gap="xs" align="flex-start">
            <span>{mutation.error.message}</span>
            <Button size="xs" variant="default" onClick={onReload}>
              {t('directory.form.reload')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <ErrorAlert error={mutation.error} />
      )}
      <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)} aria-label={t('directory.form.label')}>
        <Stack>
          {!entry && services.length > 1 && (
            <NativeSelect
              label={t('directory.form.owner')}
              required
              data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
              {...form.getInputProps('tenantId')}
            />
          )}
          <TextInput
            label={t('directory.form.name')}
            description={t('directory.form.nameHint')}
            required
            data-autofocus
            maxLength={MAX.name}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('directory.form.organizationName')}
            maxLength={MAX.organizationName}
            {...form.getInputProps('organizationName')}
          />
          <Textarea label={t('directory.form.description')} autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
          <PhoneFields form={form} />
          <Fieldset legend={t('directory.address')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('directory.form.address1')} maxLength={MAX.address1} {...form.getInputProps('address1')} />
              <TextInput label={t('directory.form.city')} maxLength={MAX.city} {...form.getInputProps('city')} />
              <TextInput label={t('directory.form.addressRegion')} maxLength={MAX.region} {...form.getInputProps('region')} />
              <TextInput label={t('directory.form.postalCode')} maxLength={MAX.postalCode} {...form.getInputProps('postalCode')} />
            </SimpleGrid>
          </Fieldset>
          <ScheduleFields form={form} />
          <Fieldset legend={t('directory.form.whom')}>
            <Stack>
              <MultiSelect
                label={t('directory.areas')}
                description={t('directory.form.areasHint')}
                data={regionOptions}
                searchable
                nothingFoundMessage={t('directory.form.noMatch')}
                {...form.getInputProps('areaCodes')}
              />
              <MultiSelect
                label={t('directory.form.terms')}
                data={tree.map((n) => ({ value: n.id, label: n.name }))}
                renderOption={({ option }) => <span style={{ paddingLeft: (depth.get(option.value) ?? 0) * 14 }}>{option.label}</span>}
                searchable
                nothingFoundMessage={t('directory.form.noMatch')}
                maxDropdownHeight={320}
                {...form.getInputProps('termIds')}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <TextInput label={t('directory.form.minAge')} inputMode="numeric" maxLength={2} {...form.getInputProps('minAge')} />
                <TextInput label={t('directory.form.maxAge')} inputMode="numeric" maxLength={2} {...form.getInputProps('maxAge')} />
              </SimpleGrid>
              <Checkbox label={t('directory.free')} {...form.getInputProps('free', { type: 'checkbox' })} />
              {!form.values.free && (
                <Textarea label={t('directory.form.fees')} autosize minRows={1} {...form.getInputProps('feesDescription')} />
              )}
            </Stack>
          </Fieldset>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="email" label={t('directory.form.email')} maxLength={MAX.email} {...form.getInputProps('email')} />
            <TextInput
              type="url"
              label={t('directory.form.url')}
              placeholder="https://"
              maxLength={MAX.url}
              {...form.getInputProps('url')}
            />
          </SimpleGrid>
          <Textarea
            label={t('directory.referralNote')}
            description={t('directory.form.referralNoteHint')}
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('referralNote')}
          />
          <TextInput type="date" label={t('directory.assuredDate')} w={200} {...form.getInputProps('assuredDate')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {entry ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
