// «Сигнал» from a case: to which agencies (the directory's and the service's list), what happened,
// the reason and urgency, and which of the case's data about the child the letter carries (only as
// far as the agency needs). Saved as a draft; it goes out after a supervisor's approval, or at once
// by its author when the danger is imminent.
import { Button, Checkbox, Group, Modal, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { fieldKey, signalReasonKey, urgencyKey } from '../../cases/labels';
import { useAddresseeChoices, useDraftSignal } from '../../cases/signalsApi';
import { SIGNAL_REASONS, URGENCIES, type CaseView, type PersonalField, type SignalReason, type Urgency } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { AddresseePicker, toAddressees, type Chosen } from './AddresseePicker';
import { signalPath } from './signalPaths';

const FACTS_MAX = 10_000;
/** What the letter usually needs to find the child; the school and family only when chosen. */
const DEFAULT_FIELDS: PersonalField[] = ['childName', 'childAge', 'address'];

export function SignalFormModal({ opened, view, onClose }: { opened: boolean; view: CaseView; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('signal.formTitle')} size="xl">
      {opened && <SignalForm view={view} onClose={onClose} />}
    </Modal>
  );
}

function SignalForm({ view, onClose }: { view: CaseView; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const choices = useAddresseeChoices(view.serviceId);
  const draft = useDraftSignal({ caseId: view.id });
  const [chosen, setChosen] = useState<Chosen>({});
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [reason, setReason] = useState<SignalReason | ''>('');
  const [facts, setFacts] = useState('');
  const [fields, setFields] = useState<string[]>(DEFAULT_FIELDS.filter((f) => view.filledFields.includes(f)));
  const [tried, setTried] = useState(false);
  const problems = {
    addressees: Object.keys(chosen).length === 0 ? t('signal.addresseesRequired') : null,
    reason: reason ? null : t('signal.reasonRequired'),
    facts: facts.trim() ? null : t('signal.factsRequired'),
  };

  const submit = () => {
    setTried(true);
    const first = (Object.keys(problems) as (keyof typeof problems)[]).find((k) => problems[k]);
    if (first) {
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>(`[data-field="${first}"] input, [data-field="${first}"] textarea, [data-field="${first}"] select`)
          ?.focus(),
      );
      return;
    }
    draft.mutate(
      {
        urgency,
        reason: reason as SignalReason,
        facts: facts.trim(),
        addressees: toAddressees(chosen),
        childFields: fields as PersonalField[],
      },
      {
        onSuccess: (s) => {
          onClose();
          void navigate(signalPath(s.id));
        },
      },
    );
  };

  if (choices.isPending) return <Loading />;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        <Text size="sm">{t('signal.formText')}</Text>
        <ErrorAlert error={choices.error ?? draft.error} />
        <div data-field="addressees">
          {choices.data && (
            <AddresseePicker choices={choices.data} value={chosen} onChange={setChosen} error={tried ? problems.addressees : null} />
          )}
        </div>
        <Radio.Group
          label={t('signal.urgencyLabel')}
          required
          value={urgency}
          onChange={(v) => setUrgency(v as Urgency)}
          description={t('signal.urgencyHint')}
        >
          <Group gap="lg" mt="xs">
            {URGENCIES.map((u) => (
              <Radio key={u} value={u} label={t(urgencyKey(u))} />
            ))}
          </Group>
        </Radio.Group>
        <div data-field="reason">
          <NativeSelect
            label={t('signal.reasonLabel')}
            required
            data={[{ value: '', label: t('signal.choose') }, ...SIGNAL_REASONS.map((r) => ({ value: r, label: t(signalReasonKey(r)) }))]}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as SignalReason | '')}
            error={tried ? problems.reason : null}
          />
        </div>
        <div data-field="facts">
          <Textarea
            label={t('signal.facts')}
            description={t('signal.factsHint')}
            required
            autosize
            minRows={4}
            maxRows={16}
            maxLength={FACTS_MAX}
            value={facts}
            onChange={(e) => setFacts(e.currentTarget.value)}
            error={tried ? problems.facts : null}
          />
        </div>
        <Checkbox.Group
          label={t('signal.childFields')}
          description={view.filledFields.length === 0 ? t('signal.childFieldsNone') : t('signal.childFieldsHint')}
          value={fields}
          onChange={setFields}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {view.filledFields.map((f) => (
              <Checkbox key={f} value={f} label={t(fieldKey(f))} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
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
