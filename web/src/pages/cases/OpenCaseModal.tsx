// «Открыть случай» from a contact record: on what ground — the consent of the child or caller (who
// gave it, when, what for) or the service's legal duty (imminent risk, abuse) — and the child's data
// known so far. The case opens and its page is shown.
import { Button, Checkbox, Group, Modal, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { useOpenCase } from '../../cases/casesApi';
import { consentByKey, dutyKey, purposeKey } from '../../cases/labels';
import { CONSENT_BY, CONSENT_PURPOSES, DUTY_REASONS, type ConsentBy, type ConsentPurpose, type DutyReason } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';
import { ageError, emptyPersonal, PersonalFields, toPersonal, type PersonalValues } from './PersonalFields';

interface Values {
  kind: 'consent' | 'legal_duty';
  by: ConsentBy | '';
  at: string;
  purposes: ConsentPurpose[];
  reason: DutyReason | '';
  personal: PersonalValues;
}

/** Now as a datetime-local input shows it (local time, to the minute). */
function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export const casePath = (id: string) => `/cases/${id}`;

export function OpenCaseModal({ opened, recordId, onClose }: { opened: boolean; recordId: string; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('case.open')} size="lg">
      {opened && <OpenCaseForm recordId={recordId} onClose={onClose} />}
    </Modal>
  );
}

function OpenCaseForm({ recordId, onClose }: { recordId: string; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const open = useOpenCase();
  const form = useForm<Values>({
    initialValues: { kind: 'consent', by: '', at: localNow(), purposes: [], reason: '', personal: emptyPersonal() },
    validate: {
      by: (v, all) => (all.kind === 'consent' && !v ? t('case.consentByRequired') : null),
      at: (v, all) => {
        if (all.kind !== 'consent') return null;
        if (!v) return t('case.consentAtRequired');
        const at = Date.parse(v);
        return Number.isNaN(at) || at > Date.now() + 60_000 ? t('case.consentAtInvalid') : null;
      },
      purposes: (v, all) => (all.kind === 'consent' && v.length === 0 ? t('case.purposesRequired') : null),
      reason: (v, all) => (all.kind === 'legal_duty' && !v ? t('case.dutyRequired') : null),
      personal: { childAge: (v) => ageError(v, t('common.numberRange', { min: 0, max: 25 })) },
    },
  });
  const v = form.values;

  const submit = (values: Values) =>
    open.mutate(
      {
        recordId,
        basis:
          values.kind === 'consent'
            ? { kind: 'consent', by: values.by, at: new Date(values.at).toISOString(), purposes: values.purposes }
            : { kind: 'legal_duty', reason: values.reason as DutyReason },
        personal: toPersonal(values.personal),
      },
      {
        onSuccess: (c) => {
          onClose();
          void navigate(casePath(c.id));
        },
      },
    );

  return (
    <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
      <Stack>
        <Text size="sm">{t('case.openText')}</Text>
        <ErrorAlert error={open.error} />
        <Radio.Group label={t('case.basis')} required {...form.getInputProps('kind')}>
          <Stack gap="xs" mt="xs">
            <Radio value="consent" label={t('case.basis.consent')} data-autofocus />
            <Radio value="legal_duty" label={t('case.basis.legal_duty')} />
          </Stack>
        </Radio.Group>
        {v.kind === 'consent' ? (
          <>
            <Radio.Group label={t('case.consentBy')} required {...form.getInputProps('by')}>
              <Group gap="lg" mt="xs">
                {CONSENT_BY.map((b) => (
                  <Radio key={b} value={b} label={t(consentByKey(b))} />
                ))}
              </Group>
            </Radio.Group>
            <TextInput type="datetime-local" label={t('case.consentAt')} required maw={260} {...form.getInputProps('at')} />
            <Checkbox.Group label={t('case.purposes')} required {...form.getInputProps('purposes')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {CONSENT_PURPOSES.map((p) => (
                  <Checkbox key={p} value={p} label={t(purposeKey(p))} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </>
        ) : (
          <Radio.Group label={t('case.dutyReason')} description={t('case.dutyHint')} required {...form.getInputProps('reason')}>
            <Stack gap="xs" mt="xs">
              {DUTY_REASONS.map((r) => (
                <Radio key={r} value={r} label={t(dutyKey(r))} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Title order={3} size="h5">
          {t('case.personal')}
        </Title>
        <Text size="sm" className="muted">
          {t('case.personalHint')}
        </Text>
        <PersonalFields form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={open.isPending}>
            {t('case.openSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
