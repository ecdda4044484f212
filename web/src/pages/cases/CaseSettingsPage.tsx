// «Настройки случаев и сигналов» of a service (`/cases/settings/:serviceId`): how long cases and
// signals keep their personal data, the working days agencies have to acknowledge a signal and report
// its outcome, and the service's additions to the production calendar. Its head changes them; its
// counsellors and supervisors see them read-only (policy.viewCaseSettings / editCaseSettings);
// anyone else gets «not found». The server checks the ranges and says which field it refused.
import { Anchor, Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../auth/SessionContext';
import {
  canEditCaseSettings,
  canViewCaseSettings,
  useCaseSettings,
  useSaveCaseSettings,
  type CaseSettings,
} from '../../cases/caseSettingsApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { LoadFailed, Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';
import { PageTitle } from '../../layout/PageTitle';
import { NotFoundPage } from '../NotFoundPage';
import { CalendarDaysField, useFormatCalendarDay } from './CalendarDaysField';
import { NUMBER_RANGE, refusedFields, type NumberField } from './caseSettingsErrors';

type Values = Record<NumberField, number | ''> & { extraDaysOff: string[]; extraWorkingDays: string[]; updatedAt: string | null };

export function CaseSettingsPage() {
  const { serviceId = '' } = useParams();
  const me = useSession();
  if (!canViewCaseSettings(me, serviceId)) return <NotFoundPage />;
  return <SettingsLoader key={serviceId} serviceId={serviceId} editable={canEditCaseSettings(me, serviceId)} />;
}

function SettingsLoader({ serviceId, editable }: { serviceId: string; editable: boolean }) {
  const t = useT();
  const me = useSession();
  const service = me.services.find((s) => s.id === serviceId);
  const settings = useCaseSettings(serviceId);
  return (
    <>
      <PageTitle documentTitle={t('caseSettings.title')}>
        {t('caseSettings.titleOf', { service: service ? serviceLabel(service) : '' })}
      </PageTitle>
      <Anchor component={Link} to="/cases" mb="md" display="inline-block">
        {t('case.toList')}
      </Anchor>
      {settings.isPending && <Loading />}
      {settings.isError && <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />}
      {/* Loaded once: a save puts the server's answer into the form, a refetch does not overwrite typing. */}
      {settings.data && <SettingsForm serviceId={serviceId} saved={settings.data} editable={editable} />}
    </>
  );
}

function SettingsForm({ serviceId, saved, editable }: { serviceId: string; saved: CaseSettings; editable: boolean }) {
  const t = useT();
  const formatDay = useFormatCalendarDay();
  const save = useSaveCaseSettings(serviceId);
  const form = useForm<Values>({
    initialValues: saved,
    validate: Object.fromEntries(
      (Object.keys(NUMBER_RANGE) as NumberField[]).map((f) => [f, (v: number | '') => (v === '' ? t('common.required') : null)]),
    ),
  });

  // The server's refusals by field (the keyboard put on the first); anything else is an alert.
  const refused = refusedFields(save.error, save.variables, t, formatDay);
  const byField = Object.keys(refused).length > 0;
  // Focus waits for the render that marks the fields: looked for any earlier, they are not invalid yet.
  const focusOnErrors = useRef(false);
  useEffect(() => {
    if (!byField) return;
    form.setErrors(refused);
    focusOnErrors.current = true;
    // Only a new refusal sets the errors, not the person's changes since.
  }, [save.error]);
  useEffect(() => {
    if (!focusOnErrors.current) return;
    focusOnErrors.current = false;
    focusFirstInvalid(null, null);
  }, [form.errors]);

  const submit = (v: Values) => {
    const input: CaseSettings = {
      retentionConsentDays: Number(v.retentionConsentDays),
      retentionDutyDays: Number(v.retentionDutyDays),
      retentionSignalDays: Number(v.retentionSignalDays),
      ackWorkingDays: Number(v.ackWorkingDays),
      outcomeWorkingDays: Number(v.outcomeWorkingDays),
      extraDaysOff: v.extraDaysOff,
      extraWorkingDays: v.extraWorkingDays,
      // The version the form was made from: a save over someone else's later one is refused (409).
      updatedAt: v.updatedAt,
    };
    save.mutate(input, {
      onSuccess: (result) => {
        form.setValues(result);
        form.resetDirty(result);
        notifications.show({ color: 'teal', message: t('common.saved') });
      },
    });
  };

  const number = (name: NumberField, label: MessageKey, hint: MessageKey) => (
    <NumberInput
      label={t(label)}
      description={t(hint)}
      allowDecimal={false}
      allowNegative={false}
      // The ranges are said in the hint and checked by the server, which names the field it refuses.
      clampBehavior="none"
      hideControls
      required={editable}
      readOnly={!editable}
      {...form.getInputProps(name)}
    />
  );

  // A change to one list settles a conflict between the two, so both lose the server's complaint.
  const setDays = (list: 'extraDaysOff' | 'extraWorkingDays', days: string[]) => {
    form.setFieldValue(list, days);
    form.clearFieldError('extraDaysOff');
    form.clearFieldError('extraWorkingDays');
  };
  const listError = (list: 'extraDaysOff' | 'extraWorkingDays') => {
    const e = form.errors[list];
    return typeof e === 'string' ? e : null;
  };

  return (
    <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
      <Stack gap="lg" maw={900}>
        {!editable && <Text>{t('caseSettings.readOnly')}</Text>}
        {!byField && <ErrorAlert error={save.error} />}
        <Fieldset legend={t('caseSettings.retention')}>
          <Stack gap="sm">
            <Text size="sm">{t('caseSettings.retentionText')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {number('retentionConsentDays', 'caseSettings.retentionConsent', 'caseSettings.retentionHint')}
              {number('retentionDutyDays', 'caseSettings.retentionDuty', 'caseSettings.retentionHint')}
              {number('retentionSignalDays', 'caseSettings.retentionSignal', 'caseSettings.retentionHint')}
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend={t('caseSettings.deadlines')}>
          <Stack gap="sm">
            <Text size="sm">{t('caseSettings.deadlinesText')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {number('ackWorkingDays', 'caseSettings.ack', 'caseSettings.ackHint')}
              {number('outcomeWorkingDays', 'caseSettings.outcome', 'caseSettings.outcomeHint')}
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend={t('caseSettings.calendar')}>
          <Stack gap="sm">
            <Text size="sm">{t('caseSettings.calendarText')}</Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <CalendarDaysField
                legend="caseSettings.daysOff"
                hint="caseSettings.daysOffHint"
                newLabel="caseSettings.newDayOff"
                addLabel="caseSettings.addDayOff"
                days={form.values.extraDaysOff}
                onChange={(days) => setDays('extraDaysOff', days)}
                error={listError('extraDaysOff')}
                editable={editable}
                testId="days-off"
              />
              <CalendarDaysField
                legend="caseSettings.workingDays"
                hint="caseSettings.workingDaysHint"
                newLabel="caseSettings.newWorkingDay"
                addLabel="caseSettings.addWorkingDay"
                days={form.values.extraWorkingDays}
                onChange={(days) => setDays('extraWorkingDays', days)}
                error={listError('extraWorkingDays')}
                editable={editable}
                testId="working-days"
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        {editable && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
