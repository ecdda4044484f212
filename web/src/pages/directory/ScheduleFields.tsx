// Opening hours: rows of days with a time span (or «Круглосуточно»), and the days the service is
// closed (holidays). Times are the service's local time; no rows means the hours are unknown.
import { Button, Checkbox, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useT } from '../../i18n/I18nProvider';
import { WEEKDAYS, type Weekday } from '../../directory/types';
import { blankSchedule, type Values } from './entryFormValues';

export function ScheduleFields({ form }: { form: UseFormReturnType<Values> }) {
  const t = useT();
  return (
    <Fieldset legend={t('directory.hours')}>
      <Stack gap="md">
        {form.values.schedules.length === 0 && <Text size="sm">{t('directory.form.hoursUnknown')}</Text>}
        {form.values.schedules.map((row, index) => (
          <Stack key={form.key(`schedules.${index}`)} gap="xs" role="group" aria-label={t('directory.form.scheduleRow', { n: index + 1 })}>
            <Checkbox.Group
              label={t('directory.form.days')}
              required
              {...form.getInputProps(`schedules.${index}.days`)}
              onChange={(days) => form.setFieldValue(`schedules.${index}.days`, days as Weekday[])}
            >
              <Group gap="sm" mt={4}>
                {WEEKDAYS.map((d) => (
                  <Checkbox key={d} value={d} label={t(`directory.day.${d}`)} aria-label={t(`directory.dayFull.${d}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Group align="flex-start">
              <Checkbox
                mt={30}
                label={t('directory.form.allDay')}
                {...form.getInputProps(`schedules.${index}.allDay`, { type: 'checkbox' })}
              />
              {!row.allDay && (
                <>
                  <TextInput
                    type="time"
                    label={t('directory.form.opens')}
                    required
                    w={130}
                    {...form.getInputProps(`schedules.${index}.opens`)}
                  />
                  <TextInput
                    type="time"
                    label={t('directory.form.closes')}
                    required
                    w={130}
                    {...form.getInputProps(`schedules.${index}.closes`)}
                  />
                </>
              )}
              <Button
                variant="subtle"
                color="red"
                mt={26}
                onClick={() => form.removeListItem('schedules', index)}
                aria-label={t('directory.form.scheduleRemove', { n: index + 1 })}
              >
                {t('directory.form.remove')}
              </Button>
            </Group>
          </Stack>
        ))}
        <Group>
          <Button variant="light" size="compact-md" onClick={() => form.insertListItem('schedules', blankSchedule())}>
            {t('directory.form.scheduleAdd')}
          </Button>
        </Group>
        <Stack gap="xs" role="group" aria-label={t('directory.form.closedDates')}>
          <Text size="sm" fw={500}>
            {t('directory.form.closedDates')}
          </Text>
          {form.values.closedDates.map((_, index) => (
            <Group key={form.key(`closedDates.${index}`)} align="flex-end">
              <TextInput
                type="date"
                label={t('directory.form.closedDate', { n: index + 1 })}
                w={180}
                {...form.getInputProps(`closedDates.${index}`)}
              />
              <Button
                variant="subtle"
                color="red"
                onClick={() => form.removeListItem('closedDates', index)}
                aria-label={t('directory.form.closedDateRemove', { n: index + 1 })}
              >
                {t('directory.form.remove')}
              </Button>
            </Group>
          ))}
          {form.errors.closedDates && (
            <Text size="sm" c="red.9" role="alert">
              {form.errors.closedDates}
            </Text>
          )}
          <Group>
            <Button variant="light" size="compact-md" onClick={() => form.insertListItem('closedDates', '')}>
              {t('directory.form.closedDateAdd')}
            </Button>
          </Group>
        </Stack>
      </Stack>
    </Fieldset>
  );
}
