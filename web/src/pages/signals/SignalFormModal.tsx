// «Сигнал» from a case or straight from a contact record: to which agencies (the directory's and the
// service's list), what happened, the reason and urgency, and the child's data the letter carries
// (only as far as the agency needs: from a case, chosen among its fields; from a record, typed here).
// Saved as a draft; it goes out after a supervisor's approval, or at once by its author when the
// danger is imminent.
import { Button, Group, Modal, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { SyntheticEvent } from 'react';
import { useNavigate } from 'react-router';
import { signalReasonKey, urgencyKey } from '../../cases/labels';
import { useAddresseeChoices, useDraftSignal, type DraftInput } from '../../cases/signalsApi';
import { SIGNAL_REASONS, URGENCIES, type CaseView, type PersonalField, type SignalReason, type Urgency } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { ageError, emptyPersonal, toPersonal, type PersonalValues } from '../cases/PersonalFields';
import { AddresseePicker, toAddressees, type Chosen } from './AddresseePicker';
import { CaseChildFields, RecordChildFields } from './SignalChildFields';
import { signalPath } from './signalPaths';

const FACTS_MAX = 10_000;
/** What the letter usually needs to find the child; the school and family only when chosen. */
const DEFAULT_FIELDS: PersonalField[] = ['childName', 'childAge', 'address'];

/** Where a signal is raised from: a case (its data about the child are chosen) or a contact record (they are typed). */
export type SignalSource = { kind: 'case'; view: CaseView } | { kind: 'record'; recordId: string; serviceId: string };

interface Values {
  chosen: Chosen;
  urgency: Urgency;
  reason: SignalReason | '';
  facts: string;
  fields: string[];
  personal: PersonalValues;
}

export function SignalFormModal({ opened, source, onClose }: { opened: boolean; source: SignalSource; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('signal.formTitle')} size="xl">
      {opened && <SignalForm source={source} onClose={onClose} />}
    </Modal>
  );
}

function SignalForm({ source, onClose }: { source: SignalSource; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const choices = useAddresseeChoices(source.kind === 'case' ? source.view.serviceId : source.serviceId);
  const draft = useDraftSignal(source.kind === 'case' ? { caseId: source.view.id } : { recordId: source.recordId });
  const form = useForm<Values>({
    initialValues: {
      chosen: {},
      urgency: 'normal',
      reason: '',
      facts: '',
      fields: source.kind === 'case' ? DEFAULT_FIELDS.filter((f) => source.view.filledFields.includes(f)) : [],
      personal: emptyPersonal(),
    },
    validate: {
      chosen: (v) => (Object.keys(v).length === 0 ? t('signal.addresseesRequired') : null),
      reason: (v) => (v ? null : t('signal.reasonRequired')),
      facts: (v) => (v.trim() ? null : t('signal.factsRequired')),
      personal: { childAge: (v) => ageError(v, t('common.numberRange', { min: 0, max: 25 })) },
    },
  });

  // The addressees are a group of checkboxes without an invalid state of their own: the keyboard goes to the first.
  const focusProblem = (errors: Record<string, unknown>, values: Values, event?: SyntheticEvent<HTMLFormElement>) => {
    if (errors.chosen) requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-field="addressees"] input')?.focus());
    else focusFirstInvalid(errors, values, event);
  };

  const submit = (v: Values) => {
    const input: DraftInput = {
      urgency: v.urgency,
      reason: v.reason as SignalReason,
      facts: v.facts.trim(),
      addressees: toAddressees(v.chosen),
    };
    if (source.kind === 'case') input.childFields = v.fields as PersonalField[];
    else {
      const child = toPersonal(v.personal);
      if (Object.keys(child).length > 0) input.child = child;
    }
    draft.mutate(input, {
      onSuccess: (s) => {
        onClose();
        void navigate(signalPath(s.id));
      },
    });
  };

  if (choices.isPending) return <Loading />;
  return (
    <form noValidate onSubmit={form.onSubmit(submit, focusProblem)}>
      <Stack>
        <Text size="sm">{t('signal.formText')}</Text>
        <ErrorAlert error={choices.error ?? draft.error} />
        <div data-field="addressees">
          {choices.data && (
            <AddresseePicker
              choices={choices.data}
              value={form.values.chosen}
              onChange={(next) => form.setFieldValue('chosen', next)}
              error={typeof form.errors.chosen === 'string' ? form.errors.chosen : null}
            />
          )}
        </div>
        <Radio.Group label={t('signal.urgencyLabel')} required description={t('signal.urgencyHint')} {...form.getInputProps('urgency')}>
          <Group gap="lg" mt="xs">
            {URGENCIES.map((u) => (
              <Radio key={u} value={u} label={t(urgencyKey(u))} />
            ))}
          </Group>
        </Radio.Group>
        <NativeSelect
          label={t('signal.reasonLabel')}
          required
          data={[{ value: '', label: t('signal.choose') }, ...SIGNAL_REASONS.map((r) => ({ value: r, label: t(signalReasonKey(r)) }))]}
          {...form.getInputProps('reason')}
        />
        <Textarea
          label={t('signal.facts')}
          description={t('signal.factsHint')}
          required
          autosize
          minRows={4}
          maxRows={16}
          maxLength={FACTS_MAX}
          {...form.getInputProps('facts')}
        />
        {source.kind === 'case' ? <CaseChildFields form={form} filled={source.view.filledFields} /> : <RecordChildFields form={form} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={draft.isPending}>
            {t('signal.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
