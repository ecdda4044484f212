// One of the service's lists of calendar additions (extra days off, extra working days): the days in
// order, each with its weekday and a button to remove it, and a date field to add one. Enter in the
// date field adds the day rather than saving the whole form. The list's error (the server's, or a
// day repeated) is on the date field, where the keyboard is put to fix it.
import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';

interface Props {
  legend: MessageKey;
  hint: MessageKey;
  newLabel: MessageKey;
  addLabel: MessageKey;
  days: string[];
  onChange: (days: string[]) => void;
  error: string | null;
  editable: boolean;
  /** Marks the list in the page (tests and styles): 'days-off', 'working-days'. */
  testId: string;
}

/** A day in words with its weekday (a working Saturday is the point of one of the lists). */
export function useFormatCalendarDay(): (day: string) => string {
  const [locale] = useLocale();
  const format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
}

export function CalendarDaysField({ legend, hint, newLabel, addLabel, days, onChange, error, editable, testId }: Props) {
  const t = useT();
  const formatDay = useFormatCalendarDay();
  const [day, setDay] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const add = () => {
    if (!day) return setProblem('caseSettings.dayRequired');
    if (days.includes(day)) return setProblem('caseSettings.dayRepeated');
    onChange([...days, day].sort());
    setDay('');
    setProblem(null);
  };

  return (
    <Fieldset legend={t(legend)} data-testid={testId}>
      <Stack gap="sm">
        <Text size="sm">{t(hint)}</Text>
        {days.length === 0 ? (
          <Text size="sm">{t('caseSettings.noDays')}</Text>
        ) : (
          <Stack gap={4} component="ul" className="plain-list" aria-label={t(legend)}>
            {days.map((d) => (
              <li key={d} data-day={d}>
                <Group gap="sm" wrap="nowrap">
                  <Text component="span" miw={180}>
                    {formatDay(d)}
                  </Text>
                  {editable && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={t('caseSettings.removeDay', { day: formatDay(d) })}
                      onClick={() => onChange(days.filter((x) => x !== d))}
                    >
                      {t('caseSettings.remove')}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
        )}
        {editable && (
          <Stack gap="xs" align="flex-start">
            <TextInput
              type="date"
              label={t(newLabel)}
              min="1970-01-01"
              max="2999-12-31"
              value={day}
              onChange={(e) => {
                setDay(e.currentTarget.value);
                setProblem(null);
              }}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                add();
              }}
              error={problem ? t(problem) : error}
            />
            <Button variant="light" onClick={add}>
              {t(addLabel)}
            </Button>
          </Stack>
        )}
      </Stack>
    </Fieldset>
  );
}
