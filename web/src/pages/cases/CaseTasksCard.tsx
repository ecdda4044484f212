// Follow-up tasks with due dates: ticked when done (and unticked), a new task with its date. An
// undone task past its date is marked overdue.
import { Badge, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useAddTask, useSetTaskDone } from '../../cases/casesApi';
import type { CaseView } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocale, useT } from '../../i18n/I18nProvider';

const TITLE_MAX = 500;
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

export function useFormatDay(): (day: string) => string {
  const [locale] = useLocale();
  const format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
  return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
}

export function CaseTasksCard({ view, editable }: { view: CaseView; editable: boolean }) {
  const t = useT();
  const formatDay = useFormatDay();
  const add = useAddTask(view.id);
  const setDone = useSetTaskDone(view.id);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [missing, setMissing] = useState(false);
  const now = today();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-tasks">
      <Title order={2} size="h4" id="case-tasks" mb="sm">
        {t('case.tasks')}
      </Title>
      <ErrorAlert error={setDone.error} />
      {view.tasks.length === 0 ? (
        <Text size="sm">{t('case.tasksEmpty')}</Text>
      ) : (
        <Stack gap="xs" component="ul" className="plain-list" aria-labelledby="case-tasks">
          {view.tasks.map((task) => (
            <li key={task.id}>
              <Group gap="sm" wrap="nowrap">
                <Checkbox
                  checked={task.doneAt !== null}
                  disabled={!editable || setDone.isPending}
                  onChange={(e) => setDone.mutate({ taskId: task.id, done: e.currentTarget.checked })}
                  label={`${task.title} — ${t('case.taskDue', { day: formatDay(task.dueOn) })}`}
                />
                {task.doneAt === null && task.dueOn < now && (
                  <Badge color="red" variant="light">
                    {t('case.taskOverdue')}
                  </Badge>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {editable && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim() || !dueOn) return setMissing(true);
            add.mutate(
              { title: title.trim(), dueOn },
              {
                onSuccess: () => {
                  setTitle('');
                  setDueOn('');
                },
              },
            );
          }}
        >
          <Stack gap="xs" mt="md">
            <ErrorAlert error={add.error} />
            <Group align="flex-start" gap="sm">
              <TextInput
                label={t('case.newTask')}
                maxLength={TITLE_MAX}
                value={title}
                onChange={(e) => {
                  setTitle(e.currentTarget.value);
                  setMissing(false);
                }}
                error={missing && !title.trim() ? t('common.required') : null}
                style={{ flex: 1, minWidth: 200 }}
              />
              <TextInput
                type="date"
                label={t('case.taskDueOn')}
                value={dueOn}
                onChange={(e) => {
                  setDueOn(e.currentTarget.value);
                  setMissing(false);
                }}
                error={missing && !dueOn ? t('common.required') : null}
              />
            </Group>
            <Group>
              <Button type="submit" variant="light" loading={add.isPending}>
                {t('case.addTask')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
